"""Checking and closing a month (domain.md, "The monthly cycle").

The plausibility warnings need the calculation (a figure above the municipality's te_huisvesten for
the half-year), so they live here and not in ``realisatie``; the month's state and completeness are
read from ``realisatie.maandcyclus``. Every rule's threshold is a setting (``OPNIEUWTHUIS``):

- ``boven_te_huisvesten``: a month's figure above the municipality's te_huisvesten for the
  half-year;
- ``boven_gemiddelde``: above FACTOR (3) times its average over the previous MAANDEN (6) months
  with a figure, and at least MINIMUM (25) above that average;
- ``landelijk_verschil``: the national month total differs more than 50 % from the month before.

A month is closed only when every municipality with a quota in its half-year has a figure and
every warning is acknowledged (``maand_vaststellen``); an acknowledgement is kept with who gave it
and holds for the figure it was given for (a figure that changes again gives a new warning).
"""

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opnieuwthuis.cache import gegevens_gewijzigd
from opnieuwthuis.nederlands import getal, maand_lang
from opnieuwthuis.perioden import plus_maanden
from realisatie import maandcyclus as cyclus
from realisatie.choices import Maandstatus
from realisatie.models import Heropening, Huisvesting, Maand, Waarschuwingsakkoord
from realisatie.signals import maand_vastgesteld
from taakstelling.models import Gemeente

from . import selectors
from .berekening import BerekeningFout

REGEL_BOVEN_TE_HUISVESTEN = "boven_te_huisvesten"
REGEL_BOVEN_GEMIDDELDE = "boven_gemiddelde"
REGEL_LANDELIJK_VERSCHIL = "landelijk_verschil"

TEKST_BOVEN_TE_HUISVESTEN = (
    "{naam} ({code}): {personen} personen in {maand}, meer dan de {te_huisvesten} die de gemeente "
    "in het hele halfjaar te huisvesten heeft."
)
TEKST_NIETS_TE_HUISVESTEN = (
    "{naam} ({code}): {personen} personen in {maand}, terwijl de gemeente dit halfjaar niets meer "
    "te huisvesten heeft (voorsprong van {voorsprong})."
)
TEKST_BOVEN_GEMIDDELDE = (
    "{naam} ({code}): {personen} personen in {maand}, meer dan {factor} keer het gemiddelde van "
    "{gemiddelde} over de {aantal} maanden daarvoor."
)
TEKST_LANDELIJK_VERSCHIL = (
    "Landelijk {personen} personen in {maand}, {richting} dan {vorige} in {vorige_maand} "
    "({procent} % verschil)."
)

FOUT_BUITEN_SYSTEEM = "{maand} valt in geen halfjaar met een taakstelling."
FOUT_AL_VASTGESTELD = "{maand} is al vastgesteld (door {door})."
FOUT_NIET_VASTGESTELD = "{maand} is niet vastgesteld; er is niets te heropenen."
FOUT_ONVOLLEDIG = (
    "{maand} kan niet worden vastgesteld: {aantal} van de {verwacht} gemeenten hebben nog geen "
    "cijfer ({lijst})."
)
FOUT_WAARSCHUWINGEN = (
    "{maand} kan niet worden vastgesteld: {aantal} waarschuwing(en) zijn nog niet geaccordeerd."
)
FOUT_GEEN_REDEN = "Geef een reden om {maand} te heropenen."
FOUT_GEEN_NAAM = "Zeg wie de maand vaststelt of heropent."

# How far back the average of rule 'boven_gemiddelde' looks for months with a figure: the query
# stays bounded as years of figures pile up.
TERUGKIJKEN_MAANDEN = 24


class MaandcyclusFout(Exception):
    """A month cannot be closed or reopened; the message says why, in Dutch."""


@dataclass(frozen=True)
class Waarschuwing:
    maand: date
    regel: str
    tekst: str
    waarde: int  # the figure it is about: the municipality's, or the national total
    gemeente_id: int | None = None
    gemeentecode: str | None = None
    akkoord: bool = False
    akkoord_door: str = ""

    @property
    def sleutel(self) -> str:
        """Identifies the very warning shown: month, rule, municipality and figure."""
        ruw = f"{self.maand.isoformat()}|{self.regel}|{self.gemeentecode or ''}|{self.waarde}"
        return hashlib.sha256(ruw.encode()).hexdigest()[:16]

    def als_json(self) -> dict:
        return {
            "gemeentecode": self.gemeentecode,
            "regel": self.regel,
            "tekst": self.tekst,
            "akkoord": self.akkoord,
            "akkoord_door": self.akkoord_door or None,
            "sleutel": self.sleutel,
        }


def _te_huisvesten(maand: date) -> dict[int, int]:
    """te_huisvesten of the half-year per municipality, as valid in ``maand`` (cached stand)."""
    try:
        gemeenten = selectors.stand_op(maand).gemeenten
    except BerekeningFout:
        return {}
    return dict(zip(gemeenten["gemeente_id"].astype(int), gemeenten["te_huisvesten"].astype(int)))


def _cijfers(maanden: list[date], nieuw: dict[tuple[int, date], int]) -> pd.DataFrame:
    """Stored figures from TERUGKIJKEN_MAANDEN before the first month up to the last, with the
    proposed ones (``nieuw``) laid over them. One query."""
    begin = plus_maanden(min(maanden), -TERUGKIJKEN_MAANDEN)
    rijen = {
        (g, m): p
        for g, m, p in Huisvesting.objects.filter(
            maand__gte=begin, maand__lte=max(maanden)
        ).values_list("gemeente_id", "maand", "personen")
    }
    rijen.update(nieuw)
    return pd.DataFrame(
        [(g, m, p) for (g, m), p in rijen.items() if p is not None],
        columns=["gemeente_id", "maand", "personen"],
    )


def waarschuwingen(
    maanden: list[date], *, nieuw: dict[tuple[int, date], int | None] | None = None
) -> list[Waarschuwing]:
    """The plausibility warnings of these months, for the stored figures with ``nieuw``
    ({(gemeente_id, maand): personen}) laid over them: what a preview or the grid would save.
    Each carries whether it was acknowledged already."""
    maanden = sorted(set(maanden))
    if not maanden:
        return []
    regels = settings.OPNIEUWTHUIS
    cijfers = _cijfers(maanden, nieuw or {})
    namen = dict(Gemeente.objects.values_list("id", "code"))
    volle_namen = dict(Gemeente.objects.values_list("id", "naam"))
    uit: list[Waarschuwing] = []

    def gemeente(gid: int) -> dict:
        return {"naam": volle_namen.get(gid, "?"), "code": namen.get(gid, "?")}

    for maand in maanden:
        deze = cijfers[cijfers["maand"] == maand]
        if regels["WAARSCHUWING_BOVEN_TE_HUISVESTEN"] and not deze.empty:
            te = _te_huisvesten(maand)
            for gid, personen in zip(deze["gemeente_id"], deze["personen"]):
                grens = te.get(int(gid))
                if grens is not None and personen > 0 and personen > grens:
                    uit.append(
                        Waarschuwing(
                            maand=maand,
                            regel=REGEL_BOVEN_TE_HUISVESTEN,
                            waarde=int(personen),
                            gemeente_id=int(gid),
                            gemeentecode=namen.get(int(gid)),
                            tekst=(
                                TEKST_BOVEN_TE_HUISVESTEN
                                if grens > 0
                                else TEKST_NIETS_TE_HUISVESTEN
                            ).format(
                                **gemeente(int(gid)),
                                personen=getal(personen),
                                maand=maand_lang(maand),
                                te_huisvesten=getal(grens),
                                voorsprong=getal(-grens),
                            ),
                        )
                    )
        eerder = cijfers[cijfers["maand"] < maand].sort_values("maand", ascending=False)
        laatste = eerder.groupby("gemeente_id").head(regels["WAARSCHUWING_MAANDEN"])
        gemiddelden = laatste.groupby("gemeente_id")["personen"].agg(["mean", "count"])
        for gid, personen in zip(deze["gemeente_id"], deze["personen"]):
            if gid not in gemiddelden.index:
                continue
            gemiddelde = float(gemiddelden.at[gid, "mean"])
            if (
                personen > regels["WAARSCHUWING_FACTOR"] * gemiddelde
                and personen - gemiddelde >= regels["WAARSCHUWING_MINIMUM"]
            ):
                uit.append(
                    Waarschuwing(
                        maand=maand,
                        regel=REGEL_BOVEN_GEMIDDELDE,
                        waarde=int(personen),
                        gemeente_id=int(gid),
                        gemeentecode=namen.get(int(gid)),
                        tekst=TEKST_BOVEN_GEMIDDELDE.format(
                            **gemeente(int(gid)),
                            personen=getal(personen),
                            maand=maand_lang(maand),
                            factor=f"{regels['WAARSCHUWING_FACTOR']:g}".replace(".", ","),
                            gemiddelde=f"{gemiddelde:.1f}".replace(".", ","),
                            aantal=int(gemiddelden.at[gid, "count"]),
                        ),
                    )
                )
        vorige = plus_maanden(maand, -1)
        totaal = int(deze["personen"].sum())
        vorig_totaal = int(cijfers.loc[cijfers["maand"] == vorige, "personen"].sum())
        if vorig_totaal > 0 and not deze.empty:
            verschil = (totaal - vorig_totaal) / vorig_totaal
            if abs(verschil) > regels["WAARSCHUWING_LANDELIJK"]:
                uit.append(
                    Waarschuwing(
                        maand=maand,
                        regel=REGEL_LANDELIJK_VERSCHIL,
                        waarde=totaal,
                        tekst=TEKST_LANDELIJK_VERSCHIL.format(
                            personen=getal(totaal),
                            maand=maand_lang(maand),
                            richting="meer" if verschil > 0 else "minder",
                            vorige=getal(vorig_totaal),
                            vorige_maand=maand_lang(vorige),
                            procent=round(abs(verschil) * 100),
                        ),
                    )
                )
    return _met_akkoord(uit)


GRENS_TE_HUISVESTEN = "Meer dan de {grens} die de gemeente dit halfjaar te huisvesten heeft."
GRENS_NIETS_TE_HUISVESTEN = "De gemeente heeft dit halfjaar niets meer te huisvesten."
GRENS_GEMIDDELDE = (
    "Meer dan {factor} keer het gemiddelde van {gemiddelde} over de {aantal} maanden ervoor."
)


def grenzen(maand: date) -> dict[int, list[list]]:
    """Per municipality the figures above which a month's figure would warn, with the Dutch
    text: ``{gemeente_id: [[drempel, tekst], …]}`` (a figure warns when it is above ``drempel``).
    The grid checks a typed figure against these before it is saved; the thresholds are the very
    rules of ``waarschuwingen`` (the national rule needs every figure, so it is not here)."""
    regels = settings.OPNIEUWTHUIS
    uit: dict[int, list[list]] = {}
    if regels["WAARSCHUWING_BOVEN_TE_HUISVESTEN"]:
        for gid, grens in _te_huisvesten(maand).items():
            tekst = (
                GRENS_TE_HUISVESTEN.format(grens=getal(grens))
                if grens > 0
                else GRENS_NIETS_TE_HUISVESTEN
            )
            uit.setdefault(gid, []).append([max(grens, 0), tekst])
    cijfers = _cijfers([maand], {})
    eerder = cijfers[cijfers["maand"] < maand].sort_values("maand", ascending=False)
    laatste = eerder.groupby("gemeente_id").head(regels["WAARSCHUWING_MAANDEN"])
    for gid, rij in laatste.groupby("gemeente_id")["personen"].agg(["mean", "count"]).iterrows():
        gemiddelde = float(rij["mean"])
        # Above both FACTOR × average and average + MINIMUM, as whole persons.
        drempel = math.floor(
            max(
                regels["WAARSCHUWING_FACTOR"] * gemiddelde,
                gemiddelde + regels["WAARSCHUWING_MINIMUM"] - 1e-9,
            )
        )
        uit.setdefault(int(gid), []).append(
            [
                drempel,
                GRENS_GEMIDDELDE.format(
                    factor=f"{regels['WAARSCHUWING_FACTOR']:g}".replace(".", ","),
                    gemiddelde=f"{gemiddelde:.1f}".replace(".", ","),
                    aantal=int(rij["count"]),
                ),
            ]
        )
    return uit


def _met_akkoord(lijst: list[Waarschuwing]) -> list[Waarschuwing]:
    if not lijst:
        return lijst
    # An acknowledgement holds for the figure it was given for: a changed figure warns anew.
    akkoorden = {
        (a.maand.maand, a.regel, a.gemeente_id, a.waarde): a.door
        for a in Waarschuwingsakkoord.objects.filter(
            maand__maand__in={w.maand for w in lijst}
        ).select_related("maand")
    }
    uit = []
    for w in lijst:
        door = akkoorden.get((w.maand, w.regel, w.gemeente_id, w.waarde))
        if door is not None:
            w = Waarschuwing(**{**w.__dict__, "akkoord": True, "akkoord_door": door})
        uit.append(w)
    return uit


@dataclass
class Maandoverzicht:
    """One month as platform staff check it: state, completeness, warnings, who closed it."""

    maand: date
    status: str
    verwacht: int
    ingevoerd: int
    ontbrekend: list[tuple[str, str]]
    waarschuwingen: list[Waarschuwing]
    vastgesteld_door: str = ""
    vastgesteld_op: datetime | None = None
    heropeningen: list[Heropening] = field(default_factory=list)

    @property
    def vastgesteld(self) -> bool:
        return self.status == Maandstatus.VASTGESTELD

    @property
    def open_waarschuwingen(self) -> list[Waarschuwing]:
        return [w for w in self.waarschuwingen if not w.akkoord]

    @property
    def label(self) -> str:
        return self.maand.strftime("%Y-%m")

    @property
    def kan_vastgesteld(self) -> bool:
        return not self.vastgesteld and self.verwacht > 0 and not self.ontbrekend

    def als_json(self) -> dict:
        return {
            "maand": self.label,
            "status": str(self.status),
            "verwacht": self.verwacht,
            "ingevoerd": self.ingevoerd,
            "ontbrekend": [code for code, _naam in self.ontbrekend],
            "waarschuwingen": [w.als_json() for w in self.waarschuwingen],
            "vastgesteld_door": self.vastgesteld_door or None,
            "vastgesteld_op": self.vastgesteld_op.isoformat() if self.vastgesteld_op else None,
            "heropeningen": [
                {"reden": h.reden, "door": h.door, "op": h.op.isoformat()}
                for h in self.heropeningen
            ],
        }


def maandoverzichten(maanden: list[date]) -> list[Maandoverzicht]:
    telling = cyclus.volledigheid(maanden)
    lijst = waarschuwingen(maanden)
    rijen = {m.maand: m for m in Maand.objects.filter(maand__in=maanden)}
    heropeningen: dict[date, list[Heropening]] = {}
    for h in Heropening.objects.filter(maand__maand__in=maanden).select_related("maand"):
        heropeningen.setdefault(h.maand.maand, []).append(h)
    uit = []
    for m in maanden:
        rij = rijen.get(m)
        uit.append(
            Maandoverzicht(
                maand=m,
                status=telling[m].status,
                verwacht=telling[m].verwacht,
                ingevoerd=telling[m].ingevoerd,
                ontbrekend=telling[m].ontbrekend,
                waarschuwingen=[w for w in lijst if w.maand == m],
                vastgesteld_door=rij.vastgesteld_door if rij and rij.vastgesteld_op else "",
                vastgesteld_op=rij.vastgesteld_op if rij else None,
                heropeningen=heropeningen.get(m, []),
            )
        )
    return uit


def maandoverzicht(maand: date) -> Maandoverzicht:
    return maandoverzichten([maand])[0]


def _lijst(ontbrekend: list[tuple[str, str]], hoeveel: int = 10) -> str:
    namen = [f"{naam} ({code})" for code, naam in ontbrekend[:hoeveel]]
    if len(ontbrekend) > hoeveel:
        namen.append(f"en {len(ontbrekend) - hoeveel} andere")
    return ", ".join(namen)


@transaction.atomic
def maand_vaststellen(
    *, maand: date, door: str, gebruiker=None, akkoord: bool | set[str] = False
) -> Maandoverzicht:
    """Close a month. Refused (``MaandcyclusFout``, nothing changes) while any municipality with a
    quota in its half-year lacks a figure, or while warnings are not acknowledged. ``akkoord``
    True acknowledges every warning shown now; a set of ``Waarschuwing.sleutel`` only those (the
    web form sends the warnings it showed, so one that appeared since is not waved through)."""
    door = (door or "").strip()
    if not door:
        raise MaandcyclusFout(FOUT_GEEN_NAAM)
    label = maand_lang(maand)
    if maand not in cyclus.maanden_in_systeem():
        raise MaandcyclusFout(FOUT_BUITEN_SYSTEEM.format(maand=label))
    rij, _ = Maand.objects.get_or_create(maand=maand)
    rij = Maand.objects.select_for_update().get(pk=rij.pk)
    if rij.status == Maandstatus.VASTGESTELD:
        raise MaandcyclusFout(FOUT_AL_VASTGESTELD.format(maand=label, door=rij.vastgesteld_door))
    overzicht = maandoverzicht(maand)
    if overzicht.ontbrekend:
        raise MaandcyclusFout(
            FOUT_ONVOLLEDIG.format(
                maand=label,
                aantal=len(overzicht.ontbrekend),
                verwacht=overzicht.verwacht,
                lijst=_lijst(overzicht.ontbrekend),
            )
        )
    open_lijst = overzicht.open_waarschuwingen
    if akkoord is True:
        te_accorderen = open_lijst
    elif akkoord:
        te_accorderen = [w for w in open_lijst if w.sleutel in akkoord]
    else:
        te_accorderen = []
    if len(te_accorderen) < len(open_lijst):
        over = [w for w in open_lijst if w not in te_accorderen]
        raise MaandcyclusFout(
            "\n".join(
                [FOUT_WAARSCHUWINGEN.format(maand=label, aantal=len(over))]
                + [w.tekst for w in over]
            )
        )
    nu = timezone.now()
    Waarschuwingsakkoord.objects.bulk_create(
        [
            Waarschuwingsakkoord(
                maand=rij,
                gemeente_id=w.gemeente_id,
                regel=w.regel,
                waarde=w.waarde,
                tekst=w.tekst[:500],
                door=door[:150],
                gebruiker=gebruiker,
                op=nu,
            )
            for w in te_accorderen
        ]
    )
    rij.status = Maandstatus.VASTGESTELD
    rij.vastgesteld_door = door[:150]
    rij.vastgesteld_gebruiker = gebruiker
    rij.vastgesteld_op = nu
    rij._history_user = gebruiker
    rij.full_clean()
    rij.save()
    gegevens_gewijzigd()
    transaction.on_commit(
        lambda: maand_vastgesteld.send(sender=Maand, maand=maand, gebruiker=gebruiker)
    )
    # What was checked above, now closed (computing it again would cost a second calculation).
    akkoord_door = {w.sleutel for w in te_accorderen}
    overzicht.status = Maandstatus.VASTGESTELD
    overzicht.vastgesteld_door, overzicht.vastgesteld_op = rij.vastgesteld_door, nu
    overzicht.waarschuwingen = [
        Waarschuwing(**{**w.__dict__, "akkoord": True, "akkoord_door": door})
        if w.sleutel in akkoord_door
        else w
        for w in overzicht.waarschuwingen
    ]
    return overzicht


@transaction.atomic
def maand_heropenen(*, maand: date, reden: str, door: str, gebruiker=None) -> Maandoverzicht:
    """Open a closed month again; the reason is kept (``Heropening``). Figures of an open month
    count for platform staff only, so every later peildatum turns provisional again."""
    label = maand_lang(maand)
    reden, door = (reden or "").strip(), (door or "").strip()
    if not reden:
        raise MaandcyclusFout(FOUT_GEEN_REDEN.format(maand=label))
    if not door:
        raise MaandcyclusFout(FOUT_GEEN_NAAM)
    rij = Maand.objects.select_for_update().filter(maand=maand).first()
    if rij is None or rij.status != Maandstatus.VASTGESTELD:
        raise MaandcyclusFout(FOUT_NIET_VASTGESTELD.format(maand=label))
    Heropening.objects.create(
        maand=rij, reden=reden[:500], door=door[:150], gebruiker=gebruiker, op=timezone.now()
    )
    rij.status = Maandstatus.OPEN
    rij.vastgesteld_door, rij.vastgesteld_gebruiker, rij.vastgesteld_op = "", None, None
    rij._history_user = gebruiker
    rij.save()
    gegevens_gewijzigd()
    return maandoverzicht(maand)
