"""The report as files: PDF (WeasyPrint), XLSX (openpyxl) and CSV, all from one ``Rapport``, so
every format carries the same figures as the page. Every text cell passes ``veilige_cel``."""

from __future__ import annotations

import base64
import csv
import io

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from opnieuwthuis.cache import gecachet
from opnieuwthuis.export import veilige_cel

from .berekening import LANDELIJKE_KOLOMMEN
from .rapport import GEMIST_OP_RIJ, Rapport
from .rapport_grafiek import alt_tekst, grafiek_svg, grafiek_titel

CIJFERS = LANDELIJKE_KOLOMMEN[1:]  # the ten figures after "aantal gemeenten"
# The appendix shows the current half-year. A municipality's achterstand and voorsprong are its
# achter/voor split by sign, so they add nothing per row; leaving them and the previous
# half-year's three columns out halves the cells WeasyPrint lays out (the PDF's main cost). The
# XLSX and CSV carry every column.
BIJLAGE = ["beginstand", "taakstelling", "te_huisvesten", "realisatie", "stand"]
EXTRA_KOPPEN = ["Status", "Nog nodig per maand", "Halfjaren op rij gemist"]
PDF_CSS = "css/rapport.css"


def context(rapport: Rapport, *, grafiek_url: str | None = None) -> dict:
    """What the page and the PDF templates read."""
    koppen = rapport.koppen
    return {
        "rapport": rapport,
        "koppen": [koppen[k] for k in LANDELIJKE_KOLOMMEN],
        "landelijk": [rapport.landelijk[k] for k in LANDELIJKE_KOLOMMEN],
        "totaal": [rapport.totaal[k] for k in LANDELIJKE_KOLOMMEN],
        "provincies": [
            (p["provincie"], [p[k] for k in LANDELIJKE_KOLOMMEN]) for p in rapport.provincies
        ],
        "bijlage_koppen": [koppen[k] for k in BIJLAGE],
        "bijlage": [(g, [g[k] for k in BIJLAGE]) for g in rapport.gemeenten],
        "grafiek_url": grafiek_url,
        "grafiek_alt": alt_tekst(rapport),
        "grafiek_titel": grafiek_titel(rapport),
        "gemist_op_rij": GEMIST_OP_RIJ,
    }


# --- PDF ---------------------------------------------------------------------------------------


def pdf_bytes(rapport: Rapport) -> bytes:
    """A4, tagged (PDF/UA-1), title page, page numbers, the chart as vector SVG, tables whose
    header row repeats on every page.

    Laying out the 390-row appendix is most of the cost (WeasyPrint, about a millisecond a
    cell), so the PDF is cached like the chart: per data version, peildatum and area. The area is
    checked against the user's scope before this is called, so every user who may see it gets
    the same document.
    """
    return gecachet(
        "rapport_pdf", lambda: _pdf(rapport), rapport.peildatum.isoformat(), rapport.gebied.code
    )


def _pdf(rapport: Rapport) -> bytes:
    from weasyprint import CSS, HTML

    svg = grafiek_svg(rapport).encode("utf-8")
    grafiek = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    with translation.override("nl"):
        html = render_to_string(
            "rapportage/rapport_pdf.html", context(rapport, grafiek_url=grafiek)
        )
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[CSS(filename=finders.find(PDF_CSS))],
        pdf_variant="pdf/ua-1",
        custom_metadata=True,
    )


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
    """Sheets landelijk, provincies and gemeenten; numbers are numbers (shown as 5.282 in a
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
            [
                [*_gemeente_rij(g), g["status_label"], g["nodig_per_maand"], g["gemiste_halfjaren"]]
                for g in rapport.gemeenten
            ],
        ),
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
                if isinstance(cel.value, int):
                    cel.number_format = "#,##0"
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
    then the national row. Numbers are written plainly (5282), so Excel reads them as numbers."""
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
            veilige_cel("" if v is None else v)
            for v in [
                g["gemeentecode"],
                g["gemeentenaam"],
                g["provincie"],
                1,
                *(g[k] for k in CIJFERS),
                g["status_label"],
                g["nodig_per_maand"],
                g["gemiste_halfjaren"],
            ]
        )
    schrijver.writerow(
        veilige_cel("" if v is None else v)
        for v in ["", "Nederland", "", *rapport.landelijk_rij, "", "", ""]
    )
    return ("\ufeff" + uit.getvalue()).encode("utf-8")
