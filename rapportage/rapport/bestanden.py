"""The report as files: XLSX (openpyxl) and CSV, from the same ``Rapport`` as the page and the
PDF (``pdf.py``), so every format carries the same figures. Every text cell passes
``veilige_cel``."""

from __future__ import annotations

import csv
import io

from opnieuwthuis.export import csv_waarde, veilige_cel

from ..berekening import LANDELIJKE_KOLOMMEN
from ..koppen import EXTRA_KOPPEN
from .samenstelling import Rapport

CIJFERS = LANDELIJKE_KOLOMMEN[1:]  # the ten figures after "aantal gemeenten"
HALFJAAR_KOPPEN = [
    "Halfjaar",
    "Wettelijke taakstelling",
    "Gecorrigeerde taakstelling",
    "Realisatie",
    "Soort",
    "Bron",
]


def _extra(g: dict) -> list:
    return [
        g["status_label"],
        g["nodig_per_maand"],
        g["gemiste_halfjaren"],
        g["percentage_gerealiseerd"],
    ]


def _halfjaar_rij(h) -> list:
    if h.alleen_landelijk:
        soort = "alleen landelijk"
    elif h.lopend:
        soort = "lopend (tot de peildatum)"
    else:
        soort = "berekend"
    return [h.halfjaar, h.wettelijk, h.gecorrigeerd, h.realisatie, soort, h.bron]


# --- XLSX --------------------------------------------------------------------------------------


def _koppen_gemeenten(rapport: Rapport) -> list[str]:
    return ["Gemeentecode", "Gemeente", "Provincie", *(rapport.koppen[k] for k in CIJFERS)]


def _gemeente_rij(g: dict) -> list:
    return [
        g["gemeentecode"],
        g["gemeentenaam"],
        g["provincie"],
        *(g[k] for k in CIJFERS),
    ]


def xlsx_bytes(rapport: Rapport) -> bytes:
    """Sheets landelijk, provincies, gemeenten and halfjaren (one row per half-year of the
    chart, the national-only ones marked with their source); numbers are numbers (shown as 5.282 in a
    Dutch Excel), the header row is frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    boek = Workbook()
    boek.properties.title = rapport.titel
    boek.properties.creator = "Opnieuw Thuis"
    koppen = [rapport.koppen[k] for k in LANDELIJKE_KOLOMMEN]
    bladen = [
        ("landelijk", 1, ["Gebied", *koppen], [["Nederland", *rapport.landelijk_rij]]),
        (
            "provincies",
            2,
            ["Provinciecode", "Provincie", *koppen],
            [
                [p["provinciecode"], p["provincie"], *(p[k] for k in LANDELIJKE_KOLOMMEN)]
                for p in rapport.provincies
            ],
        ),
        (
            "gemeenten",
            2,
            [*_koppen_gemeenten(rapport), *EXTRA_KOPPEN],
            [[*_gemeente_rij(g), *_extra(g)] for g in rapport.gemeenten],
        ),
        ("halfjaren", 1, HALFJAAR_KOPPEN, [_halfjaar_rij(h) for h in rapport.halfjaren]),
    ]
    boek.remove(boek.active)
    vet = Font(bold=True)
    omloop = Alignment(wrap_text=True, vertical="bottom")
    for naam, vast, kop, rijen in bladen:
        blad = boek.create_sheet(naam)
        blad.append([veilige_cel(k) for k in kop])
        for cel in blad[1]:
            cel.font, cel.alignment = vet, omloop
        for rij in rijen:
            blad.append([veilige_cel(v) for v in rij])
        for kolom in blad.iter_cols(min_row=2):
            for cel in kolom:
                if isinstance(cel.value, bool):
                    continue
                if isinstance(cel.value, int):
                    cel.number_format = "#,##0"
                elif isinstance(cel.value, float):
                    cel.number_format = "0.0"
        # The header row and the name columns stay in view while scrolling.
        blad.freeze_panes = blad.cell(row=2, column=vast + 1)
        for i in range(1, len(kop) + 1):
            blad.column_dimensions[blad.cell(row=1, column=i).column_letter].width = 14
        blad.column_dimensions["B"].width = 24
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


# --- CSV ---------------------------------------------------------------------------------------


def csv_bytes(rapport: Rapport) -> bytes:
    """``;``-separated, UTF-8 with BOM (what a Dutch Excel expects): one row per municipality,
    then the national row. Numbers are written plainly (5282, a percentage 66,7), so a Dutch
    Excel reads them as numbers."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(
        veilige_cel(k)
        for k in [
            "Gemeentecode",
            "Gemeente",
            "Provincie",
            *(rapport.koppen[k] for k in LANDELIJKE_KOLOMMEN),
            *EXTRA_KOPPEN,
        ]
    )
    for g in rapport.gemeenten:
        schrijver.writerow(
            csv_waarde(v)
            for v in [
                g["gemeentecode"],
                g["gemeentenaam"],
                g["provincie"],
                1,
                *(g[k] for k in CIJFERS),
                *_extra(g),
            ]
        )
    schrijver.writerow(
        csv_waarde(v)
        for v in ["", "Nederland", "", *rapport.landelijk_rij, *([""] * len(EXTRA_KOPPEN))]
    )
    return ("\ufeff" + uit.getvalue()).encode("utf-8")
