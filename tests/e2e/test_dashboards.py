"""The dashboards in a real browser (Debian's chromium): axe-core on every page as each role,
keyboard use of the filters, the sortable table and the map."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from gebruikers.choices import Rol
from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_OPTIES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def schone_cache():
    # The live server shares this process's cache; a rolled-back database restarts the data version.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wereld_met_gebruikers(transactional_db):
    from tests.factories import maak_gebruikers
    from tests.rapportage.conftest import maak_status_wereld

    maak_status_wereld()
    return maak_gebruikers()


def _inloggen(page, live_server, gebruiker):
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", gebruiker.username)
    page.fill("#id_password", WACHTWOORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/inloggen/" not in url)  # each role lands on its own page


def _geen_schendingen(page):
    resultaat = Axe().run(page, options=AXE_OPTIES)
    assert resultaat.violations_count == 0, f"{page.url}\n{resultaat.generate_report()}"


PAGINAS = {
    Rol.PLATFORM: [
        "/",
        "/gemeenten/",
        "/gemeenten/?status=achter&sort=-stand",
        "/gemeenten/?provincie=PV99",  # a form with an error
        "/gemeenten/GM0363/",
        "/provincies/PV28/",
        "/kaart/",
    ],
    Rol.MINISTERIE: ["/", "/gemeenten/", "/kaart/", "/provincies/PV20/"],
    Rol.PROVINCIE: ["/", "/gemeenten/", "/kaart/", "/provincies/PV20/", "/gemeenten/GM0014/"],
    Rol.GEMEENTE: ["/", "/gemeenten/GM0003/", "/provincies/PV20/", "/gemeenten/GM0599/"],
}


@pytest.mark.parametrize("rol", list(PAGINAS))
def test_every_page_has_no_axe_violations(page, live_server, wereld_met_gebruikers, rol):
    _inloggen(page, live_server, wereld_met_gebruikers[rol])
    for pad in PAGINAS[rol]:
        antwoord = page.goto(live_server.url + pad)
        assert antwoord.status in (200, 404), pad
        assert page.locator("html").get_attribute("lang") == "nl"
        _geen_schendingen(page)
    # Every chart the pages show loads as SVG.
    for src in page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('src'))"):
        assert page.request.get(live_server.url + src).headers["content-type"] == "image/svg+xml"


def test_the_official_reaches_their_page_by_keyboard(page, live_server, wereld_met_gebruikers):
    _inloggen(page, live_server, wereld_met_gebruikers[Rol.GEMEENTE])
    # Skip link first, then the menu: Tab until "Mijn gemeente" has focus, Enter follows it.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Mijn gemeente":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gemeenten/GM0003/$"))
    assert page.locator("h1").inner_text() == "Appingedam"


def test_filter_and_sort_by_keyboard_without_javascript(
    browser, live_server, wereld_met_gebruikers
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _inloggen(page, live_server, wereld_met_gebruikers[Rol.PLATFORM])
    page.goto(live_server.url + "/gemeenten/")
    page.focus("#id_status")
    page.select_option("#id_status", "achter")
    page.keyboard.press("Tab")  # on to the next filters, then submit with Enter in a field
    page.focus("#id_zoek")
    page.keyboard.type("rotter")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"status=achter"))
    rijen = page.locator("table.cijfers--gemeenten tbody th a")
    assert rijen.all_inner_texts() == ["Rotterdam"]
    page.goto(live_server.url + "/gemeenten/?sort=gemeentenaam")
    kop = page.locator("th[aria-sort] a")
    kop.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=-gemeentenaam"))
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    context.close()


def test_the_map_is_usable_by_keyboard(page, live_server, wereld_met_gebruikers):
    _inloggen(page, live_server, wereld_met_gebruikers[Rol.PLATFORM])
    page.goto(live_server.url + "/kaart/")
    eerste = page.locator("a.kaart__gemeente").first
    eerste.focus()
    naam = page.evaluate("document.activeElement.querySelector('title').textContent")
    # The focused shape is visibly outlined.
    rand = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('path')).strokeWidth"
    )
    assert rand not in ("0.6px", "0.6")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gemeenten/GM\d{4}/\?peildatum=2017-02-01"))
    assert page.locator("h1").inner_text() == naam.split(":")[0]
    # The skip link jumps past the 390 shapes to the table.
    page.goto(live_server.url + "/kaart/")
    page.get_by_role("link", name="Sla de kaart over en ga naar de tabel").click()
    assert page.evaluate("location.hash") == "#kop-kaarttabel"


def _paneel(page):
    paneel = page.locator("#kaart-paneel")
    assert paneel.locator(".kaart__gegevens").is_visible()
    return paneel.locator("[data-veld=naam]").inner_text()


def test_the_map_by_keyboard_alone_shows_the_panel(page, live_server, wereld_met_gebruikers):
    """As a supervisor (Groningen: framed on the province), with the keyboard only."""
    _inloggen(page, live_server, wereld_met_gebruikers[Rol.PROVINCIE])
    page.goto(live_server.url + "/kaart/")
    assert not page.locator("#kaart-paneel .kaart__gegevens").is_visible()
    assert "Tab-toets" in page.locator(".kaart__hint").inner_text()  # the script has run
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kaart__gemeente')"):
            break
    eerste = page.evaluate("document.activeElement.getAttribute('data-naam')")
    assert _paneel(page) == eerste
    tekst = page.locator("#kaart-paneel").inner_text()
    assert "Status" in tekst and "Stand (nog te huisvesten)" in tekst
    assert "Nodig per resterende maand" in tekst
    page.keyboard.press("Tab")
    tweede = page.evaluate("document.activeElement.getAttribute('data-naam')")
    assert tweede != eerste and _paneel(page) == tweede
    assert set([eerste, tweede]) == {"Appingedam", "Groningen"}
    link = page.locator("#kaart-paneel [data-veld=link]")
    assert link.inner_text() == f"Naar de pagina van {tweede}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gemeenten/GM00(03|14)/\?peildatum=2017-02-01"))
    assert page.locator("h1").inner_text() == tweede


def test_the_map_by_pointer_shows_the_panel(page, live_server, wereld_met_gebruikers):
    _inloggen(page, live_server, wereld_met_gebruikers[Rol.PLATFORM])
    page.goto(live_server.url + "/kaart/?provincie=PV28")
    page.locator('a.kaart__gemeente[data-code="GM0518"] path').hover()
    assert _paneel(page) == "'s-Gravenhage"
    assert "achter op schema" in page.locator("#kaart-paneel").inner_text()
    _geen_schendingen(page)


def test_the_demo_as_the_ministry_sees_it(page, live_server, transactional_db):
    """The full demo: 390 municipalities on the list and the map, 15.101 on the dashboard."""
    from rapportage.demo import laad_demo
    from tests.factories import maak_gebruikers

    laad_demo()
    gebruikers = maak_gebruikers()
    _inloggen(page, live_server, gebruikers[Rol.MINISTERIE])
    assert "15.101" in page.locator("#kop-landelijk").locator("xpath=..").inner_text()
    _geen_schendingen(page)
    page.goto(live_server.url + "/gemeenten/")
    assert page.locator("table.cijfers--gemeenten tbody tr").count() == 390
    _geen_schendingen(page)
    page.goto(live_server.url + "/kaart/")
    assert page.locator("a.kaart__gemeente").count() == 390
    _geen_schendingen(page)
    page.goto(live_server.url + "/gemeenten/GM0363/")
    _geen_schendingen(page)
