"""The complete backup: everything a person or a file put into the system, in one archive.

``exporteren(pad)`` writes one ZIP file: ``manifest.json`` (format, version, the migrations of the
database, and per part the model, the number of rows and the SHA-256 of its file), one JSON file
per model under ``gegevens/`` with every row exactly as stored (no spreadsheet escaping: a name
that begins with ``=`` comes back as it was), and the stored files of file fields under
``bestanden/``. Bytes (the uploaded files) travel as base64, times with their microseconds.

``herstellen(pad)`` first checks the whole archive against its manifest (every checksum, every
count, every model and field known here, no migration unknown here) and changes nothing when
anything is wrong. It then writes everything in one transaction, into an empty database or, with
``vervangen=True``, in place of everything there. Primary keys stay as they were, so every
reference (a quota replaced by a revision, the user of a history row, an upload's user) holds.

What is in the backup is the explicit list ``MODELLEN``, in the order a restore writes it (a
model after every model it points to); a model with django-simple-history brings its historical
table. What is deliberately left out is ``NIET_IN_BACKUP``, with the reason.
``tests/realisatie/test_backup.py`` fails for any model in neither list, so a new model is one
line here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from opnieuwthuis.bestanden import Fout, ImportFouten
from opnieuwthuis.cache import gegevens_gewijzigd

_PROJECT = Path(__file__).resolve().parent.parent
FORMAAT = "opnieuwthuis-backup"
VERSIE = 1
MANIFEST = "manifest.json"

MODELLEN = [
    "auth.Group",
    "taakstelling.Provincie",
    "taakstelling.Gemeente",
    "taakstelling.Inwonertal",
    "taakstelling.Halfjaar",
    "taakstelling.Taakstelling",
    "taakstelling.Startstand",
    "taakstelling.Herindeling",
    "taakstelling.Uitwisseling",
    "taakstelling.Herziening",
    "taakstelling.VervangenTaakstelling",
    "gebruikers.Gebruiker",
    "gebruikers.ApiToken",  # only the SHA-256 of each key is stored, so only that is backed up
    "auth.Group_permissions",
    "gebruikers.Gebruiker_groups",
    "gebruikers.Gebruiker_user_permissions",
    "realisatie.Huisvesting",
    "realisatie.Opvangstand",
    "realisatie.Upload",
    # The monthly cycle: month states, reopenings, acknowledged warnings, corrections.
    "realisatie.Maand",
    "realisatie.Heropening",
    "realisatie.Waarschuwingsakkoord",
    "realisatie.Correctie",
    "toezicht.Oordeel",
    "toezicht.Ladderstap",
    "berichten.Maandbericht",
    "berichten.Berichtvoorkeur",
    # The report: national-only half-years, the platform's words, and what was published (the
    # files byte for byte: a restore keeps every sha256).
    "rapportage.LandelijkHalfjaar",
    "rapportage.Rapporttekst",
    "rapportage.GepubliceerdRapport",
    # Who changed what in the admin, and who logged in (or failed to): the login history.
    "admin.LogEntry",
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
    "axes.AccessLog",
    "axes.AccessFailureLog",
]

NIET_IN_BACKUP = {
    "taakstelling.Gegevensversie": "afgeleid: na een herstel krijgt elke cache een nieuwe versie",
    "contenttypes.ContentType": "maakt migrate; verwijzingen gaan op naam (app en model)",
    "auth.Permission": "maakt migrate; verwijzingen gaan op naam (codename, app en model)",
    "sessions.Session": "sessies: na een herstel logt iedereen opnieuw in",
}

FOUT_GEEN_ARCHIEF = "{pad} is geen backup van Opnieuw Thuis (geen leesbaar ZIP-archief)."
FOUT_GEEN_MANIFEST = "In {pad} staat geen manifest.json; dit is geen (volledige) backup."
FOUT_MANIFEST = "Het manifest van {pad} is beschadigd of van een ander formaat."
FOUT_VERSIE = "Deze backup heeft formaatversie {versie}; dit systeem leest versie {eigen}."
FOUT_ONTBREEKT = "{bestand} staat in het manifest maar niet in het archief."
FOUT_CHECKSUM = "{bestand} is beschadigd: de SHA-256 klopt niet met het manifest."
FOUT_AANTAL = "{bestand} heeft {gevonden} rijen; het manifest zegt {verwacht}."
FOUT_ONBEKEND_MODEL = "{model} is hier onbekend; de backup komt van een andere versie."
FOUT_ONBEKEND_VELD = "{model}: veld {veld} bestaat hier niet; de backup komt van een andere versie."
FOUT_MIGRATIE = (
    "De backup komt van een nieuwere versie van Opnieuw Thuis: migratie {migratie} is hier niet "
    "gedraaid. Werk eerst de applicatie bij (en draai migrate)."
)
FOUT_NIET_LEEG = (
    "De database is niet leeg ({inhoud}). Herstel gaat in een lege database; geef --forceer om "
    "alles wat er staat te vervangen door de backup."
)
FOUT_SCHRIJVEN = "De backup kon niet worden teruggezet ({melding}); er is niets gewijzigd."
FOUT_NATUURLIJKE_SLEUTEL = "{model}: {sleutel} bestaat hier niet."


@dataclass(frozen=True)
class Onderdeel:
    """One part of the archive: a model, its file and what the manifest says about it."""

    model: str
    bestand: str
    rijen: int
    sha256: str


def modellen() -> list[type[models.Model]]:
    """Every model of the backup in restore order: the listed ones, then their history tables
    (these only point to users, and their other references carry no constraint)."""
    basis = [apps.get_model(label) for label in MODELLEN if _bestaat(label)]
    historie = []
    for model in basis:
        try:
            historie.append(apps.get_model(model._meta.app_label, f"Historical{model.__name__}"))
        except LookupError:
            continue
    return basis + historie


def _bestaat(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


# Values as JSON, exactly: ------------------------------------------------------------------

# References to rows that migrate makes get their natural key: their ids differ between databases.
_OP_NAAM = ("contenttypes.ContentType", "auth.Permission")


def _op_naam(veld: models.Field) -> bool:
    return veld.is_relation and veld.related_model._meta.label in _OP_NAAM


def _natuurlijke_sleutels(label: str) -> dict[int, list]:
    model = apps.get_model(label)
    return {obj.pk: list(obj.natural_key()) for obj in model._base_manager.all()}


def _naar_json(waarde):
    if isinstance(waarde, datetime | date | time):
        return waarde.isoformat()
    if isinstance(waarde, Decimal | UUID):
        return str(waarde)
    if isinstance(waarde, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(waarde)).decode("ascii")
    return waarde


def _sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def _toegepaste_migraties() -> list[str]:
    return sorted(
        f"{app}.{naam}" for app, naam in MigrationRecorder(connection).applied_migrations()
    )


def _lees_tabel(model, sleutels: dict[str, dict[int, list]]) -> tuple[list[str], list[list]]:
    velden = list(model._meta.concrete_fields)
    rijen = []
    for rij in model._base_manager.order_by("pk").values_list(*[v.attname for v in velden]):
        uit = []
        for veld, waarde in zip(velden, rij):
            if waarde is not None and _op_naam(veld):
                waarde = sleutels[veld.related_model._meta.label][waarde]
            uit.append(_naar_json(waarde))
        rijen.append(uit)
    return [v.attname for v in velden], rijen


def exporteren(pad: Path) -> dict[str, int]:
    """Write the archive to ``pad``; returns the number of rows per model.

    Everything is read in one transaction (on PostgreSQL in REPEATABLE READ, so the archive is
    one moment even while others write)."""
    pad = Path(pad)
    verslag: dict[str, int] = {}
    onderdelen: list[dict] = []
    bestanden: list[dict] = []
    tijdelijk = pad.with_name(pad.name + ".bezig")
    eigen_transactie = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and eigen_transactie:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        sleutels = {label: _natuurlijke_sleutels(label) for label in _OP_NAAM}
        with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as archief:
            for model in modellen():
                label = model._meta.label
                velden, rijen = _lees_tabel(model, sleutels)
                inhoud = json.dumps(
                    {"model": label, "velden": velden, "rijen": rijen},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ).encode("utf-8")
                naam = f"gegevens/{label}.json"
                archief.writestr(naam, inhoud)
                onderdelen.append(
                    {
                        "model": label,
                        "bestand": naam,
                        "rijen": len(rijen),
                        "sha256": _sha256(inhoud),
                    }
                )
                verslag[label] = len(rijen)
                bestanden += _bestanden_schrijven(archief, model)
            manifest = {
                "formaat": FORMAAT,
                "versie": VERSIE,
                "gemaakt_op": timezone.now().isoformat(),
                "database": connection.vendor,
                "migraties": _toegepaste_migraties(),
                "onderdelen": onderdelen,
                "bestanden": bestanden,
            }
            archief.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    tijdelijk.replace(pad)  # never half an archive under the real name
    return verslag


def _bestandsvelden(model) -> list[models.FileField]:
    return [v for v in model._meta.concrete_fields if isinstance(v, models.FileField)]


def _bestanden_schrijven(archief: zipfile.ZipFile, model) -> list[dict]:
    """The stored files behind the model's file fields (a report's PDF), byte for byte."""
    uit = []
    for veld in _bestandsvelden(model):
        for naam in model._base_manager.exclude(**{veld.attname: ""}).values_list(
            veld.attname, flat=True
        ):
            if not naam:
                continue
            with veld.storage.open(naam, "rb") as bron:
                inhoud = bron.read()
            archief.writestr(f"bestanden/{naam}", inhoud)
            uit.append(
                {
                    "naam": naam,
                    "opslag": f"{model._meta.label}.{veld.name}",
                    "grootte": len(inhoud),
                    "sha256": _sha256(inhoud),
                }
            )
    return uit


# Restore: check everything first, then write everything ---------------------------------------


@dataclass
class Gecontroleerd:
    """An archive whose every part matches its manifest, read into memory."""

    manifest: dict
    tabellen: dict[str, dict]  # model label -> {"velden": [...], "rijen": [...]}
    bestanden: dict[str, tuple[str, bytes]]  # storage name -> (model.field, bytes)


def controleren(pad: Path) -> Gecontroleerd:
    """Read the archive and check it whole; raise ``ImportFouten`` listing every problem."""
    pad = Path(pad)
    try:
        archief = zipfile.ZipFile(pad)
    except (zipfile.BadZipFile, OSError):
        raise ImportFouten([Fout(None, None, FOUT_GEEN_ARCHIEF.format(pad=pad))]) from None
    with archief:
        try:
            ruw = archief.read(MANIFEST)
        except KeyError:
            raise ImportFouten([Fout(None, None, FOUT_GEEN_MANIFEST.format(pad=pad))]) from None
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile):
            raise ImportFouten([Fout(None, None, FOUT_MANIFEST.format(pad=pad))]) from None
        try:
            manifest = json.loads(ruw)
            onderdelen = [Onderdeel(**o) for o in manifest["onderdelen"]]
            bestandslijst = list(manifest.get("bestanden", []))
            formaat, versie = manifest["formaat"], manifest["versie"]
            migraties = set(manifest["migraties"])
        except (ValueError, KeyError, TypeError):
            raise ImportFouten([Fout(None, None, FOUT_MANIFEST.format(pad=pad))]) from None
        if formaat != FORMAAT:
            raise ImportFouten([Fout(None, None, FOUT_MANIFEST.format(pad=pad))])
        if versie != VERSIE:
            raise ImportFouten([Fout(None, None, FOUT_VERSIE.format(versie=versie, eigen=VERSIE))])
        fouten: list[Fout] = []
        for migratie in sorted(migraties - set(_toegepaste_migraties())):
            fouten.append(Fout(None, None, FOUT_MIGRATIE.format(migratie=migratie)))
            break  # one is enough to say what to do
        tabellen: dict[str, dict] = {}
        for onderdeel in onderdelen:
            if not _bestaat(onderdeel.model):
                fouten.append(Fout(None, None, FOUT_ONBEKEND_MODEL.format(model=onderdeel.model)))
                continue
            inhoud = _lees_deel(archief, onderdeel.bestand, onderdeel.sha256, fouten)
            if inhoud is None:
                continue
            try:
                tabel = json.loads(inhoud)
                rijen, velden = tabel["rijen"], tabel["velden"]
            except (ValueError, KeyError, TypeError):
                fouten.append(Fout(None, None, FOUT_CHECKSUM.format(bestand=onderdeel.bestand)))
                continue
            if len(rijen) != onderdeel.rijen or tabel.get("model") != onderdeel.model:
                fouten.append(
                    Fout(
                        None,
                        None,
                        FOUT_AANTAL.format(
                            bestand=onderdeel.bestand, gevonden=len(rijen), verwacht=onderdeel.rijen
                        ),
                    )
                )
                continue
            bekend = {v.attname for v in apps.get_model(onderdeel.model)._meta.concrete_fields}
            for veld in velden:
                if veld not in bekend:
                    fouten.append(
                        Fout(
                            None, None, FOUT_ONBEKEND_VELD.format(model=onderdeel.model, veld=veld)
                        )
                    )
            tabellen[onderdeel.model] = tabel
        bestanden: dict[str, tuple[str, bytes]] = {}
        for bestand in bestandslijst:
            naam = str(bestand.get("naam", ""))
            inhoud = _lees_deel(archief, f"bestanden/{naam}", bestand.get("sha256"), fouten)
            if inhoud is not None:
                bestanden[naam] = (str(bestand.get("opslag", "")), inhoud)
    if fouten:
        raise ImportFouten(fouten)
    return Gecontroleerd(manifest=manifest, tabellen=tabellen, bestanden=bestanden)


def _lees_deel(
    archief: zipfile.ZipFile, naam: str, sha256: str | None, fouten: list
) -> bytes | None:
    try:
        inhoud = archief.read(naam)
    except KeyError:
        fouten.append(Fout(None, None, FOUT_ONTBREEKT.format(bestand=naam)))
        return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):  # a damaged member (CRC, size)
        fouten.append(Fout(None, None, FOUT_CHECKSUM.format(bestand=naam)))
        return None
    if _sha256(inhoud) != sha256:
        fouten.append(Fout(None, None, FOUT_CHECKSUM.format(bestand=naam)))
        return None
    return inhoud


def inhoud_van_database() -> dict[str, int]:
    """The number of rows per model of the backup that has any (empty: {}), the project's own
    records first, by their Dutch name."""
    eigen, overig = {}, {}
    for model in modellen():
        aantal = model._base_manager.count()
        if not aantal:
            continue
        if model._meta.app_config.path.startswith(str(_PROJECT)) and not model._meta.auto_created:
            eigen[str(model._meta.verbose_name_plural)] = aantal
        else:
            overig[model._meta.label] = aantal
    return {**eigen, **overig}


def _omschrijving(inhoud: dict[str, int]) -> str:
    delen = [f"{aantal} {naam}" for naam, aantal in list(inhoud.items())[:4]]
    if len(inhoud) > 4:
        delen.append("…")
    return ", ".join(delen)


def _objecten(model, tabel: dict, sleutels: dict[str, dict[tuple, int]]) -> list[models.Model]:
    velden = {v.attname: v for v in model._meta.concrete_fields}
    namen = tabel["velden"]
    objecten = []
    for rij in tabel["rijen"]:
        waarden = {}
        for naam, waarde in zip(namen, rij):
            veld = velden[naam]
            if waarde is not None and _op_naam(veld):
                label = veld.related_model._meta.label
                try:
                    waarde = sleutels[label][tuple(waarde)]
                except KeyError:
                    raise ImportFouten(
                        [
                            Fout(
                                None,
                                None,
                                FOUT_NATUURLIJKE_SLEUTEL.format(model=label, sleutel=waarde),
                            )
                        ]
                    ) from None
            elif waarde is not None:
                waarde = veld.to_python(waarde)
            waarden[naam] = waarde
        objecten.append(model(**waarden))
    return objecten


def _automatische_tijden(model, objecten: list[models.Model]) -> list[tuple]:
    """The stored times of auto_now(_add) fields, which ``bulk_create`` replaces by now."""
    velden = [
        v.attname
        for v in model._meta.concrete_fields
        if getattr(v, "auto_now", False) or getattr(v, "auto_now_add", False)
    ]
    if not velden:
        return []
    return [(obj.pk, {v: getattr(obj, v) for v in velden}) for obj in objecten]


def _tijden_terugzetten(model, tijden: list[tuple]) -> None:
    for pk, waarden in tijden:
        model._base_manager.filter(pk=pk).update(**waarden)


def _leegmaken(volgorde: list[type[models.Model]]) -> None:
    """Remove every row of the backup's models without signals (no history rows for deleting
    what the backup puts back). References are checked at commit, when everything is back."""
    with connection.cursor() as cursor:
        for model in reversed(volgorde):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def herstellen(pad: Path, *, vervangen: bool = False) -> dict[str, int]:
    """Restore an archive made by ``exporteren``: check it whole first, then everything in one
    transaction, or (on any problem) nothing. Returns the number of rows per model."""
    gecontroleerd = controleren(pad)
    try:
        return _schrijven(gecontroleerd, vervangen=vervangen)
    except DatabaseError as fout:
        melding = str(fout).strip().splitlines()[0] if str(fout).strip() else type(fout).__name__
        raise ImportFouten([Fout(None, None, FOUT_SCHRIJVEN.format(melding=melding))]) from None


@transaction.atomic
def _schrijven(gecontroleerd: Gecontroleerd, *, vervangen: bool) -> dict[str, int]:
    volgorde = modellen()
    inhoud = inhoud_van_database()
    if inhoud and not vervangen:
        raise ImportFouten([Fout(None, None, FOUT_NIET_LEEG.format(inhoud=_omschrijving(inhoud)))])
    if inhoud:
        _leegmaken(volgorde)
    sleutels = {
        label: {tuple(s): pk for pk, s in _natuurlijke_sleutels(label).items()}
        for label in _OP_NAAM
    }
    verslag = {}
    for model in volgorde:
        tabel = gecontroleerd.tabellen.get(model._meta.label)
        if tabel is None:
            continue  # an older archive without this model: it stays empty
        objecten = _objecten(model, tabel, sleutels)
        tijden = _automatische_tijden(model, objecten)
        model._base_manager.bulk_create(objecten, batch_size=500)
        _tijden_terugzetten(model, tijden)
        verslag[model._meta.label] = len(objecten)
    # Explicit ids do not move PostgreSQL's sequences; the next new row would collide.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), volgorde):
            cursor.execute(sql)
    # Every reference must hold now, not only at commit (and not only outside a test).
    connection.check_constraints()
    _bestanden_terugzetten(gecontroleerd.bestanden)
    gegevens_gewijzigd()
    return verslag


def _bestanden_terugzetten(bestanden: dict[str, tuple[str, bytes]]) -> None:
    for naam, (opslag, inhoud) in bestanden.items():
        label, _, veldnaam = opslag.rpartition(".")
        veld = apps.get_model(label)._meta.get_field(veldnaam)
        if veld.storage.exists(naam):
            with veld.storage.open(naam, "rb") as bestaand:
                if bestaand.read() == inhoud:
                    continue
            veld.storage.delete(naam)
        veld.storage.save(naam, ContentFile(inhoud))
