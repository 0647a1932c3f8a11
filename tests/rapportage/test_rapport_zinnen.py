"""Sentences of the progress report, from numbers only (no database): each states only what the
numbers it carries support."""

from datetime import date

import pytest

from opnieuwthuis.nederlands import getal
from opnieuwthuis.perioden import nodig_per_maand
from rapportage.rapport.zinnen import (
    prognose_maand,
    zin_doel,
    zin_maand,
    zin_prognose,
    zin_resterend,
    zinnen_achterblijvers,
    zinnen_opvang,
    zinnen_terugblik,
)

JANUARI = date(2017, 1, 1)


def test_the_seed_sentence_for_a_month_above_the_pace():
    assert (
        zin_maand(maand=JANUARI, gehuisvest=3981, te_huisvesten=19082)
        == "In januari 2017 zijn 3.981 vergunninghouders gehuisvest, meer dan het benodigde "
        "gemiddelde van 3.180 per maand."
    )


def test_a_month_below_the_pace():
    assert (
        zin_maand(maand=JANUARI, gehuisvest=2500, te_huisvesten=19082)
        == "In januari 2017 zijn 2.500 vergunninghouders gehuisvest, minder dan het benodigde "
        "gemiddelde van 3.180 per maand."
    )


def test_a_month_exactly_on_the_pace():
    assert zin_maand(maand=JANUARI, gehuisvest=3000, te_huisvesten=18000).endswith(
        "gehuisvest, precies het benodigde gemiddelde van 3.000 per maand."
    )


def test_rounding_never_makes_equal_numbers_more_or_less():
    # 19.082 / 6 = 3.180,33: 3.180 housed is below the exact pace but shows as the same number.
    zin = zin_maand(maand=JANUARI, gehuisvest=3180, te_huisvesten=19082)
    assert "vrijwel precies het benodigde gemiddelde van 3.180" in zin
    assert "minder" not in zin and "meer" not in zin


@pytest.mark.parametrize("gehuisvest", range(3170, 3192))
def test_the_comparison_agrees_with_the_exact_numbers(gehuisvest):
    zin = zin_maand(maand=JANUARI, gehuisvest=gehuisvest, te_huisvesten=19082)
    if "meer dan" in zin:
        assert gehuisvest * 6 > 19082 and gehuisvest > nodig_per_maand(19082)
    elif "minder dan" in zin:
        assert gehuisvest * 6 < 19082 and gehuisvest < nodig_per_maand(19082)
    else:
        assert gehuisvest == nodig_per_maand(19082)


def test_no_figures_is_not_zero_housed():
    assert zin_maand(maand=JANUARI, gehuisvest=None, te_huisvesten=19082) == (
        "Over januari 2017 zijn nog geen cijfers bekend."
    )
    assert zin_maand(maand=JANUARI, gehuisvest=0, te_huisvesten=19082).startswith(
        "In januari 2017 zijn geen vergunninghouders gehuisvest, minder dan"
    )
    assert zin_maand(maand=JANUARI, gehuisvest=1, te_huisvesten=6).startswith(
        "In januari 2017 is 1 vergunninghouder gehuisvest, precies"
    )


def test_nothing_left_to_house_is_not_compared_with_an_average():
    zin = zin_maand(maand=JANUARI, gehuisvest=12, te_huisvesten=-5)
    assert "benodigde" not in zin and "niemand meer" in zin


def test_the_goal_of_the_half_year():
    assert zin_doel(
        halfjaar="2017-I", einde=date(2017, 7, 1), beginstand=6082, taakstelling=13000
    ) == (
        "Het doel is om tot 1 juli 2017 19.082 vergunninghouders te huisvesten (de taakstelling "
        "van 13.000 plus de achterstand van 6.082). Dat komt neer op gemiddeld 3.180 per maand."
    )
    assert "min de voorsprong van 20" in zin_doel(
        halfjaar="2017-I", einde=date(2017, 7, 1), beginstand=-20, taakstelling=100
    )


def test_look_back_growing_and_shrinking_backlog():
    groei = zinnen_terugblik(
        halfjaar="2016-II", beginstand=5282, taakstelling=23000, realisatie=22200, eindstand=6082
    )
    assert groei == [
        "De taakstelling voor de tweede helft van 2016 bedroeg 23.000 vergunninghouders.",
        "Met de eerder opgelopen achterstand van 5.282 moesten er 28.282 gehuisvest worden.",
        "Gehuisvest zijn 22.200 vergunninghouders.",
        "De achterstand groeide van 5.282 naar 6.082.",
    ]
    krimp = zinnen_terugblik(
        halfjaar="2016-II", beginstand=5282, taakstelling=23000, realisatie=25000, eindstand=3282
    )
    assert krimp[-1] == "De achterstand nam af van 5.282 naar 3.282."
    omslag = zinnen_terugblik(
        halfjaar="2016-II", beginstand=100, taakstelling=50, realisatie=200, eindstand=-50
    )
    assert omslag[-1] == "De stand ging van een achterstand van 100 naar een voorsprong van 50."
    assert zinnen_terugblik(
        halfjaar="2016-II", beginstand=None, taakstelling=None, realisatie=None, eindstand=None
    ) == ["Het systeem kent geen cijfers over de tweede helft van 2016."]


def test_remaining_and_projection():
    # The one pace function (opnieuwthuis.perioden.nodig_per_maand, half up): 15.101 / 5 = 3.020,2.
    assert zin_resterend(stand=15101, maanden_resterend=5, einde=date(2017, 7, 1)) == (
        "Tot 1 juli 2017 moeten nog 15.101 vergunninghouders gehuisvest worden: gemiddeld 3.020 "
        "per maand in de resterende 5 maanden."
    )
    # 15.101 at 3.981 a month: February, March, April, May.
    assert prognose_maand(stand=15101, tempo=3981, peildatum=date(2017, 2, 1)) == date(2017, 5, 1)
    binnen = zin_prognose(
        stand=15101, maand=JANUARI, tempo=3981, peildatum=date(2017, 2, 1), einde=date(2017, 7, 1)
    )
    assert "in mei 2017 gehuisvest, binnen het halfjaar" in binnen
    na = zin_prognose(
        stand=15101, maand=JANUARI, tempo=2000, peildatum=date(2017, 2, 1), einde=date(2017, 7, 1)
    )
    assert "pas in september 2017 gehuisvest, na het einde van het halfjaar" in na
    stil = zin_prognose(
        stand=15101, maand=JANUARI, tempo=0, peildatum=date(2017, 2, 1), einde=date(2017, 7, 1)
    )
    assert "loopt de achterstand van 15.101 niet in" in stil
    assert "voorsprong van 409" in zin_prognose(
        stand=-409, maand=JANUARI, tempo=10, peildatum=date(2017, 2, 1), einde=date(2017, 7, 1)
    )


def test_reception_rising_and_falling():
    sept = {"peildatum": date(2016, 9, 1), "wachtend": 15000, "alleenstaand": 10500, "aandeel": 70}
    feb = {"peildatum": date(2017, 2, 1), "wachtend": 9900, "alleenstaand": 5445, "aandeel": 55}
    assert zinnen_opvang([sept, feb]) == [
        "Op 1 februari 2017 wachtten 9.900 vergunninghouders in de opvang op een woning, van wie "
        "55 % alleenstaand.",
        "Sinds 1 september 2016 (15.000 wachtenden) nam het aantal af met 5.100; het aandeel "
        "alleenstaanden daalde van 70 % naar 55 %.",
    ]
    assert "nam het aantal toe met 5.100" in zinnen_opvang([feb, sept])[1]
    assert "steeg van 55 % naar 70 %" in zinnen_opvang([feb, sept])[1]
    assert "geen cijfers" in zinnen_opvang([])[0]


def test_missing_half_years_only_claimed_when_the_system_can_know():
    assert (
        "nog niet te zeggen"
        in zinnen_achterblijvers([], [], achterstand=0, halfjaren_afgesloten=1)[1]
    )
    assert (
        "Geen gemeente heeft 2 of meer"
        in zinnen_achterblijvers([], [], achterstand=0, halfjaren_afgesloten=3)[1]
    )


def test_dutch_numbers():
    assert [getal(5282), getal(-409), getal(23000), getal(None)] == ["5.282", "−409", "23.000", "–"]


def test_a_provisional_last_month_is_neither_compared_nor_projected():
    from rapportage.rapport.zinnen import zin_maand_open

    zin = zin_maand_open(maand=JANUARI)
    assert zin.startswith("De cijfers over januari 2017 zijn nog niet vastgesteld")
    assert "meer dan" not in zin and "minder dan" not in zin
