"""The carry-forward calculation, without a database: worked cases and invariants."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opnieuwthuis.perioden import Periode
from rapportage.berekening import (
    ACHTER,
    ENIGSZINS_ACHTER,
    LANDELIJKE_KOLOMMEN,
    OP_SCHEMA,
    BerekeningFout,
    Instellingen,
    bereken_stand,
)


def wereld(gemeenten, halfjaren, taak=(), start=(), huis=(), herindelingen=None):
    """Build the input frames from tuples. gemeenten: (id, code, provinciecode);
    halfjaren: (id, jaar, helft); taak/start: (gemeente, halfjaar, personen);
    huis: (gemeente, date, personen)."""
    return {
        "gemeenten": pd.DataFrame(
            [
                (
                    g,
                    c,
                    p,
                    f"Provincie {p}",
                )
                for g, c, p in gemeenten
            ],
            columns=["gemeente_id", "gemeentecode", "provinciecode", "provincie"],
        ).assign(gemeentenaam=lambda f: f["gemeentecode"]),
        "halfjaren": pd.DataFrame(list(halfjaren), columns=["halfjaar_id", "jaar", "helft"]),
        "taakstellingen": pd.DataFrame(
            list(taak), columns=["gemeente_id", "halfjaar_id", "personen"]
        ),
        "startstanden": pd.DataFrame(
            list(start), columns=["gemeente_id", "halfjaar_id", "personen"]
        ),
        "huisvestingen": pd.DataFrame(list(huis), columns=["gemeente_id", "maand", "personen"]),
        "herindelingen": herindelingen,
    }


def gemeente(stand, code):
    return stand.gemeenten.set_index("gemeentecode").loc[code]


HALFJAREN = [(1, 2016, 2), (2, 2017, 1), (3, 2017, 2)]


def test_the_report_row_on_one_municipality():
    """The national figures of 1 February 2017 as if one municipality carried them all."""
    maanden = [date(2016, m, 1) for m in range(7, 13)]
    huis = [(1, m, 3700) for m in maanden]  # 22.200 over six months
    huis.append((1, date(2017, 1, 1), 3981))
    w = wereld(
        [(1, "GM0001", "PV20")],
        HALFJAREN[:2],
        taak=[(1, 1, 23000), (1, 2, 13000)],
        start=[(1, 1, 5282)],
        huis=huis,
    )
    stand = bereken_stand(date(2017, 2, 1), **w)
    assert [stand.landelijk[k] for k in LANDELIJKE_KOLOMMEN] == [
        1,
        5282,
        23000,
        22200,
        6082,
        13000,
        19082,
        3981,
        15101,
        15101,
        0,
    ]
    assert stand.halfjaar == "2017-I"
    assert stand.maanden_verstreken == 1
    assert gemeente(stand, "GM0001")["nodig_per_maand"] == 3020  # 15101 / 5 = 3020,2


def test_backlog_and_lead_are_kept_apart_and_a_lead_carries_forward():
    w = wereld(
        [(1, "GM0001", "PV20"), (2, "GM0002", "PV20")],
        HALFJAREN,
        taak=[(1, 1, 100), (2, 1, 100), (1, 2, 50), (2, 2, 20), (1, 3, 40), (2, 3, 40)],
        start=[(1, 1, 10), (2, 1, 0)],
        huis=[
            (1, date(2016, 9, 1), 80),
            (2, date(2016, 9, 1), 130),
            (1, date(2017, 3, 1), 20),
            (2, date(2017, 3, 1), 0),
        ],
    )
    stand = bereken_stand(date(2017, 7, 1), **w)
    een, twee = gemeente(stand, "GM0001"), gemeente(stand, "GM0002")
    # GM0001: 10 + 100 - 80 = 30 -> 30 + 50 - 20 = 60 -> 60 + 40 = 100 to house in 2017-II.
    assert (een["beginstand_vorig"], een["beginstand"], een["te_huisvesten"]) == (30, 60, 100)
    # GM0002: 0 + 100 - 130 = -30 (lead) -> -30 + 20 - 0 = -10 -> -10 + 40.
    assert (twee["beginstand_vorig"], twee["beginstand"], twee["te_huisvesten"]) == (-30, -10, 30)
    stand_feb = bereken_stand(date(2017, 2, 1), **w)
    assert stand_feb.landelijk["achterstand"] == 80  # GM0001: 30 + 50
    assert stand_feb.landelijk["voorsprong"] == -10  # GM0002: -30 + 20
    assert stand_feb.landelijk["stand"] == 70
    stand_apr = bereken_stand(date(2017, 4, 1), **w)
    assert stand_apr.landelijk["stand"] == 70 - 20


def test_a_lead_need_not_carry_when_configured_off():
    w = wereld(
        [(1, "GM0001", "PV20")],
        HALFJAREN[:2],
        taak=[(1, 1, 100), (1, 2, 50)],
        start=[(1, 1, 0)],
        huis=[(1, date(2016, 8, 1), 130)],
    )
    assert gemeente(bereken_stand(date(2017, 1, 1), **w), "GM0001")["beginstand"] == -30
    uit = bereken_stand(date(2017, 1, 1), **w, instellingen=Instellingen(voorsprong_meenemen=False))
    assert gemeente(uit, "GM0001")["beginstand"] == 0


@pytest.mark.parametrize(
    "realisatie, verwacht",
    [
        (20, OP_SCHEMA),
        (25, OP_SCHEMA),
        (19, ENIGSZINS_ACHTER),
        (15, ENIGSZINS_ACHTER),
        (14, ACHTER),
        (0, ACHTER),
    ],
)
def test_status_against_time_boundaries(realisatie, verwacht):
    """After 1 of 6 months a municipality with 120 to house should have housed 20;
    75 % of that line (15) is the boundary between 'enigszins achter' and 'achter'."""
    w = wereld(
        [(1, "GM0001", "PV20")],
        [(2, 2017, 1)],
        taak=[(1, 2, 120)],
        start=[(1, 2, 0)],
        huis=[(1, date(2017, 1, 1), realisatie)],
    )
    assert gemeente(bereken_stand(date(2017, 2, 1), **w), "GM0001")["status"] == verwacht


def test_status_boundary_is_configurable():
    w = wereld(
        [(1, "GM0001", "PV20")],
        [(2, 2017, 1)],
        taak=[(1, 2, 120)],
        start=[(1, 2, 0)],
        huis=[(1, date(2017, 1, 1), 15)],
    )
    stand = bereken_stand(date(2017, 2, 1), **w, instellingen=Instellingen(grens_achter=0.8))
    assert gemeente(stand, "GM0001")["status"] == ACHTER


def test_everyone_is_on_schedule_on_the_first_day_of_a_half_year():
    w = wereld(
        [(1, "GM0001", "PV20")], HALFJAREN[:2], taak=[(1, 1, 10), (1, 2, 10)], start=[(1, 1, 50)]
    )
    stand = bereken_stand(date(2017, 1, 1), **w)
    assert gemeente(stand, "GM0001")["status"] == OP_SCHEMA
    assert gemeente(stand, "GM0001")["nodig_per_maand"] == 12  # 70 / 6 = 11,67


def test_consecutive_missed_half_years():
    halfjaren = [(i + 1, 2015 + i // 2, i % 2 + 1) for i in range(6)]  # 2015-I .. 2017-II
    taak = [(1, h, 10) for h, _, _ in halfjaren] + [(2, h, 10) for h, _, _ in halfjaren]
    # GM0001 houses 10 each half-year except in 2015-II (5): it misses from 2015-II onwards,
    # since the backlog of 5 never clears. GM0002 clears its backlog in 2016-II (30).
    huis = []
    for _h, jaar, helft in halfjaren[:5]:
        maand = date(jaar, 1 if helft == 1 else 7, 1)
        huis.append((1, maand, 5 if (jaar, helft) == (2015, 2) else 10))
        huis.append((2, maand, {(2016, 2): 30}.get((jaar, helft), 5)))
    w = wereld(
        [(1, "GM0001", "PV20"), (2, "GM0002", "PV20")],
        halfjaren,
        taak=taak,
        start=[(1, 1, 0), (2, 1, 0)],
        huis=huis,
    )
    stand = bereken_stand(date(2017, 8, 1), **w)
    assert gemeente(stand, "GM0001")["gemiste_halfjaren"] == 4  # 2015-II .. 2017-I
    # GM0002: backlog 5, 10, 15 after 2015-I..2016-I; 2016-II: 15+10-30 = -5 met; 2017-I: -5+10-5=0.
    assert gemeente(stand, "GM0002")["gemiste_halfjaren"] == 0
    assert (
        bereken_stand(date(2016, 8, 1), **w)
        .gemeenten.set_index("gemeentecode")
        .loc["GM0002", "gemiste_halfjaren"]
        == 3
    )


def test_municipality_without_opening_balance_starts_at_zero():
    w = wereld([(1, "GM0001", "PV20")], HALFJAREN[:2], taak=[(1, 2, 30)])
    een = gemeente(bereken_stand(date(2017, 3, 1), **w), "GM0001")
    assert (een["beginstand"], een["te_huisvesten"]) == (0, 30)
    assert pd.isna(een["beginstand_vorig"])


def test_realisation_counts_only_months_before_the_peildatum():
    huis = [(1, date(2017, m, 1), 10) for m in range(1, 7)]
    w = wereld(
        [(1, "GM0001", "PV20")], HALFJAREN[1:2], taak=[(1, 2, 100)], start=[(1, 2, 0)], huis=huis
    )
    for maand in range(1, 7):
        assert bereken_stand(date(2017, maand, 1), **w).landelijk["realisatie"] == 10 * (maand - 1)


def test_merger_moves_balances_to_the_successor():
    herindelingen = pd.DataFrame(
        [(date(2017, 1, 1), 1, 3, 1.0), (date(2017, 1, 1), 2, 3, 1.0)],
        columns=["datum", "van_gemeente_id", "naar_gemeente_id", "aandeel"],
    )
    w = wereld(
        [(1, "GM0001", "PV20"), (2, "GM0002", "PV20"), (3, "GM0003", "PV20")],
        HALFJAREN[:2],
        taak=[(1, 1, 100), (2, 1, 50), (3, 2, 70)],
        start=[(1, 1, 7), (2, 1, -3)],
        huis=[(1, date(2016, 7, 1), 90), (2, date(2016, 7, 1), 60)],
        herindelingen=herindelingen,
    )
    voor = bereken_stand(date(2016, 12, 1), **w)
    na = bereken_stand(date(2017, 1, 1), **w)
    # 7 + 100 - 90 = 17 and -3 + 50 - 60 = -13: the successor opens with 4.
    assert list(na.gemeenten["gemeentecode"]) == ["GM0003"]
    assert gemeente(na, "GM0003")["beginstand"] == 4
    assert voor.landelijk["stand"] == na.landelijk["beginstand"]
    # The previous half-year's national figures still count the two predecessors.
    assert [
        na.landelijk[k] for k in ("beginstand_vorig", "taakstelling_vorig", "realisatie_vorig")
    ] == [4, 150, 150]


def test_split_preserves_every_person():
    herindelingen = pd.DataFrame(
        [(date(2017, 1, 1), 1, 2, 0.5), (date(2017, 1, 1), 1, 3, 0.5)],
        columns=["datum", "van_gemeente_id", "naar_gemeente_id", "aandeel"],
    )
    w = wereld(
        [(1, "GM0001", "PV20"), (2, "GM0002", "PV20"), (3, "GM0003", "PV20")],
        HALFJAREN[:2],
        taak=[(1, 1, 7), (2, 2, 1), (3, 2, 1)],
        start=[(1, 1, 0)],
        herindelingen=herindelingen,
    )
    na = bereken_stand(date(2017, 1, 1), **w)
    assert sorted(na.gemeenten["beginstand"]) == [3, 4]


def test_peildatum_must_be_the_first_of_a_known_half_year():
    w = wereld([(1, "GM0001", "PV20")], HALFJAREN[:1], taak=[(1, 1, 10)])
    with pytest.raises(BerekeningFout, match="eerste dag"):
        bereken_stand(date(2016, 8, 15), **w)
    with pytest.raises(BerekeningFout, match="2017-I"):
        bereken_stand(date(2017, 2, 1), **w)


def test_largest_remainder_adds_up_exactly():
    from opnieuwthuis.afronding import grootste_rest

    assert grootste_rest(10, [1, 1, 1]) == [4, 3, 3]
    assert grootste_rest(-7, [1, 1]) == [-4, -3]
    assert grootste_rest(5, [0, 0]) == [3, 2]  # no weight: equal shares
    assert grootste_rest(3, [1, 1, 1, 1], voorrang=["GM9", "GM2", "GM5", "GM1"]) == [0, 1, 1, 1]
    assert grootste_rest(7, []) == []
    # Exact: 1/3 each of 10 is 3,33…; no float remainder decides (0.1 + 0.2 style drift).
    assert grootste_rest(10, [0.1, 0.2, 0.7]) == [1, 2, 7]


# Invariants over random worlds.


@st.composite
def willekeurige_wereld(draw):
    n = draw(st.integers(1, 6))
    aantal_halfjaren = draw(st.integers(1, 5))
    perioden = [Periode.uit_index(Periode(2015, 1).index + i) for i in range(aantal_halfjaren)]
    halfjaren = [(i + 1, p.jaar, p.helft) for i, p in enumerate(perioden)]
    gemeenten = [(g + 1, f"GM{g + 1:04d}", f"PV{20 + g % 2}") for g in range(n)]
    taak = [(g, h, draw(st.integers(0, 500))) for g, _, _ in gemeenten for h, _, _ in halfjaren]
    start = [(g, 1, draw(st.integers(-100, 300))) for g, _, _ in gemeenten]
    huis = []
    for g, _, _ in gemeenten:
        for _h, jaar, helft in halfjaren:
            for m in range(6):
                if draw(st.booleans()):
                    huis.append((g, Periode(jaar, helft).maanden[m], draw(st.integers(0, 200))))
    laatste = halfjaren[-1]
    maand = draw(st.integers(0, 5))
    peildatum = date(laatste[1], (1 if laatste[2] == 1 else 7) + maand, 1)
    meenemen = draw(st.booleans())
    return wereld(gemeenten, halfjaren, taak=taak, start=start, huis=huis), peildatum, meenemen


@settings(max_examples=150, deadline=None)
@given(willekeurige_wereld())
def test_invariants(data):
    w, peildatum, meenemen = data
    stand = bereken_stand(peildatum, **w, instellingen=Instellingen(voorsprong_meenemen=meenemen))
    g = stand.gemeenten
    # The nation is the sum of its municipalities, and so is each province.
    for kolom in [
        "beginstand",
        "taakstelling",
        "te_huisvesten",
        "realisatie",
        "stand",
        "achterstand",
        "voorsprong",
    ]:
        assert stand.landelijk[kolom] == int(g[kolom].sum())
        assert int(stand.provincies[kolom].sum()) == stand.landelijk[kolom]
    assert stand.landelijk["aantal_gemeenten"] == len(g)
    # Achterstand + voorsprong = stand; the definitions hold per municipality.
    assert (
        stand.landelijk["achterstand"] + stand.landelijk["voorsprong"] == stand.landelijk["stand"]
    )
    assert (g["te_huisvesten"] == g["beginstand"] + g["taakstelling"]).all()
    assert (g["stand"] == g["te_huisvesten"] - g["realisatie"]).all()
    assert (g["achterstand"] >= 0).all() and (g["voorsprong"] <= 0).all()
    # Closing balance of a half-year = opening balance of the next (a lead only when carried).
    verloop = stand.verloop.sort_values(["gemeente_id", "halfjaar"])
    for _, rijen in verloop.groupby("gemeente_id"):
        eind, begin = rijen["eindstand"].to_numpy()[:-1], rijen["beginstand"].to_numpy()[1:]
        verwacht = eind if meenemen else np.maximum(eind, 0)
        assert (begin == verwacht).all()
    # Pace: the backlog spread over the months left, rounded half up (nearest, a half going up).
    rest = 6 - stand.maanden_verstreken
    afwijking = g["nodig_per_maand"] * rest - g["achterstand"]
    assert (2 * afwijking.abs() <= rest).all()
    assert (2 * afwijking > -rest).all()  # exactly half a person short never happens: it goes up
    assert (g.loc[g["achterstand"] == 0, "nodig_per_maand"] == 0).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(-500, 500), min_size=2, max_size=6),
    st.lists(st.floats(0.05, 1.0), min_size=2, max_size=4),
)
def test_reorganisation_never_loses_or_creates_a_person(beginstanden, aandelen):
    """Every municipality splits its balance over the successors by share; the national
    balance before and after the date is identical."""
    n = len(beginstanden)
    gemeenten = [(i + 1, f"GM{i + 1:04d}", "PV20") for i in range(n)]
    opvolgers = [(100 + j, f"GM{100 + j:04d}", "PV21") for j in range(len(aandelen))]
    herindelingen = pd.DataFrame(
        [
            (date(2017, 1, 1), g, o, a)
            for g, _, _ in gemeenten
            for (o, _, _), a in zip(opvolgers, aandelen)
        ],
        columns=["datum", "van_gemeente_id", "naar_gemeente_id", "aandeel"],
    )
    w = wereld(
        gemeenten + opvolgers,
        HALFJAREN[:2],
        taak=[(g, 1, 0) for g, _, _ in gemeenten] + [(o, 2, 0) for o, _, _ in opvolgers],
        start=[(g, 1, b) for (g, _, _), b in zip(gemeenten, beginstanden)],
        herindelingen=herindelingen,
    )
    voor = bereken_stand(date(2016, 12, 1), **w)
    na = bereken_stand(date(2017, 1, 1), **w)
    assert na.landelijk["beginstand"] == voor.landelijk["stand"] == sum(beginstanden)


# --- Each rule on its own ----------------------------------------------------------------------


def test_rule_6_status_against_time_on_the_exact_line():
    from rapportage.berekening import status_tegen_tijd

    # After 1 of 6 months, 60 to house: the line is 10; 75 % of it is 7,5.
    status = status_tegen_tijd(np.array([10, 9, 8, 7, 0]), np.array([60] * 5), 1, 0.75)
    assert status.tolist() == [OP_SCHEMA, ENIGSZINS_ACHTER, ENIGSZINS_ACHTER, ACHTER, ACHTER]
    # On the first day of a half-year everyone is on schedule; nothing to house is on schedule.
    assert set(status_tegen_tijd(np.array([0, 0]), np.array([60, 0]), 0, 0.75)) == {OP_SCHEMA}
    # The boundary is configurable.
    assert status_tegen_tijd(np.array([7]), np.array([60]), 1, 0.5).tolist() == [ENIGSZINS_ACHTER]


def test_rule_7_counts_the_half_years_missed_in_a_row_up_to_the_last():
    from rapportage.berekening import gemiste_halfjaren

    eind = np.array(
        [
            [5, 3, 1],  # three in a row
            [5, -1, 2],  # the last one only
            [5, 3, 0],  # met the last one: 0
            [0, 4, 4],  # two; not active in the first
        ]
    )
    actief = np.array([[1, 1, 1], [1, 1, 1], [1, 1, 1], [0, 1, 1]], dtype=bool)
    assert gemiste_halfjaren(eind, actief).tolist() == [3, 1, 0, 2]
    assert gemiste_halfjaren(eind[:, :0], actief[:, :0]).tolist() == [0, 0, 0, 0]


def test_rule_4_a_merger_moves_once_the_predecessors_quota_is_done():
    from rapportage.berekening import herindelingsmomenten

    rijen = pd.DataFrame(
        [(date(2017, 1, 1), 1, 9, 1.0), (date(2017, 1, 1), 2, 9, 1.0)],
        columns=["datum", "van_gemeente_id", "naar_gemeente_id", "aandeel"],
    )
    i16, i17, ii17 = Periode(2016, 2).index, Periode(2017, 1).index, Periode(2017, 2).index
    # Meierijstad: 2017-I was still distributed over the predecessors, so 2017-II.
    momenten = herindelingsmomenten(rijen, {1: [i16, i17], 2: [i16, i17], 9: [ii17]})
    assert list(momenten) == [ii17]
    assert len(momenten[ii17]) == 2
    # Predecessors without 2017-I quota: on the date itself.
    assert list(herindelingsmomenten(rijen, {1: [i16], 2: [i16], 9: [i17]})) == [i17]
    # A successor whose first quota is later: the balances wait for it (nobody is lost).
    assert list(herindelingsmomenten(rijen, {1: [i16], 2: [i16], 9: [ii17]})) == [ii17]
    # A date inside a half-year: the next one.
    later = rijen.assign(datum=date(2017, 3, 15))
    assert list(herindelingsmomenten(later, {})) == [ii17]
    assert herindelingsmomenten(None, {}) == {}


def test_rule_3_carry_forward_with_and_without_the_lead():
    from rapportage.berekening import als_matrices, doorschuiven

    w = wereld(
        [(1, "GM0001", "PV20"), (2, "GM0002", "PV20")],
        HALFJAREN[:2],
        taak=[(1, 1, 100), (1, 2, 20), (2, 1, 10), (2, 2, 20)],
        start=[(1, 1, 5), (2, 1, 0)],
        huis=[(1, date(2016, 7, 1), 90), (2, date(2016, 8, 1), 30)],
    )
    m = als_matrices(
        Periode(2017, 1).index,
        date(2017, 1, 1),
        gemeenten=w["gemeenten"],
        halfjaar_index={1: Periode(2016, 2).index, 2: Periode(2017, 1).index},
        taakstellingen=w["taakstellingen"],
        startstanden=w["startstanden"],
        huisvestingen=w["huisvestingen"],
    )
    mee = doorschuiven(m, {}, voorsprong_meenemen=True)
    # 5 + 100 - 90 = 15 and 0 + 10 - 30 = -20 open 2017-I.
    assert mee.begin[:, 1].tolist() == [15, -20]
    assert mee.eind[:, 0].tolist() == [15, -20]
    zonder = doorschuiven(m, {}, voorsprong_meenemen=False)
    assert zonder.begin[:, 1].tolist() == [15, 0]
