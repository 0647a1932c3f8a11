"""Finding a municipality the way people write it: "Den Haag" for 's-Gravenhage, "s-Gravenhage"
without its apostrophe, "Bergen NH" for Bergen (NH.), "sudwest fryslan" for Súdwest-Fryslân.

Pure: a name and a query are compared in a compact form (accents and case dropped, everything that
is not a letter or digit removed), and a few common names that are not the official name lead to
it. The filter of the municipality list and of the map use ``gemeente_ids``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Common name (compact) -> compact official name, for the names that are not a part of it.
GANGBARE_NAMEN = {
    "denhaag": "sgravenhage",
    "thehague": "sgravenhage",
    "denbosch": "shertogenbosch",
    "bergennoordholland": "bergennh",
    "bergenlimburg": "bergenl",
    "sudwestfriesland": "sudwestfryslan",
    "zuidwestfriesland": "sudwestfryslan",
    "defriesemeren": "defryskemarren",
    "nuenen": "nuenengerwenennederwetten",
}


def compact(tekst: str) -> str:
    """'s-Gravenhage -> sgravenhage; Súdwest-Fryslân -> sudwestfryslan; Bergen (NH.) -> bergennh."""
    zonder_accenten = "".join(
        c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c)
    )
    return re.sub(r"[^0-9a-z]", "", zonder_accenten.casefold())


def past_bij(vraag: str, naam: str, code: str = "") -> bool:
    """Does the query find this municipality (by part of its name or code, or a common name)?"""
    v = compact(vraag)
    if not v:
        return True
    n = compact(naam)
    if v in n or v in compact(code):
        return True
    # A common name, also typed in part ("den haa"), leads to the official one.
    return len(v) >= 3 and any(
        v in gangbaar and doel in n for gangbaar, doel in GANGBARE_NAMEN.items()
    )


def gemeente_ids(vraag: str, gemeenten: Iterable[tuple[int, str, str]]) -> list[int]:
    """The ids of the (id, naam, code) rows the query finds."""
    return [i for i, naam, code in gemeenten if past_bij(vraag, naam, code)]
