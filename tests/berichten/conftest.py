import pytest


@pytest.fixture
def wereld(db):
    """GM0001 and GM0003 in PV20, GM0002 and GM0004 in PV21; 2016-II closed on 1 February 2017.

    GM0001 closed 2016-II at 10 + 100 − 6 × 15 = 20 (not met); GM0004 at 7 + 100 − 6 × 18 = −1.
    """
    from tests.factories import maak_wereld

    gemeenten = maak_wereld(4, provincies=2)
    return {g.code: g for g in gemeenten}
