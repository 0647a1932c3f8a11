"""Downloads that are safe to open in a spreadsheet: CSV (``;``, UTF-8 with BOM) and XLSX.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel and LibreOffice as a formula (CSV injection). ``veilige_cel`` prefixes such text with ``'`` so
it stays text; numbers are never touched, so they stay numbers (a negative voorsprong stays −409 as
a number in XLSX, and ``-409`` in CSV, which spreadsheets read as a number, not a formula).
Neither django-tables2 nor tablib does this fully, so every export of the project goes through here.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

from django.http import HttpResponse

GEVAARLIJKE_BEGINTEKENS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def veilige_cel(waarde):
    """The value as a spreadsheet may hold it: numbers and dates as they are, text made inert."""
    if waarde is None:
        return None
    if isinstance(waarde, bool | int | float | Decimal | date | datetime):
        return waarde
    if hasattr(waarde, "item"):  # numpy and pandas scalars
        return waarde.item()
    tekst = str(waarde)
    if tekst.startswith(GEVAARLIJKE_BEGINTEKENS):
        return "'" + tekst
    return tekst


def veilige_rijen(rijen: Iterable[Sequence]) -> list[list]:
    return [[veilige_cel(w) for w in rij] for rij in rijen]


def csv_waarde(waarde):
    """A cell as CSV text for a Dutch Excel: inert, empty for None, a decimal comma (8,7)."""
    waarde = veilige_cel(waarde)
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        return str(waarde).replace(".", ",")
    return waarde


def csv_schrijven(
    uit: TextIO, koppen: Sequence[str], rijen: Iterable[Sequence], *, regeleinde: str = "\r\n"
) -> None:
    """Write CSV with ``;`` between cells into a text stream, every cell made inert (commands
    that print CSV use this; ``csv_bytes`` adds the BOM Excel wants in a file)."""
    schrijver = csv.writer(uit, delimiter=";", lineterminator=regeleinde)
    schrijver.writerow([veilige_cel(k) for k in koppen])
    for rij in rijen:
        schrijver.writerow([csv_waarde(v) for v in rij])


def csv_bytes(koppen: Sequence[str], rijen: Iterable[Sequence]) -> bytes:
    """CSV as Excel in the Netherlands opens it: ``;`` between cells, UTF-8 with BOM."""
    uit = io.StringIO()
    csv_schrijven(uit, koppen, rijen)
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def xlsx_bytes(
    koppen: Sequence[str], rijen: Iterable[Sequence], *, blad: str = "Gegevens"
) -> bytes:
    """One sheet, a bold frozen header row, numbers stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook(write_only=False)
    werkblad = boek.active
    werkblad.title = blad[:31]
    werkblad.append([veilige_cel(k) for k in koppen])
    for cel in werkblad[1]:
        cel.font = Font(bold=True)
    for rij in veilige_rijen(rijen):
        werkblad.append(rij)
    werkblad.freeze_panes = "A2"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def download(inhoud: bytes, *, bestandsnaam: str, soort: str) -> HttpResponse:
    """An attachment response; ``soort`` is ``csv`` or ``xlsx``."""
    antwoord = HttpResponse(inhoud, content_type=CSV_TYPE if soort == "csv" else XLSX_TYPE)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
