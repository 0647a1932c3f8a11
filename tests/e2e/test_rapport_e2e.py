"""The report page in Chromium: no WCAG 2.1 AA violations (axe), reachable by keyboard, the
chart loaded as an image with a text alternative."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def ingelogd(live_server, page, demo):
    from tests.factories import maak_gebruikers

    cache.clear()
    maak_gebruikers()

    def inloggen(naam):
        page.goto(f"{live_server.url}/inloggen/")
        page.fill("#id_username", naam)
        page.fill("#id_password", WACHTWOORD)
        page.click("button[type=submit]")
        return page

    return inloggen


def test_the_national_report_has_no_axe_violations(live_server, ingelogd):
    page = ingelogd("ministerie")
    page.goto(f"{live_server.url}/rapport/?peildatum=2017-02-01")
    assert page.locator("h1").inner_text().startswith("Voortgangsrapportage Nederland")
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()

    grafiek = page.locator("figure.grafiek img")
    assert "wettelijke taakstelling 13.000" in grafiek.get_attribute("alt")
    assert page.evaluate("document.querySelector('figure.grafiek img').naturalWidth") > 0


def test_the_municipal_report_by_keyboard(live_server, ingelogd):
    page = ingelogd("gemeente")
    page.goto(f"{live_server.url}/rapport/?peildatum=2017-02-01")
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    # Tab from the top of the page to the PDF download, then follow it with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "PDF":
            break
    else:
        pytest.fail("de PDF-download is niet met het toetsenbord te bereiken")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")


def test_platform_staff_write_the_letter_and_see_it(live_server, ingelogd):
    page = ingelogd("platform")
    page.goto(f"{live_server.url}/rapport/?peildatum=2017-02-01")
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    page.click("text=Tekst van de brief schrijven")
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    page.fill("#id_plaats", "Den Haag")
    page.fill("#id_tekst_laatste_fase", "Het Platform blijft werken aan **verbeteringen**.")
    page.click("button:text('Opslaan')")
    assert page.locator("#kop-laatste_fase").inner_text() == "5. Laatste fase"
    assert page.locator("section[aria-labelledby=kop-laatste_fase] strong").inner_text() == (
        "verbeteringen"
    )
