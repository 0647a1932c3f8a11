"""Reading the supervision record. ORM reads only, and nothing of the calculation, so the pages of
``rapportage`` can show a municipality's position on the ladder without a circle of imports
(``toezicht.overzicht`` joins the record with the calculation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .choices import LADDER, TREDE, Stapsoort
from .models import Ladderstap, Oordeel

# Filter values beyond the rungs themselves (rapportage's municipality list, ``?stap=``).
OP_DE_LADDER = "ladder"
NIET_OP_DE_LADDER = "geen"
STAP_KEUZES = [
    (OP_DE_LADDER, "Op de ladder (elke stap)"),
    *((soort.value, soort.label) for soort in LADDER),
    (NIET_OP_DE_LADDER, "Niet op de ladder"),
]


@dataclass(frozen=True)
class Positie:
    """Where a municipality stands on the ladder: its latest step of an open case."""

    soort: str
    datum: date

    @property
    def label(self) -> str:
        return Stapsoort(self.soort).label

    @property
    def trede(self) -> int:
        return TREDE[self.soort]


def posities(user=None) -> dict[int, Positie]:
    """Municipality id -> its position, for every municipality on the ladder (within the user's
    scope when given). One query, whatever the number of municipalities: the steps are few."""
    stappen = Ladderstap.objects.all()
    if user is not None:
        stappen = stappen.restrict(user)
    laatste: dict[int, tuple[str, date]] = {}
    for gemeente_id, soort, datum in stappen.order_by("gemeente_id", "datum", "id").values_list(
        "gemeente_id", "soort", "datum"
    ):
        laatste[gemeente_id] = (soort, datum)  # ordered: the last one wins
    return {
        gemeente_id: Positie(soort, datum)
        for gemeente_id, (soort, datum) in laatste.items()
        if soort != Stapsoort.AFGESLOTEN
    }


def positie(gemeente) -> Positie | None:
    stap = (
        Ladderstap.objects.filter(gemeente=gemeente)
        .order_by("-datum", "-id")
        .values_list("soort", "datum")
        .first()
    )
    if stap is None or stap[0] == Stapsoort.AFGESLOTEN:
        return None
    return Positie(*stap)


def gemeenten_met_stap(waarde: str, user=None) -> tuple[bool, set[int]]:
    """For the list filter ``?stap=``: (keep_these, ids). ``keep_these`` False means "all but
    these ids" (the municipalities not on the ladder)."""
    alle = posities(user)
    if waarde == NIET_OP_DE_LADDER:
        return False, set(alle)
    if waarde == OP_DE_LADDER:
        return True, set(alle)
    return True, {g for g, p in alle.items() if p.soort == waarde}


def stappen(gemeente) -> list[Ladderstap]:
    return list(
        Ladderstap.objects.filter(gemeente=gemeente).select_related("door").order_by("datum", "id")
    )


def oordelen(gemeente) -> dict[int, Oordeel]:
    """Halfjaar id -> the province's judgement of it."""
    return {
        o.halfjaar_id: o
        for o in Oordeel.objects.filter(gemeente=gemeente).select_related("door", "halfjaar")
    }


def oordelen_per_gemeente(halfjaar_id: int, user=None) -> dict[int, Oordeel]:
    rijen = Oordeel.objects.filter(halfjaar_id=halfjaar_id)
    if user is not None:
        rijen = rijen.restrict(user)
    return {o.gemeente_id: o for o in rijen}
