"""The one scoping mechanism: restrict(user) on every scoped queryset."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gebruikers.choices import Rol
from realisatie.models import Huisvesting
from taakstelling.models import Gemeente, Provincie, Taakstelling
from tests.factories import maak_gebruikers, maak_wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    gemeenten = maak_wereld(4, provincies=2)  # GM0001, GM0003 in PV20; GM0002, GM0004 in PV21
    return gemeenten, maak_gebruikers()


def codes(queryset, pad="code"):
    return sorted(set(queryset.values_list(pad, flat=True)))


def test_each_role_sees_its_scope(wereld):
    _, g = wereld
    assert codes(Gemeente.objects.restrict(g[Rol.PLATFORM])) == [
        "GM0001",
        "GM0002",
        "GM0003",
        "GM0004",
    ]
    assert codes(Gemeente.objects.restrict(g[Rol.MINISTERIE])) == [
        "GM0001",
        "GM0002",
        "GM0003",
        "GM0004",
    ]
    assert codes(Gemeente.objects.restrict(g[Rol.PROVINCIE])) == ["GM0001", "GM0003"]
    assert codes(Gemeente.objects.restrict(g[Rol.GEMEENTE])) == ["GM0001"]
    assert codes(Gemeente.objects.restrict(g["andere_gemeente"])) == ["GM0002"]
    assert codes(Gemeente.objects.restrict(AnonymousUser())) == []


def test_related_models_follow_their_path_to_the_municipality(wereld):
    _, g = wereld
    assert codes(Huisvesting.objects.restrict(g[Rol.GEMEENTE]), "gemeente__code") == ["GM0001"]
    assert codes(Taakstelling.objects.restrict(g[Rol.PROVINCIE]), "gemeente__code") == [
        "GM0001",
        "GM0003",
    ]


def test_a_user_without_role_or_inactive_sees_nothing(wereld):
    _, g = wereld
    ambtenaar = g[Rol.GEMEENTE]
    ambtenaar.is_active = False
    assert not Gemeente.objects.restrict(ambtenaar).exists()
    from gebruikers.models import Gebruiker

    zonder = Gebruiker.objects.create(username="zonder-rol")
    assert not Gemeente.objects.restrict(zonder).exists()
    assert Provincie.objects.count() == 2


# --- Every other question about a scope is answered by the same rules ------------------------


def test_every_role_has_a_rule():
    from opnieuwthuis import scoping

    assert set(scoping.ZICHT) == set(Rol.values)
    assert scoping.SCHRIJFT_CIJFERS <= set(Rol.values)
    assert scoping.SCHRIJFT_TOEZICHT <= set(Rol.values)
    assert scoping.LEVERT_AAN <= set(Rol.values) and scoping.ALLEEN_AANLEVEREN <= set(Rol.values)


def test_cache_key_and_description_follow_the_scope(wereld):
    from opnieuwthuis.scoping import scope_omschrijving, scope_sleutel

    gemeenten, g = wereld
    eigen = gemeenten[0]
    assert scope_sleutel(g[Rol.MINISTERIE]) == "alles"
    assert scope_sleutel(g[Rol.PLATFORM]) == "alles-voorlopig"  # also provisional peildata
    assert scope_sleutel(g[Rol.PROVINCIE]) == f"pv{eigen.provincie_id}"
    assert scope_sleutel(g[Rol.GEMEENTE]) == f"gm{eigen.id}"
    assert scope_sleutel(g["andere_gemeente"]) != scope_sleutel(g[Rol.GEMEENTE])
    assert scope_sleutel(AnonymousUser()) == "niets"
    assert scope_omschrijving(g[Rol.MINISTERIE]) == {"soort": "alles", "naam": "Nederland"}
    assert scope_omschrijving(g[Rol.PROVINCIE]) == {
        "soort": "provincie",
        "naam": eigen.provincie.naam,
    }
    assert scope_omschrijving(g[Rol.GEMEENTE]) == {
        "soort": "gemeente",
        "naam": eigen.naam,
        "code": eigen.code,
    }


def test_a_stand_is_narrowed_as_the_queryset_is(wereld):
    from datetime import date

    from opnieuwthuis.scoping import beperk_stand
    from rapportage import selectors

    _, g = wereld
    stand = selectors.stand_op(date(2017, 2, 1))
    for naam, gebruiker in g.items():
        beperkt = beperk_stand(stand, gebruiker)
        assert sorted(beperkt.gemeenten["gemeentecode"]) == codes(
            Gemeente.objects.restrict(gebruiker)
        ), naam
        assert beperkt.landelijk == stand.landelijk  # the published aggregate stays
        assert set(beperkt.verloop["gemeente_id"]) <= set(beperkt.gemeenten["gemeente_id"])
    assert list(beperk_stand(stand, g[Rol.PROVINCIE]).provincies["provinciecode"]) == ["PV20"]
    assert beperk_stand(stand, g[Rol.GEMEENTE]).provincies.empty
    assert len(beperk_stand(stand, g[Rol.MINISTERIE]).provincies) == 2
    assert beperk_stand(stand, AnonymousUser()).gemeenten.empty


def test_who_writes(wereld):
    from opnieuwthuis.scoping import mag_wijzigen, schrijft_toezicht

    _, g = wereld
    assert [n for n, u in g.items() if mag_wijzigen(u)] == [Rol.PLATFORM]
    assert [n for n, u in g.items() if schrijft_toezicht(u)] == [Rol.PLATFORM, Rol.PROVINCIE]
    assert not mag_wijzigen(AnonymousUser()) and not schrijft_toezicht(AnonymousUser())


def test_the_public_sees_every_municipality_only_where_a_route_allows_it(wereld, settings):
    """``restrict`` never lets an anonymous user through (the pages); ``zichtbaar_voor`` does
    while the published figures are public (the API), and not when they are switched off."""
    from opnieuwthuis.scoping import mag_aanleveren, mag_lezen, publiek

    _, g = wereld
    anoniem = AnonymousUser()
    assert codes(Gemeente.objects.zichtbaar_voor(anoniem)) == [
        "GM0001",
        "GM0002",
        "GM0003",
        "GM0004",
    ]
    assert codes(Gemeente.objects.zichtbaar_voor(g[Rol.GEMEENTE])) == ["GM0001"]
    assert publiek(anoniem) and mag_lezen(anoniem) and not mag_aanleveren(anoniem)
    settings.OPNIEUWTHUIS_OPENBAAR = False
    assert codes(Gemeente.objects.zichtbaar_voor(anoniem)) == []
    assert not publiek(anoniem) and not mag_lezen(anoniem)


def test_the_delivery_account_delivers_and_reads_nothing(wereld):
    from gebruikers.services import gebruiker_opslaan
    from opnieuwthuis.scoping import mag_aanleveren, mag_lezen

    _, g = wereld
    coa = gebruiker_opslaan(naam="coa", rol=Rol.AANLEVERING)
    assert mag_aanleveren(coa) and not mag_lezen(coa) and not coa.mag_wijzigen
    assert codes(Gemeente.objects.restrict(coa)) == []
    assert mag_aanleveren(g[Rol.PLATFORM]) and not mag_aanleveren(g[Rol.MINISTERIE])
