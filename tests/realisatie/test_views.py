from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gebruikers.choices import Rol
from opnieuwthuis.nederlands import getal
from realisatie.models import Huisvesting, Opvangstand, Upload
from tests.factories import GemeenteFactory, TaakstellingFactory

from .conftest import momentopname

JAN = date(2017, 1, 1)
INVOER = reverse("realisatie:huisvesting_edit")

SCHRIJFPAGINAS = [
    ("realisatie:huisvesting_edit", {}),
    ("realisatie:upload_add", {}),
    ("realisatie:upload_list", {}),
    ("realisatie:opvangstand_list", {}),
    ("realisatie:wijziging_list", {}),
]


@pytest.mark.parametrize("naam, kwargs", SCHRIJFPAGINAS)
@pytest.mark.parametrize("rol", [Rol.GEMEENTE, Rol.PROVINCIE, Rol.MINISTERIE])
def test_only_platform_staff_reach_the_write_pages(rol_clients, rol, naam, kwargs):
    assert rol_clients[rol].get(reverse(naam, kwargs=kwargs)).status_code == 403
    assert rol_clients[rol].post(reverse(naam, kwargs=kwargs), {}).status_code == 403


@pytest.mark.parametrize("naam, kwargs", SCHRIJFPAGINAS)
def test_platform_staff_reach_the_write_pages_and_anonymous_users_log_in(
    rol_clients, client, naam, kwargs
):
    assert rol_clients[Rol.PLATFORM].get(reverse(naam, kwargs=kwargs)).status_code == 200
    antwoord = client.get(reverse(naam, kwargs=kwargs))
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"]


def test_history_page_is_scoped(rol_clients, gebruikers):
    eigen = gebruikers[Rol.GEMEENTE].gemeente
    ander = gebruikers["andere_gemeente"].gemeente
    url = lambda g: reverse("realisatie:gemeente_history", args=[g.code])  # noqa: E731
    assert rol_clients[Rol.GEMEENTE].get(url(eigen)).status_code == 200
    assert rol_clients[Rol.GEMEENTE].get(url(ander)).status_code == 404
    assert rol_clients[Rol.PROVINCIE].get(url(eigen)).status_code == 200
    assert rol_clients[Rol.PROVINCIE].get(url(ander)).status_code == 404  # other province
    assert rol_clients[Rol.MINISTERIE].get(url(ander)).status_code == 200
    assert rol_clients[Rol.PLATFORM].get(url(ander)).status_code == 200


def _velden(antwoord) -> dict:
    """The form as the browser would send it back: every input's current value."""
    import re

    html = antwoord.content.decode()
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        naam = re.search(r'name="([^"]+)"', tag)
        if not naam or 'type="file"' in tag:
            continue
        waarde = re.search(r'value="([^"]*)"', tag)
        data[naam.group(1)] = waarde.group(1) if waarde else ""
    return data


def test_grid_accepts_dutch_numbers_and_saves_only_changed_rows(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    a, b = gebruikers[Rol.GEMEENTE].gemeente, gebruikers["andere_gemeente"].gemeente
    Huisvesting.objects.filter(gemeente=a, maand=JAN).update(personen=5282)
    antwoord = c.get(INVOER, {"maand": "2017-01"})
    assert antwoord.status_code == 200
    assert 'value="5.282"' in antwoord.content.decode()
    data = _velden(antwoord)
    data[f"g{b.id}-personen"] = "1.234"
    geschiedenis = Huisvesting.history.count()
    antwoord = c.post(INVOER, data)
    assert antwoord.status_code == 302
    assert Huisvesting.objects.get(gemeente=b, maand=JAN).personen == 1234
    assert Huisvesting.objects.get(gemeente=a, maand=JAN).personen == 5282
    assert Huisvesting.history.count() == geschiedenis + 1
    laatste = Huisvesting.history.order_by("-history_id").first()
    assert laatste.history_user == gebruikers[Rol.PLATFORM]
    assert "Opgeslagen: 0 nieuw, 1 gewijzigd" in c.get(antwoord["Location"]).content.decode()


def test_grid_shows_the_stand_after_the_month(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    a = gebruikers[Rol.GEMEENTE].gemeente
    voor = c.get(INVOER, {"maand": "2017-01"}).context["rijen"][0]
    assert voor["gemeente"] == a
    data = _velden(c.get(INVOER, {"maand": "2017-01"}))
    data[f"g{a.id}-personen"] = str(voor["initial"]["personen"] + 7)
    c.post(INVOER, data)
    na = c.get(INVOER, {"maand": "2017-01"}).context["rijen"][0]
    assert na["stand_na"] == voor["stand_na"] - 7
    assert na["stand_voor"] == voor["stand_voor"]


def test_invalid_input_lists_errors_at_the_top_linking_to_fields(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    a, b = gebruikers[Rol.GEMEENTE].gemeente, gebruikers["andere_gemeente"].gemeente
    data = _velden(c.get(INVOER, {"maand": "2017-01"}))
    data[f"g{a.id}-personen"] = "1,5"
    data[f"g{b.id}-personen"] = "10"
    data[f"g{b.id}-alleenstaanden"] = "4"
    data[f"g{b.id}-gezinsleden"] = "4"
    data[f"g{b.id}-nareizigers"] = "4"
    voor = momentopname()
    antwoord = c.post(INVOER, data)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.index('id="foutoverzicht"') < html.index("<table")
    assert f'href="#id_g{a.id}-personen"' in html
    assert f'href="#id_g{b.id}-personen"' in html
    assert "tellen op tot 12, niet tot 10" in html
    assert f'aria-describedby="id_g{a.id}-personen-fout melding-{a.code}"' in html
    assert 'class="cijfers invoertabel" id="invoertabel"' in html  # errors: breakdown open
    assert 'aria-invalid="true"' in html
    assert momentopname() == voor


def test_two_concurrent_edits_the_second_gets_a_conflict_with_both_values(gebruikers, rol_clients):
    from gebruikers.services import gebruiker_opslaan

    collega = Client()
    collega.force_login(gebruiker_opslaan(naam="collega", rol=Rol.PLATFORM))
    ik = rol_clients[Rol.PLATFORM]
    a, b = gebruikers[Rol.GEMEENTE].gemeente, gebruikers["andere_gemeente"].gemeente
    mijn_scherm = _velden(ik.get(INVOER, {"maand": "2017-01"}))
    haar_scherm = _velden(collega.get(INVOER, {"maand": "2017-01"}))

    haar_scherm[f"g{a.id}-personen"] = "41"
    assert collega.post(INVOER, haar_scherm).status_code == 302

    mijn_scherm[f"g{a.id}-personen"] = "42"
    mijn_scherm[f"g{b.id}-personen"] = "3"
    antwoord = ik.post(INVOER, mijn_scherm)
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "collega" in html and "Opgeslagen is 41" in html and "uw invoer 42" in html
    assert Huisvesting.objects.get(gemeente=a, maand=JAN).personen == 41
    assert Huisvesting.objects.get(gemeente=b, maand=JAN).personen != 3  # nothing saved
    # The screen now holds the stored value and its version, and keeps my other row: saving
    # again stores my other row and leaves the first user's figure alone.
    opnieuw = _velden(antwoord)
    assert opnieuw[f"g{a.id}-personen"] == "41"
    assert opnieuw[f"g{b.id}-personen"] == "3"
    assert ik.post(INVOER, opnieuw).status_code == 302
    assert Huisvesting.objects.get(gemeente=a, maand=JAN).personen == 41
    assert Huisvesting.objects.get(gemeente=b, maand=JAN).personen == 3


def test_unchanged_screen_saves_nothing(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    voor = momentopname()
    antwoord = c.post(INVOER, _velden(c.get(INVOER, {"maand": "2017-01"})))
    assert antwoord.status_code == 302
    assert momentopname() == voor


def test_grid_query_count_does_not_grow_with_municipalities(
    gebruikers, rol_clients, django_assert_max_num_queries
):
    c = rol_clients[Rol.PLATFORM]
    c.get(INVOER, {"maand": "2017-01"})  # warm the stand cache
    with django_assert_max_num_queries(100) as klein:
        c.get(INVOER, {"maand": "2017-01"})
    aantal = len(klein.captured_queries)
    gemeente = gebruikers[Rol.GEMEENTE].gemeente
    halfjaar = gemeente.taakstellingen.order_by("-halfjaar__jaar").first().halfjaar
    for i in range(40):
        g = GemeenteFactory(code=f"GM{i + 500:04d}", provincie=gemeente.provincie)
        TaakstellingFactory(gemeente=g, halfjaar=halfjaar, personen=20)
        Huisvesting.objects.create(gemeente=g, maand=JAN, personen=i)
    c.get(INVOER, {"maand": "2017-01"})
    with django_assert_max_num_queries(aantal):
        antwoord = c.get(INVOER, {"maand": "2017-01"})
    assert len(antwoord.context["rijen"]) == 42


BESTAND = b"gemeentecode;maand;personen\nGM0001;2017-01;8\nGM0002;2017-02;5\n"


def test_upload_preview_confirm_and_undo_through_the_pages(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    antwoord = c.post(
        reverse("realisatie:upload_add"), {"bestand": SimpleUploadedFile("feb.csv", BESTAND)}
    )
    assert antwoord.status_code == 302
    upload = Upload.objects.get()
    pagina = c.get(antwoord["Location"]).content.decode()
    assert "gewijzigd" in pagina and "nieuw" in pagina and "Bevestigen" in pagina
    assert not Huisvesting.objects.filter(maand=date(2017, 2, 1)).exists()

    c.post(reverse("realisatie:upload_toepassen", args=[upload.pk]))
    assert Huisvesting.objects.get(gemeente__code="GM0002", maand=date(2017, 2, 1)).personen == 5
    # Confirming twice does nothing more.
    antwoord = c.post(reverse("realisatie:upload_toepassen", args=[upload.pk]), follow=True)
    assert "al toegepast" in antwoord.content.decode()

    log = c.get(reverse("realisatie:upload_list")).content.decode()
    assert "feb.csv" in log and upload.checksum[:12] in log and "platform" in log

    c.post(reverse("realisatie:upload_terugdraaien", args=[upload.pk]))
    assert not Huisvesting.objects.filter(maand=date(2017, 2, 1)).exists()
    wijzigingen = c.get(reverse("realisatie:wijziging_list")).content.decode()
    assert f"Upload {upload.pk} teruggedraaid" in wijzigingen
    assert "verwijderd" in wijzigingen


def test_same_file_again_is_marked_and_changes_nothing(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    for _ in range(2):
        antwoord = c.post(
            reverse("realisatie:upload_add"), {"bestand": SimpleUploadedFile("feb.csv", BESTAND)}
        )
        voor = momentopname()
        pagina = c.get(antwoord["Location"]).content.decode()
        c.post(antwoord["Location"].replace("/uploads/", "/uploads/") + "bevestigen/")
    assert "al eerder toegepast" in pagina and "Opnieuw toepassen verandert niets" in pagina
    na = momentopname()
    for tabel in ("realisatie.Huisvesting", "realisatie.HistoricalHuisvesting"):
        assert na[tabel] == voor[tabel]


def test_reception_figures_screen(rol_clients):
    c = rol_clients[Rol.PLATFORM]
    antwoord = c.post(
        reverse("realisatie:opvangstand_list"),
        {"peildatum": "1-2-2017", "wachtend": "9.900", "alleenstaand": "5.445"},
    )
    assert antwoord.status_code == 302
    stand = Opvangstand.objects.get()
    assert (stand.peildatum, stand.wachtend, stand.alleenstaand) == (date(2017, 2, 1), 9900, 5445)
    assert "1 februari 2017" in c.get(antwoord["Location"]).content.decode()
    antwoord = c.post(
        reverse("realisatie:opvangstand_list"),
        {"peildatum": "1-2-2017", "wachtend": "100", "alleenstaand": "200"},
    )
    assert antwoord.status_code == 400
    assert 'href="#id_alleenstaand"' in antwoord.content.decode()
    assert Opvangstand.objects.get().wachtend == 9900


def test_history_page_shows_who_when_old_and_new(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    a = gebruikers[Rol.GEMEENTE].gemeente
    for waarde in ("5", "1.500"):
        data = _velden(c.get(INVOER, {"maand": "2017-02"}))
        data[f"g{a.id}-personen"] = waarde
        assert c.post(INVOER, data).status_code == 302
    antwoord = rol_clients[Rol.GEMEENTE].get(reverse("realisatie:gemeente_history", args=[a.code]))
    wijziging = antwoord.context["wijzigingen"][0]
    assert (wijziging.wie, wijziging.soort, wijziging.oud, wijziging.nieuw) == (
        "platform",
        "gewijzigd",
        "5",
        "1.500",
    )
    assert "Invoerscherm maandcijfers" in antwoord.content.decode()


def test_admin_edit_leaves_history_with_the_user_and_delete_is_refused(gebruikers, rol_clients):
    from gebruikers.services import gebruiker_opslaan

    beheerder = gebruiker_opslaan(naam="beheerder", rol=Rol.PLATFORM)
    beheerder.is_superuser = True
    beheerder.save()
    c = Client()
    c.force_login(beheerder)
    h = Huisvesting.objects.filter(alleenstaanden__isnull=True, maand="2017-01-01").first()
    antwoord = c.post(
        reverse("admin:realisatie_huisvesting_change", args=[h.pk]),
        {
            "gemeente": h.gemeente_id,
            "maand": h.maand.isoformat(),
            "personen": "77",
            "alleenstaanden": "",
            "gezinsleden": "",
            "nareizigers": "",
        },
    )
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    h.refresh_from_db()
    assert h.personen == 77 and h.versie == 2
    records = list(Huisvesting.history.filter(id=h.pk).order_by("history_id"))
    assert records[-1].history_type == "~" and records[-1].history_user == beheerder
    # Removing a figure goes through the grid (an empty total), never a bare delete.
    verwijderd = c.post(
        reverse("admin:realisatie_huisvesting_delete", args=[h.pk]), {"post": "yes"}
    )
    assert verwijderd.status_code == 403
    assert Huisvesting.objects.filter(pk=h.pk).exists()


def test_the_grid_of_many_municipalities_can_be_saved(gebruikers, rol_clients):
    """390 municipalities post ~3.500 fields; Django's default limit is 1.000."""
    c = rol_clients[Rol.PLATFORM]
    gemeente = gebruikers[Rol.GEMEENTE].gemeente
    halfjaar = gemeente.taakstellingen.order_by("-halfjaar__jaar").first().halfjaar
    for i in range(150):
        g = GemeenteFactory(code=f"GM{i + 500:04d}", provincie=gemeente.provincie)
        TaakstellingFactory(gemeente=g, halfjaar=halfjaar, personen=20)
    data = _velden(c.get(INVOER, {"maand": "2017-01"}))
    assert len(data) > 1000
    data[f"g{gemeente.id}-personen"] = "1.001"
    assert c.post(INVOER, data).status_code == 302
    assert Huisvesting.objects.get(gemeente=gemeente, maand=JAN).personen == 1001


def test_grid_folds_the_breakdown_away_and_sums_what_is_stored(gebruikers, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    a, b = gebruikers[Rol.GEMEENTE].gemeente, gebruikers["andere_gemeente"].gemeente
    Huisvesting.objects.filter(gemeente=a, maand=JAN).update(personen=5282)
    Huisvesting.objects.filter(gemeente=b, maand=JAN).delete()
    antwoord = c.get(INVOER, {"maand": "2017-01"})
    html = antwoord.content.decode()
    assert 'class="cijfers invoertabel uitsplitsing-dicht"' in html
    assert html.count('<td class="uitsplitsing">') == 3 * 2  # still in the form, only folded
    s = antwoord.context["samenvatting"]
    assert (s["ingevuld"], s["gemeenten"], s["personen"]) == (1, 2, "5.282")
    assert '<span data-som="personen">5.282</span>' in html
    rijen = antwoord.context["rijen"]
    assert s["stand"] == getal(sum(r["stand_na"] for r in rijen))
    assert f'data-stand="{rijen[0]["stand_voor"]}"' in html
    open_ = c.get(INVOER, {"maand": "2017-01", "uitsplitsing": "1"}).content.decode()
    assert 'class="cijfers invoertabel" id="invoertabel"' in open_
    assert '<input type="hidden" name="uitsplitsing" value="1">' in open_
