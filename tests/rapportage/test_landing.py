"""Each role lands where its work is (``/`` and after login), and a municipality's page opens with
the answer: what it should have housed by now, what it housed, the difference, then the pace."""

import re

import pytest
from django.urls import reverse

from gebruikers.choices import Rol
from tests.factories import WACHTWOORD

LANDING = {
    Rol.PLATFORM: "/landelijk/",
    Rol.MINISTERIE: "/landelijk/",
    Rol.PROVINCIE: "/provincies/PV20/",
    Rol.GEMEENTE: "/gemeenten/GM0001/",
    "andere_gemeente": "/gemeenten/GM0002/",
}


@pytest.mark.parametrize("rol", list(LANDING))
def test_slash_lands_each_role_on_its_work(wereld, rol_clients, rol):
    antwoord = rol_clients[rol].get("/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == LANDING[rol]
    assert rol_clients[rol].get(antwoord["Location"]).status_code == 200


@pytest.mark.parametrize("rol", list(LANDING))
def test_the_peildatum_goes_along(wereld, rol_clients, rol):
    antwoord = rol_clients[rol].get("/?peildatum=2016-10-01")
    assert antwoord["Location"] == LANDING[rol] + "?peildatum=2016-10-01"


@pytest.mark.parametrize("rol", list(LANDING))
def test_logging_in_lands_on_the_same_page(wereld, gebruikers, client, rol):
    antwoord = client.post(
        reverse("login"),
        {"username": gebruikers[rol].username, "password": WACHTWOORD},
        follow=True,
    )
    assert antwoord.redirect_chain[-1][0] == LANDING[rol]
    assert antwoord.status_code == 200


def test_anonymous_goes_to_login(db, client):
    antwoord = client.get("/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("rol", list(LANDING))
def test_the_national_overview_is_one_click_away_in_every_menu(wereld, rol_clients, rol):
    html = rol_clients[rol].get(LANDING[rol]).content.decode()
    menu = re.search(r'<nav class="menu".*?</nav>', html, re.S).group(0)
    assert '<a href="/landelijk/"' in menu and "Landelijk overzicht</a>" in menu
    html = rol_clients[rol].get("/landelijk/").content.decode()
    assert "Totaaloverzicht Nederland" in html


def _antwoord(html: str) -> dict:
    blok = re.search(r'<section class="antwoord".*?</section>', html, re.S).group(0)
    tekst = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", blok)).strip()
    tekst = re.sub(r" ([.,:;)])", r"\1", tekst)
    cijfers = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", blok))
    return {"tekst": tekst, "cijfers": {k: re.sub(r"<[^>]+>", "", v) for k, v in cijfers.items()}}


# The status world: 120 to house in 2017-I each; after 1 of 6 months the line is 20.
@pytest.mark.parametrize(
    ("code", "zin", "verschil", "status"),
    [
        ("GM0014", "het zijn er 20, precies genoeg.", "0", "op schema"),
        ("GM0344", "het zijn er 19, 1 te weinig.", "−1 te weinig", "enigszins achter"),
        ("GM0518", "het zijn er 14, 6 te weinig.", "−6 te weinig", "achter op schema"),
        ("GM0003", "het zijn er 25, 5 meer dan nodig.", "+5 voor", "op schema"),
    ],
)
def test_the_municipality_page_opens_with_the_answer(
    status_wereld, rol_clients, code, zin, verschil, status
):
    html = rol_clients[Rol.PLATFORM].get(f"/gemeenten/{code}/").content.decode()
    antwoord = _antwoord(html)
    assert html.index('class="antwoord"') < html.index('class="peildatum"')  # it comes first
    assert antwoord["tekst"].startswith("Stand op 1 februari 2017 Op 1 februari 2017 had ")
    assert (
        "20 vergunninghouders gehuisvest moeten hebben (1/6 van de 120 van halfjaar 2017-I)"
        in (antwoord["tekst"])
    )
    assert zin in antwoord["tekst"]
    cijfers = antwoord["cijfers"]
    assert cijfers["Had nu gehuisvest moeten hebben"] == "20"
    assert cijfers["Verschil"].replace(" ", " ").strip() == verschil
    assert f"Status: {status}." in antwoord["tekst"]
    assert "(5 resterende maanden)" in antwoord["tekst"]


def test_the_pace_and_the_singular_of_the_last_month(db, rol_clients):
    """June: one month left, 'resterende maand' in the singular, and the line at 5/6."""
    from datetime import date

    from opnieuwthuis.cache import gegevens_gewijzigd
    from realisatie.models import Huisvesting
    from taakstelling.models import Gemeente

    g = Gemeente.objects.get(code="GM0001")
    for maand in range(2, 6):
        Huisvesting.objects.create(gemeente=g, maand=date(2017, maand, 1), personen=10)
    from tests.factories import sluit_maanden

    # February to May closed: 1 June 2017 is final, so the official sees it (issue 11).
    sluit_maanden([date(2017, maand, 1) for maand in range(2, 6)])
    gegevens_gewijzigd()
    html = rol_clients[Rol.GEMEENTE].get("/gemeenten/GM0001/?peildatum=2017-06-01").content.decode()
    antwoord = _antwoord(html)
    # 70 to house; line after 5 of 6 months: 70 * 5 / 6 = 58,3 -> 59; housed 0 + 4 * 10 = 40.
    assert antwoord["cijfers"]["Had nu gehuisvest moeten hebben"] == "59"
    assert antwoord["cijfers"]["Gehuisvest"] == "40"
    assert "het zijn er 40, 19 te weinig." in antwoord["tekst"]
    assert "Nog nodig per resterende maand: 30 (1 resterende maand)." in antwoord["tekst"]
    assert "in de laatste resterende maand (juni 2017) nog 30 vergunninghouders" in html


def test_the_first_day_of_a_half_year(db, rol_clients):
    html = rol_clients[Rol.GEMEENTE].get("/gemeenten/GM0001/?peildatum=2017-01-01").content.decode()
    antwoord = _antwoord(html)
    assert "Op 1 januari 2017 begint halfjaar 2017-I: Gemeente 0001 moet er 70" in antwoord["tekst"]
    assert antwoord["cijfers"]["Had nu gehuisvest moeten hebben"] == "0"
    assert "(6 resterende maanden)" in antwoord["tekst"]
