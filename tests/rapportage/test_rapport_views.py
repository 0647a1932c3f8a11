"""The report page and its downloads per role: the national report for platform and ministry
staff, the province for a supervisor, one municipality for an official; anything outside the
scope is a 404 in every format."""

import csv
import io
import subprocess

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebruikers.choices import Rol
from tests.factories import maak_gebruikers, maak_wereld

FORMATEN = [
    "rapportage:rapport",
    "rapportage:rapport_pdf",
    "rapportage:rapport_xlsx",
    "rapportage:rapport_csv",
    "rapportage:rapport_grafiek",
]
PEILDATUM = "2017-02-01"


@pytest.fixture(autouse=True)
def lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clients(db):
    """Six municipalities over two provinces: GM0001/3/5 in PV20, GM0002/4/6 in PV21. The
    official works for GM0001, the supervisor for PV20."""
    maak_wereld(6, provincies=2)
    clients = {}
    for rol, gebruiker in maak_gebruikers().items():
        clients[rol] = Client()
        clients[rol].force_login(gebruiker)
    clients["anoniem"] = Client()
    return clients


def vraag(client, naam, gebied=None):
    query = {"peildatum": PEILDATUM}
    if gebied:
        query["gebied"] = gebied
    return client.get(reverse(naam), query)


TOEGANG = [
    (Rol.PLATFORM, None, 200),
    (Rol.PLATFORM, "PV21", 200),
    (Rol.MINISTERIE, None, 200),
    (Rol.MINISTERIE, "GM0002", 200),
    (Rol.PROVINCIE, None, 200),
    (Rol.PROVINCIE, "GM0003", 200),
    (Rol.PROVINCIE, "NL", 404),
    (Rol.PROVINCIE, "PV21", 404),
    (Rol.PROVINCIE, "GM0002", 404),
    (Rol.GEMEENTE, None, 200),
    (Rol.GEMEENTE, "GM0001", 200),
    (Rol.GEMEENTE, "GM0002", 404),
    (Rol.GEMEENTE, "PV20", 404),
    (Rol.GEMEENTE, "NL", 404),
    (Rol.GEMEENTE, "PV99", 404),
]


@pytest.mark.parametrize("naam", FORMATEN)
@pytest.mark.parametrize(("rol", "gebied", "status"), TOEGANG)
def test_scope_of_every_format(clients, naam, rol, gebied, status):
    assert vraag(clients[rol], naam, gebied).status_code == status


@pytest.mark.parametrize("naam", FORMATEN)
def test_anonymous_users_log_in_first(clients, naam):
    antwoord = vraag(clients["anoniem"], naam)
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"]


def csv_codes(antwoord) -> list[str]:
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    return [r[0] or r[1] for r in rijen[1:]]


def test_each_role_gets_only_its_municipalities_in_the_csv(clients):
    assert csv_codes(vraag(clients[Rol.MINISTERIE], "rapportage:rapport_csv")) == [
        *(f"GM000{i}" for i in range(1, 7)),
        "Nederland",
    ]
    assert csv_codes(vraag(clients[Rol.PROVINCIE], "rapportage:rapport_csv")) == [
        "GM0001",
        "GM0003",
        "GM0005",
        "Nederland",
    ]
    assert csv_codes(vraag(clients[Rol.GEMEENTE], "rapportage:rapport_csv")) == [
        "GM0001",
        "Nederland",
    ]


def test_each_role_gets_only_its_municipalities_in_the_xlsx(clients):
    def codes(client):
        antwoord = vraag(client, "rapportage:rapport_xlsx")
        assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
        boek = openpyxl.load_workbook(io.BytesIO(antwoord.content))
        provincies = [r[0] for r in boek["provincies"].iter_rows(min_row=2, values_only=True)]
        gemeenten = [r[0] for r in boek["gemeenten"].iter_rows(min_row=2, values_only=True)]
        return provincies, gemeenten

    assert codes(clients[Rol.PLATFORM]) == (
        ["PV20", "PV21"],
        ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005", "GM0006"],
    )
    assert codes(clients[Rol.PROVINCIE]) == (["PV20"], ["GM0001", "GM0003", "GM0005"])
    assert codes(clients[Rol.GEMEENTE]) == ([], ["GM0001"])


def pdf_tekst(inhoud: bytes) -> str:
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=inhoud, capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_the_municipal_pdf_is_one_page_about_that_municipality(clients):
    antwoord = vraag(clients[Rol.GEMEENTE], "rapportage:rapport_pdf")
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == (
        'attachment; filename="voortgangsrapportage-2017-02-01-GM0001.pdf"'
    )
    tekst = pdf_tekst(antwoord.content)
    assert "Betreft: Voortgangsrapportage Platform Opnieuw Thuis, Gemeente 0001" in tekst
    assert "Gemeente 0002" not in tekst and "Gemeente 0003" not in tekst
    assert tekst.count("\f") == 1  # one page


def test_the_province_pdf_and_page_hold_only_its_municipalities(clients):
    tekst = pdf_tekst(vraag(clients[Rol.PROVINCIE], "rapportage:rapport_pdf").content)
    assert "Gemeente 0005" in tekst and "Gemeente 0002" not in tekst
    pagina = vraag(clients[Rol.PROVINCIE], "rapportage:rapport").content.decode()
    assert "Gemeente 0005" in pagina and "Gemeente 0002" not in pagina


def test_the_page_links_the_downloads_with_peildatum_and_area(clients):
    pagina = vraag(clients[Rol.MINISTERIE], "rapportage:rapport").content.decode()
    for naam in FORMATEN[1:]:
        assert f'{reverse(naam)}?peildatum=2017-02-01&amp;gebied=NL"' in pagina
    assert "2.017" not in pagina  # years are never written with a thousands separator
    assert "style=" not in pagina and "<script" not in pagina and " onclick" not in pagina
    assert '<html lang="nl">' in pagina
    assert "In januari 2017 zijn" in pagina
    assert 'href="/rapport/"' in pagina  # the menu item


def test_an_unknown_peildatum_is_a_404(clients):
    client = clients[Rol.MINISTERIE]
    assert client.get(reverse("rapportage:rapport"), {"peildatum": "2030-01-01"}).status_code == 404
    assert client.get(reverse("rapportage:rapport"), {"peildatum": "2017-02-15"}).status_code == 404
    assert (
        client.get(reverse("rapportage:rapport_pdf"), {"peildatum": "gisteren"}).status_code == 404
    )


def test_queries_do_not_grow_with_the_number_of_municipalities(db):
    from datetime import date

    from gebruikers.services import gebruiker_opslaan
    from realisatie.models import Huisvesting
    from taakstelling.models import Halfjaar
    from tests.factories import GemeenteFactory, TaakstellingFactory

    gemeenten = maak_wereld(2, provincies=2)
    client = Client()
    client.force_login(
        gebruiker_opslaan(naam="ministerie", rol=Rol.MINISTERIE, wachtwoord="x-y-z-123456")
    )

    def tel():
        cache.clear()
        with CaptureQueriesContext(connection) as vragen:
            assert vraag(client, "rapportage:rapport").status_code == 200
        return len(vragen)

    klein = tel()
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=1)
    for i in range(40):
        g = GemeenteFactory(code=f"GM{100 + i:04d}", provincie=gemeenten[i % 2].provincie)
        TaakstellingFactory(gemeente=g, halfjaar=halfjaar, personen=20 + i)
        Huisvesting.objects.create(gemeente=g, maand=date(2017, 1, 1), personen=i)
    assert tel() == klein


def test_the_report_page_is_cached_like_the_other_pages(clients, monkeypatch):
    """Made once per data version, scope, peildatum, area and version of the letter's words; a
    second request reads the cache (no report composed, a handful of queries)."""
    from rapportage.rapport import views as rapport_views

    samengesteld = []
    echte = rapport_views.maak_rapport
    monkeypatch.setattr(
        rapport_views, "maak_rapport", lambda *a, **k: samengesteld.append(1) or echte(*a, **k)
    )
    client = clients[Rol.MINISTERIE]
    eerste = vraag(client, "rapportage:rapport")
    with CaptureQueriesContext(connection) as vragen:
        tweede = vraag(client, "rapportage:rapport")
    assert samengesteld == [1]
    assert eerste.content.split(b"<article")[1] == tweede.content.split(b"<article")[1]
    # session, user, data version, the area's two counts, the letter's words, the publications
    assert len(vragen) <= 8, [v["sql"] for v in vragen]
    # Another area is another page.
    vraag(client, "rapportage:rapport", "PV21")
    assert samengesteld == [1, 1]
