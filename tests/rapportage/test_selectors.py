"""Selectors read with a constant number of queries, whatever the number of municipalities."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapportage import selectors
from tests.factories import maak_wereld

pytestmark = pytest.mark.django_db


def queries_voor_stand() -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        stand = selectors.stand_op(date(2017, 2, 1))
    assert len(stand.gemeenten) > 0
    return len(ctx.captured_queries)


def test_stand_query_count_is_constant_from_2_to_390_municipalities():
    maak_wereld(2)
    klein = queries_voor_stand()

    maak_wereld_extra(388)
    groot = queries_voor_stand()
    assert klein == groot
    assert groot <= 8  # version, five inputs, cache bookkeeping


def maak_wereld_extra(aantal):
    """388 more municipalities with the same kind of figures as maak_wereld."""
    from realisatie.models import Huisvesting
    from taakstelling.models import Gemeente, Halfjaar, Provincie, Startstand, Taakstelling

    provincie = Provincie.objects.first()
    h1, h2 = Halfjaar.objects.order_by("jaar", "helft")
    gemeenten = Gemeente.objects.bulk_create(
        [
            Gemeente(code=f"GM{1000 + i}", naam=f"Extra {i}", provincie=provincie)
            for i in range(aantal)
        ]
    )
    Startstand.objects.bulk_create(
        [Startstand(gemeente=g, halfjaar=h1, personen=3) for g in gemeenten]
    )
    Taakstelling.objects.bulk_create(
        [Taakstelling(gemeente=g, halfjaar=h, personen=9) for g in gemeenten for h in (h1, h2)]
    )
    Huisvesting.objects.bulk_create(
        [
            Huisvesting(gemeente=g, maand=date(2016, m, 1), personen=1)
            for g in gemeenten
            for m in range(7, 13)
        ]
    )


def test_the_stand_is_cached_until_a_figure_changes():
    maak_wereld(2)
    cache.clear()
    eerst = selectors.stand_op(date(2017, 2, 1))
    with CaptureQueriesContext(connection) as ctx:
        selectors.stand_op(date(2017, 2, 1))
    assert len(ctx.captured_queries) == 1  # only the data version
    from realisatie.models import Huisvesting

    h = Huisvesting.objects.get(gemeente__code="GM0001", maand=date(2017, 1, 1))
    h.personen += 5
    h.save()
    daarna = selectors.stand_op(date(2017, 2, 1))
    assert daarna.landelijk["realisatie"] == eerst.landelijk["realisatie"] + 5


def test_available_peildata_end_the_month_after_the_latest_figure():
    maak_wereld(2)
    peildata = selectors.beschikbare_peildata()
    assert peildata[0] == date(2016, 7, 1)
    assert peildata[-1] == selectors.laatste_peildatum() == date(2017, 2, 1)
