"""The benchmark generator writes reorganisations and exchanges the way the application records
them, so the calculation carries every person across a reorganisation."""

from datetime import date

import pytest

from bench import data

OMVANG = data.Omvang(gemeenten=20, halfjaren=4)  # 2010-I .. 2011-II; reorganised on 1-1-2011


@pytest.fixture
def dataset(db):
    return data.bouw(OMVANG, meld=lambda _tekst: None)


def test_a_tiny_data_set_has_a_reorganisation_and_exchanges(dataset):
    from realisatie.models import Huisvesting
    from taakstelling.models import Halfjaar, Herindeling, Taakstelling, Uitwisseling

    datum = data.herindelingsdatum(OMVANG)
    assert datum == date(2011, 1, 1)
    herindeling = Herindeling.objects.select_related("van", "naar").get()
    assert (herindeling.datum, herindeling.aandeel) == (datum, 1)
    assert herindeling.van.einddatum == datum and herindeling.naar.einddatum is None
    # An extra, older neighbour in the same province: codes 1..20 are those of the last half-year.
    assert (herindeling.van.code, herindeling.naar.code) == ("GM0021", "GM0018")
    assert herindeling.van.provincie_id == herindeling.naar.provincie_id
    assert Taakstelling.objects.filter(gemeente=herindeling.van, halfjaar__jaar=2010).count() == 2
    # The predecessor carries nothing from that day; the successor carries on.
    assert not Taakstelling.objects.filter(gemeente=herindeling.van, halfjaar__jaar=2011).exists()
    assert not Huisvesting.objects.filter(gemeente=herindeling.van, maand__gte=datum).exists()
    assert Taakstelling.objects.filter(gemeente=herindeling.naar, halfjaar__jaar=2011).count() == 2
    assert dataset["herindelingen"] == 1

    assert Uitwisseling.objects.count() == dataset["uitwisselingen"] == 4  # one per half-year
    for halfjaar in Halfjaar.objects.all():
        # Exchanges and the reorganisation move quota; they neither add nor lose any.
        som = sum(halfjaar.taakstellingen.values_list("personen", flat=True))
        assert som == _zonder_uitwisselingen(halfjaar)
    for u in Uitwisseling.objects.all():
        assert u.personen > 0 and u.van_id != u.naar_id
        assert Taakstelling.objects.filter(halfjaar=u.halfjaar, gemeente=u.van).exists()
        assert Taakstelling.objects.filter(halfjaar=u.halfjaar, gemeente=u.naar).exists()


def _zonder_uitwisselingen(halfjaar) -> int:
    """The quota sum the generator wrote before exchanges (art. 29, rounded up), from the
    populations as they were before the reorganisation moved them (same random stream)."""
    import math

    import numpy as np

    rng = np.random.default_rng(data.ZAAD)
    basis = rng.lognormal(mean=10.3, sigma=0.75, size=OMVANG.gemeenten)
    basis = basis / basis.sum() * data.INWONERS_NEDERLAND
    iG = np.round(basis * (1 + 0.004 * (halfjaar.jaar - 1 - 2009)))
    return int(sum(math.ceil(halfjaar.landelijke_taakstelling * x / iG.sum()) for x in iG))


def test_the_national_balance_is_kept_across_the_reorganisation(dataset):
    from rapportage.selectors import stand_op

    na = stand_op(date(2011, 1, 1)).landelijk  # first half-year after it, nothing housed yet
    voor = stand_op(date(2010, 12, 1)).landelijk  # last half-year before it
    assert na["aantal_gemeenten"] == voor["aantal_gemeenten"] - 1 == 20
    # Closing balance of 2010-II (21 municipalities) = opening balance of 2011-I (20).
    assert (na["beginstand_vorig"], na["taakstelling_vorig"]) == (
        voor["beginstand"],
        voor["taakstelling"],
    )
    eind_voor = na["beginstand_vorig"] + na["taakstelling_vorig"] - na["realisatie_vorig"]
    assert eind_voor == na["beginstand"]
