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
        "Op schema (2)" in html
        and "Enigszins achter (2)" in html
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
