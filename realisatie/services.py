"""Writing monthly realisation and reception figures.

``huisvestingen_plannen`` reads and checks a whole table and says per row what would happen
(new, changed, unchanged) without writing; ``huisvestingen_importeren`` applies such a plan in one
transaction. A table with any error raises ``ImportFouten`` and changes nothing.

Every write goes through simple-history (``bulk_*_with_history``, or ``save``/``delete`` with the
user set on the instance), so each change keeps who, when, and the old and new value. Every change
of a monthly figure raises its ``versie``: the entry screen sends the version the user saw, and a
figure that changed in between is a conflict, never silently overwritten.
"""

import hashlib
import json
from dataclasses import astuple, dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from opnieuwthuis.bestanden import (
    Cellen,
    Fout,
    ImportFouten,
    Tabel,
    parse_aantal,
    parse_datum,
    parse_gemeentecode,
    parse_maand,
)
from opnieuwthuis.cache import gegevens_gewijzigd
from opnieuwthuis.nederlands import getal, maand_lang
from opnieuwthuis.perioden import Periode
from taakstelling.models import Gemeente, Halfjaar, Herindeling, Taakstelling
from taakstelling.services import FOUT_DUBBEL, FOUT_ONBEKENDE_GEMEENTE, Resultaat

from .bestandsvorm import Realisatiebestand, lees_realisatie
from .choices import Actie, Bron, Uploadbron, Uploadstatus
from .maandcyclus import vastgestelde_maanden
from .models import Correctie, Huisvesting, Opvangstand, Upload

REALISATIE_KOLOMMEN = ["gemeentecode", "maand", "personen"]
UITSPLITSING = ["alleenstaanden", "gezinsleden", "nareizigers"]
WAARDEVELDEN = ["personen", *UITSPLITSING]

FOUT_MAAND_BUITEN_HALFJAAR = "{maand} valt in geen enkel halfjaar dat het systeem kent."
FOUT_GEMEENTE_BESTOND_NIET = "Gemeente {code} ({naam}) bestond niet in {maand}."
FOUT_UITSPLITSING_ONVOLLEDIG = (
    "Geef alleenstaanden, gezinsleden en nareizigers alle drie, of laat ze alle drie leeg."
)
FOUT_UITSPLITSING_TELT_NIET_OP = (
    "Alleenstaanden, gezinsleden en nareizigers tellen op tot {som}, niet tot {personen}."
)
FOUT_UITSPLITSING_ZONDER_TOTAAL = "Vul het totaal aantal personen in bij een uitsplitsing."
FOUT_ALLEENSTAAND_TE_VEEL = (
    "Er zijn niet meer alleenstaanden ({alleenstaand}) dan wachtenden ({wachtend})."
)
FOUT_CONFLICT = (
    "{gemeente} in {maand}: dit cijfer is intussen door {door} gewijzigd. Opgeslagen is "
    "{opgeslagen}; uw invoer {jouw} is niet opgeslagen. Bekijk het en voer het zo nodig opnieuw in."
)
FOUT_UPLOAD_NIET_IN_VOORBEELD = "Upload {nummer} is al {status}; er is niets gewijzigd."
FOUT_UPLOAD_BESCHADIGD = (
    "Het opgeslagen bestand van upload {nummer} klopt niet meer met de checksum."
)
FOUT_UPLOAD_VEROUDERD = (
    "Sinds het voorbeeld zijn cijfers in dit bestand gewijzigd. Het voorbeeld is bijgewerkt; "
    "bekijk het en bevestig opnieuw."
)
FOUT_NIET_TERUGDRAAIBAAR_STATUS = "Alleen een toegepaste upload kan worden teruggedraaid."
FOUT_NIET_TERUGDRAAIBAAR_LATER = (
    "{gemeente} in {maand} is na deze upload nog gewijzigd (nu {nu}); draai eerst die wijziging "
    "terug. Er is niets teruggedraaid."
)
FOUT_TE_VEEL_PERSONEN = (
    "{waarde} personen in één maand voor één gemeente kan niet kloppen (hoogstens {grens})."
)
FOUT_GEEN_TAAKSTELLING = (
    "{naam} ({code}) heeft in {halfjaar} geen taakstelling, dus een cijfer voor {maand} telt "
    "nergens mee."
)
FOUT_DRAGERS = " De taakstelling van {halfjaar} dragen {dragers}: voer het cijfer daar in."
FOUT_DRAGER = " De taakstelling van {halfjaar} draagt {dragers}: voer het cijfer daar in."
FOUT_VASTGESTELD_ZONDER_REDEN = (
    "{maand} is vastgesteld: deze wijziging is een correctie en vraagt een reden. Er is niets "
    "gewijzigd."
)
REDEN_UPLOAD = "Upload {nummer}: {naam}"
REDEN_TERUGDRAAIEN = "Upload {nummer} teruggedraaid"
REDEN_INVOER = "Invoerscherm maandcijfers"


def _maand_label(maand: date) -> str:
    return maand.strftime("%Y-%m")


def _sleutel(gemeente_id: int, maand: date) -> str:
    return f"{gemeente_id}:{maand.isoformat()}"


def _waarden(h: Huisvesting | None) -> tuple | None:
    if h is None:
        return None
    return (h.personen, h.alleenstaanden, h.gezinsleden, h.nareizigers)


def waarden_tekst(waarden: tuple | None) -> str:
    """A figure as a user reads it: '12 (5 + 4 + 3)', or 'geen cijfer'."""
    if waarden is None or waarden[0] is None:
        return "geen cijfer"
    tekst = getal(waarden[0])
    if waarden[1] is not None:
        tekst += f" ({' + '.join(getal(n) for n in waarden[1:])})"
    return tekst


def _reden(tekst: str) -> str:
    return tekst[:100]  # simple-history's change reason column


@dataclass
class Regel:
    """One checked row of a realisation file and what applying it would do."""

    rij: int
    gemeente: Gemeente
    maand: date
    personen: int
    alleenstaanden: int | None
    gezinsleden: int | None
    nareizigers: int | None
    actie: str = Actie.NIEUW
    oud: Huisvesting | None = None
    vastgesteld: bool = False  # the month is closed: applying this row is a correction
    kolom: str = "maand"  # the file's name of the month column, for the messages

    @property
    def waarden(self) -> tuple:
        return (self.personen, self.alleenstaanden, self.gezinsleden, self.nareizigers)

    @property
    def oude_waarden(self) -> tuple | None:
        return _waarden(self.oud)

    # As the preview shows them (templates/realisatie/_voorbeeld_rijen.html).
    @property
    def maand_tekst(self) -> str:
        return maand_lang(self.maand)

    @property
    def tekst(self) -> str:
        return waarden_tekst(self.waarden)

    @property
    def oude_tekst(self) -> str:
        return waarden_tekst(self.oude_waarden) if self.oud else "–"


@dataclass
class Plan:
    regels: list[Regel] = field(default_factory=list)
    bestand: object = None  # for an upload: the bestandsvorm.Realisatiebestand it was read from

    @property
    def resultaat(self) -> Resultaat:
        tel = {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 0}
        for regel in self.regels:
            tel[regel.actie] += 1
        return Resultaat(**tel)

    @property
    def correcties(self) -> list[Regel]:
        """Rows that would change a figure of a closed month (each needs a reason)."""
        return [r for r in self.regels if r.vastgesteld and r.actie != Actie.ONGEWIJZIGD]

    @property
    def versies(self) -> dict[str, int]:
        """The version of every figure the plan would change (0: none yet)."""
        return {
            _sleutel(r.gemeente.id, r.maand): r.oud.versie if r.oud else 0
            for r in self.regels
            if r.actie != Actie.ONGEWIJZIGD
        }


def uitsplitsing_fout(waarden: tuple) -> tuple[str, str] | None:
    """(field, message) when a total and its breakdown do not fit together, else None."""
    personen, *delen = waarden
    ingevuld = [d for d in delen if d is not None]
    if ingevuld and len(ingevuld) < 3:
        leeg = next(k for k, d in zip(UITSPLITSING, delen) if d is None)
        return leeg, FOUT_UITSPLITSING_ONVOLLEDIG
    if ingevuld and personen is None:
        return "personen", FOUT_UITSPLITSING_ZONDER_TOTAAL
    if ingevuld and sum(ingevuld) != personen:
        return "personen", FOUT_UITSPLITSING_TELT_NIET_OP.format(
            som=sum(ingevuld), personen=personen
        )
    return None


def _namen(namen: list[str]) -> str:
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


class Cijferregels:
    """The rules every monthly figure obeys, whichever way it comes in (grid, upload, command,
    API, admin): bounded, and only for a municipality with a quota in that month's half-year (a
    figure elsewhere would count nowhere). Loaded once per write: three queries."""

    def __init__(self):
        self.grens = settings.OPNIEUWTHUIS["MAX_PERSONEN_PER_MAAND"]
        self.taak = set(
            Taakstelling.objects.values_list("gemeente_id", "halfjaar__jaar", "halfjaar__helft")
        )
        self.vastgesteld = vastgestelde_maanden()
        self._buren: dict[int, set[int]] | None = None

    def buren(self, gemeente_id: int) -> set[int]:
        """Predecessors and successors by reorganisation."""
        if self._buren is None:
            self._buren = {}
            for van, naar in Herindeling.objects.values_list("van_id", "naar_id"):
                self._buren.setdefault(van, set()).add(naar)
                self._buren.setdefault(naar, set()).add(van)
        return self._buren.get(gemeente_id, set())

    def fouten(self, gemeente: Gemeente, maand: date, waarden: tuple) -> list[tuple[str, str]]:
        """(field, message) for every rule the figure breaks."""
        uit = []
        for veld, waarde in zip(WAARDEVELDEN, waarden):
            if waarde is not None and waarde > self.grens:
                uit.append(
                    (
                        veld,
                        FOUT_TE_VEEL_PERSONEN.format(waarde=getal(waarde), grens=getal(self.grens)),
                    )
                )
        periode = Periode.van_datum(maand)
        jaar, helft, halfjaar = periode.jaar, periode.helft, periode.label
        if (gemeente.id, jaar, helft) not in self.taak:
            melding = FOUT_GEEN_TAAKSTELLING.format(
                naam=gemeente.naam, code=gemeente.code, halfjaar=halfjaar, maand=maand_lang(maand)
            )
            dragers = [g for g in self.buren(gemeente.id) if (g, jaar, helft) in self.taak]
            if dragers:
                namen = sorted(
                    Gemeente.objects.filter(id__in=dragers).values_list("naam", flat=True)
                )
                vorm = FOUT_DRAGERS if len(namen) > 1 else FOUT_DRAGER
                melding += vorm.format(halfjaar=halfjaar, dragers=_namen(namen))
            uit.append(("gemeentecode", melding))
        return uit


def huisvestingen_plannen(*, tabel: Tabel) -> Plan:
    """Check every row; raise ``ImportFouten`` listing all problems, or return the plan."""
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    halfjaren = {(h.jaar, h.helft) for h in Halfjaar.objects.all()}
    regels = Cijferregels()
    fouten: list[Fout] = []
    gezien: dict = {}
    plan = Plan()
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        code = cel.lees("gemeentecode", parse_gemeentecode)
        maand = cel.lees("maand", parse_maand)
        personen = cel.lees("personen", parse_aantal)
        delen = [cel.lees(k, parse_aantal, verplicht=False) for k in UITSPLITSING]
        gemeente = gemeenten.get(code) if code else None
        if code and gemeente is None:
            cel.fout("gemeentecode", FOUT_ONBEKENDE_GEMEENTE.format(code=code))
        if maand and astuple(Periode.van_datum(maand)) not in halfjaren:
            cel.fout("maand", FOUT_MAAND_BUITEN_HALFJAAR.format(maand=_maand_label(maand)))
        if gemeente and maand:
            if (gemeente.einddatum and maand >= gemeente.einddatum) or (
                gemeente.begindatum and maand < gemeente.begindatum
            ):
                cel.fout(
                    "gemeentecode",
                    FOUT_GEMEENTE_BESTOND_NIET.format(
                        code=gemeente.code, naam=gemeente.naam, maand=_maand_label(maand)
                    ),
                )
            sleutel = (gemeente.code, maand)
            omschrijving = f"Gemeente {gemeente.code} in {_maand_label(maand)}"
            if sleutel in gezien:
                cel.fout(None, FOUT_DUBBEL.format(sleutel=omschrijving, eerdere=gezien[sleutel]))
            else:
                gezien[sleutel] = rij
        ingevuld = [d for d in delen if d is not None]
        leeg_gelaten = [k for k, d in zip(UITSPLITSING, delen) if d is None and not cellen.get(k)]
        if ingevuld and leeg_gelaten:
            cel.fout(leeg_gelaten[0], FOUT_UITSPLITSING_ONVOLLEDIG)
        elif len(ingevuld) == 3 and personen is not None and sum(ingevuld) != personen:
            cel.fout(
                "personen",
                FOUT_UITSPLITSING_TELT_NIET_OP.format(som=sum(ingevuld), personen=personen),
            )
        if cel.ok:
            for veld, melding in regels.fouten(gemeente, maand, (personen, *delen)):
                cel.fout(veld, melding)
        if cel.ok:
            regel = Regel(rij, gemeente, maand, personen, *delen)
            regel.vastgesteld = maand in regels.vastgesteld
            # The column as the file names it (a wide file: the month's own column, 'feb 2017').
            regel.kolom = getattr(cellen, "kolomnamen", {}).get("maand") or "maand"
            plan.regels.append(regel)
    if fouten:
        raise ImportFouten(fouten)

    maanden = {r.maand for r in plan.regels}
    bestaand = {
        (h.gemeente_id, h.maand): h
        for h in Huisvesting.objects.filter(
            maand__in=maanden, gemeente_id__in={r.gemeente.id for r in plan.regels}
        )
    }
    for regel in plan.regels:
        oud = bestaand.get((regel.gemeente.id, regel.maand))
        if oud is not None:
            regel.oud = oud
            regel.actie = Actie.ONGEWIJZIGD if _waarden(oud) == regel.waarden else Actie.GEWIJZIGD
    return plan


def volgende_versies(paren: set[tuple[int, date]]) -> dict[tuple[int, date], int]:
    """The version a figure gets when it is (re)created or restored: one above every version it
    ever had, also before it was deleted. Versions only go up, so a screen opened before a delete
    and a re-entry cannot match the new figure's version and save over it."""
    if not paren:
        return {}
    hoogste = (
        Huisvesting.history.filter(
            gemeente_id__in={g for g, _ in paren}, maand__in={m for _, m in paren}
        )
        .values_list("gemeente_id", "maand")
        .annotate(hoogste=Max("versie"))
    )
    uit = dict.fromkeys(paren, 1)
    for gemeente_id, maand, versie in hoogste:
        if (gemeente_id, maand) in uit:
            uit[(gemeente_id, maand)] = versie + 1
    return uit


def _bijwerken(records: list[Huisvesting], velden: list[str]) -> None:
    """Write changed rows: one UPDATE per distinct set of new values, each raising the version.

    ``bulk_update`` builds a CASE WHEN per field per row and costs about 1.5 ms a row (70 s for a
    file that corrects 19.000 figures); monthly figures are small numbers that repeat, so grouping
    by value needs a few hundred statements instead. Like ``bulk_update`` it sends no signals: the
    caller writes the history rows.
    """
    groepen: dict[tuple, list[int]] = {}
    for record in records:
        groepen.setdefault(tuple(getattr(record, v) for v in velden), []).append(record.pk)
    for waarden, pks in groepen.items():
        for begin in range(0, len(pks), 500):  # stay far below SQLite's parameter limit
            Huisvesting.objects.filter(pk__in=pks[begin : begin + 500]).update(
                **dict(zip(velden, waarden)), versie=F("versie") + 1
            )


def correcties_vastleggen(
    wijzigingen: list[tuple[Gemeente | int, date, int | None, int | None]],
    *,
    reden: str,
    bron: str,
    gebruiker,
) -> None:
    """Keep each change of a closed month's figure as a correction: old, new, reason, who, when."""
    nu = timezone.now()
    Correctie.objects.bulk_create(
        [
            Correctie(
                gemeente_id=g if isinstance(g, int) else g.id,
                maand=maand,
                oud=oud,
                nieuw=nieuw,
                reden=reden[:500],
                bron=bron,
                gebruiker=gebruiker,
                op=nu,
            )
            for g, maand, oud, nieuw in wijzigingen
        ]
    )


def _correctiereden_vereist(regels: list[tuple[int | None, date, str]], reden: str) -> None:
    """Refuse (``ImportFouten``, nothing changes) a change of a closed month without a reason.
    ``regels``: (row, month, the name of the month's column: the file's own, or "maand")."""
    if reden.strip() or not regels:
        return
    raise ImportFouten(
        [
            Fout(rij, kolom, FOUT_VASTGESTELD_ZONDER_REDEN.format(maand=maand_lang(maand)))
            for rij, maand, kolom in regels
        ]
    )


def _plan_toepassen(
    plan: Plan, *, gebruiker, reden: str, correctiereden: str = "", bron: str = Bron.COMMANDO
) -> tuple[list, dict]:
    """Write a checked plan with history. Returns what the touched figures were before (for a
    rollback) and the version each has after. A change of a closed month needs
    ``correctiereden`` and is kept as a correction."""
    correcties = plan.correcties
    _correctiereden_vereist([(r.rij, r.maand, r.kolom) for r in correcties], correctiereden)
    if correcties:
        correcties_vastleggen(
            [
                (r.gemeente, r.maand, r.oud.personen if r.oud else None, r.personen)
                for r in correcties
            ],
            reden=correctiereden.strip(),
            bron=bron,
            gebruiker=gebruiker,
        )
        reden = f"{reden} (correctie: {correctiereden.strip()})"
    nieuw, gewijzigd, voor = [], [], []
    versies = volgende_versies(
        {(r.gemeente.id, r.maand) for r in plan.regels if r.actie == Actie.NIEUW}
    )
    for regel in plan.regels:
        if regel.actie == Actie.NIEUW:
            nieuw.append(
                Huisvesting(
                    gemeente=regel.gemeente,
                    maand=regel.maand,
                    personen=regel.personen,
                    alleenstaanden=regel.alleenstaanden,
                    gezinsleden=regel.gezinsleden,
                    nareizigers=regel.nareizigers,
                    versie=versies[(regel.gemeente.id, regel.maand)],
                )
            )
        elif regel.actie == Actie.GEWIJZIGD:
            h = regel.oud
            voor.append(
                {"gemeente": h.gemeente_id, "maand": h.maand.isoformat(), "waarden": _waarden(h)}
            )
            h.personen, h.alleenstaanden, h.gezinsleden, h.nareizigers = regel.waarden
            h.versie += 1
            gewijzigd.append(h)
    for h in nieuw:
        voor.append({"gemeente": h.gemeente_id, "maand": h.maand.isoformat(), "waarden": None})
    bulk_create_with_history(
        nieuw, Huisvesting, default_user=gebruiker, default_change_reason=_reden(reden)
    )
    _bijwerken(gewijzigd, WAARDEVELDEN)
    # _bijwerken sends no signals, so the audit rows are written here, as bulk_update_with_history
    # would after its (much slower) bulk_update.
    Huisvesting.history.bulk_history_create(
        gewijzigd, update=True, default_user=gebruiker, default_change_reason=_reden(reden)
    )
    if nieuw or gewijzigd:
        gegevens_gewijzigd()
    versies_na = {_sleutel(h.gemeente_id, h.maand): h.versie for h in [*nieuw, *gewijzigd]}
    return voor, versies_na


@transaction.atomic
def huisvestingen_importeren(
    *,
    tabel: Tabel,
    gebruiker=None,
    reden: str = "",
    correctiereden: str = "",
    bron: str = Bron.COMMANDO,
) -> Resultaat:
    """Check the table and apply it: every row or, when any row is wrong, none. Rows that change a
    closed month need ``correctiereden`` (without it nothing changes)."""
    plan = huisvestingen_plannen(tabel=tabel)
    _plan_toepassen(
        plan,
        gebruiker=gebruiker,
        reden=reden or "Import maandcijfers",
        correctiereden=correctiereden,
        bron=bron,
    )
    return plan.resultaat


# The entry screen ----------------------------------------------------------------------------


@dataclass
class Invoer:
    """One figure typed on the entry screen, with the version the user saw (0: there was none).

    ``waarden`` is (personen, alleenstaanden, gezinsleden, nareizigers); personen None removes the
    figure.
    """

    gemeente: Gemeente
    maand: date
    waarden: tuple
    versie: int


@dataclass
class Conflict:
    """A figure somebody else changed after the user loaded the screen: both values, and who."""

    gemeente: Gemeente
    maand: date
    jouw_waarden: tuple
    opgeslagen_waarden: tuple | None
    opgeslagen_versie: int
    door: str
    op: datetime | None

    def __str__(self) -> str:
        return FOUT_CONFLICT.format(
            gemeente=self.gemeente.naam,
            maand=_maand_label(self.maand),
            door=self.door,
            opgeslagen=waarden_tekst(self.opgeslagen_waarden),
            jouw=waarden_tekst(self.jouw_waarden),
        )


class Conflicten(Exception):
    """Raised when any entered figure changed in the meantime; then nothing was saved."""

    def __init__(self, conflicten: list[Conflict]):
        self.conflicten = conflicten
        super().__init__("\n".join(str(c) for c in conflicten))


def _conflict(invoer: Invoer, huidig: Huisvesting | None) -> Conflict:
    laatste = None
    if huidig is not None:
        laatste = huidig.history.select_related("history_user").order_by("-history_id").first()
    else:
        laatste = (
            Huisvesting.history.filter(gemeente_id=invoer.gemeente.id, maand=invoer.maand)
            .select_related("history_user")
            .order_by("-history_id")
            .first()
        )
    door = "een ander"
    if laatste is not None and laatste.history_user is not None:
        door = laatste.history_user.get_username()
    return Conflict(
        gemeente=invoer.gemeente,
        maand=invoer.maand,
        jouw_waarden=invoer.waarden,
        opgeslagen_waarden=_waarden(huidig),
        opgeslagen_versie=huidig.versie if huidig else 0,
        door=door,
        op=laatste.history_date if laatste else None,
    )


@transaction.atomic
def huisvestingen_invoeren(
    *, invoer: list[Invoer], gebruiker, reden: str = "", bron: str = Bron.INVOER
) -> Resultaat:
    """Save figures typed on the entry screen (or in the admin): all of them, or none when any
    breaks a rule (``ImportFouten``, each naming the municipality), when any of them was changed
    by somebody else since the user loaded the screen (``Conflicten``), or when a figure of a
    closed month changes without a ``reden``."""
    if not invoer:
        return Resultaat()
    regels = Cijferregels()
    fouten = [
        Fout(None, veld, f"{i.gemeente.naam}: {melding}")
        for i in invoer
        if i.waarden[0] is not None
        for veld, melding in regels.fouten(i.gemeente, i.maand, tuple(i.waarden))
    ]
    if fouten:
        raise ImportFouten(fouten)
    bestaand = {
        (h.gemeente_id, h.maand): h
        for h in Huisvesting.objects.select_for_update().filter(
            gemeente__in=[i.gemeente for i in invoer], maand__in={i.maand for i in invoer}
        )
    }
    conflicten = []
    for i in invoer:
        huidig = bestaand.get((i.gemeente.id, i.maand))
        if (huidig.versie if huidig else 0) == i.versie:
            continue
        if _waarden(huidig) == tuple(i.waarden) or (huidig is None and i.waarden[0] is None):
            i.versie = huidig.versie if huidig else 0  # both typed the same: nothing is lost
            continue
        conflicten.append(_conflict(i, huidig))
    if conflicten:
        raise Conflicten(conflicten)

    resultaat = Resultaat()
    nieuw, gewijzigd, weg = [], [], []
    versies = volgende_versies(
        {(i.gemeente.id, i.maand) for i in invoer if (i.gemeente.id, i.maand) not in bestaand}
    )
    for i in invoer:
        huidig = bestaand.get((i.gemeente.id, i.maand))
        if i.waarden[0] is None:
            if huidig is not None:
                weg.append((huidig, i))
            continue
        if huidig is not None and _waarden(huidig) == tuple(i.waarden):
            resultaat.ongewijzigd += 1
            continue
        h = huidig or Huisvesting(gemeente=i.gemeente, maand=i.maand, versie=0)
        h.personen, h.alleenstaanden, h.gezinsleden, h.nareizigers = i.waarden
        h.versie = i.versie + 1 if huidig else versies[(i.gemeente.id, i.maand)]
        h.full_clean(validate_unique=False)
        if huidig is None:
            nieuw.append((h, i))
        else:
            gewijzigd.append((h, i))

    correcties = [(h, i) for h, i in [*nieuw, *gewijzigd, *weg] if i.maand in regels.vastgesteld]
    _correctiereden_vereist([(None, i.maand, "maand") for _h, i in correcties], reden)
    if correcties:
        correcties_vastleggen(
            [
                (
                    i.gemeente,
                    i.maand,
                    bestaand[(i.gemeente.id, i.maand)].personen
                    if (i.gemeente.id, i.maand) in bestaand
                    else None,
                    i.waarden[0],
                )
                for _h, i in correcties
            ],
            reden=reden.strip(),
            bron=bron,
            gebruiker=gebruiker,
        )
    wijzigreden = REDEN_INVOER if bron == Bron.INVOER else "Beheerscherm"
    if correcties:
        wijzigreden = _reden(f"{wijzigreden} (correctie: {reden.strip()})")
    # Compare-and-set on the version: the one statement that decides who wins, on any database.
    for h, i in [*gewijzigd, *weg]:
        if not Huisvesting.objects.filter(pk=h.pk, versie=i.versie).update(versie=i.versie):
            raise Conflicten([_conflict(i, Huisvesting.objects.filter(pk=h.pk).first())])
    try:
        with transaction.atomic():
            bulk_create_with_history(
                [h for h, _ in nieuw],
                Huisvesting,
                default_user=gebruiker,
                default_change_reason=wijzigreden,
            )
    except IntegrityError:  # created by somebody else between our read and our write
        raise Conflicten(
            [
                _conflict(i, Huisvesting.objects.filter(gemeente=h.gemeente, maand=h.maand).first())
                for h, i in nieuw
            ]
        ) from None
    bulk_update_with_history(
        [h for h, _ in gewijzigd],
        Huisvesting,
        [*WAARDEVELDEN, "versie"],
        default_user=gebruiker,
        default_change_reason=wijzigreden,
    )
    for h, _ in weg:
        h._history_user = gebruiker
        h._change_reason = wijzigreden
        h.delete()
    resultaat.nieuw, resultaat.gewijzigd = len(nieuw), len(gewijzigd) + len(weg)
    if nieuw or gewijzigd or weg:
        gegevens_gewijzigd()
    return resultaat


# Uploads: preview, confirm, undo -------------------------------------------------------------


class UploadFout(Exception):
    """An upload cannot be confirmed or rolled back; the message says why (Dutch)."""


class UploadVerouderd(UploadFout):
    """Figures in the file changed after the preview; the preview must be looked at again."""


def bestand_plannen(bestand: Realisatiebestand) -> Plan:
    """The import's plan of an understood file (reads only). Raises ``ImportFouten`` with the
    understanding errors and the import's together, in row order."""
    try:
        plan = huisvestingen_plannen(tabel=bestand.tabel)
    except ImportFouten as fout:
        raise bestand.samen_met(fout) from None
    if bestand.fouten:
        raise bestand.samen_met(None)
    return plan


def _upload_plannen(inhoud: bytes, blad: str = "") -> Plan:
    """Read a file in any accepted form (names, wide layout, chosen sheet) and plan it."""
    bestand = lees_realisatie(inhoud, blad=blad or None)
    plan = bestand_plannen(bestand)
    plan.bestand = bestand
    return plan


def checksum(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


@transaction.atomic
def upload_voorbereiden(
    *, bestandsnaam: str, inhoud: bytes, gebruiker, blad: str = ""
) -> tuple[Upload, Plan]:
    """Check an uploaded file whole and keep it (bytes, checksum, the sheet chosen) for the
    preview.

    A file with any error raises ``ImportFouten`` and is not kept: the database does not change.
    """
    plan = _upload_plannen(inhoud, blad)
    resultaat = plan.resultaat
    upload = Upload(
        bestandsnaam=Path(bestandsnaam or "upload").name[:255],
        blad=plan.bestand.blad or "",
        checksum=checksum(inhoud),
        grootte=len(inhoud),
        inhoud=inhoud,
        gebruiker=gebruiker,
        aantal_rijen=resultaat.totaal,
        aantal_nieuw=resultaat.nieuw,
        aantal_gewijzigd=resultaat.gewijzigd,
        aantal_ongewijzigd=resultaat.ongewijzigd,
        versies_voorbeeld=plan.versies,
    )
    upload.full_clean()
    upload.save()
    return upload, plan


def upload_plan(*, upload: Upload) -> Plan:
    """The plan of a kept upload, read again from its stored bytes (never from a new request)."""
    inhoud = bytes(upload.inhoud)
    if checksum(inhoud) != upload.checksum:
        raise UploadFout(FOUT_UPLOAD_BESCHADIGD.format(nummer=upload.pk))
    return _upload_plannen(inhoud, upload.blad)


def _bijwerken_voorbeeld(upload: Upload, plan: Plan) -> None:
    resultaat = plan.resultaat
    upload.aantal_rijen = resultaat.totaal
    upload.aantal_nieuw = resultaat.nieuw
    upload.aantal_gewijzigd = resultaat.gewijzigd
    upload.aantal_ongewijzigd = resultaat.ongewijzigd
    upload.versies_voorbeeld = plan.versies


def _vergrendeld(upload: Upload) -> Upload:
    """The upload row, locked until the transaction ends: preview refresh, confirm and undo of
    one upload run one after the other (on SQLite the database file lock does the same)."""
    return Upload.objects.select_for_update().get(pk=upload.pk)


@transaction.atomic
def upload_voorbeeld_vernieuwen(*, upload: Upload) -> Plan | None:
    """Recompute the preview against the figures as they are now.

    Under the upload's lock, and only while it is still a preview: a refresh that waited for a
    concurrent confirm must not write the preview's state over the applied upload. Returns None
    when the upload is no longer a preview.
    """
    upload = _vergrendeld(upload)
    if upload.status != Uploadstatus.VOORBEELD:
        return None
    plan = upload_plan(upload=upload)
    _bijwerken_voorbeeld(upload, plan)
    upload.save(update_fields=_VOORBEELDVELDEN)
    return plan


_VOORBEELDVELDEN = [
    "aantal_rijen",
    "aantal_nieuw",
    "aantal_gewijzigd",
    "aantal_ongewijzigd",
    "versies_voorbeeld",
]


def voorbeeld_kenmerk(upload: Upload) -> str:
    """A short fingerprint of the preview as shown (the versions it was made against). The
    confirm button sends it back, so a confirmation applies only the preview the user saw."""
    tekst = json.dumps(upload.versies_voorbeeld, sort_keys=True)
    return hashlib.sha256(f"{upload.pk}:{tekst}".encode()).hexdigest()[:16]


def upload_toepassen(
    *, upload: Upload, gebruiker, kenmerk: str | None = None, correctiereden: str = ""
) -> Resultaat:
    """Apply a previewed upload: all its rows or none.

    ``kenmerk`` is the ``voorbeeld_kenmerk`` of the preview the user confirmed: when the preview
    was refreshed since (by a concurrent confirm, say), nothing is applied and
    ``UploadVerouderd`` says to look again.

    Preview, refresh and confirm of one upload are serialised on the upload's row, so any number
    of concurrent confirms applies it once, and its state always says what was applied. When a
    figure in it changed after the preview, the preview is refreshed in that same locked
    transaction and ``UploadVerouderd`` is raised after it committed: look at it and confirm again.
    """
    with transaction.atomic():
        upload = _vergrendeld(upload)
        if upload.status != Uploadstatus.VOORBEELD:
            raise UploadFout(
                FOUT_UPLOAD_NIET_IN_VOORBEELD.format(
                    nummer=upload.pk, status=upload.get_status_display().lower()
                )
            )
        if kenmerk is not None and kenmerk != voorbeeld_kenmerk(upload):
            raise UploadVerouderd(FOUT_UPLOAD_VEROUDERD)
        plan = upload_plan(upload=upload)
        verouderd = plan.versies != upload.versies_voorbeeld
        if verouderd:
            _bijwerken_voorbeeld(upload, plan)
            upload.save(update_fields=_VOORBEELDVELDEN)
        else:
            voor, versies_na = _plan_toepassen(
                plan,
                gebruiker=gebruiker,
                reden=REDEN_UPLOAD.format(nummer=upload.pk, naam=upload.bestandsnaam),
                correctiereden=correctiereden,
                bron=Bron.API if upload.bron == Uploadbron.API else Bron.UPLOAD,
            )
            _bijwerken_voorbeeld(upload, plan)
            upload.status = Uploadstatus.TOEGEPAST
            upload.toegepast_op = timezone.now()
            upload.voor, upload.versies_na = voor, versies_na
            upload.full_clean()
            upload.save()
    if verouderd:
        raise UploadVerouderd(FOUT_UPLOAD_VEROUDERD)
    return plan.resultaat


@transaction.atomic
def upload_terugdraaien(*, upload: Upload, gebruiker, correctiereden: str = "") -> Resultaat:
    """Put every figure an upload touched back to what it was before it, with history.

    Refused (nothing changes) when any of those figures changed again after the upload.
    """
    upload = _vergrendeld(upload)
    if upload.status != Uploadstatus.TOEGEPAST:
        raise UploadFout(FOUT_NIET_TERUGDRAAIBAAR_STATUS)
    gemeenten = Gemeente.objects.in_bulk({v["gemeente"] for v in upload.voor})
    maanden = {date.fromisoformat(v["maand"]) for v in upload.voor}
    huidig = {
        _sleutel(h.gemeente_id, h.maand): h
        for h in Huisvesting.objects.select_for_update().filter(
            gemeente_id__in=list(gemeenten), maand__in=maanden
        )
    }
    meldingen = []
    for v in upload.voor:
        sleutel = _sleutel(v["gemeente"], date.fromisoformat(v["maand"]))
        h = huidig.get(sleutel)
        if h is None or h.versie != upload.versies_na.get(sleutel):
            meldingen.append(
                FOUT_NIET_TERUGDRAAIBAAR_LATER.format(
                    gemeente=gemeenten[v["gemeente"]].naam,
                    maand=v["maand"][:7],
                    nu=waarden_tekst(_waarden(h)),
                )
            )
    if meldingen:
        raise UploadFout("\n".join(meldingen))

    vastgesteld = vastgestelde_maanden()
    gesloten = [v for v in upload.voor if date.fromisoformat(v["maand"]) in vastgesteld]
    _correctiereden_vereist(
        [(None, date.fromisoformat(v["maand"]), "maand") for v in gesloten], correctiereden
    )
    if gesloten:
        correcties_vastleggen(
            [
                (
                    v["gemeente"],
                    date.fromisoformat(v["maand"]),
                    huidig[_sleutel(v["gemeente"], date.fromisoformat(v["maand"]))].personen,
                    v["waarden"][0] if v["waarden"] else None,
                )
                for v in gesloten
            ],
            reden=correctiereden.strip(),
            bron=Bron.TERUGDRAAIEN,
            gebruiker=gebruiker,
        )
    reden = _reden(REDEN_TERUGDRAAIEN.format(nummer=upload.pk))
    terug, weg = [], []
    for v in upload.voor:
        h = huidig[_sleutel(v["gemeente"], date.fromisoformat(v["maand"]))]
        if v["waarden"] is None:
            weg.append(h)
        else:
            h.personen, h.alleenstaanden, h.gezinsleden, h.nareizigers = v["waarden"]
            h.versie += 1
            terug.append(h)
    bulk_update_with_history(
        terug,
        Huisvesting,
        [*WAARDEVELDEN, "versie"],
        default_user=gebruiker,
        default_change_reason=reden,
    )
    for h in weg:
        h._history_user = gebruiker
        h._change_reason = reden
        h.delete()
    upload.status = Uploadstatus.TERUGGEDRAAID
    upload.teruggedraaid_op = timezone.now()
    upload.teruggedraaid_door = gebruiker
    upload.full_clean()
    upload.save()
    gegevens_gewijzigd()
    return Resultaat(gewijzigd=len(terug) + len(weg))


# Reception figures ---------------------------------------------------------------------------

OPVANG_KOLOMMEN = ["peildatum", "wachtend", "alleenstaand"]


@transaction.atomic
def opvangstand_vastleggen(
    *, peildatum: date, wachtend: int, alleenstaand: int, gebruiker=None
) -> Opvangstand:
    """Record the national reception figures on a date (replacing an earlier entry that day)."""
    if alleenstaand > wachtend:
        raise ValueError(
            FOUT_ALLEENSTAAND_TE_VEEL.format(alleenstaand=alleenstaand, wachtend=wachtend)
        )
    stand = Opvangstand.objects.filter(peildatum=peildatum).first() or Opvangstand(
        peildatum=peildatum
    )
    if stand.pk and (stand.wachtend, stand.alleenstaand) == (wachtend, alleenstaand):
        return stand  # unchanged: no history row
    stand.wachtend, stand.alleenstaand = wachtend, alleenstaand
    stand.full_clean()
    if gebruiker is not None:
        stand._history_user = gebruiker
    stand.save()
    return stand


@transaction.atomic
def opvangstanden_importeren(*, tabel: Tabel, gebruiker=None) -> Resultaat:
    """Import reception figures (peildatum;wachtend;alleenstaand): every row or none."""
    fouten: list[Fout] = []
    gezien: dict = {}
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        peildatum = cel.lees("peildatum", parse_datum)
        wachtend = cel.lees("wachtend", parse_aantal)
        alleenstaand = cel.lees("alleenstaand", parse_aantal)
        if peildatum:
            if peildatum in gezien:
                cel.fout(
                    "peildatum",
                    FOUT_DUBBEL.format(
                        sleutel=f"Peildatum {peildatum.isoformat()}", eerdere=gezien[peildatum]
                    ),
                )
            else:
                gezien[peildatum] = rij
        if wachtend is not None and alleenstaand is not None and alleenstaand > wachtend:
            cel.fout(
                "alleenstaand",
                FOUT_ALLEENSTAAND_TE_VEEL.format(alleenstaand=alleenstaand, wachtend=wachtend),
            )
        if cel.ok:
            regels.append((peildatum, wachtend, alleenstaand))
    if fouten:
        raise ImportFouten(fouten)
    bestaand = {o.peildatum: o for o in Opvangstand.objects.all()}
    resultaat = Resultaat()
    for peildatum, wachtend, alleenstaand in regels:
        oud = bestaand.get(peildatum)
        if oud is None:
            resultaat.nieuw += 1
        elif (oud.wachtend, oud.alleenstaand) == (wachtend, alleenstaand):
            resultaat.ongewijzigd += 1
            continue
        else:
            resultaat.gewijzigd += 1
        opvangstand_vastleggen(
            peildatum=peildatum, wachtend=wachtend, alleenstaand=alleenstaand, gebruiker=gebruiker
        )
    return resultaat
