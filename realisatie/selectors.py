"""Reading monthly figures and the audit trail for the screens of this app."""

from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module

from django.conf import settings
from django.utils.module_loading import import_string

from opnieuwthuis.nederlands import getal
from opnieuwthuis.perioden import Periode
from taakstelling.models import Gemeente, Halfjaar, Provincie, Startstand, Taakstelling

from .choices import Uploadbron, Uploadstatus
from .models import Huisvesting, Opvangstand, Upload
from .services import waarden_tekst

SOORTEN = {"+": "nieuw", "~": "gewijzigd", "-": "verwijderd"}


def maanden() -> list[date]:
    """Every month of every known half-year, oldest first."""
    uit = []
    for jaar, helft in Halfjaar.objects.order_by("jaar", "helft").values_list("jaar", "helft"):
        uit.extend(Periode(jaar, helft).maanden)
    return uit


def standaard_maand() -> date | None:
    """The month being entered: the first month that is not closed yet; when every month is
    closed, the latest."""
    from .maandcyclus import maanden_in_systeem, vastgestelde_maanden

    alle = maanden_in_systeem() or maanden()
    if not alle:
        return None
    vastgesteld = vastgestelde_maanden()
    return next((m for m in alle if m not in vastgesteld), alle[-1])


def gemeenten_in_maand(maand: date, *, provinciecode: str | None, user):
    """The municipalities with a quota in ``maand``'s half-year (optionally in one province), by
    name: the ones whose figure counts. After a merger on 1 January the predecessors may still
    carry the half-year's quota (2017-I: Schijndel, Sint-Oedenrode and Veghel, not Meierijstad)."""
    from .maandcyclus import verwachte_gemeenten

    verwacht = verwachte_gemeenten([maand])[maand]
    qs = Gemeente.objects.restrict(user).select_related("provincie").filter(id__in=verwacht)
    if provinciecode:
        qs = qs.filter(provincie__code=provinciecode)
    return list(qs.order_by("naam", "code"))


def standen_voor(maand: date) -> dict[int, int]:
    """The balance of every municipality on the first of ``maand``, before that month's figures
    (the entry grid shows it, and what the typed figure makes of it); {} when the calculation
    knows no half-year for the month.

    The calculation lives in a layer above this app (it reads these figures), so this app reaches
    it through the callable that settings name (``OPNIEUWTHUIS["STAND_PER_GEMEENTE"]``), never by
    an import: the arrows between the apps point one way (docs/architectuur.md).
    """
    return import_string(settings.OPNIEUWTHUIS["STAND_PER_GEMEENTE"])(maand)


def grenzen(maand: date) -> dict[int, list[list]]:
    """Per municipality the figures above which a month's figure warns (the grid checks as one
    types). The warnings need the calculation, so they live above this app, in the module that
    ``settings.OPNIEUWTHUIS["MAANDCONTROLE"]`` names (``rapportage.maandcyclus``)."""
    return import_module(settings.OPNIEUWTHUIS["MAANDCONTROLE"]).grenzen(maand)


def waarschuwingen(maanden: list[date], *, nieuw: dict | None = None) -> list:
    """The plausibility warnings of these months, with ``nieuw`` laid over the stored figures
    (see ``grenzen`` for where they are made)."""
    return import_module(settings.OPNIEUWTHUIS["MAANDCONTROLE"]).waarschuwingen(
        maanden, nieuw=nieuw
    )


def huisvestingen_per_gemeente(maanden_: list[date]) -> dict[tuple[int, date], Huisvesting]:
    return {(h.gemeente_id, h.maand): h for h in Huisvesting.objects.filter(maand__in=maanden_)}


@dataclass
class Wijziging:
    """One row of the audit trail, as the history pages show it."""

    wanneer: datetime
    wie: str
    onderwerp: str
    gemeente: Gemeente | None
    soort: str
    oud: str
    nieuw: str
    reden: str
    history_id: int


def _wie(record) -> str:
    return record.history_user.get_username() if record.history_user_id else "systeem (commando)"


def _huisvesting_tekst(r) -> str:
    return waarden_tekst((r.personen, r.alleenstaanden, r.gezinsleden, r.nareizigers))


def _opvang_tekst(r) -> str:
    return f"{getal(r.wachtend)} wachtend, {getal(r.alleenstaand)} alleenstaand"


def _startstand_tekst(r) -> str:
    return f"{getal(r.personen)} (begin {r.halfjaar})" if r.halfjaar_id else getal(r.personen)


# Per audited model: the history manager, how to name the figure, and how to show its value.
_BRONNEN = [
    (
        Huisvesting.history,
        lambda r: f"Maandcijfer {r.maand:%Y-%m}",
        _huisvesting_tekst,
        ["gemeente"],
    ),
    (
        Taakstelling.history,
        lambda r: f"Taakstelling {r.halfjaar}",
        lambda r: getal(r.personen),
        ["gemeente", "halfjaar"],
    ),
    (Startstand.history, lambda r: "Beginstand", _startstand_tekst, ["gemeente", "halfjaar"]),
    (
        Opvangstand.history,
        lambda r: f"Opvangstand {r.peildatum.day}-{r.peildatum.month}-{r.peildatum.year}",
        _opvang_tekst,
        [],
    ),
]


def _wijzigingen(records: list, alle_versies: list, onderwerp, tekst) -> list[Wijziging]:
    """Pair each record with the one before it of the same object (by history_id): old → new."""
    vorige: dict[int, object] = {}
    voorganger: dict[int, object] = {}
    for r in sorted(alle_versies, key=lambda r: r.history_id):
        voorganger[r.history_id] = vorige.get(r.id)
        vorige[r.id] = r
    uit = []
    for r in records:
        eerder = voorganger.get(r.history_id)
        uit.append(
            Wijziging(
                wanneer=r.history_date,
                wie=_wie(r),
                onderwerp=onderwerp(r),
                gemeente=getattr(r, "gemeente", None),
                soort=SOORTEN.get(r.history_type, r.history_type),
                oud=(
                    ""
                    if r.history_type == "+"
                    else "onbekend (van vóór de geschiedenis)"
                    if eerder is None
                    else tekst(eerder)
                ),
                nieuw="" if r.history_type == "-" else tekst(r),
                reden=r.history_change_reason or "",
                history_id=r.history_id,
            )
        )
    return uit


def geschiedenis_van_gemeente(gemeente: Gemeente) -> list[Wijziging]:
    """Every change of every figure of one municipality, newest first (a query per model)."""
    uit = []
    for manager, onderwerp, tekst, related in _BRONNEN[:3]:
        records = list(
            manager.filter(gemeente_id=gemeente.id).select_related("history_user", *related)
        )
        uit.extend(_wijzigingen(records, records, onderwerp, tekst))
    return sorted(uit, key=lambda w: (w.wanneer, w.history_id), reverse=True)


def recente_wijzigingen(limiet: int = 200) -> list[Wijziging]:
    """The latest changes over every figure model, newest first (two queries per model)."""
    uit = []
    for manager, onderwerp, tekst, related in _BRONNEN:
        records = list(
            manager.select_related("history_user", *related).order_by("-history_id")[:limiet]
        )
        ids = {r.id for r in records}
        eerder = list(manager.filter(id__in=ids).select_related(*related)) if ids else []
        uit.extend(_wijzigingen(records, eerder, onderwerp, tekst))
    uit.sort(key=lambda w: (w.wanneer, w.history_id), reverse=True)
    return uit[:limiet]


def maandcijfers_van_gemeente(gemeente: Gemeente, *, voor: date) -> list[dict]:
    """The monthly figures of one municipality before a date, oldest first (one query)."""
    return list(
        Huisvesting.objects.filter(gemeente=gemeente, maand__lt=voor)
        .order_by("maand")
        .values("maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers")
    )


# --- uploads, reception counts, provinces (the views read through these) -------------------------


def uploads():
    """Every upload with who made and who undid it, without the file's bytes."""
    return Upload.objects.select_related("gebruiker", "teruggedraaid_door").defer("inhoud")


def upload_met_inhoud():
    """Uploads with the file's bytes (one upload's page reads its file again)."""
    return Upload.objects.select_related("gebruiker", "teruggedraaid_door")


def eerder_toegepast(upload: Upload):
    """Earlier applied uploads of the same file (same checksum), newest first."""
    return (
        Upload.objects.filter(checksum=upload.checksum, status=Uploadstatus.TOEGEPAST)
        .exclude(pk=upload.pk)
        .defer("inhoud")
        .order_by("-toegepast_op")
    )


def aanleveringen(gebruiker=None):
    """The deliveries through the API, newest first; ``gebruiker``: only theirs."""
    uploads = Upload.objects.filter(bron=Uploadbron.API).select_related("gebruiker")
    if gebruiker is not None:
        uploads = uploads.filter(gebruiker=gebruiker)
    return uploads.order_by("-aangemaakt", "-id")


def opvangstanden():
    return Opvangstand.objects.order_by("-peildatum")


def provincies():
    return Provincie.objects.order_by("naam")


def provincie_bestaat(code: str) -> bool:
    return Provincie.objects.filter(code=code).exists()
