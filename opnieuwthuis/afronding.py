"""Whole numbers that add up: the one largest-remainder rule.

Used wherever persons are split: a national quota over municipalities (art. 29, method
"grootste-overschot"), the population of a split municipality (art. 30), the balances of a
reorganisation (rule 4) and the demo's figures. Exact (fractions, no float decides a remainder),
so the same input gives the same split on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Real


def grootste_rest(
    totaal: int, gewichten: Sequence[Real], *, voorrang: Sequence | None = None
) -> list[int]:
    """Split ``totaal`` over ``gewichten`` into whole numbers that add up to it exactly.

    Each part is its exact share rounded down; the persons still missing go one each to the
    largest remainders. Ties go to the lowest ``voorrang`` (default: the earlier position). A
    negative total is split as its absolute value with the sign restored; weights that add up
    to 0 or less count as equal.
    """
    if len(gewichten) == 0:
        return []
    teken, bedrag = (-1, -int(totaal)) if totaal < 0 else (1, int(totaal))
    breuken = [Fraction(w) for w in gewichten]
    som = sum(breuken)
    if som <= 0:
        breuken, som = [Fraction(1)] * len(breuken), Fraction(len(breuken))
    exact = [bedrag * w / som for w in breuken]
    delen = [e.numerator // e.denominator for e in exact]
    over = bedrag - sum(delen)
    sleutel = list(voorrang) if voorrang is not None else list(range(len(exact)))
    volgorde = sorted(range(len(exact)), key=lambda i: (-(exact[i] - delen[i]), sleutel[i], i))
    for i in volgorde[:over]:
        delen[i] += 1
    return [teken * d for d in delen]
