"""A monthly delivery through the API (issue 17), through exactly the services of the upload.

The JSON body becomes the upload's CSV (``gemeentecode;maand;personen[;uitsplitsing]``), which
``upload_voorbereiden`` checks whole and keeps in the upload log, and ``upload_toepassen``
applies, in one transaction: the same parsers, the same Dutch errors, all-or-nothing, the same
history. Only the envelope (an object, a list of rows, known fields) is checked here, because a
CSV cannot express it. The same rows twice change nothing the second time (every row
*ongewijzigd*); a repeated ``Idempotency-Key`` returns the first delivery without a new one.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from opnieuwthuis.bestanden import Fout, parse_maand

from .choices import Uploadbron
from .models import Upload
from .services import (
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    checksum,
    upload_toepassen,
    upload_voorbereiden,
)

VELDEN = ["gemeentecode", "personen", *UITSPLITSING]
MAX_REGELS = 2000
MAX_SLEUTEL = 200

FOUT_GEEN_OBJECT = "Stuur een JSON-object met 'maand' en 'regels'."
FOUT_MAAND_ONTBREEKT = 'Geef de maand, bijvoorbeeld "2017-02".'
FOUT_REGELS_GEEN_LIJST = "'regels' is een lijst met een object per gemeente."
FOUT_REGELS_LEEG = "Er staan geen regels in de aanlevering."
FOUT_TE_VEEL_REGELS = "Een aanlevering heeft hoogstens {max} regels."
FOUT_REGEL_GEEN_OBJECT = "Elke regel is een object met 'gemeentecode' en 'personen'."
FOUT_ONBEKEND_VELD = "Onbekend veld '{veld}' (toegestaan: {velden})."
FOUT_ONBEKEND_TOPVELD = "Onbekend veld '{veld}' (toegestaan: maand, regels, reden)."
FOUT_REDEN = "'reden' is tekst of null."
FOUT_WAARDE = "Schrijf een getal of tekst, geen {soort}."
FOUT_SLEUTEL_TE_LANG = "De Idempotency-Key is hoogstens 200 tekens."
FOUT_SLEUTEL_ANDERS = (
    "Deze Idempotency-Key is al gebruikt voor een andere aanlevering (nummer {nummer}); "
    "gebruik een nieuwe sleutel. Er is niets gewijzigd."
)
NAAM = "API-aanlevering {maand}"


class AanleveringFout(Exception):
    """The envelope is wrong: ``fouten`` as (regel index or None, field or None, message)."""

    def __init__(self, fouten: list[tuple[int | None, str | None, str]]):
        self.fouten = fouten
        super().__init__("; ".join(m for _, _, m in fouten))


class SleutelHergebruikt(Exception):
    def __init__(self, upload: Upload):
        self.upload = upload
        super().__init__(FOUT_SLEUTEL_ANDERS.format(nummer=upload.pk))


@dataclass
class Aanlevering:
    upload: Upload
    herhaald: bool  # the Idempotency-Key was seen before: this is the first delivery again


def _cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        raise ValueError(FOUT_WAARDE.format(soort="waar/onwaar"))
    if isinstance(waarde, dict | list):
        raise ValueError(FOUT_WAARDE.format(soort="lijst of object"))
    return str(waarde)


def als_bestand(gegevens) -> tuple[str, bytes]:
    """The body as the upload's CSV, or ``AanleveringFout`` for a wrong envelope."""
    if not isinstance(gegevens, dict):
        raise AanleveringFout([(None, None, FOUT_GEEN_OBJECT)])
    fouten = []
    for veld in gegevens:
        if veld not in ("maand", "regels", "reden"):
            fouten.append((None, veld, FOUT_ONBEKEND_TOPVELD.format(veld=veld)))
    maand = gegevens.get("maand")
    if not isinstance(maand, str) or not maand.strip():
        fouten.append((None, "maand", FOUT_MAAND_ONTBREEKT))
    if gegevens.get("reden") is not None and not isinstance(gegevens.get("reden"), str):
        fouten.append((None, "reden", FOUT_REDEN))
    regels = gegevens.get("regels")
    if not isinstance(regels, list):
        fouten.append((None, "regels", FOUT_REGELS_GEEN_LIJST))
        regels = []
    elif not regels:
        fouten.append((None, "regels", FOUT_REGELS_LEEG))
    elif len(regels) > MAX_REGELS:
        fouten.append((None, "regels", FOUT_TE_VEEL_REGELS.format(max=MAX_REGELS)))
        regels = []
    rijen = []
    for i, regel in enumerate(regels):
        if not isinstance(regel, dict):
            fouten.append((i, None, FOUT_REGEL_GEEN_OBJECT))
            continue
        for veld in regel:
            if veld not in VELDEN:
                fouten.append(
                    (i, veld, FOUT_ONBEKEND_VELD.format(veld=veld, velden=", ".join(VELDEN)))
                )
        rij = {}
        for veld in VELDEN:
            try:
                rij[veld] = _cel(regel.get(veld))
            except ValueError as fout:
                fouten.append((i, veld, str(fout)))
        rijen.append(rij)
    if fouten:
        raise AanleveringFout(fouten)
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\n")
    schrijver.writerow([*REALISATIE_KOLOMMEN, *UITSPLITSING])
    for rij in rijen:
        schrijver.writerow(
            [rij["gemeentecode"], maand.strip(), rij["personen"], *(rij[k] for k in UITSPLITSING)]
        )
    return maand.strip(), uit.getvalue().encode("utf-8")


def regel_van(fout: Fout) -> int | None:
    """The index in ``regels`` of a file row (the header is row 1, the first rule row 2)."""
    return fout.rij - 2 if fout.rij is not None and fout.rij >= 2 else None


_RIJ = re.compile(r"\brij (\d+)\b")


def in_regels(melding: str) -> str:
    """A service message speaks of file rows ("staat al in rij 2"); a delivery has rules
    counted from 0, so the same message names the rule."""
    return _RIJ.sub(lambda m: f"regel {int(m.group(1)) - 2}", melding)


def aanlevering_verwerken(*, gegevens, gebruiker, sleutel: str = "") -> Aanlevering:
    """Check and apply a delivery: every row or none (``ImportFouten`` with the file's rows,
    ``AanleveringFout`` for the envelope, ``UploadFout`` when it cannot be applied)."""
    sleutel = (sleutel or "").strip()
    if len(sleutel) > MAX_SLEUTEL:
        raise AanleveringFout([(None, "Idempotency-Key", FOUT_SLEUTEL_TE_LANG)])
    maand_tekst, inhoud = als_bestand(gegevens)
    if sleutel:
        eerder = _eerdere(gebruiker, sleutel, inhoud)
        if eerder is not None:
            return eerder
    try:
        maand = parse_maand(maand_tekst)
    except ValueError:
        maand = None  # the upload's parser names the row and column
    try:
        with transaction.atomic():
            upload, _plan = upload_voorbereiden(
                bestandsnaam=NAAM.format(maand=maand_tekst)[:255],
                inhoud=inhoud,
                gebruiker=gebruiker,
            )
            upload.bron = Uploadbron.API
            upload.maand = maand
            upload.idempotentiesleutel = sleutel
            upload.save(update_fields=["bron", "maand", "idempotentiesleutel"])
            # A delivery that changes a closed month is a correction: its "reden" is required
            # (without it the upload service refuses, naming the rows, and nothing changes).
            upload_toepassen(
                upload=upload, gebruiker=gebruiker, correctiereden=gegevens.get("reden") or ""
            )
    except IntegrityError:
        # The same key sent twice at once: the other request won; answer with its delivery.
        eerder = _eerdere(gebruiker, sleutel, inhoud) if sleutel else None
        if eerder is None:
            raise
        return eerder
    upload.refresh_from_db()
    return Aanlevering(upload=upload, herhaald=False)


def _eerdere(gebruiker, sleutel: str, inhoud: bytes) -> Aanlevering | None:
    eerder = Upload.objects.filter(gebruiker=gebruiker, idempotentiesleutel=sleutel).first()
    if eerder is None:
        return None
    if eerder.checksum != checksum(inhoud):
        raise SleutelHergebruikt(eerder)
    return Aanlevering(upload=eerder, herhaald=True)


def aanlevering_regels(upload: Upload) -> list[dict]:
    """The rows of a kept delivery, read back from its stored file (it passed the parsers)."""
    from opnieuwthuis.bestanden import lees_tabel, parse_aantal, parse_gemeentecode

    tabel = lees_tabel(bytes(upload.inhoud), REALISATIE_KOLOMMEN, UITSPLITSING)
    return [
        {
            "gemeentecode": parse_gemeentecode(c["gemeentecode"]),
            "personen": parse_aantal(c["personen"]),
            **{k: parse_aantal(c[k]) if c.get(k) else None for k in UITSPLITSING},
        }
        for _, c in tabel.rijen
    ]
