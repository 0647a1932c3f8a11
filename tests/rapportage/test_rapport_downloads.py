"""The report for 1 February 2017 on the demo, read back by independent tools: the national row
of the seed report (domain.md) in the PDF text (pdftotext), the XLSX cells (openpyxl) and the CSV
(the csv module); and another peildatum against ``stand --format json``."""

import csv
import io
import json
import re
import subprocess
from datetime import date

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command

RIJ_1_FEBRUARI_2017 = [390, 5282, 23000, 22200, 6082, 13000, 19082, 3981, 15101, 15510, -409]
GETAL = re.compile(r"[-−]?\d{1,3}(?:\.\d{3})*")


@pytest.fixture(autouse=True)
def lege_cache():
    # Caches are keyed on the data version; test databases restart it, so start clean.
    cache.clear()
    yield
    cache.clear()


def maak(tmp_path, formaat, peildatum="2017-02-01", **extra):
    uit = tmp_path / f"rapport.{formaat}"
    opties = [f"--{k}={v}" for k, v in extra.items()]
    args = ["rapport", f"--peildatum={peildatum}", f"--format={formaat}", f"--output={uit}"]
    call_command(*args, *opties, stdout=io.StringIO())
    return uit


def pdf_tekst(pad) -> str:
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(pad), "-"], capture_output=True, check=True, text=True
    ).stdout


def waarde(cel: str) -> int | None:
    return None if cel == "" else int(cel)


def getallen(tekst: str) -> list[int]:
    return [int(g.replace(".", "").replace("−", "-")) for g in GETAL.findall(tekst)]


def csv_rijen(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(b"\xef\xbb\xbf"), "UTF-8 met BOM"
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def test_pdf_national_row_and_form(demo, tmp_path):
    """The national letter (Typst), read back as a person and a tool would."""
    pad = maak(tmp_path, "pdf")
    tekst = pdf_tekst(pad)
    regels = [r for r in tekst.splitlines() if re.match(r"\s*Nederland\s+\d", r)]
    assert regels, tekst[:3000]
    assert getallen(regels[0].split("Nederland", 1)[1]) == RIJ_1_FEBRUARI_2017
    doorlopend = " ".join(tekst.split())
    # The letter's parts, in the order of the seed.
    delen = [
        "Aan de staatssecretaris van Veiligheid en Justitie",
        "Betreft: Voortgangsrapportage Platform Opnieuw Thuis",
        "Geachte staatssecretaris,",
        "1. Terugblik",
        "2. Analyse en ontwikkelingen realisatie huisvesting vergunninghouders komende periode",
        "3. Stand realisatie taakstelling",
        "4. Vergunninghouders in de opvang",
        "Hoogachtend, Namens de leden van Platform Opnieuw Thuis,",
        "Bijlage: stand per gemeente",
    ]
    posities = [doorlopend.find(d) for d in delen]
    assert -1 not in posities, list(zip(delen, posities))
    assert posities == sorted(posities)
    assert "Platform Opnieuw Thuis, www.opnieuwthuis.nl, postbus@opnieuwthuis.nl" in doorlopend
    assert "Concept: deze rapportage is nog niet gepubliceerd." in doorlopend
    assert (
        "Tabel: Stand realisatie taakstelling huisvesting vergunninghouders op 1 februari 2017"
        in (doorlopend)
    )
    assert (
        "In januari 2017 zijn 3.981 vergunninghouders gehuisvest, meer dan het benodigde "
        "gemiddelde van 3.180 per maand." in doorlopend
    )

    info = subprocess.run(["pdfinfo", str(pad)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "595.276 x 841.89 pts (A4)" in info
    assert "Voortgangsrapportage Nederland, stand op 1 februari 2017" in info  # metadata title
    pagina_s = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pagina_s > 3
    assert f"pagina 2 van {pagina_s}" in tekst
    # The appendix breaks over pages and its header row comes back on each of them.
    assert tekst.count("Halfjaren") >= 5
    xmp = subprocess.run(["pdfinfo", "-meta", str(pad)], capture_output=True, text=True).stdout
    assert "pdfuaid" in xmp
    # The chart is vector: the PDF holds no raster image.
    lijst = subprocess.run(["pdfimages", "-list", str(pad)], capture_output=True, text=True)
    assert len(lijst.stdout.strip().splitlines()) == 2  # only the two header lines


def test_the_platforms_words_are_text_in_the_pdf_never_markup(demo, tmp_path, gebruikers):
    """Narrative written on the edit page lands where its section is, as text: Typst markup and
    code in it (``#``, ``]``, ``$``) are printed, not run."""
    from rapportage.rapport.publiceren import rapporttekst_opslaan

    rapporttekst_opslaan(
        peildatum=date(2017, 2, 1),
        gebied="NL",
        gebruiker=gebruikers["platform"],
        versie=0,
        plaats="Den Haag",
        briefdatum=date(2017, 2, 20),
        betreft="Vierde voortgangsrapportage Platform Opnieuw Thuis",
        ondertekenaar="M. Florijn",
        functie="Ambassadeur Platform Opnieuw Thuis",
        teksten={
            "inleiding": "Dit is de *vierde* voortgangsrapportage van het Platform.",
            "terugblik": "Gemeenten verdienen een **stevig compliment**.\n\n"
            "- procesverbeteringen\n- integratie en participatie",
            "tot_slot": '#set page(fill: red) ] $x$ #eval("1") Wij kijken uit naar een '
            "productieve afronding. Zie https://www.opnieuwthuis.nl/themas.",
        },
    )
    doorlopend = " ".join(pdf_tekst(maak(tmp_path, "pdf")).split())
    assert "Den Haag, 20 februari 2017" in doorlopend
    assert "Betreft: Vierde voortgangsrapportage Platform Opnieuw Thuis" in doorlopend
    assert "Dit is de vierde voortgangsrapportage van het Platform." in doorlopend
    assert "Gemeenten verdienen een stevig compliment." in doorlopend
    assert "• procesverbeteringen • integratie en participatie" in doorlopend
    assert '5. Tot slot #set page(fill: red) ] $x$ #eval("1") Wij kijken uit' in doorlopend
    assert "M. Florijn Ambassadeur Platform Opnieuw Thuis" in doorlopend
    # The narrative of a section comes before the figures placed in it.
    assert doorlopend.index("stevig compliment") < doorlopend.index("De taakstelling voor de")
    # Sections without words or figures (Laatste fase) are left out and the numbers close up.
    assert "Laatste fase" not in doorlopend
    assert doorlopend.index("2. Analyse") < doorlopend.index("5. Tot slot")


def test_xlsx_national_row_and_sheets(demo, tmp_path):
    boek = openpyxl.load_workbook(maak(tmp_path, "xlsx"))
    assert boek.sheetnames == ["landelijk", "provincies", "gemeenten", "halfjaren"]
    landelijk = boek["landelijk"]
    rij = [c.value for c in landelijk[2]]
    assert rij == ["Nederland", *RIJ_1_FEBRUARI_2017]
    assert all(isinstance(v, int) for v in rij[1:])
    assert landelijk["B1"].value == "Aantal gemeenten"
    assert landelijk.freeze_panes == "B2"
    assert boek["provincies"].max_row == 13  # header + twelve provinces
    gemeenten = boek["gemeenten"]
    assert gemeenten.max_row == 391
    assert gemeenten.freeze_panes == "C2"
    assert sum(r[10] for r in gemeenten.iter_rows(min_row=2, values_only=True)) == 15101


def test_csv_national_row(demo, tmp_path):
    rijen = csv_rijen(maak(tmp_path, "csv").read_bytes())
    kop, gemeenten, land = rijen[0], rijen[1:-1], rijen[-1]
    assert kop[:4] == ["Gemeentecode", "Gemeente", "Provincie", "Aantal gemeenten"]
    assert land[1] == "Nederland"
    assert [int(v) for v in land[3:14]] == RIJ_1_FEBRUARI_2017
    assert len(gemeenten) == 390
    assert sum(int(r[kop.index("Achter/voor tot 1 februari 2017")]) for r in gemeenten) == 15101


def test_another_peildatum_agrees_with_the_stand_command(demo, tmp_path):
    uit = io.StringIO()
    call_command("stand", "--peildatum=2016-12-01", "--format=json", stdout=uit)
    stand = json.loads(uit.getvalue())
    kolommen = list(stand["landelijk"])
    land = [stand["landelijk"][k] for k in kolommen]

    rijen = csv_rijen(maak(tmp_path, "csv", peildatum="2016-12-01").read_bytes())
    assert [waarde(v) for v in rijen[-1][3:14]] == land
    per_code = {r[0]: r for r in rijen[1:-1]}
    for g in stand["gemeenten"]:
        cijfers = [waarde(v) for v in per_code[g["gemeentecode"]][4:14]]
        assert cijfers == [g[k] for k in kolommen[1:]]

    boek = openpyxl.load_workbook(maak(tmp_path, "xlsx", peildatum="2016-12-01"))
    assert [c.value for c in boek["landelijk"][2]][1:] == land

    tekst = pdf_tekst(maak(tmp_path, "pdf", peildatum="2016-12-01"))
    regel = next(r for r in tekst.splitlines() if re.match(r"\s*Nederland\s+\d", r))
    # No half-year before 2016-II: its three columns show "–" in the PDF.
    assert land[1:4] == [None, None, None]
    assert getallen(regel.split("Nederland", 1)[1]) == [land[0], *land[4:]]


def test_the_command_writes_a_province_and_a_municipality(demo, tmp_path):
    rijen = csv_rijen(maak(tmp_path, "csv", gebied="PV27").read_bytes())
    assert {r[2] for r in rijen[1:-1]} == {"Noord-Holland"}
    tekst = pdf_tekst(maak(tmp_path, "pdf", gebied="GM0363"))
    assert "Betreft: Voortgangsrapportage Platform Opnieuw Thuis, Amsterdam" in tekst
    pad = maak(tmp_path, "pdf", gebied="GM0363")
    pdfinfo = subprocess.run(["pdfinfo", str(pad)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", pdfinfo), "het gemeenterapport is één pagina"


def test_formula_cells_are_escaped_in_every_export(demo, tmp_path):
    from taakstelling.models import Gemeente

    Gemeente.objects.filter(code="GM0363").update(naam='=HYPERLINK("http://x")')
    cache.clear()
    rijen = csv_rijen(maak(tmp_path, "csv").read_bytes())
    namen = {r[0]: r[1] for r in rijen[1:-1]}
    assert namen["GM0363"] == '\'=HYPERLINK("http://x")'
    boek = openpyxl.load_workbook(maak(tmp_path, "xlsx"))
    cellen = {r[0]: r[1] for r in boek["gemeenten"].iter_rows(min_row=2, values_only=True)}
    assert cellen["GM0363"].startswith("'=")
    # Negative numbers stay numbers.
    assert boek["landelijk"]["L2"].value == -409
