"""The column headings of the progress report's table, worded for a peildatum.

One place for the dashboards, the lists and the report: "Stand op 1 juli 2016", "Taakstelling 2e
helft 2016", "Realisatie tot 1 februari 2017" (domain.md, the report of 20 February 2017).
"""

from datetime import date

from opnieuwthuis.nederlands import datum_lang, helft_kort
from opnieuwthuis.perioden import Periode


def kolomkoppen(peildatum: date, halfjaar: str | Periode) -> dict[str, str]:
    """The headings per column key of ``berekening.LANDELIJKE_KOLOMMEN``."""
    periode = halfjaar if isinstance(halfjaar, Periode) else Periode.parse(halfjaar)
    vorige = periode.vorige
    tot = f"tot {datum_lang(peildatum)}"
    return {
        "aantal_gemeenten": "Aantal gemeenten",
        "beginstand_vorig": f"Stand op {datum_lang(vorige.begin)}",
        "taakstelling_vorig": f"Taakstelling {helft_kort(vorige)}",
        "realisatie_vorig": f"Realisatie {helft_kort(vorige)}",
        "beginstand": f"Stand op {datum_lang(periode.begin)}",
        "taakstelling": f"Taakstelling {helft_kort(periode)}",
        "te_huisvesten": "Taakstelling inclusief achter/voor",
        "realisatie": f"Realisatie {tot}",
        "stand": f"Achter/voor {tot}",
        "achterstand": f"Achterstand {tot}",
        "voorsprong": f"Voorsprong {tot}",
    }


# The headings a municipality table takes over from the report's (it has no aggregate columns).
GEMEENTE_KOPPEN = (
    "beginstand_vorig",
    "taakstelling_vorig",
    "realisatie_vorig",
    "beginstand",
    "taakstelling",
    "te_huisvesten",
    "realisatie",
    "stand",
)


def gemeente_koppen(koppen: dict[str, str]) -> dict[str, str]:
    """The report's column headings, for the columns a municipality table has."""
    return {k: koppen[k] for k in GEMEENTE_KOPPEN}


# The headings of the columns that only the report's files and tables add.
PERCENTAGE_KOP = "Percentage gerealiseerd"
EXTRA_KOPPEN = ["Status", "Nog nodig per maand", "Halfjaren op rij gemist", PERCENTAGE_KOP]
