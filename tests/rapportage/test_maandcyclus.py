"""The monthly cycle on the demo (issue 11): a month is entered, checked, closed, then shown; a
missing figure is never a zero; a requested peildatum is never replaced."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gebruikers.choices import Rol
from rapportage import maandcyclus
from realisatie.choices import Bron, Maandstatus
from realisatie.models import Correctie, Heropening, Huisvesting, Maand, Waarschuwingsakkoord
from realisatie.services import Invoer, huisvestingen_invoeren
from taakstelling.models import Gemeente

pytestmark = pytest.mark.django_db

FEBRUARI = date(2017, 2, 1)
MAART = date(2017, 3, 1)


def _json(*args) -> dict:
    uit = StringIO()
    call_command(*args, "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())


def _groningen_februari(tmp_path, personen: int = 4):
    """Platform staff typed February 2017 for the 23 municipalities of Groningen only."""
    from realisatie.maandcyclus import verwachte_gemeenten

    met_taak = verwachte_gemeenten([FEBRUARI])[FEBRUARI]
    codes = sorted(
        Gemeente.objects.filter(provincie__code="PV20", id__in=met_taak).values_list(
            "code", flat=True
        )
    )
    bestand = tmp_path / "groningen.csv"
    bestand.write_text(
        "gemeentecode;maand;personen\n" + "".join(f"{c};2017-02;{personen}\n" for c in codes)
    )
    call_command("importeer_realisatie", str(bestand), stdout=StringIO())
    return codes


def _rest_februari(tmp_path, codes_al: list[str], personen: int = 0):
    from realisatie.maandcyclus import verwachte_gemeenten

    alle = sorted(code for code, _ in verwachte_gemeenten([FEBRUARI])[FEBRUARI].values())
    bestand = tmp_path / "rest.csv"
    bestand.write_text(
        "gemeentecode;maand;personen\n"
        + "".join(f"{c};2017-02;{personen}\n" for c in alle if c not in codes_al)
    )
    call_command("importeer_realisatie", str(bestand), stdout=StringIO())


def test_demo_closes_july_2016_to_january_2017_and_the_seed_row_is_final(demo):
    stand = _json("stand")
    assert stand["peildatum"] == "2017-02-01"
    assert stand["voorlopig"] is False
    assert [m["maand"] for m in stand["maanden"]] == [
        "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12", "2017-01",
    ]  # fmt: skip
    assert {m["status"] for m in stand["maanden"]} == {"vastgesteld"}
    assert all(m["ingevoerd"] == m["verwacht"] == 390 for m in stand["maanden"])
    landelijk = stand["landelijk"]
    assert (
        landelijk["aantal_gemeenten"],
        landelijk["beginstand_vorig"],
        landelijk["taakstelling_vorig"],
        landelijk["realisatie_vorig"],
        landelijk["beginstand"],
        landelijk["taakstelling"],
        landelijk["te_huisvesten"],
        landelijk["realisatie"],
        landelijk["stand"],
        landelijk["achterstand"],
        landelijk["voorsprong"],
    ) == (390, 5282, 23000, 22200, 6082, 13000, 19082, 3981, 15101, 15510, -409)
    januari = _json("maandstatus", "2017-01")
    assert januari["status"] == "vastgesteld"
    assert (januari["verwacht"], januari["ingevoerd"], januari["ontbrekend"]) == (390, 390, [])
    # The demo's January holds municipalities that housed more than they still had to: each such
    # warning was acknowledged by the one who closed the month.
    assert januari["waarschuwingen"]
    assert all(w["akkoord"] for w in januari["waarschuwingen"])
    assert {w["regel"] for w in januari["waarschuwingen"]} <= {
        maandcyclus.REGEL_BOVEN_TE_HUISVESTEN,
        maandcyclus.REGEL_BOVEN_GEMIDDELDE,
        maandcyclus.REGEL_LANDELIJK_VERSCHIL,
    }


def test_a_partial_month_changes_nothing_that_counts(demo, tmp_path, rol_clients):
    codes = _groningen_februari(tmp_path)
    assert len(codes) == 23
    # The default peildatum stays where the closed months end, for every role.
    assert _json("stand")["peildatum"] == "2017-02-01"
    status = _json("maandstatus", "2017-02")
    assert (status["status"], status["verwacht"], status["ingevoerd"]) == ("open", 390, 23)
    assert len(status["ontbrekend"]) == 367 and "GM0363" in status["ontbrekend"]
    # Nobody but platform staff sees 1 March 2017; they see it marked provisional.
    for rol in (Rol.MINISTERIE, Rol.PROVINCIE, Rol.GEMEENTE):
        antwoord = rol_clients[rol].get("/landelijk/?peildatum=2017-03-01")
        assert antwoord.status_code == 404
        assert "februari 2017 is nog niet vastgesteld" in antwoord.content.decode()
    pagina = rol_clients[Rol.PLATFORM].get("/gemeenten/?peildatum=2017-03-01").content.decode()
    assert "Voorlopig." in pagina
    assert "februari 2017: 23 van 390 gemeenten ingevoerd" in pagina
    # The selector shows what was asked, not another date.
    assert '<option value="2017-03-01" selected>' in pagina
    voorlopig = StringIO()
    call_command("stand", "--peildatum", "2017-03-01", "--format", "json", stdout=voorlopig)
    assert json.loads(voorlopig.getvalue())["voorlopig"] is True
    # The default page of every other role still reads the report's row.
    start = rol_clients[Rol.MINISTERIE].get("/landelijk/").content.decode()
    assert "Voorlopig." not in start and "15.101" in start


def test_closing_is_refused_while_incomplete_or_unacknowledged(demo, tmp_path, gebruikers):
    codes = _groningen_februari(tmp_path)
    with pytest.raises(CommandError, match="367 van de 390 gemeenten hebben nog geen cijfer"):
        call_command("maand_vaststellen", "2017-02", "--door", "platform", stdout=StringIO())
    assert not Maand.objects.filter(maand=FEBRUARI, status=Maandstatus.VASTGESTELD).exists()
    _rest_februari(tmp_path, codes)
    # 23 × 4 = 92 persons nationally after 3.981 in January: the national warning.
    status = _json("maandstatus", "2017-02")
    assert status["ontbrekend"] == []
    landelijk = [w for w in status["waarschuwingen"] if w["regel"] == "landelijk_verschil"]
    assert landelijk and landelijk[0]["gemeentecode"] is None
    assert (
        "Landelijk 92 personen in februari 2017, minder dan 3.981 in januari 2017"
        in (landelijk[0]["tekst"])
    )
    with pytest.raises(CommandError, match="nog niet geaccordeerd"):
        call_command("maand_vaststellen", "2017-02", "--door", "platform", stdout=StringIO())
    call_command(
        "maand_vaststellen", "2017-02", "--door", "platform", "--akkoord", stdout=StringIO()
    )
    status = _json("maandstatus", "2017-02")
    assert status["status"] == "vastgesteld" and all(w["akkoord"] for w in status["waarschuwingen"])
    assert Waarschuwingsakkoord.objects.filter(maand__maand=FEBRUARI, door="platform").exists()
    assert Maand.objects.get(maand=FEBRUARI).vastgesteld_gebruiker.username == "platform"
    assert _json("stand")["peildatum"] == "2017-03-01"
    assert _json("stand")["voorlopig"] is False


def test_reopening_needs_a_reason_and_moves_the_default_back(demo):
    with pytest.raises(CommandError, match="Geef een reden"):
        call_command("maand_heropenen", "2017-01", "--reden", " ", "--door", "p", stdout=StringIO())
    call_command(
        "maand_heropenen", "2017-01", "--reden", "COA levert een correctie", "--door", "p",
        stdout=StringIO(),
    )  # fmt: skip
    assert Heropening.objects.get(maand__maand=date(2017, 1, 1)).reden == "COA levert een correctie"
    assert _json("stand")["peildatum"] == "2017-01-01"
    with pytest.raises(CommandError, match="niet vastgesteld"):
        call_command("maand_heropenen", "2017-01", "--reden", "x", "--door", "p", stdout=StringIO())


def test_a_correction_of_a_closed_month_needs_a_reason(demo, tmp_path, rol_clients):
    amsterdam = Huisvesting.objects.get(gemeente__code="GM0363", maand=date(2017, 1, 1))
    bestand = tmp_path / "correctie.csv"
    bestand.write_text(f"gemeentecode;maand;personen\nGM0363;2017-01;{amsterdam.personen + 5}\n")
    with pytest.raises(CommandError):
        call_command("importeer_realisatie", str(bestand), stdout=StringIO(), stderr=StringIO())
    amsterdam.refresh_from_db()
    assert not Correctie.objects.exists()
    oud = amsterdam.personen
    call_command(
        "importeer_realisatie", str(bestand), "--reden", "COA-correctie", stdout=StringIO()
    )
    correctie = Correctie.objects.get()
    assert (correctie.oud, correctie.nieuw, correctie.reden, correctie.bron) == (
        oud,
        oud + 5,
        "COA-correctie",
        Bron.COMMANDO,
    )
    # The stand on 1 February 2017 counts it (3.981 + 5) and every page of it says so.
    assert _json("stand")["landelijk"]["realisatie"] == 3986
    pagina = rol_clients[Rol.MINISTERIE].get("/landelijk/").content.decode()
    assert "Na het vaststellen is 1 cijfer gecorrigeerd (januari 2017" in pagina


def test_the_grid_refuses_a_correction_without_reason(demo, gebruikers):
    amsterdam = Huisvesting.objects.get(gemeente__code="GM0363", maand=date(2017, 1, 1))
    invoer = [
        Invoer(
            gemeente=amsterdam.gemeente,
            maand=amsterdam.maand,
            waarden=(amsterdam.personen + 1, None, None, None),
            versie=amsterdam.versie,
        )
    ]
    from opnieuwthuis.bestanden import ImportFouten

    with pytest.raises(ImportFouten, match="januari 2017 is vastgesteld"):
        huisvestingen_invoeren(invoer=invoer, gebruiker=gebruikers[Rol.PLATFORM])
    assert not Correctie.objects.exists()
    huisvestingen_invoeren(invoer=invoer, gebruiker=gebruikers[Rol.PLATFORM], reden="typfout")
    assert Correctie.objects.get().bron == Bron.INVOER


def test_figures_that_cannot_count_are_refused(demo, tmp_path):
    bestand = tmp_path / "meierijstad.csv"
    bestand.write_text("gemeentecode;maand;personen\nGM1948;2017-02;12\n")
    fouten = StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_realisatie", str(bestand), stdout=StringIO(), stderr=fouten)
    melding = fouten.getvalue()
    assert "Meierijstad (GM1948) heeft in 2017-I geen taakstelling" in melding
    assert "dragen Schijndel, Sint-Oedenrode en Veghel" in melding
    assert not Huisvesting.objects.filter(gemeente__code="GM1948").exists()


@pytest.mark.parametrize("personen", ["100.001", "3000000000", "3.000.000.000"])
def test_bounds_are_a_row_error_on_every_database(demo, tmp_path, personen):
    bestand = tmp_path / "groot.csv"
    bestand.write_text(f"gemeentecode;maand;personen\nGM0014;2017-02;{personen}\n")
    fouten = StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_realisatie", str(bestand), stdout=StringIO(), stderr=fouten)
    assert "Rij 2, kolom 'personen'" in fouten.getvalue()
    # The reader bounds every count; the monthly rule is stricter (100.000 a month).
    assert "hoogstens 100.000" in fouten.getvalue() or "hoogstens 1.000.000" in fouten.getvalue()
    assert not Huisvesting.objects.filter(maand=FEBRUARI).exists()


def test_bounds_through_the_upload_never_a_server_error(demo, rol_clients):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile(
        "groot.csv", b"gemeentecode;maand;personen\nGM0014;2017-02;3000000000\n"
    )
    antwoord = rol_clients[Rol.PLATFORM].post(
        reverse("realisatie:upload_add"), {"bestand": bestand}
    )
    assert antwoord.status_code == 400
    assert "Rij 2" in antwoord.content.decode() and "hoogstens" in antwoord.content.decode()


def test_closing_and_reopening_on_the_month_page(demo, tmp_path, rol_clients):
    codes = _groningen_februari(tmp_path)
    _rest_februari(tmp_path, codes)
    client = rol_clients[Rol.PLATFORM]
    url = reverse("rapportage:maand", kwargs={"maand": "2017-02"})
    pagina = client.get(url).content.decode()
    assert "390 van 390" in pagina and "Landelijk 92 personen in februari 2017" in pagina
    # Closing without ticking the warning is refused and says why; nothing changes.
    geweigerd = client.post(url, {"actie": "vaststellen"})
    assert geweigerd.status_code == 400
    assert "nog niet geaccordeerd" in geweigerd.content.decode()
    assert not Maand.objects.filter(maand=FEBRUARI, status=Maandstatus.VASTGESTELD).exists()
    sleutels = [w.sleutel for w in maandcyclus.maandoverzicht(FEBRUARI).waarschuwingen]
    assert client.post(url, {"actie": "vaststellen", "akkoord": sleutels}).status_code == 302
    assert Maand.objects.get(maand=FEBRUARI).vastgesteld_door == "platform"
    assert client.post(url, {"actie": "heropenen", "reden": ""}).status_code == 400
    assert client.post(url, {"actie": "heropenen", "reden": "COA"}).status_code == 302
    assert Maand.objects.get(maand=FEBRUARI).status == Maandstatus.OPEN


def test_the_admin_writes_through_the_service(demo, rol_clients):
    amsterdam = Huisvesting.objects.get(gemeente__code="GM0363", maand=date(2017, 1, 1))
    url = reverse("admin:realisatie_huisvesting_change", args=[amsterdam.pk])
    client = rol_clients[Rol.PLATFORM]
    data = {"personen": str(amsterdam.personen + 2), "correctiereden": ""}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200  # the form again, with the error
    assert "geef de reden van de correctie" in antwoord.content.decode()
    assert (
        client.post(url, {**data, "personen": "3000000000", "correctiereden": "x"}).status_code
        == 200
    )
    assert not Correctie.objects.exists()
    assert client.post(url, {**data, "correctiereden": "COA"}).status_code == 302
    amsterdam.refresh_from_db()
    correctie = Correctie.objects.get()
    assert (correctie.nieuw, correctie.bron, amsterdam.versie) == (
        amsterdam.personen,
        Bron.BEHEER,
        2,
    )


def test_a_provisional_download_says_so_in_its_name(wereld, rol_clients):
    antwoord = rol_clients[Rol.PLATFORM].get("/gemeenten/?export=csv&peildatum=2017-03-01")
    assert "gemeenten-2017-03-01-voorlopig.csv" in antwoord["Content-Disposition"]
    definitief = rol_clients[Rol.PLATFORM].get("/gemeenten/?export=csv&peildatum=2017-02-01")
    assert "gemeenten-2017-02-01.csv" in definitief["Content-Disposition"]


def test_the_refusal_is_the_dutch_page_also_with_debug_on(wereld, rol_clients, settings):
    settings.DEBUG = True
    antwoord = rol_clients[Rol.MINISTERIE].get("/landelijk/?peildatum=2017-03-01")
    assert antwoord.status_code == 404
    html = antwoord.content.decode()
    assert '<html lang="nl">' in html and "februari 2017 is nog niet vastgesteld" in html
    assert "Page not found" not in html
