"""Writing municipalities, populations, half-years, quotas and opening balances.

Each import first reads and checks every row, collecting every error; only a file without errors
is written, in one transaction. A file with any error changes nothing.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from opnieuwthuis.bestanden import (
    FOUT_TE_LANG,
    MAX_INWONERS,
    Cellen,
    Fout,
    ImportFouten,
    Tabel,
    parse_aandeel,
    parse_aantal,
    parse_datum,
    parse_gemeentecode,
    parse_halfjaar,
    parse_tekst,
)
from opnieuwthuis.cache import gegevens_gewijzigd
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.perioden import Periode

from .choices import Afrondingsmethode
from .models import (
    Gemeente,
    Halfjaar,
    Herindeling,
    Herziening,
    Inwonertal,
    Provincie,
    Startstand,
    Taakstelling,
    Uitwisseling,
    VervangenTaakstelling,
)
from .selectors import Verdeling, verdeling_berekenen

FOUT_DUBBEL = "{sleutel} staat al in rij {eerdere}."
FOUT_ONBEKENDE_GEMEENTE = "Gemeente '{code}' is onbekend; importeer eerst de gemeenten."
FOUT_GEEINDIGDE_GEMEENTE = "Gemeente {code} ({naam}) bestond niet meer in {halfjaar}."
FOUT_PROVINCIECODE = "'{waarde}' is geen provinciecode (schrijf bijvoorbeeld PV27)."
FOUT_PROVINCIE_ANDERS = "Provincie {code} heet elders in het bestand '{naam}'."
FOUT_INWONERS_KOLOM = (
    "Er is geen kolom met inwoners (bijvoorbeeld 'inwoners' of 'inwoners_1jan2016')."
)
FOUT_ONBEKEND_HALFJAAR = "Halfjaar {label} bestaat niet; importeer eerst de taakstelling."

# The longest name a column holds: a longer one is a row error, never a database error.
NAAM_LENGTE = Gemeente._meta.get_field("naam").max_length
PROVINCIENAAM_LENGTE = Provincie._meta.get_field("naam").max_length

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
    """May the municipality carry a quota in the half-year?

    A municipality that ends on the first day of the half-year still may: the quota of a half-year
    is set at least 13 weeks before it starts, over the municipalities of that moment (2017-I was
    carried by the 390 municipalities of 2016 although Meierijstad began on 1 January 2017).
    """
    periode = Periode(jaar, helft)
    if gemeente.einddatum and gemeente.einddatum < periode.begin:
        return False
    return not (gemeente.begindatum and gemeente.begindatum >= periode.volgende.begin)


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
        naam = cel.lees("gemeentenaam", parse_tekst, maximum=NAAM_LENGTE)
        provincie = cel.lees("provincie", parse_tekst, maximum=PROVINCIENAAM_LENGTE)
        provinciecode = cel.lees("provinciecode", _parse_provinciecode)
        inwoners = cel.lees(inwonerkolom, parse_aantal, maximum=MAX_INWONERS)
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


def _gemeente_cel(
    cel: Cellen, gemeenten: dict[str, Gemeente], *, kolom: str = "gemeentecode"
) -> Gemeente | None:
    code = cel.lees(kolom, parse_gemeentecode)
    if code is None:
        return None
    gemeente = gemeenten.get(code)
    if gemeente is None:
        cel.fout(kolom, FOUT_ONBEKENDE_GEMEENTE.format(code=code))
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
            label = Periode(*periode).label
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
            cel.fout("halfjaar", FOUT_ONBEKEND_HALFJAAR.format(label=Periode(*periode).label))
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


# Distribution, revision and exchange (Huisvestingswet 2014 art. 29).

FOUT_VANAF_BUITEN_HALFJAAR = (
    "De ingangsdatum {datum} ligt niet in halfjaar {halfjaar} na de eerste dag; een herziening "
    "gaat in tijdens het halfjaar."
)
FOUT_HERZIENING_ZONDER_TAAKSTELLING = (
    "Halfjaar {halfjaar} heeft nog geen taakstellingen om te herzien; verdeel eerst zonder "
    "ingangsdatum."
)
FOUT_HERZIENING_VOLGORDE = (
    "Halfjaar {halfjaar} is al herzien per {datum}; een nieuwe herziening gaat later in."
)
FOUT_UITWISSELING_GEEN_TAAKSTELLING = "{gemeente} heeft geen taakstelling in {halfjaar}."
FOUT_UITWISSELING_TE_GROOT = (
    "{gemeente} heeft in {halfjaar} een taakstelling van {taakstelling}; daarvan kunnen geen "
    "{personen} personen naar een andere gemeente."
)
FOUT_UITWISSELING_ZELFDE = "Een gemeente wisselt niet met zichzelf uit; kies twee gemeenten."
FOUT_UITWISSELING_NUL = "Een uitwisseling verplaatst minstens één persoon."


def _taakstellingen_schrijven(halfjaar: Halfjaar, nieuw: dict[int, int]) -> tuple[int, int, int]:
    """Make the quotas of ``halfjaar`` exactly ``nieuw`` (gemeente_id → personen), leaving history
    for every created, changed and removed row."""
    huidig = {t.gemeente_id: t for t in Taakstelling.objects.filter(halfjaar=halfjaar)}
    aanmaken = [
        Taakstelling(gemeente_id=g, halfjaar=halfjaar, personen=p)
        for g, p in nieuw.items()
        if g not in huidig
    ]
    wijzigen = []
    for g, t in huidig.items():
        if g in nieuw and t.personen != nieuw[g]:
            t.personen = nieuw[g]
            wijzigen.append(t)
    weg = [t for g, t in huidig.items() if g not in nieuw]
    bulk_create_with_history(aanmaken, Taakstelling)
    bulk_update_with_history(wijzigen, Taakstelling, ["personen"])
    for t in weg:
        t.delete()  # one at a time: simple_history records each deletion
    return len(aanmaken), len(wijzigen), len(weg)


def _uitwisselingen_toepassen(halfjaar: Halfjaar | None, personen: dict[int, int]) -> None:
    """Apply the recorded exchanges of the half-year again after a (re)distribution."""
    if halfjaar is None:
        return
    for u in Uitwisseling.objects.filter(halfjaar=halfjaar).select_related("van", "naar"):
        for gemeente in (u.van, u.naar):
            if gemeente.id not in personen:
                raise ValidationError(
                    FOUT_UITWISSELING_GEEN_TAAKSTELLING.format(gemeente=gemeente, halfjaar=halfjaar)
                )
        if personen[u.van_id] < u.personen:
            raise ValidationError(
                FOUT_UITWISSELING_TE_GROOT.format(
                    gemeente=u.van,
                    halfjaar=halfjaar,
                    taakstelling=personen[u.van_id],
                    personen=u.personen,
                )
            )
        personen[u.van_id] -= u.personen
        personen[u.naar_id] += u.personen


@transaction.atomic
def taakstelling_verdelen(
    *,
    jaar: int,
    helft: int,
    landelijk: int,
    methode: str = Afrondingsmethode.WETTELIJK,
    inwoners_peildatum: date | None = None,
    vanaf: date | None = None,
    illustratief: bool | None = None,
) -> Verdeling:
    """Distribute a national number over the municipalities by population and store the quotas.

    Without ``vanaf`` the half-year's quotas are (re)set over the municipalities that exist at its
    start. With ``vanaf`` it is a revision during the half-year (domain rule 5): the municipalities
    that carry a quota get the recomputed one from that date, and their earlier quotas are kept
    for peildata before it. Recorded exchanges are applied again either way. Raises
    ``VerdelingFout`` or ``ValidationError`` with a Dutch message; then nothing changes.
    """
    periode = Periode(jaar, helft)
    label = periode.label
    halfjaar = Halfjaar.objects.select_for_update().filter(jaar=jaar, helft=helft).first()
    herziening = None
    if vanaf is not None:
        if not periode.begin < vanaf <= periode.einde:
            raise ValidationError(
                FOUT_VANAF_BUITEN_HALFJAAR.format(datum=datum_lang(vanaf), halfjaar=label)
            )
        if halfjaar is None or not halfjaar.taakstellingen.exists():
            raise ValidationError(FOUT_HERZIENING_ZONDER_TAAKSTELLING.format(halfjaar=label))
        laatste = halfjaar.herzieningen.order_by("-ingangsdatum").first()
        if laatste and laatste.ingangsdatum >= vanaf:
            raise ValidationError(
                FOUT_HERZIENING_VOLGORDE.format(
                    halfjaar=label, datum=datum_lang(laatste.ingangsdatum)
                )
            )
    verdeling = verdeling_berekenen(
        jaar=jaar,
        helft=helft,
        landelijk=landelijk,
        methode=methode,
        inwoners_peildatum=inwoners_peildatum,
        herziening=vanaf is not None,
    )
    personen = {r.gemeente.id: r.personen for r in verdeling.regels}
    _uitwisselingen_toepassen(halfjaar, personen)
    if vanaf is not None:
        herziening = Herziening(
            halfjaar=halfjaar,
            ingangsdatum=vanaf,
            landelijk_oud=halfjaar.landelijke_taakstelling,
            landelijk_nieuw=landelijk,
            afrondingsmethode=methode,
        )
        herziening.full_clean()
        herziening.save()
        bulk_create_with_history(
            [
                VervangenTaakstelling(herziening=herziening, gemeente_id=g, personen=p)
                for g, p in halfjaar.taakstellingen.values_list("gemeente_id", "personen")
            ],
            VervangenTaakstelling,
        )
    halfjaar = halfjaar_vastleggen(
        jaar=jaar,
        helft=helft,
        landelijke_taakstelling=landelijk,
        afrondingsmethode=methode,
        illustratief=(halfjaar.illustratief if halfjaar else False)
        if illustratief is None
        else illustratief,
    )
    _taakstellingen_schrijven(halfjaar, personen)
    gegevens_gewijzigd()
    return verdeling


@transaction.atomic
def uitwisseling_vastleggen(
    *, halfjaar: Halfjaar, van: Gemeente, naar: Gemeente, personen: int, toelichting: str = ""
) -> Uitwisseling:
    """Record an exchange (art. 29 lid 2): ``van`` houses ``personen`` fewer, ``naar`` as many
    more; their combined quota stays the same."""
    if van.id == naar.id:
        raise ValidationError(FOUT_UITWISSELING_ZELFDE)
    if personen <= 0:
        raise ValidationError(FOUT_UITWISSELING_NUL)
    taak = {
        t.gemeente_id: t
        for t in Taakstelling.objects.select_for_update().filter(
            halfjaar=halfjaar, gemeente__in=[van, naar]
        )
    }
    for gemeente in (van, naar):
        if gemeente.id not in taak:
            raise ValidationError(
                FOUT_UITWISSELING_GEEN_TAAKSTELLING.format(gemeente=gemeente, halfjaar=halfjaar)
            )
    if taak[van.id].personen < personen:
        raise ValidationError(
            FOUT_UITWISSELING_TE_GROOT.format(
                gemeente=van,
                halfjaar=halfjaar,
                taakstelling=taak[van.id].personen,
                personen=personen,
            )
        )
    uitwisseling = Uitwisseling(
        halfjaar=halfjaar, van=van, naar=naar, personen=personen, toelichting=toelichting
    )
    uitwisseling.full_clean()
    uitwisseling.save()
    for gemeente_id, verschil in ((van.id, -personen), (naar.id, personen)):
        record = taak[gemeente_id]
        record.personen += verschil
        record.full_clean()
        record.save(update_fields=["personen"])
    gegevens_gewijzigd()
    return uitwisseling


# Reorganisations (herindelingen, art. 30).

HERINDELING_KOLOMMEN = [
    "datum",
    "van_gemeentecode",
    "naar_gemeentecode",
    "naar_gemeentenaam",
    "naar_provincie",
    "aandeel",
]
FOUT_HERINDELING_DATUM = "Een herindeling gaat in op 1 januari, niet op {datum}."
FOUT_ONBEKENDE_PROVINCIE = (
    "Provincie '{waarde}' is onbekend (schrijf de naam of de code, bijvoorbeeld Noord-Brabant "
    "of PV30)."
)
FOUT_NIEUWE_GEMEENTE_ONVOLLEDIG = "Gemeente {code} is nieuw: vul de naam en de provincie in."
FOUT_NAAM_ANDERS = "Gemeente {code} heet '{naam}', niet '{ander}'."
FOUT_NIEUWE_GEMEENTE_ANDERS = (
    "Gemeente {code} staat in rij {eerdere} met een andere naam of provincie."
)
FOUT_AANDELEN_SOM = (
    "De aandelen van {van} op {datum} tellen op tot {som}, niet tot 1 (rijen {rijen})."
)
FOUT_VAN_BESTOND_NIET = "Gemeente {code} ({naam}) bestond op {datum} niet (meer)."
FOUT_NAAR_BESTOND_NIET = "Gemeente {code} ({naam}) bestaat op {datum} niet meer."
AANDEEL_MARGE = Decimal("0.00001")


def _provincie_bij(waarde: str, provincies: list[Provincie]) -> Provincie:
    tekst = waarde.strip()
    for provincie in provincies:
        if tekst.upper() == provincie.code or tekst.lower() == provincie.naam.lower():
            return provincie
    raise ValueError(FOUT_ONBEKENDE_PROVINCIE.format(waarde=tekst))


def _decimaal_aandeel(waarde: str) -> Decimal:
    parse_aandeel(waarde)  # the Dutch message for anything that is not a share
    return Decimal(waarde.strip().replace(",", ".")).quantize(Decimal("0.000001"))


@transaction.atomic
def herindelingen_importeren(*, tabel: Tabel) -> Resultaat:
    """Record reorganisations: new successors are created, predecessors that do not continue end
    on the date. Importing the same file again changes nothing."""
    gemeenten = _gemeenten_per_code()
    provincies = list(Provincie.objects.all())
    fouten: list[Fout] = []
    gezien: dict = {}
    nieuwe: dict[str, tuple] = {}  # code -> (naam, provincie, rij)
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        datum = cel.lees("datum", parse_datum)
        van = _gemeente_cel(cel, gemeenten, kolom="van_gemeentecode")
        naar_code = cel.lees("naar_gemeentecode", parse_gemeentecode)
        naar_naam = cel.cellen.get("naar_gemeentenaam", "").strip()
        if len(naar_naam) > NAAM_LENGTE:
            cel.fout(
                "naar_gemeentenaam", FOUT_TE_LANG.format(lengte=len(naar_naam), maximum=NAAM_LENGTE)
            )
            naar_naam = ""
        provincie = cel.lees(
            "naar_provincie", _provincie_bij, verplicht=False, provincies=provincies
        )
        aandeel = cel.lees("aandeel", _decimaal_aandeel)
        if datum and (datum.month, datum.day) != (1, 1):
            cel.fout("datum", FOUT_HERINDELING_DATUM.format(datum=datum_lang(datum)))
        naar = gemeenten.get(naar_code) if naar_code else None
        if naar_code and naar is None:
            if not naar_naam or (provincie is None and cel.ok):
                kolom = "naar_gemeentenaam" if not naar_naam else "naar_provincie"
                cel.fout(kolom, FOUT_NIEUWE_GEMEENTE_ONVOLLEDIG.format(code=naar_code))
            elif naar_code in nieuwe and nieuwe[naar_code][:2] != (naar_naam, provincie):
                cel.fout(
                    "naar_gemeentenaam",
                    FOUT_NIEUWE_GEMEENTE_ANDERS.format(
                        code=naar_code, eerdere=nieuwe[naar_code][2]
                    ),
                )
            else:
                nieuwe.setdefault(naar_code, (naar_naam, provincie, rij))
        elif naar is not None and naar_naam and naar_naam != naar.naam:
            cel.fout(
                "naar_gemeentenaam",
                FOUT_NAAM_ANDERS.format(code=naar.code, naam=naar.naam, ander=naar_naam),
            )
        if datum and van and naar_code:
            _controleer_dubbel(
                gezien,
                (datum, van.code, naar_code),
                rij,
                f"De herindeling van {van.code} naar {naar_code} op {datum_lang(datum)}",
                cel,
            )
        if datum and naar is not None and naar.einddatum and naar.einddatum <= datum:
            cel.fout(
                "naar_gemeentecode",
                FOUT_NAAR_BESTOND_NIET.format(
                    code=naar.code, naam=naar.naam, datum=datum_lang(datum)
                ),
            )
        if cel.ok:
            regels.append((rij, datum, van, naar_code, aandeel))
    # Per predecessor and date the shares add up to 1, and the predecessor existed that day.
    per_van: dict[tuple, list] = {}
    for regel in regels:
        per_van.setdefault((regel[1], regel[2].code), []).append(regel)
    for (datum, _code), groep in per_van.items():
        van = groep[0][2]
        som = sum(r[4] for r in groep)
        rijnummers = ", ".join(str(r[0]) for r in groep)
        if abs(som - 1) > AANDEEL_MARGE:
            fouten.append(
                Fout(
                    groep[0][0],
                    "aandeel",
                    FOUT_AANDELEN_SOM.format(
                        van=van,
                        datum=datum_lang(datum),
                        som=f"{som.normalize():f}".replace(".", ","),
                        rijen=rijnummers,
                    ),
                )
            )
        blijft = any(r[3] == van.code for r in groep)
        bestond = (van.begindatum is None or van.begindatum <= datum) and (
            van.einddatum is None
            or van.einddatum > datum
            or (van.einddatum == datum and not blijft)
        )
        if not bestond:
            fouten.append(
                Fout(
                    groep[0][0],
                    "van_gemeentecode",
                    FOUT_VAN_BESTOND_NIET.format(
                        code=van.code, naam=van.naam, datum=datum_lang(datum)
                    ),
                )
            )
    if fouten:
        raise ImportFouten(sorted(fouten, key=lambda f: f.rij or 0))

    for code, (naam, provincie, _rij) in nieuwe.items():
        datum = next(r[1] for r in regels if r[3] == code)
        gemeente = Gemeente(code=code, naam=naam, provincie=provincie, begindatum=datum)
        gemeente.full_clean()
        gemeente.save()
        gemeenten[code] = gemeente
    # A predecessor ends on the date, or, when it already carries the quota of the half-year that
    # starts then (set before the reorganisation), at the end of its last half-year with a quota:
    # its figures for that half-year stay valid (2017-I: 390 municipalities).
    laatste: dict[int, tuple[int, int]] = {}
    for gemeente_id, jaar, helft in Taakstelling.objects.filter(
        gemeente__in=[groep[0][2] for groep in per_van.values()]
    ).values_list("gemeente_id", "halfjaar__jaar", "halfjaar__helft"):
        laatste[gemeente_id] = max(laatste.get(gemeente_id, (0, 0)), (jaar, helft))
    for (datum, _code), groep in per_van.items():
        van = groep[0][2]
        if any(r[3] == van.code for r in groep):
            continue  # it continues, smaller
        einde = datum
        if van.id in laatste:
            jaar, helft = laatste[van.id]
            einde = max(datum, Periode(jaar, helft).volgende.begin)
        if van.einddatum != einde:
            van.einddatum = einde
            van.full_clean()
            van.save(update_fields=["einddatum"])
    bestaand = {(h.datum, h.van_id, h.naar_id): h for h in Herindeling.objects.all()}
    resultaat = Resultaat()
    for _rij, datum, van, naar_code, aandeel in regels:
        naar = gemeenten[naar_code]
        record = bestaand.get((datum, van.id, naar.id))
        if record is None:
            record = Herindeling(datum=datum, van=van, naar=naar, aandeel=aandeel)
            resultaat.nieuw += 1
        elif record.aandeel != aandeel:
            record.aandeel = aandeel
            resultaat.gewijzigd += 1
        else:
            resultaat.ongewijzigd += 1
            continue
        record.full_clean()
        record.save()
    if resultaat.nieuw or resultaat.gewijzigd:
        gegevens_gewijzigd()
    return resultaat
