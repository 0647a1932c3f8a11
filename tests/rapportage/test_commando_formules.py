"""Formula payloads through every command that writes a spreadsheet: a name that Excel would run
(=HYPERLINK(…), @SUM(…), +…, -…) comes out as text with a leading quote; numbers stay numbers."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from taakstelling.models import Gemeente, Provincie
from tests.factories import maak_wereld

HYPERLINK = '=HYPERLINK("http://aanval.example/","klik")'


@pytest.fixture
def vergiftigd(db):
    gemeenten = maak_wereld(2)
    Gemeente.objects.filter(pk=gemeenten[0].pk).update(naam=HYPERLINK)
    Gemeente.objects.filter(pk=gemeenten[1].pk).update(naam="+31 Gemeente")
    Provincie.objects.filter(code="PV20").update(naam="@SUM(A1:A9)")
    return gemeenten


def _cellen(rijen) -> set[str]:
    return {str(c) for rij in rijen for c in rij if c is not None}


def _geen_formule(cellen: set[str]) -> None:
    gevaarlijk = [c for c in cellen if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not gevaarlijk, gevaarlijk


def test_stand_csv_escapes_formulas(vergiftigd):
    uit = io.StringIO()
    call_command("stand", "--peildatum", "2017-02-01", "--format", "csv", stdout=uit)
    rijen = list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    cellen = _cellen(rijen)
    assert "'" + HYPERLINK in cellen and "'+31 Gemeente" in cellen and "'@SUM(A1:A9)" in cellen
    _geen_formule(cellen)
    # A negative number stays a number (a spreadsheet reads -5 as a number, not a formula).
    kop = rijen[0]
    stand = [r[kop.index("stand")] for r in rijen[1:]]
    assert all(s.lstrip("-").isdigit() for s in stand if s)


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_rapport_files_escape_formulas(vergiftigd, tmp_path, soort):
    pad = tmp_path / f"rapport.{soort}"
    call_command(
        "rapport",
        "--peildatum",
        "2017-02-01",
        "--format",
        soort,
        "--output",
        str(pad),
        stdout=io.StringIO(),
    )
    if soort == "csv":
        rijen = list(csv.reader(io.StringIO(pad.read_bytes().decode("utf-8-sig")), delimiter=";"))
    else:
        boek = load_workbook(pad, read_only=True)
        rijen = [r for blad in boek.worksheets for r in blad.iter_rows(values_only=True)]
    cellen = _cellen(rijen)
    assert "'" + HYPERLINK in cellen
    _geen_formule(cellen)
