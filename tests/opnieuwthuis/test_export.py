from datetime import date

import pytest

from opnieuwthuis.export import veilige_cel


@pytest.mark.parametrize(
    "tekst", ["=1+2", "+31 20", "-409", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_text_that_could_start_a_formula_gets_a_quote(tekst):
    assert veilige_cel(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", [-409, 0, 5282, 3180.5, None, True, date(2017, 2, 1)])
def test_numbers_and_other_values_stay_as_they_are(waarde):
    assert veilige_cel(waarde) is waarde


@pytest.mark.parametrize("tekst", ["Amsterdam", "GM0363", "", "'s-Hertogenbosch", "a=b"])
def test_ordinary_text_is_unchanged(tekst):
    assert veilige_cel(tekst) == tekst
