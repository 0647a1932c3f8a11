"""Files as an office makes them: municipalities by name, other column names, one column per
month, Excel exports (made with openpyxl here), workbooks with several sheets, sheets whose
<dimension> lies. Each is taken correctly, through the upload and the command alike, or refused
naming row and column, with nothing changed."""

import io
import re
import time
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from gebruikers.choices import Rol
from opnieuwthuis.bestanden import MAX_FOUTEN, ImportFouten
from realisatie.bestandsvorm import (
    FOUT_LANG_EN_BREED,
    FOUT_NAAM_EN_CODE,
    NIET_GEBRUIKT,
)
from realisatie.models import Huisvesting, Upload
from realisatie.services import upload_toepassen, upload_voorbereiden

from .conftest import momentopname

FEB, MRT, APR = date(2017, 2, 1), date(2017, 3, 1), date(2017, 4, 1)
NAMEN = {
    "GM0001": "'s-Gravenhage",
    "GM0002": "Bergen (NH.)",
    "GM0003": "Bergen (L.)",
    "GM0004": "Súdwest-Fryslân",
    "GM0005": "Bergen op Zoom",
}


@pytest.fixture
def kantoor(db):
    """Five municipalities with real names (and the quotas of 2016-II and 2017-I)."""
    from taakstelling.models import Gemeente
    from tests.factories import maak_gebruikers, maak_wereld

    gemeenten = maak_wereld(5)
    for g in gemeenten:
        Gemeente.objects.filter(pk=g.pk).update(naam=NAMEN[g.code])
    gebruikers = maak_gebruikers()
    return {g.code: g for g in Gemeente.objects.all()}, gebruikers[Rol.PLATFORM]


def _xlsx(*bladen) -> bytes:
    boek = Workbook()
    boek.remove(boek.active)
    for naam, rijen in bladen:
        blad = boek.create_sheet(naam)
        for rij in rijen:
            blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _figuren(maand) -> dict:
    return {
        h.gemeente.code: h.personen
        for h in Huisvesting.objects.filter(maand=maand).select_related("gemeente")
    }


def test_an_excel_csv_by_name_with_other_column_names(kantoor):
    gemeenten, platform = kantoor
    # As Excel (Dutch) saves 'CSV UTF-8': BOM, ';', a thousands separator, a trailing empty line.
    inhoud = (
        "\ufeffGemeente;Periode;Aantal;Opmerking\r\n"
        "Den Haag;feb 2017;1.204;\r\n"
        "Bergen NH;februari 2017;3;nagekomen\r\n"
        "Sudwest Fryslan;2017-02;0;\r\n"
        "'s-Gravenhage;2017-03;11;\r\n"
        ";;;\r\n"
    ).encode()
    upload, plan = upload_voorbereiden(bestandsnaam="coa.csv", inhoud=inhoud, gebruiker=platform)
    assert [(r.rij, r.gemeente.code, r.maand, r.personen) for r in plan.regels] == [
        (2, "GM0001", FEB, 1204),
        (3, "GM0002", FEB, 3),
        (4, "GM0004", FEB, 0),
        (5, "GM0001", MRT, 11),
    ]
    assert [(k.letter, k.kop, k.gebruikt) for k in plan.bestand.kolommen] == [
        ("A", "Gemeente", True),
        ("B", "Periode", True),
        ("C", "Aantal", True),
        ("D", "Opmerking", False),
    ]
    assert plan.bestand.namen_omgezet == 4
    upload_toepassen(upload=upload, gebruiker=platform)
    assert _figuren(FEB) == {"GM0001": 1204, "GM0002": 3, "GM0004": 0}
    assert _figuren(MRT) == {"GM0001": 11}


def test_the_wide_layout_from_a_ministry_workbook(kantoor):
    gemeenten, platform = kantoor
    inhoud = _xlsx(
        (
            "Realisatie 2017",
            [
                [
                    "Gemeentecode",
                    "Gemeentenaam",
                    "feb 2017",
                    "Maart 2017",
                    datetime(2017, 4, 1),
                    "Totaal",
                ],
                ["GM0001", "'s-Gravenhage", 120, 130, 140, 390],
                ["GM0002", "Bergen (NH.)", 4, None, 6, 10],
                [3, "Bergen (L.)", 0, 1, 2, 3],
            ],
        )
    )
    upload, plan = upload_voorbereiden(bestandsnaam="bzk.xlsx", inhoud=inhoud, gebruiker=platform)
    bestand = plan.bestand
    assert bestand.vorm == "breed" and bestand.blad == "Realisatie 2017"
    assert [k.betekenis for k in bestand.kolommen] == [
        "gemeentecode",
        "gemeentenaam, gecontroleerd tegen de gemeentecode",
        "personen in februari 2017",
        "personen in maart 2017",
        "personen in april 2017",
        NIET_GEBRUIKT,
    ]
    assert bestand.lege_cellen == 1  # Bergen (NH.) in March: no figure, not 0
    assert len(plan.regels) == 8
    pagina = _client(platform).get(reverse("realisatie:upload", args=[upload.pk])).content.decode()
    assert "personen in april 2017" in pagina and "Niet gebruikt: kolom F ‘Totaal’" in pagina
    assert "1 lege cel: daar komt geen cijfer" in pagina
    upload_toepassen(upload=upload, gebruiker=platform)
    assert _figuren(FEB) == {"GM0001": 120, "GM0002": 4, "GM0003": 0}
    assert _figuren(MRT) == {"GM0001": 130, "GM0003": 1}
    assert _figuren(APR) == {"GM0001": 140, "GM0002": 6, "GM0003": 2}


def _client(gebruiker):
    from django.test import Client

    c = Client()
    c.force_login(gebruiker)
    return c


def _fout(inhoud: bytes, platform) -> ImportFouten:
    voor = momentopname()
    with pytest.raises(ImportFouten) as fout:
        upload_voorbereiden(bestandsnaam="f.csv", inhoud=inhoud, gebruiker=platform)
    assert momentopname() == voor
    return fout.value


def test_an_ambiguous_name_is_a_row_error_naming_the_candidates(kantoor):
    _, platform = kantoor
    fout = _fout(b"gemeente;maand;personen\nDen Haag;2017-02;1\nBergen;2017-02;4\n", platform)
    assert [(f.rij, f.kolom) for f in fout.fouten] == [(3, "gemeente")]
    assert "Bergen (L.) (GM0003), Bergen (NH.) (GM0002)" in fout.fouten[0].melding


def test_an_unknown_name_suggests_the_nearest(kantoor):
    _, platform = kantoor
    fout = _fout(b"gemeentenaam;maand;personen\nBergen op Zom;2017-02;1\n", platform)
    assert [(f.rij, f.kolom) for f in fout.fouten] == [(2, "gemeentenaam")]
    assert "bedoelt u Bergen op Zoom?" in fout.fouten[0].melding


def test_a_name_in_the_code_column_is_an_error_not_a_guess(kantoor):
    _, platform = kantoor
    fout = _fout(b"code;maand;personen\nDen Haag;2017-02;1\n", platform)
    assert [(f.rij, f.kolom) for f in fout.fouten] == [(2, "code")]
    assert "geen gemeentecode" in fout.fouten[0].melding


def test_a_name_that_contradicts_its_code_is_an_error(kantoor):
    _, platform = kantoor
    fout = _fout(b"gemeentecode;gemeente;maand;personen\nGM0002;Den Haag;2017-02;1\n", platform)
    assert [(f.rij, f.kolom) for f in fout.fouten] == [(2, "gemeente")]
    assert fout.fouten[0].melding == FOUT_NAAM_EN_CODE.format(
        naam="Den Haag", code="GM0002", cbs="Bergen (NH.)"
    )


def test_errors_in_the_wide_layout_name_the_month_column_and_the_spreadsheet_row(kantoor):
    _, platform = kantoor
    inhoud = _xlsx(
        (
            "Blad1",
            [
                ["Gemeente", "feb 2017", "mrt 2017"],
                ["Den Haag", 5, "veel"],
                ["Bergen (L.)", 2.5, 3],
                ["Bergen (L.)", 1, None],
            ],
        )
    )
    fout = _fout(inhoud, platform)
    assert {(f.rij, f.kolom) for f in fout.fouten} == {
        (2, "mrt 2017"),
        (3, "feb 2017"),
        (4, "feb 2017"),  # the same municipality and month again
    }
    assert any("staat al in rij 3" in f.melding for f in fout.fouten)


def test_both_layouts_at_once_are_refused(kantoor):
    _, platform = kantoor
    fout = _fout(b"gemeentecode;maand;personen;feb 2017\nGM0001;2017-02;1;2\n", platform)
    assert fout.fouten[0].melding == FOUT_LANG_EN_BREED.format(kolom="maand", maanden="'feb 2017'")


def test_the_same_month_twice_in_the_header_is_refused(kantoor):
    _, platform = kantoor
    fout = _fout(b"gemeentecode;2017-02;februari 2017\nGM0001;1;2\n", platform)
    assert "februari 2017 staat er twee keer in ('2017-02', 'februari 2017')" in str(fout)


def _lieg_over_dimensie(inhoud: bytes) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', data)
            doel.writestr(info, data)
    return uit.getvalue()


def test_an_xlsx_whose_dimension_lies_is_read_whole(kantoor):
    _, platform = kantoor
    inhoud = _lieg_over_dimensie(
        _xlsx(
            (
                "Blad1",
                [["gemeentecode", "maand", "personen"]]
                + [[f"GM000{i}", "2017-02", i] for i in range(1, 5)],
            )
        )
    )
    upload, plan = upload_voorbereiden(bestandsnaam="x.xlsx", inhoud=inhoud, gebruiker=platform)
    assert [r.personen for r in plan.regels] == [1, 2, 3, 4]


def test_a_workbook_with_two_sheets_asks_which_and_the_confirm_reads_that_sheet(kantoor):
    _, platform = kantoor
    inhoud = _xlsx(
        ("Januari", [["gemeentecode", "maand", "personen"], ["GM0001", "2017-01", 9]]),
        ("Februari", [["gemeentecode", "maand", "personen"], ["GM0001", "2017-02", 7]]),
    )
    c = _client(platform)
    voor = momentopname()
    antwoord = c.post(
        reverse("realisatie:upload_add"), {"bestand": SimpleUploadedFile("w.xlsx", inhoud)}
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 400 and momentopname() == voor
    assert "2 bladen met gegevens: &#x27;Januari&#x27;, &#x27;Februari&#x27;" in html
    assert '<option value="Februari">Februari</option>' in html  # a selector, not free text
    antwoord = c.post(
        reverse("realisatie:upload_add"),
        {"bestand": SimpleUploadedFile("w.xlsx", inhoud), "blad": "Februari"},
    )
    assert antwoord.status_code == 302
    upload = Upload.objects.get()
    assert upload.blad == "Februari"
    pagina = c.get(antwoord["Location"]).content.decode()
    assert "blad ‘Februari’" in pagina
    kenmerk = re.search(r'name="kenmerk" value="([0-9a-f]+)"', pagina).group(1)
    c.post(reverse("realisatie:upload_toepassen", args=[upload.pk]), {"kenmerk": kenmerk})
    assert _figuren(FEB) == {"GM0001": 7}
    assert Huisvesting.objects.get(gemeente__code="GM0001", maand=date(2017, 1, 1)).personen == 0


def test_the_command_takes_names_the_wide_layout_and_a_sheet(kantoor, tmp_path):
    pad = tmp_path / "bzk.xlsx"
    pad.write_bytes(
        _xlsx(
            ("Toelichting", [["Bron: COA, bewerking BZK"]]),
            ("Cijfers", [["Gemeente", "februari 2017"], ["Den Haag", 8], ["Bergen (L.)", 2]]),
        )
    )
    with pytest.raises(CommandError):
        call_command("importeer_realisatie", str(pad), stdout=io.StringIO(), stderr=io.StringIO())
    assert _figuren(FEB) == {}
    uit = io.StringIO()
    call_command("importeer_realisatie", str(pad), "--blad", "Cijfers", stdout=uit)
    assert "B 'februari 2017': personen in februari 2017" in uit.getvalue()
    assert _figuren(FEB) == {"GM0001": 8, "GM0003": 2}


def test_five_megabytes_of_bad_rows_are_checked_in_seconds_with_a_modest_page(kantoor):
    _, platform = kantoor
    regel = "GM0001;2017-02;x\n"
    rijen = (5 * 1024 * 1024 - 100) // len(regel)
    inhoud = ("gemeentecode;maand;personen\n" + regel * rijen).encode()
    c = _client(platform)
    voor = momentopname()
    begin = time.perf_counter()
    antwoord = c.post(
        reverse("realisatie:upload_add"), {"bestand": SimpleUploadedFile("slecht.csv", inhoud)}
    )
    duur = time.perf_counter() - begin
    html = antwoord.content.decode()
    assert antwoord.status_code == 400 and momentopname() == voor
    # Past 100 errors the file is refused on the form of its cells alone: one error a row.
    getal = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    assert f"{getal(rijen)} fouten in het bestand; hieronder de eerste {MAX_FOUTEN}" in html
    assert f"… en nog {getal(rijen - MAX_FOUTEN)} fouten." in html
    assert html.count("<li>Rij ") == MAX_FOUTEN
    assert len(html) < 100_000
    assert duur < 20, f"{duur:.1f} s"  # about 3 s on an idle machine; shared CI gets slack
