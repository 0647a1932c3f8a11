"""National-only half-years: imported with their source, shown in the chart's table (page and
PDF) and in the XLSX sheet ``halfjaren``; a bad file changes nothing and names row and column."""

import io
import re
import subprocess

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rapportage.models import LandelijkHalfjaar

# Test figures for half-years before the demo's 2016-II (not the real national numbers: the
# shared sources hold none per half-year for 2014-2016, only a year total for 2015).
BESTAND = (
    "halfjaar;taakstelling;gecorrigeerde_taakstelling;realisatie;bron\n"
    "2015-II;14.000;16.500;11.218;Testbron A\n"
    "2016-I;20.000;25.282;;Testbron B (realisatie niet gevonden)\n"
)


def importeer(tmp_path, inhoud: str, naam="landelijk.csv"):
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    uit, fout = io.StringIO(), io.StringIO()
    call_command("importeer_landelijke_cijfers", str(pad), stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def test_imported_half_years_join_the_chart_table_the_pdf_and_the_xlsx(demo, tmp_path):
    uit, _ = importeer(tmp_path, BESTAND)
    assert "2 nieuw, 0 gewijzigd, 0 ongewijzigd" in uit
    assert importeer(tmp_path, BESTAND)[0].count("2 ongewijzigd") == 1  # again: nothing changes
    rij = LandelijkHalfjaar.objects.get(jaar=2016, helft=1)
    assert (rij.taakstelling, rij.gecorrigeerde_taakstelling, rij.realisatie) == (
        20000,
        25282,
        None,
    )

    from datetime import date

    from rapportage import selectors
    from rapportage.rapport.samenstelling import NEDERLAND, maak_rapport

    rapport = maak_rapport(selectors.stand_op(date(2017, 2, 1)), NEDERLAND)
    assert [(h.halfjaar, h.alleen_landelijk) for h in rapport.halfjaren] == [
        ("2015-II", True),
        ("2016-I", True),
        ("2016-II", False),
        ("2017-I", False),
    ]
    assert [h.realisatie for h in rapport.halfjaren] == [11218, None, 22200, 3981]

    pdf = tmp_path / "r.pdf"
    call_command(
        "rapport", "--peildatum=2017-02-01", "--format=pdf", f"--output={pdf}", stdout=io.StringIO()
    )
    tekst = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"2015-II \(alleen landelijk\)\s+14\.000\s+16\.500\s+11\.218", tekst)
    assert re.search(r"2016-I \(alleen landelijk\)\s+20\.000\s+25\.282\s+–", tekst)
    assert "Testbron A" in tekst and "2015-II tot en met 2017-I" in tekst

    xlsx = tmp_path / "r.xlsx"
    call_command(
        "rapport",
        "--peildatum=2017-02-01",
        "--format=xlsx",
        f"--output={xlsx}",
        stdout=io.StringIO(),
    )
    blad = openpyxl.load_workbook(xlsx)["halfjaren"]
    assert [c.value for c in blad[1]] == [
        "Halfjaar",
        "Wettelijke taakstelling",
        "Gecorrigeerde taakstelling",
        "Realisatie",
        "Soort",
        "Bron",
    ]
    assert [[c.value for c in r] for r in blad.iter_rows(min_row=2)] == [
        ["2015-II", 14000, 16500, 11218, "alleen landelijk", "Testbron A"],
        ["2016-I", 20000, 25282, None, "alleen landelijk", "Testbron B (realisatie niet gevonden)"],
        ["2016-II", 23000, 28282, 22200, "berekend", None],
        ["2017-I", 13000, 19082, 3981, "lopend (tot de peildatum)", None],
    ]


@pytest.mark.parametrize(
    ("regel", "melding"),
    [
        ("2016-II;23.000;28.282;22.200;x", "Rij 2, kolom 'halfjaar': Het systeem kent 2016-II"),
        ("2015-III;1;;;x", "Rij 2, kolom 'halfjaar'"),
        ("2015-I;;;;x", "Rij 2: Vul minstens één van taakstelling"),
        ("2015-I;-5;;;x", "Rij 2, kolom 'taakstelling'"),
        ("2015-I;12,5;;;x", "Rij 2, kolom 'taakstelling': '12,5' is geen geheel getal"),
        ("2015-I;1;;;", "Rij 2, kolom 'bron': Vul een waarde in."),
    ],
)
def test_a_bad_row_changes_nothing(demo, tmp_path, regel, melding):
    kop = "halfjaar;taakstelling;gecorrigeerde_taakstelling;realisatie;bron\n"
    pad = tmp_path / "f.csv"
    pad.write_text(kop + regel + "\n2014-II;9.000;;;goed\n", encoding="utf-8")
    fout = io.StringIO()
    with pytest.raises(CommandError, match="er is niets gewijzigd"):
        call_command("importeer_landelijke_cijfers", str(pad), stdout=io.StringIO(), stderr=fout)
    assert melding in fout.getvalue()
    assert not LandelijkHalfjaar.objects.exists()


def test_the_messages_name_row_and_column(demo, tmp_path):
    kop = "halfjaar;taakstelling;gecorrigeerde_taakstelling;realisatie;bron\n"
    pad = tmp_path / "f.csv"
    pad.write_text(kop + "2016-II;23.000;;;x\n2015-I;;;;x\n2015-I;1;;;x\n", encoding="utf-8")
    fout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_landelijke_cijfers", str(pad), stdout=io.StringIO(), stderr=fout)
    meldingen = fout.getvalue()
    assert "Rij 2, kolom 'halfjaar': Het systeem kent 2016-II met cijfers per gemeente" in meldingen
    assert "tot en met 2016-I" in meldingen
    assert "Rij 3: Vul minstens één van taakstelling" in meldingen
    assert "Rij 4, kolom 'halfjaar': Halfjaar 2015-I staat al in rij 3." in meldingen
