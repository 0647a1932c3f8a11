"""Dutch wording shared by pages, charts and reports (dates as "1 februari 2017").

Django's date filter does this in templates; Python code that builds sentences, chart labels or
cached fragments uses these, so every place writes a date the same way.
"""

from datetime import date

MAANDEN = [
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
]

# The abbreviations Dutch style guides use (Taalunie): "mrt", not "maa".
MAANDEN_KORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def maand_kort(d: date) -> str:
    """mrt"""
    return MAANDEN_KORT[d.month - 1]


def datum_lang(d: date) -> str:
    """1 februari 2017"""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def maand_lang(d: date) -> str:
    """januari 2017"""
    return f"{MAANDEN[d.month - 1]} {d.year}"
