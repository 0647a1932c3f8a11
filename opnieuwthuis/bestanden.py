"""Reading the tables users upload or operators script: CSV (`,` or `;`, UTF-8 with or without BOM)
and XLSX, with strict Dutch parsers for every kind of cell.

Every problem becomes a ``Fout`` naming the row (as Excel numbers it: the header is row 1) and the
column. Callers collect all of them first and write nothing when there is any (all-or-nothing).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from .perioden import Periode

MAX_BESTANDSGROOTTE = 5 * 1024 * 1024
MAX_XLSX_UITGEPAKT = 50 * 1024 * 1024
MAX_XLSX_VERHOUDING = 100  # unpacked/packed; an ordinary sheet stays far below this

FOUT_LEEG = "Het bestand is leeg."
FOUT_GEEN_RIJEN = "Het bestand heeft een kopregel maar geen gegevens."
FOUT_TE_GROOT = "Het bestand is groter dan 5 MB."
FOUT_SOORT = "Dit is geen CSV- of XLSX-bestand."
FOUT_CODERING = "Het bestand is geen tekst in UTF-8 (sla het op als 'CSV UTF-8' of als XLSX)."
FOUT_XLSX_KAPOT = "Het XLSX-bestand is beschadigd of geen echt Excel-bestand."
FOUT_XLSX_BOM = "Het XLSX-bestand pakt uit tot een onredelijke grootte en wordt geweigerd."
FOUT_KOLOM_ONTBREEKT = "De kolom '{kolom}' ontbreekt (gevonden: {gevonden})."
FOUT_KOLOM_DUBBEL = "De kolom '{kolom}' staat er twee keer in."
FOUT_LEGE_CEL = "Vul een waarde in."
FOUT_GEHEEL_GETAL = "'{waarde}' is geen geheel getal (schrijf bijvoorbeeld 5282 of 5.282)."
FOUT_NEGATIEF = "'{waarde}' is negatief; alleen 0 of meer is toegestaan."
FOUT_GEMEENTECODE = "'{waarde}' is geen gemeentecode (schrijf GM0363, 0363 of 363)."
FOUT_MAAND = "'{waarde}' is geen maand (schrijf bijvoorbeeld 2017-01)."
FOUT_DATUM = "'{waarde}' is geen datum (schrijf bijvoorbeeld 2016-01-01 of 1-1-2016)."
FOUT_DECIMAAL = "'{waarde}' is geen getal tussen 0 en 1 (schrijf bijvoorbeeld 0,5 of 1)."


@dataclass(frozen=True)
class Fout:
    """One rejected value: where it is and what is wrong, in Dutch."""

    rij: int | None
    kolom: str | None
    melding: str

    def __str__(self) -> str:
        plaats = []
        if self.rij is not None:
            plaats.append(f"Rij {self.rij}")
        if self.kolom:
            plaats.append(f"kolom '{self.kolom}'")
        return f"{', '.join(plaats)}: {self.melding}" if plaats else self.melding


class ImportFouten(Exception):
    """Raised when a file has any error; the import then changed nothing."""

    def __init__(self, fouten: list[Fout]):
        self.fouten = list(fouten)
        super().__init__("\n".join(str(f) for f in self.fouten))


@dataclass
class Tabel:
    """The rows of a file as text cells, keyed by lower-case column name, with their row number."""

    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _kop(naam: object) -> str:
    return str(naam or "").strip().lstrip("\ufeff").strip().lower()


def _cel(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return str(waarde)
    if isinstance(waarde, float):
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde).strip()


def lees_tabel(inhoud: bytes, verplicht: list[str], optioneel: list[str] = ()) -> Tabel:
    """Read a CSV or XLSX file (recognised by content, not by name) into a ``Tabel``.

    ``optioneel`` names columns that may be there; a name ending in ``*`` is a prefix.

    Raises ``ImportFouten`` for an empty, oversized, unreadable or incomplete file.
    """
    if not inhoud or not inhoud.strip():
        raise ImportFouten([Fout(None, None, FOUT_LEEG)])
    if len(inhoud) > MAX_BESTANDSGROOTTE:
        raise ImportFouten([Fout(None, None, FOUT_TE_GROOT)])
    if inhoud[:4] == b"PK\x03\x04":
        kop, rijen = _lees_xlsx(inhoud)
    else:
        kop, rijen = _lees_csv(inhoud)

    kolommen = [_kop(k) for k in kop]
    fouten = []
    for kolom in set(kolommen):
        if kolom and kolommen.count(kolom) > 1:
            fouten.append(Fout(1, kolom, FOUT_KOLOM_DUBBEL.format(kolom=kolom)))
    gevonden = ", ".join(k for k in kolommen if k) or "geen"
    for kolom in verplicht:
        if kolom not in kolommen:
            fouten.append(
                Fout(1, None, FOUT_KOLOM_ONTBREEKT.format(kolom=kolom, gevonden=gevonden))
            )
    if fouten:
        raise ImportFouten(fouten)

    def gevraagd(kolom: str) -> bool:
        return kolom in verplicht or any(
            kolom == o or (o.endswith("*") and kolom.startswith(o[:-1])) for o in optioneel
        )

    tabel = Tabel(kolommen=[k for k in kolommen if k and gevraagd(k)])
    for nummer, waarden in rijen:
        cellen = {k: _cel(v) for k, v in zip(kolommen, waarden) if k}
        if not any(cellen.values()):
            continue  # blank lines at the end of an Excel export
        tabel.rijen.append((nummer, {k: cellen.get(k, "") for k in tabel.kolommen}))
    if not tabel.rijen:
        raise ImportFouten([Fout(None, None, FOUT_GEEN_RIJEN)])
    return tabel


def _lees_csv(inhoud: bytes) -> tuple[list, list]:
    if b"\x00" in inhoud[:4096]:
        raise ImportFouten([Fout(None, None, FOUT_SOORT)])
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFouten([Fout(None, None, FOUT_CODERING)]) from None
    eerste = tekst.splitlines()[0] if tekst.splitlines() else ""
    scheiding = ";" if eerste.count(";") >= eerste.count(",") and ";" in eerste else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        regels = list(lezer)
    except csv.Error:
        raise ImportFouten([Fout(None, None, FOUT_SOORT)]) from None
    if not regels:
        raise ImportFouten([Fout(None, None, FOUT_LEEG)])
    return regels[0], [(i, r) for i, r in enumerate(regels[1:], start=2)]


def _lees_xlsx(inhoud: bytes) -> tuple[list, list]:
    import defusedxml  # noqa: F401  openpyxl parses with defusedxml when it is installed
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            uitgepakt = sum(info.file_size for info in archief.infolist())
            if "[Content_Types].xml" not in archief.namelist():
                raise ImportFouten([Fout(None, None, FOUT_XLSX_KAPOT)])
    except zipfile.BadZipFile:
        raise ImportFouten([Fout(None, None, FOUT_XLSX_KAPOT)]) from None
    if uitgepakt > MAX_XLSX_UITGEPAKT or uitgepakt > MAX_XLSX_VERHOUDING * len(inhoud):
        raise ImportFouten([Fout(None, None, FOUT_XLSX_BOM)])
    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        blad = boek.worksheets[0]
        regels = [list(r) for r in blad.iter_rows(values_only=True)]
        boek.close()
    except ImportFouten:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportFouten([Fout(None, None, FOUT_XLSX_KAPOT)]) from None
    if not regels:
        raise ImportFouten([Fout(None, None, FOUT_LEEG)])
    return regels[0], [(i, r) for i, r in enumerate(regels[1:], start=2)]


# Parsers: each takes the text of a cell and returns a value or raises ValueError(Dutch message).

_GETAL = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)$")


def parse_aantal(waarde: str, *, negatief_toegestaan: bool = False) -> int:
    tekst = waarde.strip().replace("\u2212", "-")
    if not tekst:
        raise ValueError(FOUT_LEGE_CEL)
    if not _GETAL.match(tekst):
        raise ValueError(FOUT_GEHEEL_GETAL.format(waarde=waarde.strip()))
    getal = int(tekst.replace(".", ""))
    if getal < 0 and not negatief_toegestaan:
        raise ValueError(FOUT_NEGATIEF.format(waarde=waarde.strip()))
    return getal


def parse_gemeentecode(waarde: str) -> str:
    tekst = waarde.strip().upper()
    if tekst.startswith("GM"):
        tekst = tekst[2:]
    if not tekst.isdigit() or not 1 <= len(tekst) <= 4:
        raise ValueError(FOUT_GEMEENTECODE.format(waarde=waarde.strip()))
    return f"GM{int(tekst):04d}"


def parse_halfjaar(waarde: str) -> tuple[int, int]:
    """A half-year cell (``2017-I``) as (jaar, helft), through ``Periode.parse``."""
    periode = Periode.parse(waarde)
    return periode.jaar, periode.helft


_MAAND = re.compile(r"^(\d{4})-(\d{1,2})(-01)?$")


def parse_maand(waarde: str) -> date:
    tekst = waarde.strip()
    gevonden = _MAAND.match(tekst)
    if gevonden and 1 <= int(gevonden.group(2)) <= 12:
        return date(int(gevonden.group(1)), int(gevonden.group(2)), 1)
    raise ValueError(FOUT_MAAND.format(waarde=tekst))


def parse_datum(waarde: str) -> date:
    tekst = waarde.strip()
    for vorm in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    raise ValueError(FOUT_DATUM.format(waarde=tekst))


def parse_aandeel(waarde: str) -> float:
    tekst = waarde.strip().replace(",", ".")
    try:
        getal = float(tekst)
    except ValueError:
        raise ValueError(FOUT_DECIMAAL.format(waarde=waarde.strip())) from None
    if not 0 < getal <= 1:
        raise ValueError(FOUT_DECIMAAL.format(waarde=waarde.strip()))
    return getal


class Cellen:
    """Reads the cells of one row through the parsers, collecting errors instead of stopping."""

    def __init__(self, rij: int, cellen: dict[str, str], fouten: list[Fout]):
        self.rij, self.cellen, self.fouten = rij, cellen, fouten
        self.ok = True

    def lees(self, kolom: str, parser, *, verplicht: bool = True, **opties):
        waarde = self.cellen.get(kolom, "")
        if not waarde.strip():
            if verplicht:
                self.fout(kolom, FOUT_LEGE_CEL)
            return None
        try:
            return parser(waarde, **opties)
        except ValueError as fout:
            self.fout(kolom, str(fout))
            return None

    def fout(self, kolom: str | None, melding: str) -> None:
        self.ok = False
        self.fouten.append(Fout(self.rij, kolom, melding))
