"""Charts: matplotlib's object API (``Figure``, never pyplot, which keeps global state and is not
thread-safe in a server), rendered to SVG and cached until a figure changes.

Every chart has a pure data step (``maandreeks``) whose rows the page shows as the table the chart
was drawn from, a sentence that serves as its text alternative (``maandzin``) and a drawing step
(``maandgrafiek_svg``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from opnieuwthuis.cache import gecachet
from opnieuwthuis.nederlands import getal, maand_kort, maand_lang
from opnieuwthuis.perioden import Periode, maanden_resterend, nodig_per_maand

from .berekening import Stand

KLEUR_STAAF = "#154273"  # the house blue, 10:1 against white
KLEUR_LIJN = "#a4161a"
KLEUR_REST = "#8a4b00"
# Text as text (searchable, smaller), no timestamp or random ids: the same figures give the same bytes.
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "opnieuwthuis", "font.family": "DejaVu Sans"}


@dataclass(frozen=True)
class Maand:
    maand: date
    realisatie: int | None  # None: the month is not yet in the stand (on or after the peildatum)
    nodig_gemiddeld: int  # the line: nodig_per_maand(te_huisvesten) (19.082: 3.180, as the report)
    nog_nodig: int | None  # for remaining months: nodig_per_maand(stand, months left)

    @property
    def naam(self) -> str:
        return maand_lang(self.maand)

    @property
    def kort(self) -> str:
        return maand_kort(self.maand)


def maandreeks(
    peildatum: date, *, te_huisvesten: int, stand: int, per_maand: list[tuple[date, int]]
) -> list[Maand]:
    """The six months of the half-year of ``peildatum``: realisation of the months before it,
    the pace needed (a sixth of the corrected quota) and what the remaining months still need."""
    gerealiseerd = dict(per_maand)
    nog = nodig_per_maand(stand, maanden_resterend(peildatum))
    gemiddeld = nodig_per_maand(te_huisvesten)
    reeks = []
    for maand in Periode.van_datum(peildatum).maanden:
        voorbij = maand < peildatum
        reeks.append(
            Maand(
                maand=maand,
                realisatie=gerealiseerd.get(maand, 0) if voorbij else None,
                nodig_gemiddeld=gemiddeld,
                nog_nodig=None if voorbij else nog,
            )
        )
    return reeks


def maandzin(reeks: list[Maand], gebied: str) -> str:
    """The text alternative: what the chart shows, in one or two sentences."""
    delen = [
        f"{m.naam}: {getal(m.realisatie)} gehuisvest" for m in reeks if m.realisatie is not None
    ]
    zin = (
        f"Staafdiagram van de realisatie per maand in {gebied}, tegen de lijn van "
        f"{getal(reeks[0].nodig_gemiddeld)} per maand die nodig is om de taakstelling inclusief "
        "achter/voor in zes maanden te halen."
    )
    if delen:
        tekst = "; ".join(delen)
        zin += " " + tekst[0].upper() + tekst[1:] + "."  # a sentence never starts with "januari"
    else:
        zin += " Er zijn nog geen maanden van dit halfjaar verstreken."
    rest = [m for m in reeks if m.nog_nodig is not None]
    if rest:
        maanden = "de laatste maand" if len(rest) == 1 else f"de {len(rest)} resterende maanden"
        zin += f" In {maanden} is nog {getal(rest[0].nog_nodig)} per maand nodig."
    return zin


def maandgrafiek_svg(reeks: list[Maand], titel: str) -> bytes:
    figuur = Figure(figsize=(7.5, 3.6), dpi=100)
    as_ = figuur.add_subplot()
    x = list(range(len(reeks)))
    hoogtes = [m.realisatie or 0 for m in reeks]
    staven = as_.bar(
        x, hoogtes, color=KLEUR_STAAF, width=0.6, label="Gehuisvest", zorder=2, edgecolor="none"
    )
    for staaf, m in zip(staven, reeks):
        if m.realisatie is not None:
            as_.annotate(
                getal(m.realisatie),
                (staaf.get_x() + staaf.get_width() / 2, staaf.get_height()),
                ha="center",
                va="bottom",
                fontsize=9,
                xytext=(0, 2),
                textcoords="offset points",
            )
    as_.plot(
        [-0.5, len(reeks) - 0.5],
        [reeks[0].nodig_gemiddeld] * 2,
        color=KLEUR_LIJN,
        linewidth=2,
        label=f"Nodig per maand ({getal(reeks[0].nodig_gemiddeld)})",
        zorder=3,
    )
    rest = [i for i, m in enumerate(reeks) if m.nog_nodig is not None]
    if rest:
        as_.plot(
            [rest[0] - 0.4, rest[-1] + 0.4],
            [reeks[rest[0]].nog_nodig] * 2,
            color=KLEUR_REST,
            linewidth=2,
            linestyle=(0, (5, 3)),
            label=f"Nog nodig per resterende maand ({getal(reeks[rest[0]].nog_nodig)})",
            zorder=3,
        )
    as_.set_xticks(x, [m.kort for m in reeks])
    as_.set_xlim(-0.6, len(reeks) - 0.4)
    as_.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    as_.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: getal(v)))
    as_.set_ylim(bottom=0)
    as_.grid(axis="y", color="#d0d0d0", linewidth=0.8, zorder=0)
    for kant in ("top", "right"):
        as_.spines[kant].set_visible(False)
    as_.set_title(titel, fontsize=11, loc="left")
    as_.set_ylabel("personen")
    as_.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize=8.5)
    figuur.tight_layout()
    uit = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        figuur.savefig(uit, format="svg", metadata={"Date": None, "Creator": None})
    return uit.getvalue()


# --- Assembled for the views: figures passed in (selectors.maandrealisatie), drawings cached ---


def landelijke_reeks(stand: Stand, per_maand: list[tuple[date, int]]) -> list[Maand]:
    return maandreeks(
        stand.peildatum,
        te_huisvesten=stand.landelijk["te_huisvesten"] or 0,
        stand=stand.landelijk["stand"] or 0,
        per_maand=per_maand,
    )


def gemeente_reeks(stand: Stand, rij: dict, per_maand: list[tuple[date, int]]) -> list[Maand]:
    return maandreeks(
        stand.peildatum, te_huisvesten=rij["te_huisvesten"], stand=rij["stand"], per_maand=per_maand
    )


def titel_maandgrafiek(gebied: str, stand: Stand) -> str:
    return f"Realisatie per maand {stand.halfjaar}, {gebied}"


def landelijke_grafiek(
    stand: Stand, per_maand: list[tuple[date, int]], *, versie: str | None = None
) -> bytes:
    return gecachet(
        "grafiek-maand",
        lambda: maandgrafiek_svg(
            landelijke_reeks(stand, per_maand), titel_maandgrafiek("Nederland", stand)
        ),
        stand.peildatum.isoformat(),
        "nl",
        versie=versie,
    )


def gemeente_grafiek(
    stand: Stand, rij: dict, per_maand: list[tuple[date, int]], *, versie: str | None = None
) -> bytes:
    return gecachet(
        "grafiek-maand",
        lambda: maandgrafiek_svg(
            gemeente_reeks(stand, rij, per_maand), titel_maandgrafiek(rij["gemeentenaam"], stand)
        ),
        stand.peildatum.isoformat(),
        rij["gemeentecode"],
        versie=versie,
    )
