"""The partial-month story of issue 11 in Chromium, as each role: platform staff enter February
2017 for Groningen only; nobody else sees it, the default date does not move, platform staff see it
marked provisional; closing is refused until complete and acknowledged; then it counts."""

import pytest

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_en_gebruikers(db):
    from rapportage.demo import laad_demo
    from tests.factories import maak_gebruikers

    laad_demo()
    return maak_gebruikers()


def _login(browser, live_server, naam):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", naam)
    page.fill("#id_password", WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


def test_partial_month_as_each_role(browser, live_server, demo_en_gebruikers, axe_controleer):
    from datetime import date

    from realisatie.maandcyclus import verwachte_gemeenten
    from taakstelling.models import Gemeente

    platform = _login(browser, live_server, "platform")
    platform.goto(f"{live_server.url}/realisatie/maandcijfers/?maand=2017-02&provincie=PV20")
    assert "0 van 390 gemeenten met een taakstelling hebben een cijfer" in platform.content()
    met_taak = verwachte_gemeenten([date(2017, 2, 1)])[date(2017, 2, 1)]
    groningen = Gemeente.objects.filter(provincie__code="PV20", id__in=met_taak)
    assert groningen.count() == 23
    for g in groningen:
        platform.fill(f"#id_g{g.id}-personen", "4")
    with platform.expect_navigation():
        platform.get_by_role("button", name="Opslaan").click()
    assert "23 nieuw" in platform.locator(".meldingen").inner_text()
    assert "23 van 390 gemeenten" in platform.content()
    axe_controleer(platform)

    # Platform staff: 1 March 2017 is provisional and says how complete February is.
    platform.goto(f"{live_server.url}/landelijk/?peildatum=2017-03-01")
    voorlopig = platform.locator(".voorlopig").inner_text()
    assert (
        "Voorlopig." in voorlopig and "februari 2017: 23 van 390 gemeenten ingevoerd" in voorlopig
    )
    assert platform.locator("#peildatum").input_value() == "2017-03-01"
    axe_controleer(platform)
    # Closing is refused and lists what is missing.
    platform.goto(f"{live_server.url}/maanden/2017-02/")
    with platform.expect_navigation():
        platform.get_by_role("button", name="Februari 2017 vaststellen").click()
    assert (
        "367 van de 390 gemeenten hebben nog geen cijfer"
        in platform.locator("#foutoverzicht").inner_text()
    )
    axe_controleer(platform)

    # Every other role: the default is still 1 February 2017, and 1 March 2017 is refused.
    for naam in ("ministerie", "provincie", "gemeente"):
        page = _login(browser, live_server, naam)
        assert page.locator(".voorlopig").count() == 0
        if naam == "ministerie":
            assert page.locator("#peildatum").input_value() == "2017-02-01"
            assert "15.101" in page.content()
        page.goto(f"{live_server.url}/landelijk/?peildatum=2017-03-01")
        assert "februari 2017 is nog niet vastgesteld" in page.content()
        axe_controleer(page)
        page.context.close()
