"""The distribution of a national number (art. 29), checked against an independent computation
from the same population file: Decimal arithmetic and a pandas ranking instead of integer
division and a sorted list."""

import csv
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from pathlib import Path

import pandas as pd
import pytest

from taakstelling.verdeling import (
    FOUT_GEEN_INWONERS,
    FOUT_ONBEKENDE_METHODE,
    VerdelingFout,
    verdeel,
    verdeel_naar_aandeel,
)

GEMEENTEN_2016 = Path(__file__).resolve().parents[2] / "fixtures" / "gemeenten_2016.csv"


def _gemeenten() -> list[tuple[str, int]]:
    with GEMEENTEN_2016.open(encoding="utf-8-sig", newline="") as bestand:
        return [(r["gemeentecode"], int(r["inwoners_1jan2016"])) for r in csv.DictReader(bestand)]


def onafhankelijk(landelijk: int, gemeenten, methode: str) -> dict[str, int]:
    """Art. 29 computed another way: Decimal with 60 digits, and largest remainder by ranking."""
    frame = pd.DataFrame(gemeenten, columns=["code", "inwoners"])
    totaal = Decimal(int(frame["inwoners"].sum()))
    with localcontext() as ctx:
        ctx.prec = 60
        exact = [Decimal(landelijk) * Decimal(int(n)) / totaal for n in frame["inwoners"]]
        if methode == "wettelijk":
            frame["personen"] = [int(e.to_integral_value(rounding=ROUND_CEILING)) for e in exact]
            return dict(zip(frame["code"], frame["personen"]))
        frame["basis"] = [int(e.to_integral_value(rounding=ROUND_FLOOR)) for e in exact]
        frame["rest"] = [e - e.to_integral_value(rounding=ROUND_FLOOR) for e in exact]
    over = landelijk - int(frame["basis"].sum())
    frame["rest"] = frame["rest"].astype(float)  # ties are equal populations: equal floats too
    rang = frame.sort_values(["rest", "code"], ascending=[False, True]).index[:over]
    frame["personen"] = frame["basis"]
    frame.loc[rang, "personen"] += 1
    return dict(zip(frame["code"], frame["personen"]))


def test_13000_over_the_390_municipalities_of_2016():
    gemeenten = _gemeenten()
    assert len(gemeenten) == 390
    assert sum(n for _, n in gemeenten) == 16_979_120
    wettelijk = {a.code: a.personen for a in verdeel(13_000, gemeenten, "wettelijk")}
    overschot = {a.code: a.personen for a in verdeel(13_000, gemeenten, "grootste-overschot")}
    assert sum(wettelijk.values()) == 13_196
    assert sum(overschot.values()) == 13_000
    # Amsterdam: 13.000 × 833.624 / 16.979.120 = 638,26…; Schiermonnikoog: 919 inhabitants, 0,70…
    assert (wettelijk["GM0363"], overschot["GM0363"]) == (639, 638)
    assert (wettelijk["GM0088"], overschot["GM0088"]) == (1, 1)


@pytest.mark.parametrize("landelijk", [0, 1, 389, 6_000, 10_000, 13_000, 23_000, 1_000_003])
@pytest.mark.parametrize("methode", ["wettelijk", "grootste-overschot"])
def test_every_municipality_matches_an_independent_computation(landelijk, methode):
    gemeenten = _gemeenten()
    uitkomst = {a.code: a.personen for a in verdeel(landelijk, gemeenten, methode)}
    assert uitkomst == onafhankelijk(landelijk, gemeenten, methode)
    if methode == "grootste-overschot":
        assert sum(uitkomst.values()) == landelijk
    else:
        assert sum(uitkomst.values()) >= landelijk


def test_ties_go_to_the_lower_gemeentecode():
    gelijk = [("GM0003", 100), ("GM0001", 100), ("GM0002", 100)]
    uitkomst = {a.code: a.personen for a in verdeel(4, gelijk, "grootste-overschot")}
    assert uitkomst == {"GM0001": 2, "GM0002": 1, "GM0003": 1}
    assert [a.personen for a in verdeel(4, gelijk, "wettelijk")] == [2, 2, 2]


def test_no_population_is_a_clear_error():
    with pytest.raises(VerdelingFout) as fout:
        verdeel(100, [("GM0001", 0), ("GM0002", 0)], "wettelijk")
    assert str(fout.value) == FOUT_GEEN_INWONERS
    with pytest.raises(VerdelingFout, match="Onbekende methode"):
        verdeel(100, [("GM0001", 10)], "d-hondt")
    assert "grootste-overschot" in FOUT_ONBEKENDE_METHODE


def test_split_by_share_loses_nobody():
    from fractions import Fraction

    delen = verdeel_naar_aandeel(10_833, [Fraction("0.32"), Fraction("0.47"), Fraction("0.21")])
    assert sum(delen) == 10_833
    assert delen == [3467, 5091, 2275]
    assert sum(verdeel_naar_aandeel(-7, [Fraction(1, 3)] * 3)) == -7
