"""A whole month of 390 figures entered by one paste, as copied from a spreadsheet column, in
Chromium; then stored. The grid is one tab stop a figure, Enter and the arrows move along the
column, and without JavaScript the same form still saves."""

from datetime import date

import pytest

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FEB = date(2017, 2, 1)


@pytest.fixture
def maand_van_390(db):
    from gebruikers.services import gebruiker_opslaan
    from tests.factories import maak_wereld

    gemeenten = maak_wereld(390, provincies=12)
    gebruiker_opslaan(naam="platform", rol="platform", wachtwoord=WACHTWOORD)
    return gemeenten


def _inloggen(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", "platform")
    page.fill("#id_password", WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/inloggen/" not in url)


def _plak(page, selector: str, tekst: str) -> None:
    """Paste ``tekst`` into the focused field as the browser does after Ctrl+V."""
    page.locator(selector).focus()
    page.evaluate(
        """tekst => {
            const data = new DataTransfer();
            data.setData('text/plain', tekst);
            document.activeElement.dispatchEvent(new ClipboardEvent('paste',
                {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        tekst,
    )


def test_a_month_of_390_figures_by_one_paste(page, live_server, maand_van_390):
    from realisatie.models import Huisvesting

    _inloggen(page, live_server)
    page.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-02")
    volgorde = page.eval_on_selector_all(
        "#invoertabel tbody tr", "rijen => rijen.map(r => r.dataset.gemeente)"
    )
    assert len(volgorde) == 390
    # As a column copied from Excel (Dutch): CRLF line ends, thousands with a dot, a last newline.
    cijfers = [(i * 7) % 23 + (1000 if i % 50 == 0 else 0) for i in range(390)]
    tekst = "\r\n".join(f"{n:,}".replace(",", ".") for n in cijfers) + "\r\n"
    eerste = page.locator("#invoertabel tbody tr").first.locator('input[data-kolom="personen"]')
    _plak(page, f"#{eerste.get_attribute('id')}", tekst)
    assert "390 cijfers geplakt in 390 gemeenten" in page.locator("#plakmelding").inner_text()
    samenvatting = page.locator("#samenvatting").inner_text()
    som = f"{sum(cijfers):,}".replace(",", ".")
    assert "390 van 390" in samenvatting and f"samen {som} personen" in samenvatting
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "Opgeslagen: 390 nieuw, 0 gewijzigd" in page.content()
    opgeslagen = dict(
        Huisvesting.objects.filter(maand=FEB).values_list("gemeente__code", "personen")
    )
    assert opgeslagen == dict(zip(volgorde, cijfers))


def test_a_block_fills_rows_and_columns_and_the_keys_move_along_the_column(
    page, live_server, maand_van_390
):
    from realisatie.models import Huisvesting

    _inloggen(page, live_server)
    page.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-02&provincie=PV20")
    rijen = page.locator("#invoertabel tbody tr")
    velden = [rijen.nth(i).locator('input[data-kolom="personen"]') for i in range(3)]
    ids = [v.get_attribute("id") for v in velden]

    # One tab stop a figure: the breakdown is folded away and the names are not in the way.
    page.locator(f"#{ids[0]}").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == ids[1]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == ids[2]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == ids[0]

    # With the breakdown open, a block of 2 rows × 4 columns (as LibreOffice copies it).
    page.get_by_role("button", name="Uitsplitsing invoeren").click()
    _plak(page, f"#{ids[0]}", "12\t5\t4\t3\n7\t7\t0\t0\n")
    warning = page.locator(f"#melding-{rijen.nth(1).get_attribute('data-gemeente')}")
    assert warning.inner_text() == ""
    page.locator(f"#{ids[1].replace('personen', 'nareizigers')}").fill("1")
    assert "telt op tot 8, niet 7" in warning.inner_text()  # said before saving
    page.locator(f"#{ids[1].replace('personen', 'nareizigers')}").fill("0")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    eerste = Huisvesting.objects.get(
        gemeente__code=rijen.nth(0).get_attribute("data-gemeente"), maand=FEB
    )
    assert (eerste.personen, eerste.alleenstaanden, eerste.gezinsleden, eerste.nareizigers) == (
        12,
        5,
        4,
        3,
    )


def test_without_javascript_the_grid_still_saves(browser, live_server, maand_van_390):
    from realisatie.models import Huisvesting

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _inloggen(page, live_server)
    page.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-02&provincie=PV21")
    rij = page.locator("#invoertabel tbody tr").first
    code = rij.get_attribute("data-gemeente")
    rij.locator('input[data-kolom="personen"]').fill("5.282")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert Huisvesting.objects.get(gemeente__code=code, maand=FEB).personen == 5282
    # The breakdown is one link away, and then in the form.
    with page.expect_navigation():
        page.get_by_role("link", name="Uitsplitsing invoeren").click()
    assert rij.locator('input[data-kolom="alleenstaanden"]').is_visible()
    context.close()
