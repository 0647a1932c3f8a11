"""Half-years and the one pace function (opnieuwthuis/perioden.py): pure, no database."""

from datetime import date

import pytest

from opnieuwthuis.perioden import (
    FOUT_HALFJAAR,
    Periode,
    half_omhoog,
    maanden_resterend,
    maanden_verstreken,
    nodig_per_maand,
    plus_maanden,
)


def test_a_half_year_from_its_label_and_back():
    p = Periode.parse("2017-I")
    assert p == Periode(2017, 1)
    assert p.label == str(p) == "2017-I"
    assert Periode.parse(" 2016 - ii ").label == "2016-II"
    assert Periode.parse("2016-2") == Periode(2016, 2)


@pytest.mark.parametrize("tekst", ["2017", "2017-III", "17-I", "2017-0", "", "I-2017"])
def test_a_wrong_label_is_a_dutch_message_naming_it(tekst):
    with pytest.raises(ValueError) as fout:
        Periode.parse(tekst)
    assert str(fout.value) == FOUT_HALFJAAR.format(waarde=tekst.strip())


def test_a_half_is_one_or_two():
    with pytest.raises(ValueError):
        Periode(2017, 3)


def test_begin_end_and_months():
    eerste, tweede = Periode(2017, 1), Periode(2016, 2)
    assert (eerste.begin, eerste.einde) == (date(2017, 1, 1), date(2017, 6, 30))
    assert (tweede.begin, tweede.einde) == (date(2016, 7, 1), date(2016, 12, 31))
    assert eerste.maanden == tuple(date(2017, m, 1) for m in range(1, 7))
    assert tweede.maanden[-1] == date(2016, 12, 1)
    assert tweede.bevat(date(2016, 12, 31)) and not tweede.bevat(date(2017, 1, 1))


def test_previous_and_next_cross_the_year():
    assert Periode(2017, 1).vorige == Periode(2016, 2)
    assert Periode(2016, 2).volgende == Periode(2017, 1)
    assert Periode(2016, 2).volgende.volgende == Periode(2017, 2)
    assert Periode.uit_index(Periode(2019, 2).index) == Periode(2019, 2)
    assert Periode(2017, 1).index - Periode(2016, 1).index == 2
    assert sorted([Periode(2017, 1), Periode(2016, 2), Periode(2016, 1)])[0] == Periode(2016, 1)


def test_the_period_of_a_date_and_the_first_from_a_date():
    assert Periode.van_datum(date(2017, 2, 1)) == Periode(2017, 1)
    assert Periode.van_datum(date(2017, 6, 30)) == Periode(2017, 1)
    assert Periode.van_datum(date(2017, 7, 1)) == Periode(2017, 2)
    # A reorganisation on 1 January takes effect in that half-year; one later in the next.
    assert Periode.eerste_vanaf(date(2017, 1, 1)) == Periode(2017, 1)
    assert Periode.eerste_vanaf(date(2017, 3, 15)) == Periode(2017, 2)
    assert Periode.eerste_vanaf(date(2017, 7, 2)) == Periode(2018, 1)


def test_months_gone_and_left():
    # The stand on 1 February 2017 counts January: one month gone, five left (the report).
    assert maanden_verstreken(date(2017, 2, 1)) == 1
    assert maanden_resterend(date(2017, 2, 1)) == 5
    assert maanden_verstreken(date(2017, 1, 1)) == 0
    assert maanden_verstreken(date(2017, 7, 1)) == 0
    assert maanden_verstreken(date(2016, 12, 1)) == 5
    assert maanden_resterend(date(2016, 12, 1)) == 1


def test_plus_maanden():
    assert plus_maanden(date(2017, 2, 1), -1) == date(2017, 1, 1)
    assert plus_maanden(date(2017, 1, 1), -1) == date(2016, 12, 1)
    assert plus_maanden(date(2016, 12, 15), 2) == date(2017, 2, 1)


def test_the_pace_rounds_half_up():
    # The figures: a corrected quota of 19.083 is 3.180,5 a month: 3.181 (round() says
    # 3.180); 15 is 2,5 a month: 3 (round() says 2).
    assert nodig_per_maand(19_083) == 3_181
    assert nodig_per_maand(15) == 3
    # The report's 19.082 / 6 = 3.180,33: 3.180; 15.101 over the five months left: 3.020.
    assert nodig_per_maand(19_082) == 3_180
    assert nodig_per_maand(15_101, 5) == 3_020
    # Nothing left to house, or no month left: nothing per month.
    assert nodig_per_maand(-409) == 0
    assert nodig_per_maand(0) == 0
    assert nodig_per_maand(None) == 0
    assert nodig_per_maand(12, 0) == 0


def test_half_omhoog_is_exact_on_the_boundary():
    assert [half_omhoog(t, 2) for t in (1, 3, 5, -1)] == [1, 2, 3, 0]
    assert half_omhoog(10**15 + 1, 2) == 5 * 10**14 + 1  # no float in between
    with pytest.raises(ValueError):
        half_omhoog(1, 0)
