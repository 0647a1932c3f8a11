import io

import pytest
from django.apps import apps
from openpyxl import Workbook


def momentopname() -> dict:
    """Every row of every figure table, its audit table, the upload log and the data version."""
    modellen = [
        *apps.get_app_config("realisatie").get_models(),
        *apps.get_app_config("taakstelling").get_models(),
    ]
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in modellen}


@pytest.fixture(autouse=True)
def _lege_cache():
    """The stand is cached per data version; a rolled-back test leaves the version where it was
    but (on PostgreSQL) the next test's ids differ, so every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wereld(db):
    """Two municipalities in two provinces, 2016-II and 2017-I, figures July 2016 – January 2017;
    July – December closed, January still open (being entered and corrected)."""
    from datetime import date

    from tests.factories import maak_wereld

    return maak_wereld(2, open_vanaf=date(2017, 1, 1))


@pytest.fixture
def platform(gebruikers):
    from gebruikers.choices import Rol

    return gebruikers[Rol.PLATFORM]


def csv_bytes(tekst: str) -> bytes:
    return tekst.encode("utf-8")


def xlsx_bytes(rijen: list[list]) -> bytes:
    boek = Workbook()
    blad = boek.active
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


@pytest.fixture
def gebruikers(db):
    """A user per role on the small world of ``wereld`` (January 2017 open), or on what a test
    created before."""
    from datetime import date

    from taakstelling.models import Gemeente
    from tests.factories import maak_gebruikers, maak_wereld

    if Gemeente.objects.count() < 2:
        maak_wereld(2, open_vanaf=date(2017, 1, 1))
    return maak_gebruikers()
