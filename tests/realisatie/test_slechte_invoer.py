"""Every class of bad input, through the upload service, the upload page and the command: each is
refused with a Dutch message naming row and column, and the database (figures, audit tables, the
upload log, the data version) is exactly as before."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from opnieuwthuis import bestanden
from opnieuwthuis.bestanden import ImportFouten
from realisatie import services
from realisatie.services import upload_voorbereiden
from taakstelling.services import FOUT_ONBEKENDE_GEMEENTE

from .conftest import momentopname, xlsx_bytes

KOP = "gemeentecode;maand;personen;alleenstaanden;gezinsleden;nareizigers\n"
GOED = "GM0001;2017-02;10;;;\n"  # a good row before every bad one: nothing of it may be written


def _csv(*rijen: str) -> bytes:
    return (KOP + GOED + "".join(rijen)).encode("utf-8")


def _xml_bom() -> bytes:
    """A real XLSX whose sheet carries a billion-laughs entity expansion."""
    goed = xlsx_bytes([["gemeentecode", "maand", "personen"], ["GM0001", "2017-02", 1]])
    bom = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(goed)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = bom.encode()
            doel.writestr(info, data)
    return uit.getvalue()


def _zip_bom() -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<x/>")
        archief.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    return uit.getvalue()


def _geeindigd(wereld):
    g = wereld[1]
    g.einddatum = date(2017, 1, 1)
    g.save()


# (name, file bytes, expected (row, column) of the first error or None, text in the message,
#  optional setup)
GEVALLEN = [
    ("onbekende gemeente", _csv("GM9999;2017-01;5;;;\n"), (3, "gemeentecode"), "onbekend", None),
    (
        "opgeheven gemeente",
        _csv("GM0002;2017-01;5;;;\n"),
        (3, "gemeentecode"),
        "bestond niet",
        _geeindigd,
    ),
    (
        "maand buiten elk halfjaar",
        _csv("GM0002;2015-03;5;;;\n"),
        (3, "maand"),
        "geen enkel halfjaar",
        None,
    ),
    ("geen maand", _csv("GM0002;maart;5;;;\n"), (3, "maand"), "geen maand", None),
    ("negatief", _csv("GM0002;2017-01;-3;;;\n"), (3, "personen"), "negatief", None),
    (
        "breuk met komma",
        _csv("GM0002;2017-01;1,5;;;\n"),
        (3, "personen"),
        "geen geheel getal",
        None,
    ),
    ("breuk met punt", _csv("GM0002;2017-01;2.5;;;\n"), (3, "personen"), "geen geheel getal", None),
    ("geen getal", _csv("GM0002;2017-01;veel;;;\n"), (3, "personen"), "geen geheel getal", None),
    ("leeg totaal", _csv("GM0002;2017-01;;;;\n"), (3, "personen"), "Vul een waarde in", None),
    (
        "uitsplitsing telt niet op",
        _csv("GM0002;2017-01;10;5;3;1\n"),
        (3, "personen"),
        "tellen op tot 9",
        None,
    ),
    (
        "uitsplitsing onvolledig",
        _csv("GM0002;2017-01;10;5;5;\n"),
        (3, "nareizigers"),
        "alle drie",
        None,
    ),
    (
        "dubbele rij",
        _csv("GM0001;2017-02;11;;;\n"),
        (3, "gemeentecode/maand"),
        "staat al in rij 2",
        None,
    ),
    (
        "dubbele rij andere schrijfwijze",
        _csv("1;2017-2;11;;;\n"),
        (3, "gemeentecode/maand"),
        "staat al in rij 2",
        None,
    ),
    ("leeg bestand", b"", None, bestanden.FOUT_LEEG, None),
    ("alleen een kopregel", KOP.encode(), None, bestanden.FOUT_GEEN_RIJEN, None),
    ("kolom ontbreekt", b"gemeentecode;personen\nGM0001;5\n", (1, None), "'maand' ontbreekt", None),
    (
        "pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00",
        None,
        bestanden.FOUT_SOORT,
        None,
    ),
    (
        "png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40,
        None,
        bestanden.FOUT_SOORT,
        None,
    ),
    (
        "utf-16",
        (KOP + GOED).encode("utf-16"),
        None,
        bestanden.FOUT_CODERING_BEKEND.format(codering="UTF-16"),
        None,
    ),
    (
        "latin-1",
        (KOP + "GM0001;2017-02;5;;;\xe9\n").encode("latin-1"),
        (2, None),
        bestanden.FOUT_CODERING.format(codering="Windows-1252 (ANSI) of ISO-8859-1"),
        None,
    ),
    ("kapotte xlsx", b"PK\x03\x04 geen echte zip", None, bestanden.FOUT_XLSX_KAPOT, None),
    ("zip-bom", _zip_bom(), None, bestanden.FOUT_XLSX_BOM, None),
    ("xml-bom", _xml_bom(), None, bestanden.FOUT_XLSX_KAPOT, None),
    ("te groot", (KOP + GOED * 400_000).encode(), None, bestanden.FOUT_TE_GROOT, None),
    (
        "xlsx met negatief getal",
        xlsx_bytes(
            [
                ["gemeentecode", "maand", "personen"],
                ["GM0001", "2017-02", 10],
                ["GM0002", "2017-01", -4],
            ]
        ),
        (3, "personen"),
        "negatief",
        None,
    ),
    (
        "xlsx met breuk",
        xlsx_bytes(
            [
                ["gemeentecode", "maand", "personen"],
                ["GM0001", "2017-02", 10],
                ["GM0002", "2017-01", 2.5],
            ]
        ),
        (3, "personen"),
        "geen geheel getal",
        None,
    ),
]


def _twee_bladen() -> bytes:
    from openpyxl import Workbook

    boek = Workbook()
    boek.active.append(["gemeentecode", "maand", "personen"])
    boek.active.append(["GM0001", "2017-02", 1])
    boek.create_sheet("Blad2").append(["GM0002", "2017-02", 2])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


# Files as people have them, and as an attacker would make them.
GEVALLEN += [
    (
        "arabische cijfers",
        _csv("GM0002;2017-01;\u0665;;;\n"),
        (3, "personen"),
        "geen geheel getal",
        None,
    ),
    (
        "volle-breedte cijfers",
        _csv("GM\uff10\uff10\uff10\uff12;2017-01;5;;;\n"),
        (3, "gemeentecode"),
        "geen gemeentecode",
        None,
    ),
    ("utf-32", (KOP + GOED).encode("utf-32"), None, "gecodeerd in UTF-32", None),
    ("utf-16 zonder bom", (KOP + GOED).encode("utf-16-le"), None, "gecodeerd in UTF-16", None),
    ("twee bladen", _twee_bladen(), None, "2 bladen met gegevens", None),
    (
        "naam in de codekolom",
        _csv("Den Haag;2017-01;5;;;\n"),
        (3, "gemeentecode"),
        "geen gemeentecode",
        None,
    ),
    (
        "onbekende naam",
        b"gemeente;maand;personen\nGemeente 0001;2017-02;1\nNergenshuizen;2017-02;1\n",
        (3, "gemeente"),
        "geen gemeente die het systeem kent",
        None,
    ),
    (
        "breed met een woord",
        b"gemeentecode;feb 2017;mrt 2017\nGM0001;1;2\nGM0002;3;veel\n",
        (3, "mrt 2017"),
        "geen geheel getal",
        None,
    ),
    (
        "breed en lang tegelijk",
        b"gemeentecode;maand;personen;feb 2017\nGM0001;2017-02;1;2\n",
        (1, "maand"),
        "zowel een kolom",
        None,
    ),
    (
        "breed met een maand buiten elk halfjaar",
        b"gemeentecode;feb 2017;jan 2031\nGM0001;1;2\n",
        (2, "jan 2031"),
        "geen enkel halfjaar",
        None,
    ),
    (
        "nul-tekens",
        KOP.encode() + b"GM0001;2017-02;1\x00\x00\x00;;;\n" * 3,
        None,
        bestanden.FOUT_SOORT,
        None,
    ),
    (
        "geen gemeentekolom",
        b"wie;maand;personen\nx;2017-02;1\n",
        (1, None),
        "geen kolom met de gemeente",
        None,
    ),
]
IDS = [g[0] for g in GEVALLEN]


def _controleer(fouten, plek, tekst):
    assert fouten, "er hoort een fout te zijn"
    assert any(tekst in f.melding for f in fouten), [str(f) for f in fouten]
    if plek is not None:
        rij, kolom = plek
        assert any(f.rij == rij and f.kolom == kolom for f in fouten), [str(f) for f in fouten]


@pytest.mark.parametrize("naam, inhoud, plek, tekst, voorbereiding", GEVALLEN, ids=IDS)
def test_upload_service_refuses_and_changes_nothing(
    wereld, platform, naam, inhoud, plek, tekst, voorbereiding
):
    if voorbereiding:
        voorbereiding(wereld)
    voor = momentopname()
    with pytest.raises(ImportFouten) as fout:
        upload_voorbereiden(bestandsnaam=f"{naam}.csv", inhoud=inhoud, gebruiker=platform)
    _controleer(fout.value.fouten, plek, tekst)
    assert momentopname() == voor


@pytest.mark.parametrize("naam, inhoud, plek, tekst, voorbereiding", GEVALLEN, ids=IDS)
def test_command_refuses_and_stand_is_identical(
    wereld, tmp_path, naam, inhoud, plek, tekst, voorbereiding
):
    if voorbereiding:
        voorbereiding(wereld)
    pad = tmp_path / "bestand.csv"
    pad.write_bytes(inhoud)
    stand_voor = io.StringIO()
    call_command("stand", "--peildatum", "2017-02-01", "--format", "json", stdout=stand_voor)
    voor = momentopname()
    fouten = io.StringIO()
    with pytest.raises(CommandError, match="er is niets gewijzigd"):
        call_command("importeer_realisatie", str(pad), stderr=fouten, stdout=io.StringIO())
    assert tekst in fouten.getvalue()
    if plek is not None:
        assert f"Rij {plek[0]}" in fouten.getvalue()
    assert momentopname() == voor
    stand_na = io.StringIO()
    call_command("stand", "--peildatum", "2017-02-01", "--format", "json", stdout=stand_na)
    assert json.loads(stand_na.getvalue()) == json.loads(stand_voor.getvalue())


@pytest.mark.parametrize(
    "naam, inhoud, plek, tekst, voorbereiding",
    [g for g in GEVALLEN if g[0] not in ("zip-bom", "te groot")]
    + [g for g in GEVALLEN if g[0] == "te groot"],
    ids=[g[0] for g in GEVALLEN if g[0] not in ("zip-bom", "te groot")] + ["te groot"],
)
def test_upload_page_shows_every_error_and_changes_nothing(
    wereld, rol_clients, naam, inhoud, plek, tekst, voorbereiding
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if voorbereiding:
        voorbereiding(wereld)
    voor = momentopname()
    antwoord = rol_clients["platform"].post(
        reverse("realisatie:upload_add"),
        {"bestand": SimpleUploadedFile(f"{naam}.csv", inhoud)},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="foutoverzicht"' in html
    from django.utils.html import escape

    assert escape(tekst) in html
    if plek is not None and plek[0] != 1:
        assert f"Rij {plek[0]}" in html
    assert momentopname() == voor


def test_every_error_of_a_file_is_listed_not_only_the_first(wereld, platform):
    inhoud = _csv("GM9999;2017-01;5;;;\n", "GM0002;2015-01;x;;;\n", "GM0002;2017-01;10;1;1;1\n")
    with pytest.raises(ImportFouten) as fout:
        upload_voorbereiden(bestandsnaam="f.csv", inhoud=inhoud, gebruiker=platform)
    plekken = {(f.rij, f.kolom) for f in fout.value.fouten}
    assert {(3, "gemeentecode"), (4, "maand"), (4, "personen"), (5, "personen")} <= plekken
    assert FOUT_ONBEKENDE_GEMEENTE.format(code="GM9999") in str(fout.value)
    assert services.FOUT_UITSPLITSING_TELT_NIET_OP.format(som=3, personen=10) in str(fout.value)
