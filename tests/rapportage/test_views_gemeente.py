"""The municipality page and its chart: the whole view of a municipality official."""

import re

import pytest
from django.urls import reverse

from gebruikers.choices import Rol


def _url(code):
    return reverse("rapportage:gemeente", kwargs={"code": code})


@pytest.mark.parametrize(
    ("rol", "code", "status"),
    [
        (Rol.PLATFORM, "GM0001", 200),
        (Rol.PLATFORM, "GM0002", 200),
        (Rol.MINISTERIE, "GM0002", 200),
        (Rol.PROVINCIE, "GM0001", 200),
        (Rol.PROVINCIE, "GM0002", 404),  # another province
        (Rol.GEMEENTE, "GM0001", 200),
        (Rol.GEMEENTE, "GM0002", 404),  # another municipality
        ("andere_gemeente", "GM0001", 404),
        (Rol.PLATFORM, "GM9999", 404),
    ],
)
def test_scope(wereld, rol_clients, rol, code, status):
    assert rol_clients[rol].get(_url(code)).status_code == status
    grafiek = reverse("rapportage:grafiek_gemeente", kwargs={"code": code})
    assert rol_clients[rol].get(grafiek).status_code == status


def test_not_a_code_is_not_a_page(wereld, rol_clients):
    assert rol_clients[Rol.PLATFORM].get("/gemeenten/363/").status_code == 404
    assert rol_clients[Rol.PLATFORM].get("/gemeenten/1/").status_code == 404


def test_anonymous_goes_to_login(wereld, client):
    assert client.get(_url("GM0001")).status_code == 302


def test_the_whole_view_of_the_official(wereld, rol_clients):
    html = rol_clients[Rol.GEMEENTE].get(_url("GM0001")).content.decode()
    assert "<h1>Gemeente 0001</h1>" in html
    # maak_wereld: 10 opening balance + 100 - 90 housed = 20 into 2017-I; 20 + 50 = 70; none in January.
    # After 1 of 6 months the line is 70/6, rounded up: 12 (test_landing.py reads the answer).
    assert "12 vergunninghouders gehuisvest moeten hebben (1/6 van de 70" in html
    assert "achter op schema" in html
    rijen = re.findall(r'<tr><th scope="row">(20\d\d-I+)</th>(.*?)</tr>', html)
    tabel = {
        h: [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", r)] for h, r in rijen
    }
    assert tabel["2016-II"] == ["10", "100", "110", "90", "20", "nee"]
    assert tabel["2017-I"][:4] == ["20", "50", "70", "0 (tot 1 februari 2017)"]
    assert tabel["2017-I"][-2:] == ["–", "loopt nog"]
    # Still needed: 70 over the 5 remaining months = 14 a month.
    assert "in elk van de 5 resterende maanden" in html and "nog 14 vergunninghouders" in html
    assert "februari 2017, maart 2017, april 2017, mei 2017, juni 2017" in html
    assert re.search(r"Halfjaren op rij niet gehaald</dt><dd>1</dd>", html)
    assert 'src="/grafieken/gemeenten/GM0001.svg?peildatum=2017-02-01"' in html
    assert "De cijfers van de grafiek" in html
    # An official does not get a link to the province page.
    assert 'href="/provincies/' not in html.split("</header>", 1)[1]


def test_the_supervisor_gets_a_link_to_the_province(wereld, rol_clients):
    html = rol_clients[Rol.PROVINCIE].get(_url("GM0001")).content.decode()
    assert 'href="/provincies/PV20/?peildatum=2017-02-01"' in html


def test_municipality_chart_is_svg(wereld, rol_clients):
    antwoord = rol_clients[Rol.GEMEENTE].get(
        reverse("rapportage:grafiek_gemeente", kwargs={"code": "GM0001"}) + "?peildatum=2017-02-01"
    )
    assert antwoord["Content-Type"] == "image/svg+xml"
    assert b"<svg" in antwoord.content and b"Gemeente 0001" in antwoord.content


def test_national_chart_is_public_aggregate(wereld, rol_clients):
    for c in rol_clients.values():
        antwoord = c.get(reverse("rapportage:grafiek_landelijk"))
        assert antwoord.status_code == 200
        assert antwoord["Content-Type"] == "image/svg+xml"


def test_the_cached_page_is_never_served_outside_its_scope(wereld, rol_clients):
    assert rol_clients[Rol.PLATFORM].get(_url("GM0002")).status_code == 200  # now cached
    assert rol_clients[Rol.GEMEENTE].get(_url("GM0002")).status_code == 404
