"""The public pages in a real browser, anonymously: a crawl of /openbaar/ with axe-core on every
page, the seed's figures, nothing that is not public, 404 with the switch off, the map by keyboard."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_OPTIES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def schone_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_data(transactional_db):
    from rapportage.demo import laad_demo

    laad_demo()


def _geen_schendingen(page):
    resultaat = Axe().run(page, options=AXE_OPTIES)
    assert resultaat.violations_count == 0, f"{page.url}\n{resultaat.generate_report()}"


def _openbare_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    uit = []
    for href in hrefs:
        pad = urlsplit(href)
        if pad.path.startswith("/openbaar/") and "export=" not in (pad.query or ""):
            uit.append(href.split("#")[0])
    return uit


def _niets_dat_niet_openbaar_is(page):
    html = page.content()
    assert "csrfmiddlewaretoken" not in html and "Uitloggen" not in html
    assert not re.search(r'<form[^>]*method="post"', html)
    for woord in ("Voorlopig", "voorlopig", "interventieladder", "Upload", "Beheer"):
        assert woord not in html, (page.url, woord)


def test_an_anonymous_crawl_of_the_public_pages(browser, live_server, demo_data):
    context = browser.new_context()  # no login, no cookie
    page = context.new_page()
    page.goto(live_server.url + "/openbaar/")
    # The seed's national row (the progress report of 20 February 2017).
    rij = page.get_by_role("row", name=re.compile("^Nederland"))
    cellen = rij.locator("td").all_inner_texts()
    assert cellen == [
        "390", "5.282", "23.000", "22.200", "6.082", "13.000", "19.082", "3.981", "15.101",
        "15.510", "\u2212409",
    ]  # fmt: skip
    # Every page the national page links to, every page those link to within one province
    # (Zeeland: its 13 municipalities), and two well-known municipalities: axe-core on each.
    te_bezoeken = ["/openbaar/", *_openbare_links(page)]
    bezocht = set()
    while te_bezoeken:
        pad = te_bezoeken.pop(0)
        sleutel = pad.split("&sort=")[0]
        if sleutel in bezocht:
            continue
        bezocht.add(sleutel)
        antwoord = page.goto(live_server.url + pad)
        assert antwoord.status == 200, pad
        assert page.locator("html").get_attribute("lang") == "nl"
        _geen_schendingen(page)
        _niets_dat_niet_openbaar_is(page)
        if "/provincies/PV29/" in pad:  # Zeeland
            te_bezoeken += [p for p in _openbare_links(page) if "/gemeenten/GM" in p]
    for pad in ["/openbaar/gemeenten/GM0518/", "/openbaar/gemeenten/GM0363/",
                "/openbaar/gemeenten/?zoek=Den+Haag", "/openbaar/kaart/?provincie=PV27"]:  # fmt: skip
        assert page.goto(live_server.url + pad).status == 200
        _geen_schendingen(page)
        _niets_dat_niet_openbaar_is(page)
    assert len(bezocht) >= 12 + 13 + 3  # provinces, Zeeland's municipalities, list, map, index
    # Den Haag finds 's-Gravenhage in the public list too.
    page.goto(live_server.url + "/openbaar/gemeenten/?zoek=Den+Haag")
    namen = page.locator("table.cijfers--gemeenten tbody th a").all_inner_texts()
    assert namen == ["'s-Gravenhage"]
    # The CSV of the list.
    csv = page.request.get(live_server.url + "/openbaar/gemeenten/?export=csv")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text().strip().splitlines()) == 391
    assert not context.cookies()  # the public pages set no cookie
    context.close()


def test_switched_off_the_public_pages_are_404(browser, live_server, demo_data):
    page = browser.new_page()
    with override_settings(OPNIEUWTHUIS_OPENBAAR=False):
        for pad in ["/openbaar/", "/openbaar/kaart/", "/openbaar/gemeenten/GM0363/"]:
            assert page.goto(live_server.url + pad).status == 404, pad
    assert page.goto(live_server.url + "/openbaar/").status == 200


def test_the_public_map_by_keyboard(browser, live_server, demo_data):
    page = browser.new_page()
    page.goto(live_server.url + "/openbaar/kaart/?provincie=PV29")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kaart__gemeente')"):
            break
    naam = page.evaluate("document.activeElement.getAttribute('data-naam')")
    paneel = page.locator("#kaart-paneel")
    assert paneel.locator(".kaart__gegevens").is_visible()
    assert paneel.locator("[data-veld=naam]").inner_text() == naam
    assert "Gerealiseerd" in paneel.inner_text() and " %" in paneel.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/openbaar/gemeenten/GM\d{4}/\?peildatum=2017-02-01"))
    assert page.locator("h1").inner_text() == naam
    _geen_schendingen(page)
