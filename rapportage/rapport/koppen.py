"""The column headings of the report's table, worded for a peildatum as the seed report words
them ("Stand op 1 juli 2016", "Taakstelling 2e helft 2016", "Realisatie tot 1 februari 2017").

The dashboards, the lists and the exports use the same headings, so a column is called the same
on every screen and in every file.
"""

from datetime import date

from opnieuwthuis.nederlands import datum_lang

from ..berekening import periode_begin, periode_index


def _helft(helft: int, jaar: int) -> str:
    return f"{'1e' if helft == 1 else '2e'} helft {jaar}"


def kolomkoppen(peildatum: date, halfjaar_label: str) -> dict[str, str]:
    """The heading of every key of ``LANDELIJKE_KOLOMMEN`` for this peildatum."""
    jaar, helft = int(halfjaar_label[:4]), 1 if halfjaar_label.endswith("-I") else 2
    k = periode_index(jaar, helft)
    vorig_jaar, vorige_helft = (k - 1) // 2, (k - 1) % 2 + 1
    tot = f"tot {datum_lang(peildatum)}"
    return {
        "aantal_gemeenten": "Aantal gemeenten",
        "beginstand_vorig": f"Stand op {datum_lang(periode_begin(k - 1))}",
        "taakstelling_vorig": f"Taakstelling {_helft(vorige_helft, vorig_jaar)}",
        "realisatie_vorig": f"Realisatie {_helft(vorige_helft, vorig_jaar)}",
        "beginstand": f"Stand op {datum_lang(periode_begin(k))}",
        "taakstelling": f"Taakstelling {_helft(helft, jaar)}",
        "te_huisvesten": "Taakstelling inclusief achter/voor",
        "realisatie": f"Realisatie {tot}",
        "stand": f"Achter/voor {tot}",
        "achterstand": f"Achterstand {tot}",
        "voorsprong": f"Voorsprong {tot}",
    }


# The headings of the columns that only the report and its files have.
PERCENTAGE_KOP = "Percentage gerealiseerd"
EXTRA_KOPPEN = ["Status", "Nog nodig per maand", "Halfjaren op rij gemist", PERCENTAGE_KOP]
