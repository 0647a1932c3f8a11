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
        (
            "gemeentecode;maand;personen\nGM0363;2017-01;5\xe9\n".encode("latin-1"),
            FOUT_CODERING.format(codering="Windows-1252 (ANSI) of ISO-8859-1"),
        ),
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


# Files as people have them, and nothing dropped quietly ----------------------------------------


def _xlsx(*bladen: tuple[str, list[list]]) -> bytes:
    boek = Workbook()
    boek.remove(boek.active)
    for naam, rijen in bladen:
        blad = boek.create_sheet(naam)
        for rij in rijen:
            blad.append(rij)
    data = io.BytesIO()
    boek.save(data)
    return data.getvalue()


def _met_dimensie(inhoud: bytes, ref: str) -> bytes:
    """The same workbook with its first sheet's <dimension> rewritten (as some tools write it)."""
    import re
    import zipfile

    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data
                )
                assert n == 1
            doel.writestr(info, data)
    return uit.getvalue()


def test_xlsx_rows_beyond_a_lying_dimension_are_read():
    rijen = [KOLOMMEN, ["GM0363", "2017-01", 1], ["GM0518", "2017-01", 2], ["GM0599", "2017-01", 3]]
    inhoud = _met_dimensie(_xlsx(("Blad1", rijen)), "A1:C2")
    tabel = lees_tabel(inhoud, KOLOMMEN)
    assert [(r, c["gemeentecode"], c["personen"]) for r, c in tabel.rijen] == [
        (2, "GM0363", "1"),
        (3, "GM0518", "2"),
        (4, "GM0599", "3"),
    ]


def test_a_workbook_with_two_filled_sheets_is_refused_unless_one_is_chosen():
    from opnieuwthuis.bestanden import Bladkeuze

    inhoud = _xlsx(
        ("Toelichting", [["Bron: COA"], ["Stand februari"]]),
        ("Cijfers", [KOLOMMEN, ["GM0363", "2017-01", 7]]),
        ("Leeg", []),
    )
    with pytest.raises(Bladkeuze) as fout:
        lees_tabel(inhoud, KOLOMMEN)
    assert fout.value.bladen == ["Toelichting", "Cijfers"]
    assert "'Toelichting', 'Cijfers'" in str(fout.value)
    tabel = lees_tabel(inhoud, KOLOMMEN, blad="cijfers")
    assert tabel.blad == "Cijfers" and tabel.rijen == [
        (2, {"gemeentecode": "GM0363", "maand": "2017-01", "personen": "7"})
    ]
    with pytest.raises(ImportFouten, match="geen blad 'Totaal'"):
        lees_tabel(inhoud, KOLOMMEN, blad="Totaal")


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    inhoud = _xlsx(("Blad1", [[None], ["Maandcijfers COA"], KOLOMMEN, ["GM0363", "2017-01", 5]]))
    # The first row with text is the header; here that is a title, so the columns are missing,
    # and the error says where the header was looked for.
    with pytest.raises(ImportFouten, match="'gemeentecode' ontbreekt"):
        lees_tabel(inhoud, KOLOMMEN)
    inhoud = _xlsx(("Blad1", [[None], KOLOMMEN, [None], ["GM0363", "2017-01", 5]]))
    assert lees_tabel(inhoud, KOLOMMEN).rijen[0][0] == 4


@pytest.mark.parametrize("tekst", ["٥", "５", "1٥", "٣٦٣"])
def test_only_ascii_digits_are_digits(tekst):
    with pytest.raises(ValueError):
        parse_aantal(tekst)
    with pytest.raises(ValueError):
        parse_gemeentecode(tekst)
    with pytest.raises(ValueError):
        parse_maand(f"2017-{tekst}")


@pytest.mark.parametrize(
    "codec, naam",
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_are_named(codec, naam):
    from opnieuwthuis.bestanden import FOUT_CODERING_BEKEND

    inhoud = "gemeentecode\tmaand\tpersonen\nGM0363\t2017-01\t5\n".encode(codec)
    with pytest.raises(ImportFouten) as fout:
        lees_tabel(inhoud, KOLOMMEN)
    assert [f.melding for f in fout.value.fouten] == [FOUT_CODERING_BEKEND.format(codering=naam)]


def test_column_aliases_ignore_case_and_spaces_and_unknown_columns_are_reported():
    inhoud = b"Gemeente Code;PERIODE;Aantal;Opmerking\n363;2017-01;5;nagekomen\n"
    tabel = lees_tabel(
        inhoud,
        KOLOMMEN,
        aliassen={"gemeentecode": ["code"], "maand": ["periode"], "personen": ["aantal"]},
    )
    assert tabel.rijen == [(2, {"gemeentecode": "363", "maand": "2017-01", "personen": "5"})]
    assert tabel.onbekend == ["Opmerking"]
    assert tabel.begrip[:3] == [
        ("Gemeente Code", "gemeentecode"),
        ("PERIODE", "maand"),
        ("Aantal", "personen"),
    ]


def test_a_column_given_twice_under_two_names_is_refused_naming_both():
    with pytest.raises(ImportFouten) as fout:
        lees_tabel(
            b"gemeentecode;code;maand;personen\nGM0363;363;2017-01;5\n",
            KOLOMMEN,
            aliassen={"gemeentecode": ["code"]},
        )
    assert "'gemeentecode', 'code'" in str(fout.value)


@pytest.mark.parametrize(
    "tekst",
    [
        "2017-02",
        "2017-2",
        "2017-02-01",
        "feb 2017",
        "Feb. 2017",
        "februari 2017",
        "FEBRUARI 2017",
        "feb-17",
    ],
)
def test_months_as_people_write_them(tekst):
    assert parse_maand(tekst).isoformat() == "2017-02-01"


@pytest.mark.parametrize("tekst", ["mrt 2017", "maart 2017", "maa 2017"])
def test_march_in_dutch(tekst):
    assert parse_maand(tekst).isoformat() == "2017-03-01"


def test_municipality_names_and_their_variants():
    from opnieuwthuis.bestanden import Gemeentenamen

    namen = Gemeentenamen(
        [
            ("GM0518", "'s-Gravenhage"),
            ("GM0373", "Bergen (NH.)"),
            ("GM0893", "Bergen (L.)"),
            ("GM0748", "Bergen op Zoom"),
            ("GM1900", "Súdwest-Fryslân"),
        ]
    )
    for tekst in ["Den Haag", "'s-Gravenhage", "s Gravenhage", "DEN HAAG"]:
        assert namen.zoek(tekst) == ["GM0518"], tekst
    for tekst in ["Bergen (NH.)", "Bergen NH", "bergen (nh)", "Bergen N.H."]:
        assert namen.zoek(tekst) == ["GM0373"], tekst
    assert namen.zoek("Bergen") == ["GM0373", "GM0893"]
    assert "Bergen (L.) (GM0893), Bergen (NH.) (GM0373)" in namen.fout_dubbelzinnig(
        "Bergen", ["GM0373", "GM0893"]
    )
    assert namen.zoek("Sudwest Fryslan") == ["GM1900"]
    assert namen.zoek("Bergen op Zoom") == ["GM0748"]
    assert namen.zoek("Amsterdam") == []
    assert "bedoelt u Bergen op Zoom" in namen.fout_onbekend("Bergen op Zom")


def test_the_error_list_is_capped_and_counts_the_rest():
    from opnieuwthuis.bestanden import MAX_FOUTEN, Cellen

    fouten: list = []
    for rij in range(2, 100_002):
        Cellen(rij, {"personen": "x"}, fouten).lees("personen", parse_aantal)
    fout = ImportFouten(fouten)
    assert len(fout.fouten) == MAX_FOUTEN and fout.totaal == 100_000 and fout.meer == 99_900
    assert fout.fouten[0].rij == 2 and fout.fouten[-1].rij == MAX_FOUTEN + 1
    assert str(fout).endswith("… en nog 99900 fouten (in totaal 100000).")
