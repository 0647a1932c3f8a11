import io

import pytest
from openpyxl import Workbook

from opnieuwthuis.bestanden import (
    FOUT_CODERING,
    FOUT_GEEN_RIJEN,
    FOUT_LEEG,
    FOUT_XLSX_KAPOT,
    ImportFouten,
    lees_tabel,
    parse_aantal,
    parse_gemeentecode,
    parse_halfjaar,
    parse_maand,
)

KOLOMMEN = ["gemeentecode", "maand", "personen"]


@pytest.mark.parametrize(
    "tekst, verwacht",
    [("5282", 5282), ("5.282", 5282), ("0", 0), ("1.234.567", 1234567), (" 12 ", 12)],
)
def test_counts_accept_dutch_thousands(tekst, verwacht):
    # A population may have three groups; a count of persons stops at 1.000.000 (test_grenzen).
    assert parse_aantal(tekst, maximum=25_000_000) == verwacht


@pytest.mark.parametrize("tekst", ["1,5", "1.5", "12a", "5.28", "-3", "1.2345", "", "5 282 2"])
def test_counts_reject_fractions_text_and_negatives(tekst):
    with pytest.raises(ValueError):
        parse_aantal(tekst)


def test_negative_balance_only_where_allowed():
    assert parse_aantal("-409", negatief_toegestaan=True) == -409
    assert parse_aantal("\u2212409", negatief_toegestaan=True) == -409


@pytest.mark.parametrize("tekst", ["GM0363", "0363", "363", "gm363"])
def test_municipality_codes_in_every_written_form(tekst):
    assert parse_gemeentecode(tekst) == "GM0363"


@pytest.mark.parametrize("tekst", ["GM03630", "Amsterdam", "PV27", ""])
def test_bad_municipality_codes(tekst):
    with pytest.raises(ValueError):
        parse_gemeentecode(tekst)


def test_half_years_and_months():
    assert parse_halfjaar("2017-I") == (2017, 1)
    assert parse_halfjaar("2017-ii") == (2017, 2)
    assert parse_maand("2017-01").isoformat() == "2017-01-01"
    assert parse_maand("2017-1-01").isoformat() == "2017-01-01"
    for fout in ["2017-III", "2017"]:
        with pytest.raises(ValueError):
            parse_halfjaar(fout)
    for fout in ["2017-13", "januari", "2017-01-15"]:
        with pytest.raises(ValueError):
            parse_maand(fout)


@pytest.mark.parametrize("scheiding", [",", ";"])
def test_csv_with_either_separator_and_a_bom(scheiding):
    inhoud = f"\ufeffGemeentecode{scheiding}maand{scheiding}personen\nGM0363{scheiding}2017-01{scheiding}5.282\n"
    tabel = lees_tabel(inhoud.encode("utf-8"), KOLOMMEN)
    assert tabel.rijen == [(2, {"gemeentecode": "GM0363", "maand": "2017-01", "personen": "5.282"})]


def test_xlsx_numbers_and_dates():
    from datetime import datetime

    boek = Workbook()
    blad = boek.active
    blad.append(["gemeentecode", "maand", "personen"])
    blad.append(["GM0363", datetime(2017, 1, 1), 12])
    blad.append([None, None, None])
    data = io.BytesIO()
    boek.save(data)
    tabel = lees_tabel(data.getvalue(), KOLOMMEN)
    assert tabel.rijen == [(2, {"gemeentecode": "GM0363", "maand": "2017-01-01", "personen": "12"})]


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        (b"", FOUT_LEEG),
        (b"   \n", FOUT_LEEG),
        (b"gemeentecode;maand;personen\n", FOUT_GEEN_RIJEN),
        ("gemeentecode;maand;personen\nGM0363;2017-01;5\n".encode("utf-16"), None),
        (b"PK\x03\x04 not really a zip", FOUT_XLSX_KAPOT),
        ("gemeentecode;maand;personen\nGM0363;2017-01;5\xe9\n".encode("latin-1"), FOUT_CODERING),
    ],
)
def test_unreadable_files_are_refused_whole(inhoud, melding):
    with pytest.raises(ImportFouten) as fout:
        lees_tabel(inhoud, KOLOMMEN)
    if melding:
        assert fout.value.fouten[0].melding == melding


def test_missing_column_is_named():
    with pytest.raises(ImportFouten) as fout:
        lees_tabel(b"gemeentecode;personen\nGM0363;5\n", KOLOMMEN)
    assert "'maand' ontbreekt" in str(fout.value)
    assert fout.value.fouten[0].rij == 1


def test_zip_bomb_is_refused():
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<x/>")
        archief.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    with pytest.raises(ImportFouten, match="onredelijke grootte"):
        lees_tabel(data.getvalue(), KOLOMMEN)
