"""Imports of municipalities, quotas and opening balances: the good path and every bad input."""

import pytest

from opnieuwthuis.bestanden import ImportFouten, lees_tabel
from taakstelling.models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling
from taakstelling.services import (
    GEMEENTEN_KOLOMMEN,
    STARTSTAND_KOLOMMEN,
    TAAKSTELLING_KOLOMMEN,
    gemeenten_importeren,
    startstanden_importeren,
    taakstellingen_importeren,
)

pytestmark = pytest.mark.django_db

GEMEENTEN = (
    "gemeentecode,gemeentenaam,provincie,provinciecode,inwoners_1jan2016\n"
    "GM0363,Amsterdam,Noord-Holland,PV27,834713\n"
    "GM0088,Schiermonnikoog,Fryslân,PV21,935\n"
)


def tabel(tekst: str, kolommen, optioneel=()):
    return lees_tabel(tekst.encode("utf-8"), kolommen, optioneel)


def laad_gemeenten():
    from datetime import date

    return gemeenten_importeren(
        tabel=tabel(GEMEENTEN, GEMEENTEN_KOLOMMEN, ["inwoners*"]), peildatum=date(2016, 1, 1)
    )


def aantallen():
    return tuple(
        m.objects.count()
        for m in (Provincie, Gemeente, Inwonertal, Halfjaar, Taakstelling, Startstand)
    )


def test_municipalities_are_created_then_updated():
    assert str(laad_gemeenten()) == "2 nieuw, 0 gewijzigd, 0 ongewijzigd"
    assert Gemeente.objects.get(code="GM0363").provincie.code == "PV27"
    assert Inwonertal.objects.get(gemeente__code="GM0088").aantal == 935
    assert str(laad_gemeenten()) == "0 nieuw, 0 gewijzigd, 2 ongewijzigd"


def test_quotas_create_the_half_year_with_the_sum():
    laad_gemeenten()
    resultaat = taakstellingen_importeren(
        tabel=tabel(
            "gemeentecode;halfjaar;taakstelling\n363;2017-I;1.234\nGM0088;2017-I;1\n",
            TAAKSTELLING_KOLOMMEN,
        )
    )
    assert resultaat.nieuw == 2
    halfjaar = Halfjaar.objects.get()
    assert (halfjaar.label, halfjaar.landelijke_taakstelling) == ("2017-I", 1235)
    assert Taakstelling.objects.get(gemeente__code="GM0363").personen == 1234


@pytest.mark.parametrize(
    "inhoud, rij, kolom, tekst",
    [
        ("gemeentecode;halfjaar;taakstelling\nGM9999;2017-I;5\n", 2, "gemeentecode", "onbekend"),
        ("gemeentecode;halfjaar;taakstelling\nGM0363;2017-III;5\n", 2, "halfjaar", "geen halfjaar"),
        ("gemeentecode;halfjaar;taakstelling\nGM0363;2017-I;-5\n", 2, "taakstelling", "negatief"),
        (
            "gemeentecode;halfjaar;taakstelling\nGM0363;2017-I;1,5\n",
            2,
            "taakstelling",
            "geheel getal",
        ),
        (
            "gemeentecode;halfjaar;taakstelling\nGM0363;2017-I;veel\n",
            2,
            "taakstelling",
            "geheel getal",
        ),
        (
            "gemeentecode;halfjaar;taakstelling\nGM0363;2017-I;\n",
            2,
            "taakstelling",
            "Vul een waarde",
        ),
        ("gemeentecode;halfjaar;taakstelling\nGM0363;2017-I;5\n363;2017-I;6\n", 3, None, "rij 2"),
    ],
)
def test_bad_quota_rows_change_nothing(inhoud, rij, kolom, tekst):
    laad_gemeenten()
    taakstellingen_importeren(
        tabel=tabel("gemeentecode;halfjaar;taakstelling\nGM0088;2017-I;1\n", TAAKSTELLING_KOLOMMEN)
    )
    voor = aantallen()
    goede_rij = "GM0088;2017-II;3\n"  # a valid row: it must not be written either
    with pytest.raises(ImportFouten) as fout:
        taakstellingen_importeren(tabel=tabel(inhoud + goede_rij, TAAKSTELLING_KOLOMMEN))
    eerste = fout.value.fouten[0]
    assert (eerste.rij, eerste.kolom) == (rij, kolom)
    assert tekst in eerste.melding
    assert str(eerste).startswith(f"Rij {rij}")
    assert aantallen() == voor


def test_every_error_of_a_file_is_reported_at_once():
    laad_gemeenten()
    inhoud = (
        "gemeentecode;halfjaar;taakstelling\nGM9999;2017-I;5\nGM0363;2017-X;5\nGM0088;2017-I;x\n"
    )
    with pytest.raises(ImportFouten) as fout:
        taakstellingen_importeren(tabel=tabel(inhoud, TAAKSTELLING_KOLOMMEN))
    assert [(f.rij, f.kolom) for f in fout.value.fouten] == [
        (2, "gemeentecode"),
        (3, "halfjaar"),
        (4, "taakstelling"),
    ]


def test_bad_municipality_file_changes_nothing():
    laad_gemeenten()
    voor = aantallen()
    inhoud = (
        GEMEENTEN
        + "GM0014,Groningen,Groningen,PV20,200952\nGM0003,Appingedam,Groningen,PV2,12000\n"
    )
    with pytest.raises(ImportFouten) as fout:
        from datetime import date

        gemeenten_importeren(
            tabel=tabel(inhoud, GEMEENTEN_KOLOMMEN, ["inwoners*"]), peildatum=date(2016, 1, 1)
        )
    assert (fout.value.fouten[0].rij, fout.value.fouten[0].kolom) == (5, "provinciecode")
    assert aantallen() == voor


def test_opening_balances_may_be_negative_but_need_a_known_half_year():
    laad_gemeenten()
    taakstellingen_importeren(
        tabel=tabel(
            "gemeentecode;halfjaar;taakstelling\nGM0363;2016-II;10\nGM0088;2016-II;1\n",
            TAAKSTELLING_KOLOMMEN,
        )
    )
    startstanden_importeren(
        tabel=tabel(
            "gemeentecode;halfjaar;beginstand\nGM0363;2016-II;-12\nGM0088;2016-II;1.005\n",
            STARTSTAND_KOLOMMEN,
        )
    )
    assert Startstand.objects.get(gemeente__code="GM0363").personen == -12
    assert Startstand.objects.get(gemeente__code="GM0088").personen == 1005
    voor = aantallen()
    with pytest.raises(ImportFouten, match="Rij 2, kolom 'halfjaar': Halfjaar 2015-I bestaat niet"):
        startstanden_importeren(
            tabel=tabel("gemeentecode;halfjaar;beginstand\nGM0363;2015-I;4\n", STARTSTAND_KOLOMMEN)
        )
    assert aantallen() == voor


def test_a_database_constraint_backs_every_invariant():
    from django.db import IntegrityError, transaction

    laad_gemeenten()
    halfjaar = Halfjaar.objects.create(jaar=2017, helft=1, landelijke_taakstelling=1)
    gemeente = Gemeente.objects.get(code="GM0363")
    Taakstelling.objects.create(gemeente=gemeente, halfjaar=halfjaar, personen=1)
    for maak in (
        lambda: Taakstelling.objects.create(gemeente=gemeente, halfjaar=halfjaar, personen=2),
        lambda: Halfjaar.objects.create(jaar=2017, helft=3, landelijke_taakstelling=1),
        lambda: Gemeente.objects.create(code="XX0001", naam="X", provincie=gemeente.provincie),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            maak()
