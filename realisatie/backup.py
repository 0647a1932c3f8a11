"""Backup and restore of every figure, as the import files users already know.

``exporteren(map)`` writes one file per kind of figure in the format of its import command;
``herstellen(map)`` reads them back through the same import services, in one transaction, so
restoring into an empty database gives the same ``stand`` for every peildatum.

Files (CSV with ``;``, UTF-8 with BOM, so Excel opens them too):

    gemeenten_JJJJ-MM-DD.csv  importeer_gemeenten --peildatum JJJJ-MM-DD (one per population date),
                              plus begindatum;einddatum of each municipality
    gemeenten-zonder-inwonertal.csv  municipalities without any population (only when there are)
    halfjaren.csv             halfjaar;landelijke_taakstelling;afrondingsmethode;illustratief
    taakstelling.csv          importeer_taakstelling
    beginstand.csv            importeer_startstand
    realisatie.csv            importeer_realisatie
    opvangstand.csv           importeer_opvangstand
    herindelingen.csv         importeer_herindelingen
"""

import csv
import io
from datetime import date
from pathlib import Path

from django.db import transaction

from opnieuwthuis.bestanden import (
    Cellen,
    Fout,
    ImportFouten,
    lees_tabel,
    parse_aantal,
    parse_datum,
    parse_halfjaar,
)
from opnieuwthuis.perioden import Periode
from taakstelling.choices import Afrondingsmethode
from taakstelling.models import (
    Gemeente,
    Halfjaar,
    Herindeling,
    Inwonertal,
    Startstand,
    Taakstelling,
)
from taakstelling.services import (
    GEMEENTEN_KOLOMMEN,
    HERINDELING_KOLOMMEN,
    STARTSTAND_KOLOMMEN,
    TAAKSTELLING_KOLOMMEN,
    gemeenten_importeren,
    halfjaar_vastleggen,
    herindelingen_importeren,
    startstanden_importeren,
    taakstellingen_importeren,
)

from .models import Huisvesting, Opvangstand
from .services import (
    OPVANG_KOLOMMEN,
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    huisvestingen_importeren,
    opvangstanden_importeren,
)

HALFJAREN_KOLOMMEN = ["halfjaar", "landelijke_taakstelling", "afrondingsmethode", "illustratief"]

GEMEENTEN_EXTRA = ["inwoners", "begindatum", "einddatum"]
REDEN_HERSTEL = "Herstel uit backup"
ZONDER_INWONERTAL = "gemeenten-zonder-inwonertal.csv"

FOUT_GEEN_BACKUP = "In {map} staat geen backup (taakstelling.csv ontbreekt)."
FOUT_AFRONDINGSMETHODE = "'{waarde}' is geen afrondingsmethode (kies uit {keuzes})."
FOUT_JA_NEE = "'{waarde}' is geen ja of nee."


def _tekstcel(waarde: str) -> str:
    """Text that Excel would run as a formula gets a leading quote (security checklist).

    Only names are text here; numbers are written as numbers so the files import again.
    """
    if waarde and waarde[0] in "=+-@\t\r":
        return "'" + waarde
    return waarde


def _schrijf(pad: Path, kolommen: list[str], rijen) -> int:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen)
    aantal = 0
    for rij in rijen:
        schrijver.writerow(["" if v is None else v for v in rij])
        aantal += 1
    pad.write_bytes(("\ufeff" + uit.getvalue()).encode("utf-8"))
    return aantal


def exporteren(map_: Path) -> dict[str, int]:
    """Write every figure into ``map_``; returns the number of rows per file."""
    map_.mkdir(parents=True, exist_ok=True)
    verslag = {}
    gemeenten = list(Gemeente.objects.select_related("provincie").order_by("code"))
    peildata = sorted(set(Inwonertal.objects.values_list("peildatum", flat=True)))
    for peildatum in peildata:
        tallen = dict(
            Inwonertal.objects.filter(peildatum=peildatum).values_list("gemeente_id", "aantal")
        )
        naam = f"gemeenten_{peildatum.isoformat()}.csv"
        verslag[naam] = _schrijf(
            map_ / naam,
            [*GEMEENTEN_KOLOMMEN, *GEMEENTEN_EXTRA],
            (
                (
                    g.code,
                    _tekstcel(g.naam),
                    _tekstcel(g.provincie.naam),
                    g.provincie.code,
                    tallen[g.id],
                    g.begindatum.isoformat() if g.begindatum else "",
                    g.einddatum.isoformat() if g.einddatum else "",
                )
                for g in gemeenten
                if g.id in tallen
            ),
        )
    met_inwonertal = set(Inwonertal.objects.values_list("gemeente_id", flat=True))
    zonder = [g for g in gemeenten if g.id not in met_inwonertal]
    if zonder:
        verslag[ZONDER_INWONERTAL] = _schrijf(
            map_ / ZONDER_INWONERTAL,
            [*GEMEENTEN_KOLOMMEN, "begindatum", "einddatum"],
            (
                (
                    g.code,
                    _tekstcel(g.naam),
                    _tekstcel(g.provincie.naam),
                    g.provincie.code,
                    g.begindatum.isoformat() if g.begindatum else "",
                    g.einddatum.isoformat() if g.einddatum else "",
                )
                for g in zonder
            ),
        )
    verslag["halfjaren.csv"] = _schrijf(
        map_ / "halfjaren.csv",
        HALFJAREN_KOLOMMEN,
        (
            (
                h.label,
                h.landelijke_taakstelling,
                h.afrondingsmethode,
                "ja" if h.illustratief else "nee",
            )
            for h in Halfjaar.objects.order_by("jaar", "helft")
        ),
    )
    verslag["taakstelling.csv"] = _schrijf(
        map_ / "taakstelling.csv",
        TAAKSTELLING_KOLOMMEN,
        (
            (code, Periode(jaar, helft).label, personen)
            for code, jaar, helft, personen in Taakstelling.objects.order_by(
                "halfjaar__jaar", "halfjaar__helft", "gemeente__code"
            ).values_list("gemeente__code", "halfjaar__jaar", "halfjaar__helft", "personen")
        ),
    )
    verslag["beginstand.csv"] = _schrijf(
        map_ / "beginstand.csv",
        STARTSTAND_KOLOMMEN,
        (
            (code, Periode(jaar, helft).label, personen)
            for code, jaar, helft, personen in Startstand.objects.order_by(
                "gemeente__code"
            ).values_list("gemeente__code", "halfjaar__jaar", "halfjaar__helft", "personen")
        ),
    )
    verslag["realisatie.csv"] = _schrijf(
        map_ / "realisatie.csv",
        [*REALISATIE_KOLOMMEN, *UITSPLITSING],
        (
            (code, maand.strftime("%Y-%m"), *waarden)
            for code, maand, *waarden in Huisvesting.objects.order_by(
                "maand", "gemeente__code"
            ).values_list(
                "gemeente__code",
                "maand",
                "personen",
                "alleenstaanden",
                "gezinsleden",
                "nareizigers",
            )
        ),
    )
    verslag["herindelingen.csv"] = _schrijf(
        map_ / "herindelingen.csv",
        HERINDELING_KOLOMMEN,
        (
            (
                h.datum.isoformat(),
                h.van.code,
                h.naar.code,
                _tekstcel(h.naar.naam),
                h.naar.provincie.code,
                str(h.aandeel),
            )
            for h in Herindeling.objects.select_related("van", "naar__provincie").order_by(
                "datum", "van__code", "naar__code"
            )
        ),
    )
    verslag["opvangstand.csv"] = _schrijf(
        map_ / "opvangstand.csv",
        OPVANG_KOLOMMEN,
        (
            (o.peildatum.isoformat(), o.wachtend, o.alleenstaand)
            for o in Opvangstand.objects.order_by("peildatum")
        ),
    )
    return verslag


def _ja_nee(waarde: str) -> bool:
    tekst = waarde.strip().lower()
    if tekst in ("ja", "1", "true", "waar"):
        return True
    if tekst in ("nee", "0", "false", "onwaar", ""):
        return False
    raise ValueError(FOUT_JA_NEE.format(waarde=waarde.strip()))


def _afrondingsmethode(waarde: str) -> str:
    if waarde.strip() not in Afrondingsmethode.values:
        raise ValueError(
            FOUT_AFRONDINGSMETHODE.format(
                waarde=waarde.strip(), keuzes=", ".join(Afrondingsmethode.values)
            )
        )
    return waarde.strip()


def _halfjaren_herstellen(inhoud: bytes) -> int:
    tabel = lees_tabel(inhoud, HALFJAREN_KOLOMMEN)
    fouten: list[Fout] = []
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        periode = cel.lees("halfjaar", parse_halfjaar)
        landelijk = cel.lees("landelijke_taakstelling", parse_aantal)
        methode = cel.lees("afrondingsmethode", _afrondingsmethode)
        illustratief = cel.lees("illustratief", _ja_nee, verplicht=False) or False
        if cel.ok:
            regels.append((periode, landelijk, methode, illustratief))
    if fouten:
        raise ImportFouten(fouten)
    for (jaar, helft), landelijk, methode, illustratief in regels:
        halfjaar_vastleggen(
            jaar=jaar,
            helft=helft,
            landelijke_taakstelling=landelijk,
            afrondingsmethode=methode,
            illustratief=illustratief,
        )
    return len(regels)


def _gemeenten_zonder_inwonertal(tabel) -> int:
    """Municipalities the system holds without any population (the municipalities import needs
    one): created as they were, with their province."""
    from taakstelling.models import Provincie

    nieuw = 0
    for _rij, cellen in tabel.rijen:
        provincie, _ = Provincie.objects.get_or_create(
            code=cellen["provinciecode"].strip(), defaults={"naam": cellen["provincie"].strip()}
        )
        code = cellen["gemeentecode"].strip().upper()
        if not Gemeente.objects.filter(code=code).exists():
            gemeente = Gemeente(code=code, naam=cellen["gemeentenaam"].strip(), provincie=provincie)
            gemeente.full_clean()
            gemeente.save()
            nieuw += 1
    return nieuw


def _gemeentedata_herstellen(tabel) -> None:
    """Begin and end dates are not part of the municipalities import; set them afterwards."""
    per_code = {g.code: g for g in Gemeente.objects.all()}
    for _rij, cellen in tabel.rijen:
        g = per_code.get(cellen["gemeentecode"].strip().upper())
        if g is None:
            continue
        begin = parse_datum(cellen["begindatum"]) if cellen.get("begindatum") else None
        einde = parse_datum(cellen["einddatum"]) if cellen.get("einddatum") else None
        if (g.begindatum, g.einddatum) != (begin, einde):
            g.begindatum, g.einddatum = begin, einde
            g.full_clean()
            g.save(update_fields=["begindatum", "einddatum"])


@transaction.atomic
def herstellen(map_: Path) -> dict[str, str]:
    """Import a backup made by ``exporteren``: everything, or (on any error) nothing."""
    if not (map_ / "taakstelling.csv").is_file():
        raise ImportFouten([Fout(None, None, FOUT_GEEN_BACKUP.format(map=map_))])
    verslag = {}

    def lees(naam: str, kolommen: list[str], optioneel=()):
        try:
            return lees_tabel((map_ / naam).read_bytes(), kolommen, list(optioneel))
        except ImportFouten as fout:
            raise ImportFouten(
                [Fout(f.rij, f.kolom, f"{naam}: {f.melding}") for f in fout.fouten]
            ) from None

    gemeentetabellen = []
    for pad in sorted(map_.glob("gemeenten_*.csv")):
        peildatum = date.fromisoformat(pad.stem.removeprefix("gemeenten_"))
        tabel = lees(pad.name, GEMEENTEN_KOLOMMEN, ["inwoners*", "begindatum", "einddatum"])
        verslag[pad.name] = str(gemeenten_importeren(tabel=tabel, peildatum=peildatum))
        gemeentetabellen.append(tabel)
    if (map_ / ZONDER_INWONERTAL).is_file():
        tabel = lees(ZONDER_INWONERTAL, GEMEENTEN_KOLOMMEN, ["begindatum", "einddatum"])
        verslag[ZONDER_INWONERTAL] = f"{_gemeenten_zonder_inwonertal(tabel)} gemeenten"
        gemeentetabellen.append(tabel)
    if (map_ / "halfjaren.csv").is_file():
        verslag["halfjaren.csv"] = (
            f"{_halfjaren_herstellen((map_ / 'halfjaren.csv').read_bytes())} halfjaren"
        )
    verslag["taakstelling.csv"] = str(
        taakstellingen_importeren(tabel=lees("taakstelling.csv", TAAKSTELLING_KOLOMMEN))
    )
    if (map_ / "beginstand.csv").is_file() and _heeft_rijen(map_ / "beginstand.csv"):
        verslag["beginstand.csv"] = str(
            startstanden_importeren(tabel=lees("beginstand.csv", STARTSTAND_KOLOMMEN))
        )
    if (map_ / "realisatie.csv").is_file() and _heeft_rijen(map_ / "realisatie.csv"):
        verslag["realisatie.csv"] = str(
            huisvestingen_importeren(
                tabel=lees("realisatie.csv", REALISATIE_KOLOMMEN, UITSPLITSING),
                reden=REDEN_HERSTEL,
            )
        )
    if (map_ / "opvangstand.csv").is_file() and _heeft_rijen(map_ / "opvangstand.csv"):
        verslag["opvangstand.csv"] = str(
            opvangstanden_importeren(tabel=lees("opvangstand.csv", OPVANG_KOLOMMEN))
        )
    # As in the demo: reorganisations after the figures; then every begin and end date exactly as
    # it was (the reorganisation import derives them, the backup knows them).
    if (map_ / "herindelingen.csv").is_file() and _heeft_rijen(map_ / "herindelingen.csv"):
        verslag["herindelingen.csv"] = str(
            herindelingen_importeren(tabel=lees("herindelingen.csv", HERINDELING_KOLOMMEN))
        )
    for tabel in gemeentetabellen:
        _gemeentedata_herstellen(tabel)
    return verslag


def _heeft_rijen(pad: Path) -> bool:
    """An export of an empty table is a header only; that restores as nothing, not as an error."""
    return len(pad.read_bytes().decode("utf-8-sig").strip().splitlines()) > 1
