"""Publish and keep: a published report's files stay byte-identical after a correction; a new
report for the same peildatum shows the correction and is published beside the first, with a
note; the archive follows the live report's scope; publishing only for a final peildatum."""

import hashlib
import io
import json
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gebruikers.choices import Rol
from rapportage.models import GepubliceerdRapport

RIJ_1_FEBRUARI_2017 = [390, 5282, 23000, 22200, 6082, 13000, 19082, 3981, 15101, 15510, -409]


def publiceer(*args) -> dict:
    uit = io.StringIO()
    call_command("rapport_publiceren", "--peildatum=2017-02-01", *args, stdout=uit)
    return json.loads(uit.getvalue())


def archief() -> list[dict]:
    uit = io.StringIO()
    call_command("rapport_archief", "--format=json", stdout=uit)
    return json.loads(uit.getvalue())


def haal(tmp_path, id_, formaat) -> bytes:
    pad = tmp_path / f"{id_}.{formaat}"
    call_command(
        "rapport_archief",
        f"--haal={id_}",
        f"--formaat={formaat}",
        f"--output={pad}",
        stdout=io.StringIO(),
    )
    return pad.read_bytes()


def csv_land(inhoud: bytes) -> list[str]:
    return inhoud.decode("utf-8-sig").splitlines()[-1].split(";")


def test_publish_correct_and_publish_again_both_stay(demo, tmp_path):
    eerste = publiceer("--door=M. Florijn")
    assert eerste["gebied"] == "NL" and eerste["versie"] == 1
    assert eerste["gepubliceerd_door"] == "M. Florijn"
    bestanden = {f: haal(tmp_path, eerste["id"], f) for f in ("pdf", "xlsx", "csv")}
    for formaat, inhoud in bestanden.items():
        assert hashlib.sha256(inhoud).hexdigest() == eerste[f"{formaat}_sha256"]
    assert [int(v) for v in csv_land(bestanden["csv"])[3:14]] == RIJ_1_FEBRUARI_2017
    tekst = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=bestanden["pdf"], capture_output=True, check=True
    ).stdout.decode()
    assert "Concept" not in tekst  # a published letter is no draft
    assert "Hoogachtend," in tekst

    # Publishing the same report again without a note is refused.
    with pytest.raises(CommandError, match="al gepubliceerd"):
        publiceer()

    # A correction of a closed month, with a reason (January 2017, Amsterdam: 81 -> 91).
    correctie = tmp_path / "correctie.csv"
    correctie.write_text("gemeentecode;maand;personen\nGM0363;2017-01;91\n", encoding="utf-8")
    call_command(
        "importeer_realisatie",
        str(correctie),
        "--reden=COA-correctie januari",
        stdout=io.StringIO(),
    )

    # The archived files keep their bytes and sha256.
    for formaat, inhoud in bestanden.items():
        assert haal(tmp_path, eerste["id"], formaat) == inhoud
    # The live report shows the correction.
    live = tmp_path / "live.csv"
    call_command(
        "rapport",
        "--peildatum=2017-02-01",
        "--format=csv",
        f"--output={live}",
        stdout=io.StringIO(),
    )
    assert int(csv_land(live.read_bytes())[3 + 7]) == 3991  # realisatie tot 1 februari

    tweede = publiceer("--notitie=Amsterdam januari 2017: 91 in plaats van 81 (COA).")
    assert (tweede["versie"], tweede["vervangt"]) == (2, eerste["id"])
    assert tweede["csv_sha256"] != eerste["csv_sha256"]
    tekst = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"],
        input=haal(tmp_path, tweede["id"], "pdf"),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Gecorrigeerde versie" in " ".join(tekst.split())
    assert "91 in plaats van 81" in " ".join(tekst.split())

    lijst = archief()
    assert [(r["id"], r["versie"]) for r in lijst] == [(eerste["id"], 1), (tweede["id"], 2)]
    assert lijst[0]["pdf_sha256"] == eerste["pdf_sha256"]
    assert set(lijst[0]) >= {"id", "peildatum", "gebied", "gepubliceerd_op", "xlsx_sha256"}


def test_only_a_final_peildatum_is_published(demo):
    # The demo closes July 2016 - January 2017: 1 March 2017 is not final.
    with pytest.raises(CommandError, match="nog voorlopig"):
        call_command("rapport_publiceren", "--peildatum=2017-03-01", stdout=io.StringIO())
    assert not GepubliceerdRapport.objects.exists()


def test_the_archive_follows_the_live_reports_scope(demo, gebruikers, rol_clients):
    eigen = gebruikers[Rol.GEMEENTE].gemeente  # the official's municipality
    pv = gebruikers[Rol.PROVINCIE].provincie.code  # the supervisor's province (eigen's)
    assert eigen.provincie.code == pv
    ids = {
        "NL": publiceer()["id"],
        pv: publiceer(f"--gebied={pv}")["id"],
        eigen.code: publiceer(f"--gebied={eigen.code}")["id"],
        "PV27": publiceer("--gebied=PV27")["id"],
        "GM0363": publiceer("--gebied=GM0363")["id"],
    }
    zichtbaar = {}
    for rol, client in rol_clients.items():
        pagina = client.get(reverse("rapportage:rapport_archief")).content.decode()
        zichtbaar[rol] = {
            gebied
            for gebied, id_ in ids.items()
            if reverse("rapportage:rapport_archief_bestand", args=[id_, "pdf"]) in pagina
        }
    assert zichtbaar[Rol.PLATFORM] == zichtbaar[Rol.MINISTERIE] == set(ids)
    assert zichtbaar[Rol.PROVINCIE] == {pv, eigen.code}
    assert zichtbaar[Rol.GEMEENTE] == {eigen.code}
    for gebied, status in [(eigen.code, 200), (pv, 404), ("NL", 404), ("GM0363", 404)]:
        antwoord = rol_clients[Rol.GEMEENTE].get(
            reverse("rapportage:rapport_archief_bestand", args=[ids[gebied], "csv"])
        )
        assert antwoord.status_code == status, gebied


def test_platform_staff_publish_from_the_report_page(demo, rol_clients):
    client = rol_clients[Rol.PLATFORM]
    url = reverse("rapportage:rapport_publiceren")
    antwoord = client.post(url, {"peildatum": "2017-03-01", "gebied": "NL"})
    assert antwoord.status_code == 302
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "nog voorlopig" in pagina
    antwoord = client.post(url, {"peildatum": "2017-02-01", "gebied": "NL"})
    assert antwoord["Location"] == reverse("rapportage:rapport_archief")
    publicatie = GepubliceerdRapport.objects.get()
    assert publicatie.door_naam == "platform" and publicatie.peildatum == date(2017, 2, 1)
    pdf = client.get(reverse("rapportage:rapport_archief_bestand", args=[publicatie.pk, "pdf"]))
    assert pdf.content == bytes(publicatie.pdf)
    assert rol_clients[Rol.MINISTERIE].post(url, {"peildatum": "2017-02-01"}).status_code == 403
    pagina = client.get(reverse("rapportage:rapport") + "?peildatum=2017-02-01").content.decode()
    assert "Gecorrigeerde versie publiceren" in pagina
