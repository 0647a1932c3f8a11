"""Half-years and the monthly pace: the one place where a period is reasoned about.

A half-year (*periode*, *halfjaar*) runs from 1 January to 30 June (``2017-I``) or from 1 July to
31 December (``2017-II``). Everything that parses a label, finds the half-year of a date, walks to
the previous or next one or lists its months goes through ``Periode``; everything that says how
many persons are needed per month goes through ``nodig_per_maand`` (half up, so 19.083 over six
months is 3.181 everywhere, never 3.180 in one place and 3.181 in another).

Pure Python: no Django, no app; the calculation, the pages, the charts and the commands all use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MAANDEN_PER_HALFJAAR = 6

FOUT_HALFJAAR = "'{waarde}' is geen halfjaar (schrijf bijvoorbeeld 2017-I of 2017-II)."

_LABEL = re.compile(r"^([0-9]{4})\s*-\s*(I|II|1|2)$", re.IGNORECASE)  # ASCII digits only


@dataclass(frozen=True, order=True)
class Periode:
    """One half-year: ``Periode(2017, 1)`` is ``2017-I``. Ordered by time, hashable."""

    jaar: int
    helft: int  # 1: January–June, 2: July–December

    def __post_init__(self):
        if self.helft not in (1, 2):
            raise ValueError(FOUT_HALFJAAR.format(waarde=f"{self.jaar}-{self.helft}"))

    # --- making one -------------------------------------------------------------------------

    @classmethod
    def parse(cls, tekst: str) -> Periode:
        """``2017-I``, ``2017-II`` (also ``2017-1``, ``2017 - 2``, lower case); a Dutch
        ValueError otherwise."""
        gevonden = _LABEL.match(str(tekst).strip())
        if not gevonden:
            raise ValueError(FOUT_HALFJAAR.format(waarde=str(tekst).strip()))
        return cls(int(gevonden.group(1)), 1 if gevonden.group(2).upper() in ("I", "1") else 2)

    @classmethod
    def van_datum(cls, d: date) -> Periode:
        """The half-year that contains ``d``."""
        return cls(d.year, 1 if d.month <= 6 else 2)

    @classmethod
    def eerste_vanaf(cls, d: date) -> Periode:
        """The first half-year that starts on or after ``d`` (a reorganisation on 1 January
        takes effect in that half-year, one on 15 March in the next)."""
        periode = cls.van_datum(d)
        return periode if periode.begin == d else periode.volgende

    @classmethod
    def uit_index(cls, index: int) -> Periode:
        """The inverse of ``index``."""
        return cls(index // 2, index % 2 + 1)

    # --- what it is -------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return f"{self.jaar}-{'I' if self.helft == 1 else 'II'}"

    def __str__(self) -> str:
        return self.label

    @property
    def index(self) -> int:
        """Consecutive whole numbers, one per half-year (2017-I and 2017-II differ by one), for
        calculations that walk over many half-years at once."""
        return self.jaar * 2 + self.helft - 1

    @property
    def begin(self) -> date:
        return date(self.jaar, 1 if self.helft == 1 else 7, 1)

    @property
    def einde(self) -> date:
        """The last day: 30 June or 31 December."""
        return date(self.jaar, 6, 30) if self.helft == 1 else date(self.jaar, 12, 31)

    @property
    def maanden(self) -> tuple[date, ...]:
        """The first day of each of its six months."""
        eerste = self.begin.month
        return tuple(date(self.jaar, eerste + i, 1) for i in range(MAANDEN_PER_HALFJAAR))

    @property
    def vorige(self) -> Periode:
        return Periode.uit_index(self.index - 1)

    @property
    def volgende(self) -> Periode:
        return Periode.uit_index(self.index + 1)

    def bevat(self, d: date) -> bool:
        return self.begin <= d <= self.einde


def maanden_verstreken(peildatum: date) -> int:
    """How many months of the half-year of ``peildatum`` lie before it (0 on 1 January or 1 July,
    5 on 1 June). The stand on the first of a month counts the months before it."""
    return (peildatum.month - 1) % MAANDEN_PER_HALFJAAR


def maanden_resterend(peildatum: date) -> int:
    """The months of the half-year from ``peildatum`` on, that one included (6 down to 1)."""
    return MAANDEN_PER_HALFJAAR - maanden_verstreken(peildatum)


def plus_maanden(d: date, maanden: int) -> date:
    """The first of the month ``maanden`` months after (or before, when negative) that of ``d``."""
    k = d.year * 12 + d.month - 1 + maanden
    return date(k // 12, k % 12 + 1, 1)


def half_omhoog(teller: int, noemer: int) -> int:
    """``teller / noemer`` rounded to a whole number, a half going up (3.180,5 → 3.181; 2,5 → 3).

    Exact in whole numbers, so no float ever decides a boundary (Python's ``round`` sends a half
    to the even neighbour: 3.180 and 2). ``noemer`` is positive.
    """
    if noemer <= 0:
        raise ValueError("De noemer moet positief zijn.")
    return (2 * int(teller) + noemer) // (2 * noemer)


def nodig_per_maand(aantal: int | None, maanden: int = MAANDEN_PER_HALFJAAR) -> int:
    """What must be housed per month to house ``aantal`` persons in ``maanden`` months.

    The one pace function: the average of a half-year (``nodig_per_maand(19_082)`` is 3.180, the
    report's "bijna 3.200"), what the remaining months still need (``nodig_per_maand(stand,
    maanden_resterend(peildatum))``), on every page, chart, sentence, export and command. Rounded
    half up; nothing (0) when nothing is left to house or no month is left.
    """
    if aantal is None or aantal <= 0 or maanden <= 0:
        return 0
    return half_omhoog(aantal, maanden)
