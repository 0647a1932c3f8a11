"""Turning a national number into municipal quotas (Huisvestingswet 2014 art. 29 lid 1).

Pure Python with whole-number arithmetic (no floats, so no rounding surprises at 13.000 × 833.624):

- ``wettelijk``: vg × iG / iN rounded **up** for every municipality. The municipal sum is at least
  vg and usually more (13.000 over the 390 municipalities of 2016 gives 13.196).
- ``grootste-overschot`` (largest remainder): every municipality gets vg × iG / iN rounded down;
  the persons still missing go one each to the municipalities with the largest remainder. Ties
  (equal remainders, which means equal populations) go to the lower gemeentecode first. The sum is
  exactly vg.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from opnieuwthuis.afronding import grootste_rest

from .choices import Afrondingsmethode

METHODEN = (Afrondingsmethode.WETTELIJK, Afrondingsmethode.GROOTSTE_OVERSCHOT)

FOUT_ONBEKENDE_METHODE = "Onbekende methode '{methode}'; kies 'wettelijk' of 'grootste-overschot'."
FOUT_GEEN_INWONERS = (
    "Er is geen inwonertal om over te verdelen: de gemeenten hebben samen 0 inwoners."
)
FOUT_NEGATIEF_LANDELIJK = "De landelijke taakstelling is nooit negatief."


class VerdelingFout(ValueError):
    pass


@dataclass(frozen=True)
class Aandeel:
    """One municipality's part of a distribution."""

    code: str
    inwoners: int
    aandeel: Fraction  # iG / iN
    personen: int


def verdeel(landelijk: int, inwoners: Sequence[tuple[str, int]], methode: str) -> list[Aandeel]:
    """Distribute ``landelijk`` over ``inwoners`` (pairs of gemeentecode and population).

    Returns the parts in the order given.
    """
    if methode not in METHODEN:
        raise VerdelingFout(FOUT_ONBEKENDE_METHODE.format(methode=methode))
    if landelijk < 0:
        raise VerdelingFout(FOUT_NEGATIEF_LANDELIJK)
    totaal = sum(n for _, n in inwoners)
    if totaal <= 0:
        raise VerdelingFout(FOUT_GEEN_INWONERS)
    if methode == Afrondingsmethode.WETTELIJK:
        personen = [-(-landelijk * n // totaal) for _, n in inwoners]
    else:
        personen = grootste_rest(
            landelijk, [n for _, n in inwoners], voorrang=[code for code, _ in inwoners]
        )
    return [
        Aandeel(code=code, inwoners=n, aandeel=Fraction(n, totaal), personen=p)
        for (code, n), p in zip(inwoners, personen)
    ]


def verdeel_naar_aandeel(totaal: int, aandelen: Sequence[Fraction]) -> list[int]:
    """Split a whole number (also negative) over shares into whole numbers that add up to it
    (largest remainder, ties to the earlier position): the population of a split municipality
    (art. 30), so that no inhabitant is lost or counted twice."""
    return grootste_rest(totaal, aandelen)
