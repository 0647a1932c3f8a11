from datetime import date
from xml.etree import ElementTree

import pytest

from rapportage import grafieken
from rapportage.grafieken import maandgrafiek_svg, maandreeks, maandzin


def _reeks():
    # The report: 19.082 to house in 2017-I, 3.981 housed in January, 15.101 still to go.
    return maandreeks(
        date(2017, 2, 1),
        te_huisvesten=19_082,
        stand=15_101,
        per_maand=[(date(2017, 1, 1), 3_981)],
    )


def test_month_series_of_the_report():
    reeks = _reeks()
    assert [m.maand for m in reeks] == [date(2017, m, 1) for m in range(1, 7)]
    assert reeks[0].realisatie == 3_981
    assert all(m.realisatie is None for m in reeks[1:])  # not yet in the stand
    assert {m.nodig_gemiddeld for m in reeks} == {3_180}  # the report's 19.082 / 6
    assert reeks[0].nog_nodig is None
    assert {m.nog_nodig for m in reeks[1:]} == {3_020}  # 15.101 over 5 months, half up


def test_month_without_figures_counts_as_zero_and_first_day_has_no_past_months():
    reeks = maandreeks(date(2016, 9, 1), te_huisvesten=60, stand=60, per_maand=[])
    assert [m.realisatie for m in reeks[:2]] == [0, 0]
    begin = maandreeks(date(2017, 1, 1), te_huisvesten=60, stand=60, per_maand=[])
    assert all(m.realisatie is None for m in begin)
    assert begin[0].nog_nodig == 10


def test_text_alternative_names_the_figures():
    zin = maandzin(_reeks(), "Nederland")
    assert "Januari 2017: 3.981 gehuisvest" in zin
    assert "3.180 per maand" in zin
    assert "nog 3.020 per maand" in zin


def test_chart_is_svg_with_dutch_numbers_and_deterministic():
    svg = maandgrafiek_svg(_reeks(), "Realisatie per maand 2017-I, Nederland")
    ElementTree.fromstring(svg)  # well-formed
    tekst = svg.decode()
    assert "3.981" in tekst and "Realisatie per maand 2017-I" in tekst
    assert "2.017" not in tekst
    assert svg == maandgrafiek_svg(_reeks(), "Realisatie per maand 2017-I, Nederland")


def test_no_pyplot_in_the_server():
    bron = open(grafieken.__file__, encoding="utf-8").read()
    assert "import pyplot" not in bron and "matplotlib.pyplot" not in bron


@pytest.mark.django_db
def test_chart_is_cached_on_the_data_version(monkeypatch):
    from django.core.cache import cache

    from opnieuwthuis.cache import gegevens_gewijzigd
    from rapportage import selectors
    from tests.factories import maak_wereld

    cache.clear()
    maak_wereld(2)
    stand = selectors.stand_op(date(2017, 2, 1))
    getekend = []
    echt = grafieken.maandgrafiek_svg
    monkeypatch.setattr(
        grafieken, "maandgrafiek_svg", lambda *a, **k: getekend.append(1) or echt(*a, **k)
    )
    per_maand = selectors.maandrealisatie(stand.peildatum)
    eerste = grafieken.landelijke_grafiek(stand, per_maand)
    assert grafieken.landelijke_grafiek(stand, per_maand) == eerste
    assert len(getekend) == 1
    gegevens_gewijzigd()
    grafieken.landelijke_grafiek(stand, per_maand)
    assert len(getekend) == 2


@pytest.mark.parametrize("te_huisvesten, per_maand", [(19_083, 3_181), (15, 3), (101, 17)])
def test_the_line_and_the_remaining_months_are_one_pace(te_huisvesten, per_maand):
    # On the first day of a half-year the line and "nog nodig" are the same number, half up
    # (the issue: the chart said 3.180 beside 3.181 elsewhere, and 2 against 3 at 15).
    reeks = maandreeks(
        date(2017, 1, 1), te_huisvesten=te_huisvesten, stand=te_huisvesten, per_maand=[]
    )
    assert {m.nodig_gemiddeld for m in reeks} == {m.nog_nodig for m in reeks} == {per_maand}
