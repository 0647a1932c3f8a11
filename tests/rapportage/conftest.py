from datetime import date

import pytest

from realisatie.models import Huisvesting
from taakstelling.models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling

PEILDATUM = "2017-02-01"

# Municipalities with real 2016 codes (so the map has their shapes), each with 120 to house in
# 2017-I and a January chosen on the status boundaries: after 1 of 6 months the line is 20;
# 75 % of it is 15 (domain rule 6).
STATUS_GEVALLEN = [
    # code, naam, provinciecode, provincie, realisatie januari, verwachte status, inwoners
    ("GM0014", "Groningen", "PV20", "Groningen", 20, "op_schema", 200_952),
    ("GM0344", "Utrecht", "PV26", "Utrecht", 19, "enigszins_achter", 338_967),
    ("GM0363", "Amsterdam", "PV27", "Noord-Holland", 15, "enigszins_achter", 833_624),
    ("GM0518", "'s-Gravenhage", "PV28", "Zuid-Holland", 14, "achter", 519_988),
    ("GM0599", "Rotterdam", "PV28", "Zuid-Holland", 0, "achter", 629_606),
    ("GM0003", "Appingedam", "PV20", "Groningen", 25, "op_schema", 12_000),
]


@pytest.fixture(autouse=True)
def schone_cache():
    """Every test starts with an empty cache: the data version restarts when a test's database
    is rolled back, so a page cached by an earlier test would otherwise come back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def maak_status_wereld():
    from opnieuwthuis.cache import gegevens_gewijzigd

    halfjaar = Halfjaar.objects.create(jaar=2017, helft=1, landelijke_taakstelling=600)
    for code, naam, pv, pvnaam, januari, _status, inwoners in STATUS_GEVALLEN:
        provincie, _ = Provincie.objects.get_or_create(code=pv, defaults={"naam": pvnaam})
        gemeente = Gemeente.objects.create(code=code, naam=naam, provincie=provincie)
        Inwonertal.objects.create(gemeente=gemeente, peildatum=date(2016, 1, 1), aantal=inwoners)
        Startstand.objects.create(gemeente=gemeente, halfjaar=halfjaar, personen=0)
        Taakstelling.objects.create(gemeente=gemeente, halfjaar=halfjaar, personen=120)
        Huisvesting.objects.create(gemeente=gemeente, maand=date(2017, 1, 1), personen=januari)
    from tests.factories import sluit_maanden

    sluit_maanden([date(2017, 1, 1)])
    gegevens_gewijzigd()


@pytest.fixture
def status_wereld(db):
    maak_status_wereld()


@pytest.fixture
def wereld(db):
    from tests.factories import maak_wereld

    return maak_wereld(2)
