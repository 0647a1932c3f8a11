"""Importing monthly realisation: every bad input is refused whole, with row and column."""

from datetime import date

import pytest

from opnieuwthuis.bestanden import ImportFouten, lees_tabel
from realisatie.models import Huisvesting
from realisatie.services import (
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    huisvestingen_importeren,
    opvangstand_vastleggen,
)
from tests.factories import maak_wereld

pytestmark = pytest.mark.django_db

KOP = "gemeentecode;maand;personen;alleenstaanden;gezinsleden;nareizigers\n"


def importeer(tekst: str):
    return huisvestingen_importeren(
        tabel=lees_tabel(tekst.encode("utf-8"), REALISATIE_KOLOMMEN, UITSPLITSING)
    )


def momentopname():
    return sorted(
        Huisvesting.objects.values_list("gemeente__code", "maand", "personen", "versie")
    ), Huisvesting.history.count()


def test_new_changed_and_unchanged_rows():
    maak_wereld(2, open_vanaf=date(2017, 1, 1))
    resultaat = importeer(KOP + "GM0001;2017-02;12;6;4;2\n1;2017-01;7;;;\n2;2017-01;1;;;\n")
    # GM0001 January was 0 in the world and becomes 7; GM0002 January stays 1.
    assert str(resultaat) == "1 nieuw, 1 gewijzigd, 1 ongewijzigd"
    februari = Huisvesting.objects.get(gemeente__code="GM0001", maand=date(2017, 2, 1))
    assert (februari.alleenstaanden, februari.gezinsleden, februari.nareizigers) == (6, 4, 2)
    assert (
        str(importeer(KOP + "GM0001;2017-02;12;6;4;2\n")) == "0 nieuw, 0 gewijzigd, 1 ongewijzigd"
    )


@pytest.mark.parametrize(
    "regel, kolom, tekst",
    [
        ("GM9999;2017-01;5;;;", "gemeentecode", "onbekend"),
        ("GM0001;2019-01;5;;;", "maand", "valt in geen enkel halfjaar"),
        ("GM0001;januari;5;;;", "maand", "geen maand"),
        ("GM0001;2017-01;-5;;;", "personen", "negatief"),
        ("GM0001;2017-01;2,5;;;", "personen", "geen geheel getal"),
        ("GM0001;2017-01;vijf;;;", "personen", "geen geheel getal"),
        ("GM0001;2017-01;10;5;4;2", "personen", "tellen op tot 11"),
        ("GM0001;2017-01;10;5;5;", "nareizigers", "alle drie"),
        ("GM0001;2017-01;;;;", "personen", "Vul een waarde"),
    ],
)
def test_bad_rows_change_nothing(regel, kolom, tekst):
    maak_wereld(2, open_vanaf=date(2017, 1, 1))
    voor = momentopname()
    with pytest.raises(ImportFouten) as fout:
        importeer(KOP + "GM0002;2017-02;3;;;\n" + regel + "\n")
    eerste = fout.value.fouten[0]
    assert (eerste.rij, eerste.kolom) == (3, kolom)
    assert tekst in eerste.melding
    assert momentopname() == voor


def test_the_same_municipality_and_month_twice_is_refused():
    maak_wereld(2, open_vanaf=date(2017, 1, 1))
    with pytest.raises(ImportFouten, match=r"Rij 3: Gemeente GM0001 in 2017-02 staat al in rij 2"):
        importeer(KOP + "GM0001;2017-02;3;;;\n0001;2017-02;4;;;\n")


def test_an_ended_municipality_takes_no_figures_after_its_end():
    (gemeente, _) = maak_wereld(2)
    gemeente.einddatum = date(2017, 1, 1)
    gemeente.save()
    with pytest.raises(ImportFouten, match="bestond niet in 2017-01"):
        importeer(KOP + "GM0001;2017-01;3;;;\n")


def test_reception_figures_validate_the_single_share():
    opvangstand_vastleggen(peildatum=date(2017, 2, 1), wachtend=9900, alleenstaand=5445)
    with pytest.raises(ValueError, match="niet meer alleenstaanden"):
        opvangstand_vastleggen(peildatum=date(2017, 2, 1), wachtend=10, alleenstaand=11)
