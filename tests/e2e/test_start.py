"""A person logs in and sees the national table of 1 February 2017; axe finds nothing."""

import pytest

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "e2e-wachtwoord-opnieuwthuis"


def test_login_start_page_and_accessibility(live_server, page, inloggen, axe_controleer):
    from rapportage.demo import laad_demo

    laad_demo()
    gebruiker_opslaan(naam="minbzk", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)

    page.goto(live_server.url + "/")
    assert "/inloggen/" in page.url
    axe_controleer(page)

    inloggen(page, "minbzk", WACHTWOORD)
    page.wait_for_url(live_server.url + "/landelijk/")
    assert page.locator("html").get_attribute("lang") == "nl"
    kop = page.get_by_role("heading", level=1)
    assert kop.inner_text() == "Stand realisatie taakstelling op 1 februari 2017"
    rij = page.get_by_role("row", name="Nederland")
    cellen = rij.locator("td").all_inner_texts()
    assert cellen == [
        "390",
        "5.282",
        "23.000",
        "22.200",
        "6.082",
        "13.000",
        "19.082",
        "3.981",
        "15.101",
        "15.510",
        "\u2212409",
    ]
    axe_controleer(page)

    # Keyboard only: the skip link is the first stop and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    page.get_by_label("Peildatum").select_option("2016-10-01")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**peildatum=2016-10-01")
    assert "1 oktober 2016" in page.get_by_role("heading", level=1).inner_text()


def test_wrong_password_is_explained(live_server, page, inloggen, axe_controleer):
    gebruiker_opslaan(naam="minbzk", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    inloggen(page, "minbzk", "fout-wachtwoord")
    assert page.get_by_role("alert").is_visible()
    axe_controleer(page)
