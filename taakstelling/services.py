"""Writing municipalities, populations, half-years, quotas and opening balances.

Each import first reads and checks every row, collecting every error; only a file without errors
is written, in one transaction. A file with any error changes nothing.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from opnieuwthuis.bestanden import (
    Cellen,
    Fout,
    ImportFouten,
    Tabel,
    halfjaar_label,
    parse_aantal,
    parse_gemeentecode,
    parse_halfjaar,
)
from opnieuwthuis.cache import gegevens_gewijzigd

from .choices import Afrondingsmethode
from .models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling

FOUT_DUBBEL = "{sleutel} staat al in rij {eerdere}."
FOUT_ONBEKENDE_GEMEENTE = "Gemeente '{code}' is onbekend; importeer eerst de gemeenten."
FOUT_GEEINDIGDE_GEMEENTE = "Gemeente {code} ({naam}) bestond niet meer in {halfjaar}."
FOUT_PROVINCIECODE = "'{waarde}' is geen provinciecode (schrijf bijvoorbeeld PV27)."
FOUT_PROVINCIE_ANDERS = "Provincie {code} heet elders in het bestand '{naam}'."
FOUT_INWONERS_KOLOM = (
    "Er is geen kolom met inwoners (bijvoorbeeld 'inwoners' of 'inwoners_1jan2016')."
)
FOUT_ONBEKEND_HALFJAAR = "Halfjaar {label} bestaat niet; importeer eerst de taakstelling."

GEMEENTEN_KOLOMMEN = ["gemeentecode", "gemeentenaam", "provincie", "provinciecode"]
TAAKSTELLING_KOLOMMEN = ["gemeentecode", "halfjaar", "taakstelling"]
STARTSTAND_KOLOMMEN = ["gemeentecode", "halfjaar", "beginstand"]


@dataclass
class Resultaat:
    """What an import did, for the command's output and the upload log."""

    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0

    @property
    def totaal(self) -> int:
        return self.nieuw + self.gewijzigd + self.ongewijzigd

    def __str__(self) -> str:
        return f"{self.nieuw} nieuw, {self.gewijzigd} gewijzigd, {self.ongewijzigd} ongewijzigd"


def _parse_provinciecode(waarde: str) -> str:
    tekst = waarde.strip().upper()
    if not (tekst.startswith("PV") and tekst[2:].isdigit() and len(tekst) == 4):
        raise ValueError(FOUT_PROVINCIECODE.format(waarde=waarde.strip()))
    return tekst


def _controleer_dubbel(gezien: dict, sleutel, rij: int, omschrijving: str, cel: Cellen) -> None:
    if sleutel in gezien:
        cel.fout(None, FOUT_DUBBEL.format(sleutel=omschrijving, eerdere=gezien[sleutel]))
    else:
        gezien[sleutel] = rij


def _gemeenten_per_code() -> dict[str, Gemeente]:
    return {g.code: g for g in Gemeente.objects.all()}


def _bestond_in(gemeente: Gemeente, jaar: int, helft: int) -> bool:
    begin = date(jaar, 1 if helft == 1 else 7, 1)
    einde = date(jaar, 7, 1) if helft == 1 else date(jaar + 1, 1, 1)
    if gemeente.einddatum and gemeente.einddatum <= begin:
        return False
    return not (gemeente.begindatum and gemeente.begindatum >= einde)


@transaction.atomic
def gemeenten_importeren(*, tabel: Tabel, peildatum: date) -> Resultaat:
    """Create or update provinces, municipalities and their population on ``peildatum``."""
    inwonerkolom = next((k for k in tabel.kolommen if k.startswith("inwoners")), None)
    if inwonerkolom is None:
        raise ImportFouten([Fout(1, None, FOUT_INWONERS_KOLOM)])
    fouten: list[Fout] = []
    gezien: dict = {}
    provincienamen: dict[str, str] = {}
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        code = cel.lees("gemeentecode", parse_gemeentecode)
        naam = cel.lees("gemeentenaam", str.strip)
        provincie = cel.lees("provincie", str.strip)
        provinciecode = cel.lees("provinciecode", _parse_provinciecode)
        inwoners = cel.lees(inwonerkolom, parse_aantal)
        if code:
            _controleer_dubbel(gezien, code, rij, f"Gemeente {code}", cel)
        if provinciecode and provincie:
            bekend = provincienamen.setdefault(provinciecode, provincie)
            if bekend != provincie:
                cel.fout("provincie", FOUT_PROVINCIE_ANDERS.format(code=provinciecode, naam=bekend))
        if cel.ok:
            regels.append((code, naam, provinciecode, provincie, inwoners))
    if fouten:
        raise ImportFouten(fouten)

    provincies = {p.code: p for p in Provincie.objects.all()}
    for code, naam in provincienamen.items():
        if code not in provincies:
            provincies[code] = Provincie.objects.create(code=code, naam=naam)
        elif provincies[code].naam != naam:
            provincies[code].naam = naam
            provincies[code].save(update_fields=["naam"])

    bestaand = _gemeenten_per_code()
    inwonertallen = {i.gemeente_id: i for i in Inwonertal.objects.filter(peildatum=peildatum)}
    resultaat = Resultaat()
    for code, naam, provinciecode, _provincie, inwoners in regels:
        gemeente = bestaand.get(code)
        provincie = provincies[provinciecode]
        if gemeente is None:
            gemeente = Gemeente(code=code, naam=naam, provincie=provincie)
            gemeente.full_clean()
            gemeente.save()
            nieuw = True
        else:
            nieuw = False
            if gemeente.naam != naam or gemeente.provincie_id != provincie.id:
                gemeente.naam, gemeente.provincie = naam, provincie
                gemeente.save(update_fields=["naam", "provincie"])
                resultaat.gewijzigd += 1
                nieuw = None
        tal = inwonertallen.get(gemeente.id)
        if tal is None:
            Inwonertal.objects.create(gemeente=gemeente, peildatum=peildatum, aantal=inwoners)
        elif tal.aantal != inwoners:
            tal.aantal = inwoners
            tal.save(update_fields=["aantal"])
            if nieuw is False:
                resultaat.gewijzigd += 1
                nieuw = None
        if nieuw is True:
            resultaat.nieuw += 1
        elif nieuw is False:
            resultaat.ongewijzigd += 1
    return resultaat


@transaction.atomic
def halfjaar_vastleggen(
    *,
    jaar: int,
    helft: int,
    landelijke_taakstelling: int,
    afrondingsmethode: str,
    illustratief: bool = False,
) -> Halfjaar:
    """Create a half-year or set its national number and rounding method."""
    halfjaar = Halfjaar.objects.filter(jaar=jaar, helft=helft).first() or Halfjaar(
        jaar=jaar, helft=helft
    )
    halfjaar.landelijke_taakstelling = landelijke_taakstelling
    halfjaar.afrondingsmethode = afrondingsmethode
    halfjaar.illustratief = illustratief
    halfjaar.full_clean()
    halfjaar.save()
    return halfjaar


def _gemeente_cel(cel: Cellen, gemeenten: dict[str, Gemeente]) -> Gemeente | None:
    code = cel.lees("gemeentecode", parse_gemeentecode)
    if code is None:
        return None
    gemeente = gemeenten.get(code)
    if gemeente is None:
        cel.fout("gemeentecode", FOUT_ONBEKENDE_GEMEENTE.format(code=code))
    return gemeente


@transaction.atomic
def taakstellingen_importeren(*, tabel: Tabel) -> Resultaat:
    """Create or update municipal quotas; a half-year that does not exist yet is created with the
    sum of its imported quotas as national number (method: overgenomen)."""
    gemeenten = _gemeenten_per_code()
    fouten: list[Fout] = []
    gezien: dict = {}
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        gemeente = _gemeente_cel(cel, gemeenten)
        periode = cel.lees("halfjaar", parse_halfjaar)
        personen = cel.lees("taakstelling", parse_aantal)
        if gemeente and periode:
            label = halfjaar_label(*periode)
            _controleer_dubbel(
                gezien, (gemeente.code, periode), rij, f"Gemeente {gemeente.code} in {label}", cel
            )
            if not _bestond_in(gemeente, *periode):
                cel.fout(
                    "gemeentecode",
                    FOUT_GEEINDIGDE_GEMEENTE.format(
                        code=gemeente.code, naam=gemeente.naam, halfjaar=label
                    ),
                )
        if cel.ok:
            regels.append((gemeente, periode, personen))
    if fouten:
        raise ImportFouten(fouten)

    halfjaren = {(h.jaar, h.helft): h for h in Halfjaar.objects.all()}
    for periode in sorted({p for _, p, _ in regels} - set(halfjaren)):
        halfjaren[periode] = halfjaar_vastleggen(
            jaar=periode[0],
            helft=periode[1],
            landelijke_taakstelling=sum(n for _, p, n in regels if p == periode),
            afrondingsmethode=Afrondingsmethode.OVERGENOMEN,
        )
    bestaand = {
        (t.gemeente_id, t.halfjaar_id): t
        for t in Taakstelling.objects.filter(halfjaar__in=[halfjaren[p] for _, p, _ in regels])
    }
    resultaat, nieuw, gewijzigd = Resultaat(), [], []
    for gemeente, periode, personen in regels:
        halfjaar = halfjaren[periode]
        record = bestaand.get((gemeente.id, halfjaar.id))
        if record is None:
            nieuw.append(Taakstelling(gemeente=gemeente, halfjaar=halfjaar, personen=personen))
        elif record.personen != personen:
            record.personen = personen
            gewijzigd.append(record)
        else:
            resultaat.ongewijzigd += 1
    # With history: plain bulk_create/bulk_update would bypass the audit trail.
    bulk_create_with_history(nieuw, Taakstelling)
    bulk_update_with_history(gewijzigd, Taakstelling, ["personen"])
    if nieuw or gewijzigd:
        gegevens_gewijzigd()
    resultaat.nieuw, resultaat.gewijzigd = len(nieuw), len(gewijzigd)
    return resultaat


@transaction.atomic
def startstanden_importeren(*, tabel: Tabel) -> Resultaat:
    """Set the opening balance of municipalities in the first half-year the system holds for them.

    A municipality has one opening balance; importing another replaces it.
    """
    gemeenten = _gemeenten_per_code()
    halfjaren = {(h.jaar, h.helft): h for h in Halfjaar.objects.all()}
    fouten: list[Fout] = []
    gezien: dict = {}
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        gemeente = _gemeente_cel(cel, gemeenten)
        periode = cel.lees("halfjaar", parse_halfjaar)
        personen = cel.lees("beginstand", parse_aantal, negatief_toegestaan=True)
        if periode and periode not in halfjaren:
            cel.fout("halfjaar", FOUT_ONBEKEND_HALFJAAR.format(label=halfjaar_label(*periode)))
        if gemeente:
            _controleer_dubbel(gezien, gemeente.code, rij, f"Gemeente {gemeente.code}", cel)
        if cel.ok:
            regels.append((gemeente, halfjaren[periode], personen))
    if fouten:
        raise ImportFouten(fouten)

    bestaand = {s.gemeente_id: s for s in Startstand.objects.all()}
    resultaat, nieuw, gewijzigd = Resultaat(), [], []
    for gemeente, halfjaar, personen in regels:
        record = bestaand.get(gemeente.id)
        if record is None:
            nieuw.append(Startstand(gemeente=gemeente, halfjaar=halfjaar, personen=personen))
        elif (record.halfjaar_id, record.personen) != (halfjaar.id, personen):
            record.halfjaar, record.personen = halfjaar, personen
            gewijzigd.append(record)
        else:
            resultaat.ongewijzigd += 1
    bulk_create_with_history(nieuw, Startstand)
    bulk_update_with_history(gewijzigd, Startstand, ["halfjaar", "personen"])
    if nieuw or gewijzigd:
        gegevens_gewijzigd()
    resultaat.nieuw, resultaat.gewijzigd = len(nieuw), len(gewijzigd)
    return resultaat
