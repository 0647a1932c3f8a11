"""Dutch wording (opnieuwthuis/nederlands.py)."""

from datetime import date

import pytest
from django.utils import formats, translation

from opnieuwthuis.nederlands import (
    datum_lang,
    getal,
    halfjaar_lang,
    helft_kort,
    maand_kort,
    maand_lang,
    procent,
    procent_tekst,
)
from opnieuwthuis.perioden import Periode


def test_the_national_row_in_dutch():
    rij = [390, 5282, 23000, 22200, 6082, 13000, 19082, 3981, 15101, 15510, -409]
    assert [getal(n) for n in rij] == [
        "390", "5.282", "23.000", "22.200", "6.082", "13.000", "19.082", "3.981", "15.101",
        "15.510", "\u2212409",
    ]  # fmt: skip
    assert getal(None) == "–"
    assert getal(None, leeg="") == ""
    assert getal(float("nan")) == "–"
    assert getal(1_234_567) == "1.234.567"
    assert getal(3180.5) == "3.181"  # a float is rounded half up


@pytest.mark.parametrize("n", [0, 7, 999, 1000, 5282, 99_999, 1_000_000, -1, -409, -23_000])
def test_getal_groups_as_djangos_number_format(n):
    with translation.override("nl"):
        django = formats.number_format(n, force_grouping=True)
    assert getal(n) == django.replace("-", "\u2212")


def test_procent_half_up_and_none_of_nothing():
    assert procent(1, 8) == 13  # 12,5
    assert procent(5_500, 10_000) == 55
    assert procent(3, 0) is None
    assert procent_tekst(7, 10) == "70 %"
    assert procent_tekst(1, 0) == "–"


def test_dates_and_half_years():
    assert datum_lang(date(2017, 2, 1)) == "1 februari 2017"
    assert maand_lang(date(2017, 1, 1)) == "januari 2017"
    assert maand_kort(date(2016, 12, 1)) == "dec"
    assert helft_kort(Periode(2016, 2)) == "2e helft 2016"
    assert halfjaar_lang(Periode(2016, 2)) == "de tweede helft van 2016"
    assert halfjaar_lang(Periode(2017, 1)) == "de eerste helft van 2017"


def test_the_template_filter_is_getal_and_leaves_text_alone():
    from django.template import Context, Template

    sjabloon = Template(
        "{{ a|getal }}|{{ b|getal }}|{{ c|getal }}|{{ d|getal }}|{{ e|percentage }}"
    )
    uit = sjabloon.render(Context({"a": -409, "b": 15510, "c": None, "d": "2017-I", "e": 8.66}))
    assert uit == "\u2212409|15.510|–|2017-I|8,7 %"
