"""A month entered by keyboard alone in Chromium: the stand changes, errors are listed at the top
and focused, and every realisation page has zero axe-core violations (WCAG 2.1 AA)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _geen_schendingen(page):
    resultaat = Axe().run(page, options=WCAG)
    assert resultaat.violations_count == 0, resultaat.generate_report()


def _als_getal(tekst: str) -> int:
    """A number as the page writes it: 5.282, −930 (U+2212)."""
    return int(tekst.replace(".", "").replace("\u2212", "-"))


def _tab_naar(page, element_id: str, maximaal: int = 80) -> None:
    """Press Tab until the element has focus: proves it is reachable by keyboard alone."""
    for _ in range(maximaal):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{element_id} is met Tab niet bereikbaar")


@pytest.fixture
def wereld_en_platform(db):
    from gebruikers.services import gebruiker_opslaan
    from realisatie.models import Maand
    from tests.factories import maak_wereld

    gemeenten = maak_wereld(2)
    # January 2017 still open: figures are being entered (closed months need a reason, which
    # tests/e2e/test_maandcyclus.py covers).
    Maand.objects.filter(maand="2017-01-01").delete()
    gebruiker_opslaan(naam="platform", rol="platform", wachtwoord=WACHTWOORD)
    return gemeenten


def _inloggen(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", "platform")
    page.fill("#id_password", WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/landelijk/")


def test_enter_a_month_by_keyboard_and_see_the_stand_change(page, live_server, wereld_en_platform):
    gemeente = wereld_en_platform[0]
    _inloggen(page, live_server)
    page.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-01")
    _geen_schendingen(page)
    assert page.locator(f"#stand-{gemeente.code}").count() == 1, page.content()[-4000:]
    stand_cel = page.locator(f"#stand-{gemeente.code}")
    stand_voor = _als_getal(stand_cel.inner_text())
    veld = f"id_g{gemeente.id}-personen"
    huidig = int(page.locator(f"#{veld}").input_value().replace(".", ""))

    page.locator("body").focus()
    _tab_naar(page, veld)
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{huidig + 1000:,}".replace(",", "."))  # Dutch thousands: "1.0xx"
    # The stand follows the typing before anything is saved.
    assert _als_getal(page.locator(f"#stand-{gemeente.code}").inner_text()) == stand_voor - 1000
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")  # Enter moves down the column; Ctrl+Enter saves
    assert "Opgeslagen: 0 nieuw, 1 gewijzigd" in page.content(), page.url + page.content()[-3000:]
    stand_na = _als_getal(page.locator(f"#stand-{gemeente.code}").inner_text())
    assert stand_na == stand_voor - 1000
    _geen_schendingen(page)

    # A wrong value: the summary at the top gets focus and links to the field.
    _tab_naar(page, veld)
    page.keyboard.press("Control+A")
    page.keyboard.type("1,5")
    assert "Geen geheel getal" in page.locator(f"#melding-{gemeente.code}").inner_text()
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{veld}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == veld
    assert page.locator(f"#{veld}").get_attribute("aria-invalid") == "true"
    _geen_schendingen(page)


def test_realisation_pages_have_no_axe_violations(page, live_server, wereld_en_platform, tmp_path):
    gemeente = wereld_en_platform[0]
    _inloggen(page, live_server)
    for pad in [
        "/realisatie/uploads/nieuw/",
        "/realisatie/opvang/",
        f"/realisatie/gemeenten/{gemeente.code}/geschiedenis/",
        "/realisatie/wijzigingen/",
    ]:
        page.goto(f"{live_server.url}{pad}")
        _geen_schendingen(page)

    # A bad file: the refusal page; then a good file: preview, applied, log.
    slecht = tmp_path / "slecht.csv"
    slecht.write_text("gemeentecode;maand;personen\nGM9999;2017-01;-1\n", encoding="utf-8")
    page.goto(f"{live_server.url}/realisatie/uploads/nieuw/")
    page.set_input_files("#id_bestand", str(slecht))
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    assert "Rij 2" in page.locator("#foutoverzicht").inner_text()
    _geen_schendingen(page)

    goed = tmp_path / "feb.csv"
    goed.write_text("gemeentecode;maand;personen\nGM0001;2017-02;4\n", encoding="utf-8")
    page.set_input_files("#id_bestand", str(goed))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(re.compile(r".*/uploads/\d+/$"))
    _geen_schendingen(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen en toepassen").click()
    assert "toegepast" in page.locator(".meldingen").inner_text()
    _geen_schendingen(page)
    page.goto(f"{live_server.url}/realisatie/uploads/")
    _geen_schendingen(page)

    page.goto(f"{live_server.url}/realisatie/opvang/")
    page.fill("#id_peildatum", "1-2-2017")
    page.fill("#id_wachtend", "100")
    page.fill("#id_alleenstaand", "200")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    _geen_schendingen(page)


def test_two_browsers_edit_the_same_figure_one_wins_the_other_is_told(
    browser, live_server, wereld_en_platform
):
    from gebruikers.services import gebruiker_opslaan

    gebruiker_opslaan(naam="collega", rol="platform", wachtwoord=WACHTWOORD)
    gemeente = wereld_en_platform[0]
    veld = f"#id_g{gemeente.id}-personen"
    paginas = []
    for naam in ("platform", "collega"):
        context = browser.new_context()
        p = context.new_page()
        p.goto(f"{live_server.url}/inloggen/")
        p.fill("#id_username", naam)
        p.fill("#id_password", WACHTWOORD)
        p.get_by_role("button", name="Inloggen").click()
        p.wait_for_url(f"{live_server.url}/landelijk/")
        p.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-01")
        paginas.append(p)
    eerste, tweede = paginas
    eerste.fill(veld, "41")
    with eerste.expect_navigation():
        eerste.get_by_role("button", name="Opslaan").click()
    tweede.fill(veld, "42")
    with tweede.expect_navigation():
        tweede.get_by_role("button", name="Opslaan").click()
    melding = tweede.locator("#foutoverzicht").inner_text()
    assert "Opgeslagen is 41" in melding and "uw invoer 42" in melding and "platform" in melding
    assert tweede.locator(veld).input_value() == "41"
    _geen_schendingen(tweede)
    from realisatie.models import Huisvesting

    assert Huisvesting.objects.get(gemeente=gemeente, maand="2017-01-01").personen == 41
