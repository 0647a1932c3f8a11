"""The map page: colours of known cases, scope, the table as text alternative."""

import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from gebruikers.choices import Rol

from .conftest import STATUS_GEVALLEN

KAART = reverse("rapportage:kaart")
SVG = "{http://www.w3.org/2000/svg}"


def _kaart(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(re.search(r"<svg xmlns=.*?</svg>", html, re.S).group(0))


def _links(html):
    return {a.get("data-code"): a for a in _kaart(html).iter(f"{SVG}a")}


def test_known_cases_have_their_colour(status_wereld, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(KAART).content.decode()
    links = _links(html)
    vulling = {
        "op_schema": "url(#kaart-op-schema)",
        "enigszins_achter": "url(#kaart-enigszins-achter)",
        "achter": "url(#kaart-achter)",
    }
    for code, naam, *_rest, status, _inw in STATUS_GEVALLEN:
        pad = links[code].find(f"{SVG}path")
        assert pad.get("fill") == vulling[status], code
        assert links[code].get("href") == f"/gemeenten/{code}/?peildatum=2017-02-01"
        assert links[code].find(f"{SVG}title").text.startswith(f"{naam}: ")
    assert "Gehuisvest 14 van 120" in links["GM0518"].find(f"{SVG}title").text
    # Legend with counts, the source, and the table with the same municipalities.
    assert (
        "Goed op schema (2)" in html
        and "Enigszins achter op schema (2)" in html
        and "Achter op schema (2)" in html
    )
    assert "Bron: CBS" in html
    tabel = html.split('id="kop-kaarttabel"')[1]
    assert len(re.findall(r'<th scope="row"><a href="/gemeenten/GM', tabel)) == len(STATUS_GEVALLEN)


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        (Rol.PLATFORM, {c[0] for c in STATUS_GEVALLEN}),
        (Rol.PROVINCIE, {"GM0003", "GM0014"}),  # Groningen
        (Rol.GEMEENTE, {"GM0003"}),
    ],
)
def test_only_the_users_municipalities_are_named(status_wereld, rol_clients, rol, verwacht):
    html = rol_clients[rol].get(KAART).content.decode()
    assert set(_links(html)) == verwacht
    # The rest of the country is drawn, but without a name, link or figures.
    achtergrond = next(
        g for g in _kaart(html).iter(f"{SVG}g") if g.get("class") == "kaart__achtergrond"
    )
    assert len(achtergrond) == 390 - len(verwacht)
    assert "Rotterdam" not in html or rol == Rol.PLATFORM


def test_municipality_without_shape_is_listed_not_lost(wereld, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(KAART).content.decode()
    assert "Niet op de kaart (geen grens bekend): Gemeente 0001, Gemeente 0002." in html


def _viewbox(html):
    return [float(v) for v in _kaart(html).get("viewBox").split()]


def test_a_supervisors_map_shows_their_province_large(status_wereld, rol_clients):
    landelijk = _viewbox(rol_clients[Rol.PLATFORM].get(KAART).content.decode())
    provincie = _viewbox(rol_clients[Rol.PROVINCIE].get(KAART).content.decode())
    assert landelijk[:3] == [0.0, 0.0, 600.0]
    assert provincie[2] < landelijk[2] / 2  # Groningen, framed on its own municipalities


def test_zoom_to_a_province_from_the_national_map(status_wereld, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    html = c.get(KAART).content.decode()
    zoom = re.search(r'<ul class="kaart__zoom".*?</ul>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", zoom) == [
        "Groningen",
        "Noord-Holland",
        "Utrecht",
        "Zuid-Holland",
    ]
    assert 'href="?peildatum=2017-02-01&amp;provincie=PV28"' in zoom
    ingezoomd = c.get(KAART, {"peildatum": "2017-02-01", "provincie": "PV28"}).content.decode()
    assert set(_links(ingezoomd)) == {"GM0518", "GM0599"}  # 's-Gravenhage and Rotterdam
    assert _viewbox(ingezoomd)[2] < 600 / 2
    assert "Terug naar heel Nederland" in ingezoomd
    assert "Achter op schema (2)" in ingezoomd and "Goed op schema (0)" in ingezoomd


def test_every_shape_carries_its_panel_and_the_script_is_a_file(status_wereld, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(KAART).content.decode()
    rotterdam = _links(html)["GM0599"]
    assert rotterdam.get("data-naam") == "Rotterdam"
    assert rotterdam.get("data-status-label") == "achter op schema"
    assert rotterdam.get("data-gehuisvest") == "0" and rotterdam.get("data-te-huisvesten") == "120"
    assert rotterdam.get("data-stand") == "120" and rotterdam.get("data-nodig") == "24"
    assert 'id="kaart-paneel"' in html and 'data-kaart="kaart-paneel"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(
        re.search(r'src="/static/rapportage/kaart[^"]*\.js"', t) for t in scripts
    )
    assert re.search(r"<script[^>]*>\s*</script>", html)  # nothing inline


def test_the_province_page_has_its_map(status_wereld, rol_clients):
    html = rol_clients[Rol.PROVINCIE].get(reverse("rapportage:provincie", args=["PV20"])).content
    html = html.decode()
    assert set(_links(html)) == {"GM0003", "GM0014"}
    assert _viewbox(html)[2] < 600 / 2
    assert "Buiten Groningen" in html
