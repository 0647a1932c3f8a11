"""Reading the tables users upload or operators script: CSV (`,`, `;` or tab, UTF-8 with or
without BOM) and XLSX, with strict Dutch parsers for every kind of cell.

Every problem becomes a ``Fout`` naming the row (as a spreadsheet numbers it: the header is row 1)
and the column. Callers collect all of them first and write nothing when there is any
(all-or-nothing). Nothing is dropped quietly: every row of every sheet is read whatever the
sheet's ``<dimension>`` claims, a workbook with more than one sheet holding data is refused unless
one is chosen, columns that are not asked for are reported (``Tabel.onbekend``), and a file in
another encoding is told which one it is.

Also here, because every importer and the realisation files share them: column names with their
aliases (case and spaces ignored), month headers of the wide layout (``2017-02``, ``feb 2017``,
``februari 2017``), and municipality names as people write them (``Den Haag`` = ``'s-Gravenhage``,
``Bergen (NH.)`` = ``Bergen NH``), resolved against a list of (code, name) the caller gives.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .nederlands import MAANDEN, getal
from .perioden import Periode

MAX_BESTANDSGROOTTE = 5 * 1024 * 1024
MAX_XLSX_UITGEPAKT = 50 * 1024 * 1024
MAX_XLSX_VERHOUDING = 100  # unpacked/packed; an ordinary sheet stays far below this
MAX_FOUTEN = 100  # errors kept and shown; the rest are only counted

FOUT_LEEG = "Het bestand is leeg."
FOUT_GEEN_RIJEN = "Het bestand heeft een kopregel maar geen gegevens."
FOUT_TE_GROOT = "Het bestand is groter dan 5 MB."
FOUT_SOORT = "Dit is geen CSV- of XLSX-bestand."
FOUT_CODERING = (
    "Het bestand is geen tekst in UTF-8: deze rij bevat een teken dat in UTF-8 niet bestaat "
    "(het lijkt {codering}). Sla het op als 'CSV UTF-8' of als XLSX."
)
FOUT_CODERING_BEKEND = "Het bestand is gecodeerd in {codering}; UTF-8 is nodig. Sla het op als 'CSV UTF-8' of als XLSX."
FOUT_XLSX_KAPOT = "Het XLSX-bestand is beschadigd of geen echt Excel-bestand."
FOUT_XLSX_BOM = "Het XLSX-bestand pakt uit tot een onredelijke grootte en wordt geweigerd."
FOUT_BLADEN = (
    "De werkmap heeft {aantal} bladen met gegevens: {namen}. Kies het blad dat ingelezen moet "
    "worden."
)
FOUT_BLAD_ONBEKEND = "De werkmap heeft geen blad '{blad}' (wel: {namen})."
FOUT_BLAD_LEEG = "Het blad '{blad}' is leeg."
FOUT_KOLOM_ONTBREEKT = "De kolom '{kolom}' ontbreekt (gevonden: {gevonden})."
FOUT_KOLOM_DUBBEL = "De kolom '{kolom}' staat er twee keer in ({kolommen})."
FOUT_LEGE_CEL = "Vul een waarde in."
FOUT_GEHEEL_GETAL = "'{waarde}' is geen geheel getal (schrijf bijvoorbeeld 5282 of 5.282)."
FOUT_NEGATIEF = "'{waarde}' is negatief; alleen 0 of meer is toegestaan."
FOUT_GEMEENTECODE = "'{waarde}' is geen gemeentecode (schrijf GM0363, 0363 of 363)."
FOUT_MAAND = "'{waarde}' is geen maand (schrijf bijvoorbeeld 2017-01 of januari 2017)."
FOUT_DATUM = "'{waarde}' is geen datum (schrijf bijvoorbeeld 2016-01-01 of 1-1-2016)."
FOUT_DECIMAAL = "'{waarde}' is geen getal tussen 0 en 1 (schrijf bijvoorbeeld 0,5 of 1)."
FOUT_NAAM_ONBEKEND = "'{waarde}' is geen gemeente die het systeem kent{suggestie}."
FOUT_NAAM_DUBBELZINNIG = (
    "'{waarde}' kan meer dan één gemeente zijn: {kandidaten}. Schrijf de volledige naam of de "
    "gemeentecode."
)
MELDING_MEER_FOUTEN = "… en nog {aantal} fouten (in totaal {totaal})."
FOUT_TE_GROOT_GETAL = "'{waarde}' is te groot; hoogstens {maximum} is toegestaan."
FOUT_TE_KLEIN_GETAL = "'{waarde}' is te klein; minstens {minimum} is toegestaan."
FOUT_TE_LANG = "De tekst is {lengte} tekens lang; hoogstens {maximum} tekens zijn toegestaan."

# Bounds on every number that comes in (imports, forms, commands), checked before the database
# sees it: a count of persons is at most a million (the largest half-year quota in the sources is
# 23.000 nationally), a population at most 25 million (more than the Netherlands). Both lie far
# below what the database columns hold (2.147.483.647), so no input ever reaches an overflow.
MAX_AANTAL = 1_000_000
# The half-years the system can hold (the database constraint on Halfjaar.jaar).
MIN_JAAR, MAX_JAAR = 2000, 2100
FOUT_JAAR = "'{waarde}' ligt buiten de jaren {van} tot en met {tot}."
MAX_INWONERS = 25_000_000


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


# Past MAX_FOUTEN the collectors append this one shared object instead of a new Fout: a file of
# 800.000 bad rows then costs a list of references, not 2 million messages (hundreds of MB).
_GETELD = Fout(None, None, "")


class ImportFouten(Exception):
    """Raised when a file has any error; the import then changed nothing.

    ``fouten`` holds the first ``MAX_FOUTEN``; ``totaal`` counts them all.
    """

    def __init__(self, fouten: Iterable[Fout], *, totaal: int | None = None):
        alle = list(fouten)
        self.fouten = [f for f in alle if f is not _GETELD][:MAX_FOUTEN]
        self.totaal = max(len(alle), totaal or 0)
        regels = [str(f) for f in self.fouten]
        if self.totaal > len(self.fouten):
            regels.append(
                MELDING_MEER_FOUTEN.format(
                    aantal=self.totaal - len(self.fouten), totaal=self.totaal
                )
            )
        super().__init__("\n".join(regels))

    @property
    def meer(self) -> int:
        """How many errors there are beyond the ones kept."""
        return self.totaal - len(self.fouten)


def fout_toevoegen(fouten: list, rij: int | None, kolom: str | None, melding: str) -> None:
    """Append an error, or only count it once ``MAX_FOUTEN`` are kept."""
    fouten.append(Fout(rij, kolom, melding) if len(fouten) < MAX_FOUTEN else _GETELD)


@dataclass
class Ruw:
    """A file's first table as text: the header row and the data rows, each with the number a
    spreadsheet shows for it."""

    kop: list[str]
    rijen: list[tuple[int, list[str]]]
    kop_rij: int = 1
    blad: str | None = None
    bladen: list[str] = field(default_factory=list)


@dataclass
class Tabel:
    """The rows of a file as text cells, keyed by lower-case column name, with their row number.

    ``begrip`` says how each column of the file was understood: (column as written, name it was
    read as, or None when it is not used); ``onbekend`` lists the columns that are not used.
    """

    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    begrip: list[tuple[str, str | None]] = field(default_factory=list)
    blad: str | None = None

    @property
    def onbekend(self) -> list[str]:
        return [kop for kop, naam in self.begrip if naam is None and kop]


class Rijcellen(dict):
    """A row's cells by canonical column name, remembering the column each came from as the file
    writes it (``kolomnamen``), so an error names the file's column (``feb 2017``), not ours."""

    __slots__ = ("kolomnamen",)

    def __init__(self, cellen: dict, kolomnamen: dict):
        super().__init__(cellen)
        self.kolomnamen = kolomnamen


def _kop(naam: object) -> str:
    return " ".join(str(naam or "").replace("\ufeff", "").split()).lower()


def kolomsleutel(naam: object) -> str:
    """A column name with case, spaces, '_' and '-' ignored: 'Gemeente code' = 'gemeentecode'."""
    return re.sub(r"[\s_\-.]+", "", _kop(naam))


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


def lees_ruw(inhoud: bytes, *, blad: str | None = None) -> Ruw:
    """Read a CSV or XLSX file (recognised by content, not by name) into its header and rows.

    The header is the first row with any text; rows are numbered as the spreadsheet shows them.
    Raises ``ImportFouten`` for an empty, oversized, unreadable file or an unclear workbook.
    """
    if not inhoud or not inhoud.strip():
        raise ImportFouten([Fout(None, None, FOUT_LEEG)])
    if len(inhoud) > MAX_BESTANDSGROOTTE:
        raise ImportFouten([Fout(None, None, FOUT_TE_GROOT)])
    if inhoud[:4] == b"PK\x03\x04":
        regels, gekozen, bladen = _lees_xlsx(inhoud, blad)
    else:
        regels, gekozen, bladen = _lees_csv(inhoud), None, []
    for index, (nummer, waarden) in enumerate(regels):
        if any(w.strip() for w in waarden):
            return Ruw(
                kop=waarden,
                rijen=regels[index + 1 :],
                kop_rij=nummer,
                blad=gekozen,
                bladen=bladen,
            )
    if gekozen:
        raise ImportFouten([Fout(None, None, FOUT_BLAD_LEEG.format(blad=gekozen))])
    raise ImportFouten([Fout(None, None, FOUT_LEEG)])


def herken_kolommen(
    kop: list[str], namen: Iterable[str], aliassen: dict[str, Iterable[str]] | None = None
) -> tuple[dict[int, str], list[Fout]]:
    """Which column (by index) holds which of ``namen``, matching each name and its aliases with
    case and spaces ignored. A name ending in ``*`` is a prefix. Returns the mapping and the
    errors for a name found twice (naming both columns as written)."""
    bekend: dict[str, str] = {}
    voorvoegsels: list[str] = []
    for naam in namen:
        if naam.endswith("*"):
            voorvoegsels.append(naam[:-1])
            continue
        bekend[kolomsleutel(naam)] = naam
        for alias in (aliassen or {}).get(naam, ()):
            bekend[kolomsleutel(alias)] = naam
    gevonden: dict[int, str] = {}
    for index, kolom in enumerate(kop):
        sleutel = kolomsleutel(kolom)
        if not sleutel:
            continue
        if sleutel in bekend:
            gevonden[index] = bekend[sleutel]
        elif any(_kop(kolom).startswith(v) for v in voorvoegsels):
            gevonden[index] = _kop(kolom)
    fouten = []
    for naam in dict.fromkeys(gevonden.values()):
        indices = [i for i, n in gevonden.items() if n == naam]
        if len(indices) > 1:
            geschreven = ", ".join(f"'{kop[i].strip()}'" for i in indices)
            fouten.append(Fout(1, naam, FOUT_KOLOM_DUBBEL.format(kolom=naam, kolommen=geschreven)))
    return gevonden, fouten


def lees_tabel(
    inhoud: bytes,
    verplicht: list[str],
    optioneel: Iterable[str] = (),
    *,
    aliassen: dict[str, Iterable[str]] | None = None,
    blad: str | None = None,
) -> Tabel:
    """Read a CSV or XLSX file into a ``Tabel`` of the columns asked for.

    ``optioneel`` names columns that may be there; a name ending in ``*`` is a prefix. ``aliassen``
    gives other names per column ("code" for "gemeentecode"). Columns not asked for are kept in
    ``Tabel.begrip`` as not used, so callers can say so.

    Raises ``ImportFouten`` for an empty, oversized, unreadable or incomplete file.
    """
    ruw = lees_ruw(inhoud, blad=blad)
    gevonden, fouten = herken_kolommen(ruw.kop, [*verplicht, *optioneel], aliassen)
    namen = set(gevonden.values())
    beschrijving = ", ".join(k.strip() for k in ruw.kop if k.strip()) or "geen"
    for kolom in verplicht:
        if kolom not in namen:
            fouten.append(
                Fout(1, None, FOUT_KOLOM_ONTBREEKT.format(kolom=kolom, gevonden=beschrijving))
            )
    if fouten:
        raise ImportFouten(fouten)
    kolommen = list(dict.fromkeys(gevonden.values()))
    tabel = Tabel(
        kolommen=kolommen,
        begrip=[(k.strip(), gevonden.get(i)) for i, k in enumerate(ruw.kop) if k.strip()],
        blad=ruw.blad,
    )
    paren = list(gevonden.items())
    for nummer, waarden in ruw.rijen:
        if not any(waarden):
            continue  # blank lines at the end of an Excel export
        cellen = dict.fromkeys(kolommen, "")
        for index, naam in paren:
            if index < len(waarden):
                cellen[naam] = waarden[index]
        if any(cellen.values()):
            tabel.rijen.append((nummer, cellen))
    if not tabel.rijen:
        raise ImportFouten([Fout(None, None, FOUT_GEEN_RIJEN)])
    return tabel


# Encodings -----------------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


def _andere_codering(begin: bytes) -> str | None:
    """The name of a UTF-16/UTF-32 encoding recognised by its BOM or its zero bytes, else None."""
    for bom, naam in _BOMS:
        if begin.startswith(bom):
            return naam
    if len(begin) >= 8 and b"\x00" in begin:
        stuk = begin[: len(begin) - len(begin) % 4]
        nullen = [stuk[i::4].count(0) / (len(stuk) // 4) for i in range(4)]
        if sum(n > 0.9 for n in nullen) == 3:
            return "UTF-32"
        if min(nullen[0], nullen[2]) > 0.9 or min(nullen[1], nullen[3]) > 0.9:
            return "UTF-16"
    return None


def _decodeer(inhoud: bytes) -> str:
    codering = _andere_codering(inhoud[:4096])
    if codering:
        raise ImportFouten([Fout(None, None, FOUT_CODERING_BEKEND.format(codering=codering))])
    if b"\x00" in inhoud[:4096]:
        raise ImportFouten([Fout(None, None, FOUT_SOORT)])
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        rij = inhoud.count(b"\n", 0, fout.start) + 1
        try:
            inhoud.decode("cp1252")
            gok = "Windows-1252 (ANSI) of ISO-8859-1"
        except UnicodeDecodeError:
            gok = "een andere codering dan UTF-8"
        raise ImportFouten([Fout(rij, None, FOUT_CODERING.format(codering=gok))]) from None


def _lees_csv(inhoud: bytes) -> list[tuple[int, list[str]]]:
    tekst = _decodeer(inhoud)
    eerste = next((r for r in tekst.splitlines() if r.strip()), "")
    scheiding = max([";", ",", "\t"], key=lambda s: (eerste.count(s), s == ";"))
    if not eerste.count(scheiding):
        scheiding = ";"
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        return [(i, list(map(str.strip, r))) for i, r in enumerate(lezer, start=1)]
    except csv.Error:
        raise ImportFouten([Fout(None, None, FOUT_SOORT)]) from None


def _lees_xlsx(inhoud: bytes, blad: str | None) -> tuple[list, str, list[str]]:
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
        try:
            namen = [b.title for b in boek.worksheets]
            if blad is not None:
                blad = blad.strip()
                gekozen = next((b for b in boek.worksheets if b.title == blad), None) or next(
                    (b for b in boek.worksheets if b.title.lower() == blad.lower()), None
                )
                if gekozen is None:
                    raise ImportFouten(
                        [
                            Fout(
                                None,
                                None,
                                FOUT_BLAD_ONBEKEND.format(
                                    blad=blad, namen=", ".join(f"'{n}'" for n in namen)
                                ),
                            )
                        ]
                    )
                return _bladregels(gekozen), gekozen.title, namen
            gevuld = []
            for werkblad in boek.worksheets:
                regels = _bladregels(werkblad)
                if any(any(w for w in r) for _, r in regels):
                    gevuld.append((werkblad.title, regels))
        finally:
            boek.close()
    except ImportFouten:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportFouten([Fout(None, None, FOUT_XLSX_KAPOT)]) from None
    if len(gevuld) > 1:
        raise Bladkeuze(
            [n for n, _ in gevuld],
            [
                Fout(
                    None,
                    None,
                    FOUT_BLADEN.format(
                        aantal=len(gevuld), namen=", ".join(f"'{n}'" for n, _ in gevuld)
                    ),
                )
            ],
        )
    if not gevuld:
        raise ImportFouten([Fout(None, None, FOUT_LEEG)])
    return gevuld[0][1], gevuld[0][0], namen


def _bladregels(werkblad) -> list[tuple[int, list[str]]]:
    # Read-only mode trusts the sheet's <dimension>; a file that declares A1:C2 but holds 400
    # rows would otherwise lose 398 of them without a word.
    werkblad.reset_dimensions()
    regels = []
    for nummer, rij in enumerate(werkblad.iter_rows(values_only=True), start=1):
        regels.append((nummer, [_cel(v) for v in rij]))
    return regels


class Bladkeuze(ImportFouten):
    """A workbook with several sheets holding data; ``bladen`` lists them for a selector."""

    def __init__(self, bladen: list[str], fouten: list[Fout]):
        self.bladen = bladen
        super().__init__(fouten)


# Parsers: each takes the text of a cell and returns a value or raises ValueError(Dutch message).
# Only ASCII digits are digits: Python's \d, int() and isdigit() also take '٥' or '５'.

_GETAL = re.compile(r"^-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)$")


def melding_te_groot(maximum: int) -> str:
    """The message of a form field whose number is above its bound."""
    return f"Dit getal is te groot; hoogstens {getal(maximum)} is toegestaan."


def parse_aantal(
    waarde: str, *, negatief_toegestaan: bool = False, maximum: int = MAX_AANTAL
) -> int:
    """A whole number as Dutch people write it, between 0 (or ``-maximum`` when negative numbers
    are allowed) and ``maximum``."""
    tekst = waarde.strip().replace("\u2212", "-")
    if not tekst:
        raise ValueError(FOUT_LEGE_CEL)
    if len(tekst) > 40 or not _GETAL.match(tekst):
        raise ValueError(FOUT_GEHEEL_GETAL.format(waarde=waarde.strip()[:40]))
    aantal = int(tekst.replace(".", ""))
    if aantal < 0 and not negatief_toegestaan:
        raise ValueError(FOUT_NEGATIEF.format(waarde=waarde.strip()))
    if aantal > maximum:
        raise ValueError(FOUT_TE_GROOT_GETAL.format(waarde=waarde.strip(), maximum=getal(maximum)))
    if aantal < -maximum:
        raise ValueError(FOUT_TE_KLEIN_GETAL.format(waarde=waarde.strip(), minimum=getal(-maximum)))
    return aantal


def parse_tekst(waarde: str, *, maximum: int) -> str:
    """A name or other text cell, stripped, at most ``maximum`` characters (the column's size)."""
    tekst = waarde.strip()
    if len(tekst) > maximum:
        raise ValueError(FOUT_TE_LANG.format(lengte=getal(len(tekst)), maximum=getal(maximum)))
    return tekst


_CODE = re.compile(r"^(GM)?([0-9]{1,4})$")


def parse_gemeentecode(waarde: str) -> str:
    gevonden = _CODE.match(waarde.strip().upper())
    if not gevonden:
        raise ValueError(FOUT_GEMEENTECODE.format(waarde=waarde.strip()))
    return f"GM{int(gevonden.group(2)):04d}"


def parse_halfjaar(waarde: str) -> tuple[int, int]:
    """A half-year cell (``2017-I``) as (jaar, helft), through ``Periode.parse``, within the
    years the system can hold."""
    periode = Periode.parse(waarde)
    if not MIN_JAAR <= periode.jaar <= MAX_JAAR:
        raise ValueError(FOUT_JAAR.format(waarde=waarde.strip(), van=MIN_JAAR, tot=MAX_JAAR))
    return periode.jaar, periode.helft


_MAAND = re.compile(r"^([0-9]{4})-([0-9]{1,2})(-01)?$")
_MAANDNAMEN = {naam: i for i, naam in enumerate(MAANDEN, start=1)}
_MAANDNAMEN.update({naam[:3]: i for i, naam in enumerate(MAANDEN, start=1)})
_MAANDNAMEN.update({"mrt": 3, "sept": 9})
_MAAND_WOORD = re.compile(r"^([a-z]+)\.?[\s\-]*'?([0-9]{4}|[0-9]{2})$")


def maand_uit_tekst(waarde: str) -> date | None:
    """A month as people write it, or None: 2017-02, 2017-02-01 (an Excel date), feb 2017,
    feb. 2017, februari 2017, feb-17. Used for cells and for the headers of the wide layout."""
    tekst = " ".join(waarde.strip().lower().split())
    gevonden = _MAAND.match(tekst)
    if gevonden and 1 <= int(gevonden.group(2)) <= 12 and int(gevonden.group(1)) >= 1:
        return date(int(gevonden.group(1)), int(gevonden.group(2)), 1)
    gevonden = _MAAND_WOORD.match(tekst)
    if gevonden and gevonden.group(1) in _MAANDNAMEN:
        jaar = gevonden.group(2)
        return date(
            int(jaar) if len(jaar) == 4 else 2000 + int(jaar), _MAANDNAMEN[gevonden.group(1)], 1
        )
    return None


def parse_maand(waarde: str) -> date:
    maand = maand_uit_tekst(waarde)
    if maand is None:
        raise ValueError(FOUT_MAAND.format(waarde=waarde.strip()))
    return maand


def parse_datum(waarde: str) -> date:
    tekst = waarde.strip()
    if tekst.isascii():
        for vorm in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.strptime(tekst, vorm).date()
            except ValueError:
                continue
    raise ValueError(FOUT_DATUM.format(waarde=tekst))


_DECIMAAL = re.compile(r"^[0-9]+([.,][0-9]+)?$")


def parse_aandeel(waarde: str) -> float:
    tekst = waarde.strip()
    if not _DECIMAAL.match(tekst):
        raise ValueError(FOUT_DECIMAAL.format(waarde=tekst))
    getal = float(tekst.replace(",", "."))
    if not 0 < getal <= 1:
        raise ValueError(FOUT_DECIMAAL.format(waarde=tekst))
    return getal


# Municipality names ---------------------------------------------------------------------------

# Names people use for a municipality whose CBS name differs (left: as written, right: CBS).
VARIANTEN = {
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "hertogenbosch": "'s-Hertogenbosch",
    "nuenen": "Nuenen, Gerwen en Nederwetten",
    "hengelo (o.)": "Hengelo",
    "hengelo ov": "Hengelo",
}


def naamsleutel(naam: str) -> str:
    """A municipality name with case, accents, punctuation and spaces ignored:
    'Bergen (NH.)', 'Bergen NH' and 'bergen nh' are one; 'Súdwest-Fryslân' = 'Sudwest Fryslan'."""
    zonder = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", zonder.lower())


class Gemeentenamen:
    """Resolves names as people write them to CBS codes, from the (code, name) pairs given.

    ``zoek`` returns the codes a name may be: one for a known name or variant; several when only
    the name without its qualifier matches ('Bergen': Bergen (L.) and Bergen (NH.)); none when
    unknown. The caller decides (a municipality that existed in the month may settle it).
    """

    def __init__(self, paren: Iterable[tuple[str, str]]):
        self.namen: dict[str, str] = {}
        self._exact: dict[str, set[str]] = {}
        self._basis: dict[str, set[str]] = {}
        for code, naam in paren:
            self.namen[code] = naam
            self._exact.setdefault(naamsleutel(naam), set()).add(code)
            basis = naamsleutel(re.sub(r"\(.*?\)", "", naam))
            self._basis.setdefault(basis, set()).add(code)
        per_naam = {naamsleutel(n): c for c, n in self.namen.items()}
        for variant, cbs in VARIANTEN.items():
            if naamsleutel(cbs) in per_naam and naamsleutel(variant) not in self._exact:
                self._exact[naamsleutel(variant)] = set(self._exact[naamsleutel(cbs)])
        self._cache: dict[str, list[str]] = {}

    def zoek(self, waarde: str) -> list[str]:
        sleutel = naamsleutel(waarde)
        if sleutel not in self._cache:
            codes = self._exact.get(sleutel) or self._basis.get(sleutel) or set()
            self._cache[sleutel] = sorted(codes)
        return self._cache[sleutel]

    def fout_onbekend(self, waarde: str) -> str:
        bijna = difflib.get_close_matches(naamsleutel(waarde), list(self._exact), n=1, cutoff=0.85)
        suggestie = ""
        if bijna:
            code = sorted(self._exact[bijna[0]])[0]
            suggestie = f" (bedoelt u {self.namen[code]}?)"
        return FOUT_NAAM_ONBEKEND.format(waarde=waarde.strip(), suggestie=suggestie)

    def fout_dubbelzinnig(self, waarde: str, codes: Iterable[str]) -> str:
        kandidaten = ", ".join(
            f"{self.namen[c]} ({c})" for c in sorted(codes, key=lambda c: self.namen[c])
        )
        return FOUT_NAAM_DUBBELZINNIG.format(waarde=waarde.strip(), kandidaten=kandidaten)


class Cellen:
    """Reads the cells of one row through the parsers, collecting errors instead of stopping.

    When the row's cells are ``Rijcellen``, an error names the file's own column.
    """

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
        namen = getattr(self.cellen, "kolomnamen", None)
        if namen:
            kolom = namen.get(kolom, kolom)
        fout_toevoegen(self.fouten, self.rij, kolom, melding)
