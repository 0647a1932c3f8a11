import re

import pytest
from django.urls import reverse

from gebruikers.choices import Rol

ROLLEN = [Rol.PLATFORM, Rol.MINISTERIE, Rol.PROVINCIE, Rol.GEMEENTE]


def _html(client, url):
    antwoord = client.get(url)
    assert antwoord.status_code == 200, url
    return antwoord.content.decode()


def test_anonymous_goes_to_login(client, db):
    antwoord = client.get(reverse("rapportage:start"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


def test_the_national_row_of_the_report_on_the_demo(demo, rol_clients):
    html = _html(rol_clients[Rol.MINISTERIE], reverse("rapportage:start"))
    assert "Stand realisatie taakstelling op 1 februari 2017" in html
    rij = re.search(r'<th scope="row">Nederland</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", rij) == [
        "390", "5.282", "23.000", "22.200", "6.082", "13.000", "19.082", "3.981", "15.101",
        "15.510", "\u2212409",
    ]  # fmt: skip
    assert "gemiddeld 3.180 huisvestingen per maand" in html
    # The status counts add up to the 390 municipalities.
    aantallen = [int(a.replace(".", "")) for a in re.findall(r'telling__aantal">([\d.]+)<', html)]
    assert len(aantallen) == 3 and sum(aantallen) == 390
    # Twelve provinces, each a link to its page at the same peildatum.
    assert len(re.findall(r'href="/provincies/PV\d\d/\?peildatum=2017-02-01"', html)) == 12
    assert 'src="/grafieken/landelijk.svg?peildatum=2017-02-01"' in html
    assert "Januari 2017: 3.981 gehuisvest" in html  # the chart's text alternative
    assert "Illustratieve cijfers" in html
    assert not re.search(r"2\.01[67]", re.sub(r"<td>[^<]*</td>", "", html))  # years, codes, URLs


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_role_sees_the_dashboard_with_the_national_line(wereld, rol_clients, rol):
    html = _html(rol_clients[rol], reverse("rapportage:start"))
    assert "Totaaloverzicht Nederland" in html
    assert 'name="peildatum"' in html


def test_platform_sees_every_province(wereld, rol_clients):
    html = _html(rol_clients[Rol.PLATFORM], reverse("rapportage:start"))
    assert "Provincie 0" in html and "Provincie 1" in html
    assert "Gemeente 0001" not in html  # no municipality table for the whole country here


def test_supervisor_sees_only_their_province_and_its_municipalities(wereld, rol_clients):
    html = _html(rol_clients[Rol.PROVINCIE], reverse("rapportage:start"))
    assert "Provincie 0" in html and "Provincie 1" not in html
    assert "Gemeente 0001" in html and "Gemeente 0002" not in html


def test_official_sees_only_their_municipality(wereld, rol_clients):
    html = _html(rol_clients[Rol.GEMEENTE], reverse("rapportage:start"))
    assert "Uw gemeente" in html
    assert "Gemeente 0001" in html and "Gemeente 0002" not in html
    assert "Per provincie" not in html
    assert reverse("rapportage:kaart") not in html.split("</header>", 1)[1]


@pytest.mark.parametrize(
    ("rol", "zichtbaar", "onzichtbaar"),
    [
        (Rol.PLATFORM, ["Gemeenten", "Kaart", "Beheer"], ["Mijn gemeente", "Mijn provincie"]),
        (Rol.MINISTERIE, ["Gemeenten", "Kaart"], ["Beheer", "Mijn gemeente"]),
        (Rol.PROVINCIE, ["Mijn provincie", "Gemeenten", "Kaart"], ["Beheer", "Mijn gemeente"]),
        (Rol.GEMEENTE, ["Mijn gemeente"], ["Gemeenten</a>", "Kaart</a>", "Beheer"]),
    ],
)
def test_the_menu_shows_only_what_the_role_may_use(
    wereld, rol_clients, rol, zichtbaar, onzichtbaar
):
    html = _html(rol_clients[rol], reverse("rapportage:start"))
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    for item in zichtbaar:
        assert item in menu
    for item in onzichtbaar:
        assert item not in menu


def test_menu_links_to_own_municipality_and_province(wereld, rol_clients):
    gemeente = _html(rol_clients[Rol.GEMEENTE], reverse("rapportage:start"))
    assert 'href="/gemeenten/GM0001/"' in gemeente
    provincie = _html(rol_clients[Rol.PROVINCIE], reverse("rapportage:start"))
    assert 'href="/provincies/PV20/"' in provincie


def test_an_earlier_peildatum_and_bad_ones(wereld, rol_clients):
    c = rol_clients[Rol.PLATFORM]
    html = _html(c, reverse("rapportage:start") + "?peildatum=2016-10-01")
    assert "Stand realisatie taakstelling op 1 oktober 2016" in html
    assert "2016-II: 3 van de 6 maanden" in html
    assert c.get(reverse("rapportage:start") + "?peildatum=gisteren").status_code == 404
    assert c.get(reverse("rapportage:start") + "?peildatum=2030-01-01").status_code == 404
    assert c.get(reverse("rapportage:start") + "?peildatum=2017-02-02").status_code == 404


def test_a_changed_figure_shows_at_once(wereld, rol_clients):
    from datetime import date

    from realisatie.models import Huisvesting

    c = rol_clients[Rol.PLATFORM]
    voor = _html(c, reverse("rapportage:start"))
    h = Huisvesting.objects.get(gemeente__code="GM0002", maand=date(2017, 1, 1))
    h.personen += 1000
    h.save()  # the signal raises the data version; the cached page is not served again
    na = _html(c, reverse("rapportage:start"))
    assert voor != na
    assert "1.001 gehuisvest" in na


@pytest.mark.parametrize(
    "url",
    ["/landelijk/", "/gemeenten/", "/gemeenten/GM0014/", "/provincies/PV28/", "/kaart/"],
)
def test_pages_are_ready_for_a_strict_csp(status_wereld, rol_clients, url):
    """No inline scripts, event handlers or style attributes (a CSP without unsafe-inline)."""
    html = _html(rol_clients[Rol.PLATFORM], url)
    # Scripts only as files of our own (the map's panel), never inline.
    assert re.findall(r"<script[^>]*>(.*?)</script>", html, re.S) in (
        [],
        [""] * html.count("<script"),
    )
    assert all(' src="/static/' in t for t in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"\son[a-z]+=", html)
    assert " style=" not in html
