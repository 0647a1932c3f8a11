"""A supervisor records a judgement and a ladder step by keyboard alone in Chromium; a refused
step lists its reason at the top; the supervision page and the profile have zero axe-core
violations (WCAG 2.1 AA)."""

import pytest

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _tab_naar(page, element_id: str, maximaal: int = 80) -> None:
    for _ in range(maximaal):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{element_id} is met Tab niet bereikbaar")


@pytest.fixture
def wereld(db):
    from tests.factories import maak_gebruikers, maak_wereld

    maak_wereld(4, provincies=2)
    return maak_gebruikers()


def test_a_supervisor_works_the_ladder_by_keyboard(
    wereld, page, live_server, inloggen, axe_controleer
):
    from toezicht.models import Ladderstap, Oordeel

    inloggen(page, "provincie", WACHTWOORD)
    page.goto(live_server.url + "/toezicht/gemeenten/GM0001/")
    axe_controleer(page)

    _tab_naar(page, "id_oordeel-toelichting")
    page.keyboard.type("Achterstand van 20 na 2016-II.")
    page.keyboard.press("Tab")  # to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Het oordeel over 2016-II is vastgelegd" in page.inner_text("main")

    # Closing a case that is not open: refused, the reason on top and focused.
    page.select_option("#id_stap-soort", "signaal")
    _tab_naar(page, "id_stap-toelichting")
    page.keyboard.type("Gesprek met de wethouder.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Vastgelegd: signaal op" in page.inner_text("main")
    page.select_option("#id_stap-soort", "afgesloten")
    page.fill("#id_stap-datum", "2017-01-01")  # before the signal: refused
    page.fill("#id_stap-toelichting", "Te vroeg.")
    with page.expect_navigation():
        page.get_by_role("button", name="Stap vastleggen").click()
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    assert "ligt vóór de vorige stap" in page.inner_text("#foutoverzicht")
    axe_controleer(page)

    assert Oordeel.objects.get().gehaald is False
    assert list(Ladderstap.objects.values_list("soort", flat=True)) == ["signaal"]

    page.goto(live_server.url + "/profiel/")
    axe_controleer(page)
