import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from opnieuwthuis.export import csv_bytes, veilige_cel, xlsx_bytes


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 123", "'+31 20 123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tverborgen", "'\tverborgen"),
        ("\rregel", "'\rregel"),
        ("Amsterdam", "Amsterdam"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_made_inert(waarde, verwacht):
    assert veilige_cel(waarde) == verwacht


@pytest.mark.parametrize("getal", [-409, 0, 15101, 3.5, date(2017, 2, 1), None, True])
def test_numbers_dates_and_empty_cells_stay_what_they_are(getal):
    assert veilige_cel(getal) == getal


def test_numpy_scalars_become_plain_numbers():
    import numpy as np

    assert veilige_cel(np.int64(-409)) == -409
    assert type(veilige_cel(np.int64(-409))) is int


def test_csv_is_semicolon_separated_utf8_with_bom_and_escaped():
    inhoud = csv_bytes(
        ["gemeente", "stand"], [['=HYPERLINK("x")', -409], ["Súdwest-Fryslân", 5282]]
    )
    assert inhoud.startswith("\ufeff".encode())
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen == [
        ["gemeente", "stand"],
        ['\'=HYPERLINK("x")', "-409"],
        ["Súdwest-Fryslân", "5282"],
    ]


def test_xlsx_keeps_numbers_numeric_and_escapes_text():
    inhoud = xlsx_bytes(["gemeente", "stand"], [["@kwaad", -409], ["Amsterdam", 5282]])
    blad = load_workbook(io.BytesIO(inhoud)).active
    assert blad["A2"].value == "'@kwaad"
    assert blad["B2"].value == -409
    assert blad["B3"].value == 5282
    assert isinstance(blad["B3"].value, int)
    assert blad.freeze_panes == "A2"


@pytest.mark.parametrize(
    "tekst", ["=1+2", "+31 20", "-409", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_text_that_could_start_a_formula_gets_a_quote(tekst):
    assert veilige_cel(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", [-409, 0, 5282, 3180.5, None, True, date(2017, 2, 1)])
def test_report_values_stay_as_they_are(waarde):
    assert veilige_cel(waarde) is waarde


@pytest.mark.parametrize("tekst", ["Amsterdam", "GM0363", "", "'s-Hertogenbosch", "a=b"])
def test_ordinary_text_is_unchanged(tekst):
    assert veilige_cel(tekst) == tekst
