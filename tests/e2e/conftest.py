import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def axe_controleer():
    """Run axe-core on the page and fail with its report when anything violates WCAG 2.1 AA."""

    def controleer(page):
        resultaat = Axe().run(page, options=WCAG_AA)
        assert resultaat.violations_count == 0, resultaat.generate_report()

    return controleer


@pytest.fixture
def inloggen(live_server):
    def login(page, naam, wachtwoord):
        page.goto(live_server.url + "/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(naam)
        page.get_by_label("Wachtwoord").fill(wachtwoord)
        page.get_by_role("button", name="Inloggen").click()

    return login
