"""The taakstelling pages in a real browser: axe-core (WCAG 2.1 AA) finds nothing, and the
preview-then-confirm flow works by keyboard alone."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _geen_schendingen(page):
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()


@pytest.fixture
def ingelogd(page, live_server):
    from gebruikers.choices import Rol
    from gebruikers.services import gebruiker_opslaan
    from taakstelling.models import Gemeente, Herindeling, Inwonertal
    from tests.factories import WACHTWOORD, maak_wereld

    gemeenten = maak_wereld(2)
    for g, n in zip(gemeenten, (1000, 3000)):
        Inwonertal.objects.create(gemeente=g, peildatum=date(2016, 1, 1), aantal=n)
    nieuw = Gemeente.objects.create(
        code="GM0100",
        naam="Nieuwstad",
        provincie=gemeenten[0].provincie,
        begindatum=date(2018, 1, 1),
    )
    Herindeling.objects.create(datum=date(2018, 1, 1), van=gemeenten[0], naar=nieuw, aandeel=1)
    gebruiker_opslaan(naam="platform", rol=Rol.PLATFORM, wachtwoord=WACHTWOORD)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("platform")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/inloggen/" not in page.url
    return page


def test_every_page_has_no_axe_violations(ingelogd, live_server):
    for pad in [
        "/taakstelling/",
        "/taakstelling/verdelen/",
        "/taakstelling/uitwisselingen/",
        "/taakstelling/herindelingen/",
        "/taakstelling/gemeenten/GM0001/",
        "/taakstelling/gemeenten/GM0100/",
    ]:
        antwoord = ingelogd.goto(f"{live_server.url}{pad}")
        assert antwoord.status == 200 and ingelogd.url.endswith(pad)
        assert ingelogd.locator("h1").count() == 1
        _geen_schendingen(ingelogd)


def test_distribute_by_keyboard(ingelogd, live_server):
    from taakstelling.models import Halfjaar

    page = ingelogd
    page.goto(f"{live_server.url}/taakstelling/verdelen/")
    page.get_by_label("Halfjaar").focus()
    page.keyboard.type("2017-II")
    page.keyboard.press("Tab")
    page.keyboard.type("1.001")
    page.get_by_label("Grootste overschot (telt exact op)").check()
    page.get_by_role("button", name="Toon voorbeeld").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Voorbeeld 2017-II").is_visible()
    _geen_schendingen(page)
    page.get_by_role("button", name="Bevestigen en opslaan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "som gemeenten 1.001" in page.content()
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=2)
    assert halfjaar.afrondingsmethode == "grootste-overschot"
    _geen_schendingen(page)
