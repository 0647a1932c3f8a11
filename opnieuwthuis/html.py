"""HTML built in Python: the one helper for the few places where a template is too slow.

A template is the rule. Three places are the exception, because they repeat one small piece of
markup for every municipality, and Django's template loop (or its form widgets) costs many times
more for every cell: the list of municipalities (390 rows × 14 cells), the entry grid (390 rows
× 4 inputs with their labels and hidden values) and the map's SVG (a shape and a panel's figures
for each municipality). ``make bench`` measures each row builder against the template that would
otherwise build it ("HTML-rijen"); where the template is nearly as fast, the template is used
(an upload's preview is a template loop since issue 12).

``opmaak`` is Django's ``format_html`` made fast: the markup is written out as a format string,
and every value that goes into it is escaped, once, with the standard library's ``html.escape``
(the same five characters as Django's ``escape``, without its lazy-string wrapper, which costs
more than the escaping). A value that is already HTML (a ``SafeString``, or anything with
``__html__``) goes in as it is, as ``conditional_escape`` does, so pieces nest; a whole number
goes in as its digits. Everything returns a ``SafeString``, which a template writes with
``{{ rij }}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape

from django.utils.safestring import SafeString

__all__ = ["opmaak", "samen", "tekst"]


def tekst(waarde) -> str:
    """A value as HTML text: ``None`` is empty, HTML is kept, anything else is escaped."""
    soort = type(waarde)
    if soort is str:
        return _escape(waarde)
    if soort is SafeString:
        return waarde
    if soort is int:
        return str(waarde)
    if waarde is None:
        return ""
    html = getattr(waarde, "__html__", None)
    if html is not None:
        return html()
    return _escape(str(waarde))


def opmaak(sjabloon: str, *waarden, **benoemd) -> SafeString:
    """``sjabloon.format(…)`` with every value escaped: ``opmaak('<td>{}</td>', naam)``. The
    format string itself is markup written in the code, never text from a user or a file."""
    if benoemd:
        return SafeString(
            sjabloon.format(*map(tekst, waarden), **{k: tekst(w) for k, w in benoemd.items()})
        )
    return SafeString(sjabloon.format(*map(tekst, waarden)))


def samen(delen: Iterable, scheiding: str = "") -> SafeString:
    """Pieces one after the other, each escaped unless it is HTML."""
    return SafeString(scheiding.join(map(tekst, delen)))
