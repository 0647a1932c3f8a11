"""Dutch wording of numbers, percentages, dates and half-years: the one place Python code writes
them ("5.282", "−409", "1 februari 2017", "2e helft 2016").

Python code that builds sentences, chart labels, table rows, command output or cached fragments
uses these functions; templates write a figure with the same ``getal`` through the builtin filter
``{{ n|getal }}`` (opnieuwthuis/sjabloon.py), so every surface writes a figure the same way.
Dates in templates use Django's own localisation (``LANGUAGE_CODE = "nl"``:
``{{ d|date:"j F Y" }}`` is 1 februari 2017), and a count that cannot be negative may be written
``{{ n }}`` (Django groups it as ``getal`` does). ``getal`` groups as Django's ``number_format``
does for ``nl`` (a test holds them equal) but without its per-call locale lookup, which costs
twenty times as much in a 390-row table; it writes a negative number with the minus sign (U+2212) that the
progress report uses, which a screen reader reads as "min".
"""

from __future__ import annotations

import math
from datetime import date

from .perioden import Periode, half_omhoog

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MIN = "\u2212"  # the minus sign, not the hyphen
ONBEKEND = "–"  # a figure the system does not have


def getal(n: int | float | None, *, leeg: str = ONBEKEND) -> str:
    """A whole number the Dutch way: 5.282, 23.000, −409; ``leeg`` (–) for a missing figure.

    A float is rounded half up first (chart axes pass floats)."""
    if n is None or n != n:  # None or NaN
        return leeg
    if not isinstance(n, int):
        n = math.floor(float(n) + 0.5)  # half up
    tekst = f"{abs(int(n)):,}".replace(",", ".")
    return MIN + tekst if n < 0 else tekst


def procent(deel: int, geheel: int) -> int | None:
    """``deel`` as a whole percentage of ``geheel``, half up (1 of 8 is 13); None when ``geheel``
    is 0 or less (no percentage of nothing)."""
    if not geheel or geheel <= 0:
        return None
    return half_omhoog(100 * int(deel), int(geheel))


def procent_tekst(deel: int, geheel: int) -> str:
    """ "13 %" (with the space of Dutch typography), or "–"."""
    waarde = procent(deel, geheel)
    return ONBEKEND if waarde is None else f"{waarde} %"


def percentage(waarde: float | None, *, leeg: str = ONBEKEND) -> str:
    """A percentage with one decimal as "8,7 %" (``berekening.percentage_gerealiseerd``), or
    ``leeg`` when there is none."""
    if waarde is None or waarde != waarde:
        return leeg
    return f"{waarde:.1f}".replace(".", ",") + " %"


def datum_lang(d: date) -> str:
    """1 februari 2017"""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def maand_lang(d: date) -> str:
    """januari 2017"""
    return f"{MAANDEN[d.month - 1]} {d.year}"


# The abbreviations Dutch style guides use (Taalunie): "mrt", not "maa".
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def maand_kort(d: date) -> str:
    """mrt (a chart's axis)"""
    return MAANDEN_KORT[d.month - 1]


def helft_kort(periode: Periode) -> str:
    """2e helft 2016 (the report's column headings)"""
    return f"{periode.helft}e helft {periode.jaar}"


def halfjaar_lang(periode: Periode) -> str:
    """de tweede helft van 2016 (sentences)"""
    return f"de {'eerste' if periode.helft == 1 else 'tweede'} helft van {periode.jaar}"
