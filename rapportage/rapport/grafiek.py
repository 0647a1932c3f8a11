"""The report's chart "Realisatie versus wettelijke en gecorrigeerde taakstelling" as SVG.

A ``matplotlib.figure.Figure`` (never pyplot: it keeps global state and is not thread-safe in a
server), drawn once per data version, peildatum and area and cached through
``opnieuwthuis.cache.gecachet``. SVG keeps it vector in the PDF; text stays text (``svg.fonttype
none``) so the PDF can be searched and the file stays small.
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from opnieuwthuis.cache import gecachet
from opnieuwthuis.nederlands import getal

from .samenstelling import Halfjaarcijfers, Rapport

TITEL = "Realisatie versus wettelijke en gecorrigeerde taakstelling"
# Rijkshuisstijl-like colours with at least 3:1 contrast against white and each other's hatch.
KLEUREN = {"wettelijk": "#154273", "gecorrigeerd": "#8fcae7", "realisatie": "#e17000"}
REEKSEN = [
    ("wettelijk", "Wettelijke taakstelling"),
    ("gecorrigeerd", "Gecorrigeerde taakstelling (inclusief achter/voor)"),
    ("realisatie", "Realisatie"),
]


def _label(h: Halfjaarcijfers) -> str:
    if h.lopend:
        return f"{h.halfjaar}\n(lopend)"
    return f"{h.halfjaar}\n(landelijk)" if h.alleen_landelijk else h.halfjaar


def teken_svg(halfjaren: list[Halfjaarcijfers]) -> str:
    """Grouped bars per half-year; the title is the caption around it (HTML and PDF)."""
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "opnieuwthuis"}
    ):
        figuur = Figure(figsize=(7.2, 3.6))
        as_ = figuur.add_subplot()
        breedte = 0.26
        for i, (sleutel, naam) in enumerate(REEKSEN):
            posities = [x + (i - 1) * breedte for x in range(len(halfjaren))]
            waarden = [getattr(h, sleutel) for h in halfjaren]
            balken = as_.bar(
                [p for p, w in zip(posities, waarden) if w is not None],
                [w for w in waarden if w is not None],
                breedte,
                label=naam,
                color=KLEUREN[sleutel],
                edgecolor="#1a1a1a",
                linewidth=0.4,
            )
            as_.bar_label(
                balken,
                labels=[getal(w) for w in waarden if w is not None],
                fontsize=6.5,
                padding=1.5,
            )
        as_.set_xticks(range(len(halfjaren)), [_label(h) for h in halfjaren], fontsize=8)
        as_.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: getal(y)))
        as_.tick_params(axis="y", labelsize=8)
        as_.set_ylabel("personen", fontsize=8)
        as_.spines[["top", "right"]].set_visible(False)
        as_.margins(y=0.12)
        as_.legend(
            fontsize=7.5, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3
        )
        figuur.tight_layout()
        uit = io.StringIO()
        figuur.savefig(uit, format="svg", metadata={"Date": None})
    return uit.getvalue()


def grafiek_svg(rapport: Rapport) -> str:
    """The chart of a report, cached on the data version (any new figure redraws it)."""
    return gecachet(
        "rapport_grafiek",
        lambda: teken_svg(rapport.halfjaren),
        rapport.peildatum.isoformat(),
        rapport.gebied.code,
    )


def grafiek_titel(rapport: Rapport) -> str:
    titel = TITEL
    if rapport.halfjaren:
        eerste, laatste = rapport.halfjaren[0].halfjaar, rapport.halfjaren[-1].halfjaar
        titel += f" {eerste}" if eerste == laatste else f" {eerste} tot en met {laatste}"
    return titel if rapport.gebied.is_land else f"{titel}, {rapport.gebied.naam}"


def alt_tekst(rapport: Rapport) -> str:
    """The chart in words, for screen readers and the tagged PDF."""
    delen = []
    for h in rapport.halfjaren:
        stukken = []
        if h.wettelijk is not None:
            stukken.append(f"wettelijke taakstelling {getal(h.wettelijk)}")
        if h.gecorrigeerd is not None:
            stukken.append(f"gecorrigeerde taakstelling {getal(h.gecorrigeerd)}")
        if h.realisatie is not None:
            stukken.append(
                f"realisatie {getal(h.realisatie)}{' tot de peildatum' if h.lopend else ''}"
            )
        soort = " (alleen landelijk bekend)" if h.alleen_landelijk else ""
        delen.append(f"{h.halfjaar}{soort}: {', '.join(stukken) or 'geen cijfers'}")
    return f"Staafgrafiek {TITEL.lower()} per halfjaar. " + "; ".join(delen) + "."
