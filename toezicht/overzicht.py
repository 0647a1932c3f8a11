"""The supervision record next to the calculation: which half-years of a municipality are closed,
what the figures propose for each (met or not), and what the province decided.

Every figure comes from ``rapportage``'s calculation (``Stand.verloop``: the closing balance and
``gehaald`` of each half-year; ``Stand.gemeenten``: rule 7, the half-years missed in a row); this
module only reads them next to the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapportage import selectors as rapportage_selectors
from rapportage.berekening import Stand
from realisatie import maandcyclus
from taakstelling.models import Halfjaar

from . import selectors
from .models import Oordeel


@dataclass(frozen=True)
class Beoordeling:
    """One closed half-year of a municipality: the figures' proposal and the judgement (if any)."""

    halfjaar: Halfjaar
    eindstand: int
    voorstel_gehaald: bool
    oordeel: Oordeel | None

    @property
    def gewijzigd(self) -> bool:
        """The figures changed since the judgement (a correction of a closed month)."""
        return self.oordeel is not None and self.oordeel.eindstand != self.eindstand


def peildatum() -> date | None:
    """The stand a judgement is made on: the latest final peildatum (every month before it
    closed), so a half-year is judged only once all its months are."""
    return maandcyclus.standaard_peildatum()


def stand() -> Stand | None:
    datum = peildatum()
    return rapportage_selectors.stand_op(datum) if datum else None


def _halfjaren() -> dict[str, Halfjaar]:
    return {h.label: h for h in Halfjaar.objects.all()}


def beoordelingen(gemeente, stand: Stand | None) -> list[Beoordeling]:
    """The closed half-years of ``gemeente`` in ``stand``, latest first."""
    if stand is None:
        return []
    verloop = stand.verloop[
        (stand.verloop["gemeente_id"] == gemeente.id) & stand.verloop["afgesloten"]
    ]
    halfjaren = _halfjaren()
    oordelen = selectors.oordelen(gemeente)
    uit = []
    for rij in verloop.itertuples():
        halfjaar = halfjaren.get(rij.halfjaar)
        if halfjaar is None:
            continue
        uit.append(
            Beoordeling(
                halfjaar=halfjaar,
                eindstand=int(rij.eindstand),
                voorstel_gehaald=bool(rij.gehaald),
                oordeel=oordelen.get(halfjaar.id),
            )
        )
    return sorted(uit, key=lambda b: (b.halfjaar.jaar, b.halfjaar.helft), reverse=True)


def gemeente_rij(gemeente, stand: Stand | None) -> dict | None:
    """The municipality's record of the stand (stand, status, rule 7), or None without a quota."""
    if stand is None:
        return None
    frame = stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id]
    if frame.empty:
        return None
    rij = frame.iloc[0]
    return {
        "stand": int(rij["stand"]),
        "te_huisvesten": int(rij["te_huisvesten"]),
        "realisatie": int(rij["realisatie"]),
        "status": rij["status"],
        "gemiste_halfjaren": int(rij["gemiste_halfjaren"]),
    }
