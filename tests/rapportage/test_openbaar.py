"""The public pages under /openbaar/: without login, final months only, nothing that is not
public, switched off with OPNIEUWTHUIS_OPENBAAR=0, cacheable (ETag from the data version, 304
without rendering, Cache-Control), and a rate limit per address."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from gebruikers.choices import Rol

PAGINAS = [
    "/openbaar/",
    "/openbaar/gemeenten/",
    "/openbaar/gemeenten/?zoek=den+haag",
    "/openbaar/gemeenten/?export=csv",
    "/openbaar/kaart/",
    "/openbaar/kaart/?provincie=PV28",
    "/openbaar/gemeenten/GM0518/",
    "/openbaar/provincies/PV28/",
]


def _instellingen(**meer):
    return override_settings(OPNIEUWTHUIS={**settings.OPNIEUWTHUIS, **meer})


@pytest.fixture
def wereld_met_gebruikers(status_wereld):
    """The status world (January 2017 closed: 1 February 2017 is final) and a user per role."""
    from tests.factories import maak_gebruikers

    return maak_gebruikers()


@pytest.mark.parametrize("pad", PAGINAS)
def test_every_public_page_opens_without_login(wereld_met_gebruikers, client, pad):
    antwoord = client.get(pad)
    assert antwoord.status_code == 200, pad
    assert "ETag" in antwoord and "public" in antwoord["Cache-Control"]
    assert "max-age=300" in antwoord["Cache-Control"]
    # The same bytes for everyone: no session, no cookie, nothing that varies on one.
    assert "Cookie" not in antwoord.get("Vary", "")
    assert not antwoord.cookies


def test_the_national_row_of_the_report_on_the_demo(demo, client):
    html = client.get("/openbaar/").content.decode()
    assert "Stand realisatie taakstelling op 1 februari 2017" in html
    rij = re.search(r'<th scope="row">Nederland</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", rij) == [
        "390", "5.282", "23.000", "22.200", "6.082", "13.000", "19.082", "3.981", "15.101",
        "15.510", "\u2212409",
    ]  # fmt: skip
    assert "gemiddeld 3.180 huisvestingen per maand" in html  # 19.082 / 6, half up
    aantallen = [int(a.replace(".", "")) for a in re.findall(r'telling__aantal">([\d.]+)<', html)]
    assert sum(aantallen) == 390
    assert len(re.findall(r'href="/openbaar/provincies/PV\d\d/\?peildatum=2017-02-01"', html)) == 12


def test_the_list_and_its_csv_hold_every_municipality(demo, client):
    html = client.get("/openbaar/gemeenten/").content.decode()
    assert "390 gemeenten." in html
    assert len(re.findall(r'<th scope="row"><a href="/openbaar/gemeenten/GM\d{4}/', html)) == 390
    assert 'href="/gemeenten/GM' not in html  # every link stays public
    csv = client.get("/openbaar/gemeenten/?export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert len(regels) == 391 and "Amsterdam" in csv.content.decode("utf-8-sig")
    assert "Toezicht" not in regels[0]


@pytest.mark.parametrize("pad", [p for p in PAGINAS if "export" not in p])
def test_nothing_that_is_not_public(wereld_met_gebruikers, client, rol_clients, pad):
    for c in (client, rol_clients[Rol.PLATFORM]):
        html = c.get(pad).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert not re.search(r'<form[^>]*method="post"', html)
        assert "Uitloggen" not in html and "platform" not in html  # no user, no staff name
        for woord in (
            "Voorlopig",
            "voorlopig",
            "upload",
            "Upload",
            "waarschuwing",
            "Beheer",
            "interventieladder",  # supervision (toezicht) is not public
            "Toezicht",
            'name="stap"',
        ):
            assert woord not in html, (pad, woord)
        assert 'href="/realisatie/' not in html and 'href="/beheer/' not in html


def test_only_final_peildata(wereld_met_gebruikers, client):
    # January 2017 is closed, February is not: 1 March 2017 is not public, never another date.
    antwoord = client.get("/openbaar/?peildatum=2017-03-01")
    assert antwoord.status_code == 404
    assert (
        "De cijfers op 1 maart 2017 zijn nog niet definitief: februari 2017 is nog niet vastgesteld."
        in antwoord.content.decode()
    )
    assert client.get("/openbaar/gemeenten/GM0518/?peildatum=2017-03-01").status_code == 404
    html = client.get("/openbaar/").content.decode()
    keuzes = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"', html)
    assert keuzes and keuzes[-1] == "2017-02-01"
    assert client.get("/openbaar/?peildatum=gisteren").status_code == 404


def test_writing_is_not_possible(wereld_met_gebruikers, client):
    for pad in ["/openbaar/", "/openbaar/gemeenten/"]:
        assert client.post(pad).status_code == 405


@pytest.mark.parametrize("pad", [p.split("?")[0] for p in PAGINAS])
def test_switched_off_every_public_page_is_404(wereld_met_gebruikers, client, pad):
    with override_settings(OPNIEUWTHUIS_OPENBAAR=False):
        assert client.get(pad).status_code == 404
    assert client.get(pad).status_code == 200


def test_a_conditional_request_is_304_without_rendering(
    wereld_met_gebruikers, client, monkeypatch, django_assert_max_num_queries
):
    from rapportage import openbaar_views as openbaar

    eerste = client.get("/openbaar/gemeenten/")
    etag = eerste["ETag"]

    def niet_renderen(*args, **kwargs):
        raise AssertionError("a 304 renders nothing")

    monkeypatch.setattr(openbaar, "_pagina", niet_renderen)
    with django_assert_max_num_queries(4):  # data version, the months for the final peildatum
        antwoord = client.get("/openbaar/gemeenten/", HTTP_IF_NONE_MATCH=etag)
    assert antwoord.status_code == 304
    assert antwoord["ETag"] == etag and "public" in antwoord["Cache-Control"]
    # Another page has another ETag.
    monkeypatch.undo()
    assert client.get("/openbaar/kaart/")["ETag"] != etag


def test_the_etag_follows_the_data_and_the_closed_months(wereld_met_gebruikers, client):
    from realisatie.models import Huisvesting
    from tests.factories import sluit_maanden

    voor = client.get("/openbaar/")["ETag"]
    assert client.get("/openbaar/")["ETag"] == voor
    h = Huisvesting.objects.get(gemeente__code="GM0599", maand=date(2017, 1, 1))
    h.personen += 1
    h.save()
    na_cijfer = client.get("/openbaar/")["ETag"]
    assert na_cijfer != voor
    assert client.get("/openbaar/", HTTP_IF_NONE_MATCH=voor).status_code == 200
    Huisvesting.objects.create(gemeente=h.gemeente, maand=date(2017, 2, 1), personen=3)
    tussen = client.get("/openbaar/")["ETag"]
    sluit_maanden([date(2017, 2, 1)])
    na_sluiten = client.get("/openbaar/")
    assert na_sluiten["ETag"] != tussen
    assert "op 1 maart 2017" in na_sluiten.content.decode()


def test_a_rate_limit_per_address(wereld_met_gebruikers, client):
    with _instellingen(OPENBAAR_PER_MINUUT=3):
        for _ in range(3):
            assert client.get("/openbaar/", REMOTE_ADDR="192.0.2.1").status_code == 200
        te_veel = client.get("/openbaar/", REMOTE_ADDR="192.0.2.1")
        assert te_veel.status_code == 429 and te_veel["Retry-After"] == "60"
        assert "Te veel verzoeken vanaf uw adres" in te_veel.content.decode()
        assert client.get("/openbaar/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_public_municipality_page_opens_with_the_answer(wereld_met_gebruikers, client):
    html = client.get("/openbaar/gemeenten/GM0518/").content.decode()
    assert "<h1>&#x27;s-Gravenhage</h1>" in html or "<h1>'s-Gravenhage</h1>" in html
    assert "20 vergunninghouders gehuisvest moeten hebben" in html
    assert "het zijn er 14, 6 te weinig" in html
    assert 'href="/openbaar/provincies/PV28/?peildatum=2017-02-01"' in html
    assert client.get("/openbaar/gemeenten/GM9999/").status_code == 404
    assert client.get("/openbaar/provincies/PV99/").status_code == 404


def test_the_public_map(wereld_met_gebruikers, client):
    html = client.get("/openbaar/kaart/?provincie=PV28").content.decode()
    assert set(re.findall(r'data-code="(GM\d{4})"', html)) == {"GM0518", "GM0599"}
    assert 'href="/openbaar/gemeenten/GM0599/?peildatum=2017-02-01"' in html
    assert "Terug naar heel Nederland" in html


def test_the_menu_names_the_public_pages(wereld_met_gebruikers, client):
    html = client.get(reverse("rapportage:openbaar")).content.decode()
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", menu) == [
        "Landelijk",
        "Gemeenten",
        "Kaart",
        "Inloggen voor medewerkers",
    ]
