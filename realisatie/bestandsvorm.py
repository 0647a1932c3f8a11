"""Realisation files as people have them, turned into the long rows the import takes.

The import (``services.huisvestingen_plannen``) takes one row per municipality and month:
``gemeentecode;maand;personen[;alleenstaanden;gezinsleden;nareizigers]``. Files from the reception
agency and the ministry's spreadsheets also come

- with other column names (``code``, ``periode``, ``aantal``, ``gehuisvest``; case and spaces
  ignored);
- with municipalities by CBS name instead of code (``'s-Gravenhage``, ``Den Haag``,
  ``Bergen (NH.)``, ``Bergen NH``); an ambiguous name is a row error naming the candidates;
- in the **wide layout**: one row per municipality and one column per month (``2017-02``,
  ``feb 2017``, ``februari 2017``); an empty cell there is no figure (not 0).

``lees_realisatie`` reads the file (``opnieuwthuis.bestanden``: every row of every sheet, sheets,
encodings) and returns the long table, how each column was understood, and the row errors found
while understanding it. Every long row remembers the file's own column names, so an error of the
import names ``feb 2017`` and the spreadsheet row, not our internal names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from openpyxl.utils import get_column_letter

from opnieuwthuis.bestanden import (
    FOUT_GEEN_RIJEN,
    FOUT_KOLOM_ONTBREEKT,
    FOUT_LEGE_CEL,
    MAX_FOUTEN,
    Fout,
    Gemeentenamen,
    ImportFouten,
    Rijcellen,
    Tabel,
    fout_toevoegen,
    herken_kolommen,
    lees_ruw,
    maand_uit_tekst,
    parse_aantal,
    parse_gemeentecode,
    parse_maand,
)
from opnieuwthuis.nederlands import maand_lang
from taakstelling.models import Gemeente

KOLOMMEN = ["gemeentecode", "maand", "personen"]
UITSPLITSING = ["alleenstaanden", "gezinsleden", "nareizigers"]
NAAM = "gemeente"
ALIASSEN = {
    "gemeentecode": ["code", "cbscode", "cbs-code", "gemeente code", "gm-code", "gmcode"],
    NAAM: ["gemeentenaam", "naam", "naam gemeente", "gemeente naam"],
    "maand": ["periode", "peilmaand"],
    "personen": ["aantal", "gehuisvest", "gehuisvesten", "aantal personen", "gehuisveste personen"],
    "alleenstaanden": ["alleenstaand"],
    "gezinsleden": ["gezinslid"],
    "nareizigers": ["nareiziger"],
}

LANG, BREED = "lang", "breed"

FOUT_GEEN_GEMEENTEKOLOM = (
    "Er is geen kolom met de gemeente: noem er een 'gemeentecode' (of 'code') of 'gemeente' "
    "(of 'gemeentenaam'). Gevonden: {gevonden}."
)
FOUT_LANG_EN_BREED = (
    "Het bestand heeft zowel een kolom '{kolom}' als kolommen per maand ({maanden}); gebruik één "
    "van beide vormen."
)
FOUT_BREED_UITSPLITSING = (
    "Een bestand met een kolom per maand kan geen uitsplitsing ('{kolom}') hebben; lever die in "
    "de vorm gemeentecode;maand;personen;alleenstaanden;gezinsleden;nareizigers."
)
FOUT_NAAM_EN_CODE = (
    "'{naam}' is niet de gemeente met code {code} ({cbs}); controleer de naam of de code."
)
FOUT_MAANDKOLOM_DUBBEL = "De maand {maand} staat er twee keer in ({kolommen})."

BETEKENIS = {
    "gemeentecode": "gemeentecode",
    NAAM: "gemeentenaam, omgezet naar de CBS-code",
    "maand": "maand",
    "personen": "personen (gehuisvest)",
    "alleenstaanden": "alleenstaanden",
    "gezinsleden": "gezinsleden",
    "nareizigers": "nareizigers",
}
NIET_GEBRUIKT = "niet gebruikt (onbekende kolom)"


@dataclass(frozen=True)
class Kolom:
    """How one column of the file was understood, for the preview and the command."""

    letter: str
    kop: str
    betekenis: str
    gebruikt: bool


@dataclass
class Realisatiebestand:
    """A realisation file understood: the long table the import takes, and what was read how."""

    tabel: Tabel
    vorm: str
    kolommen: list[Kolom]
    blad: str | None = None
    bladen: list[str] = field(default_factory=list)
    lege_cellen: int = 0
    namen_omgezet: int = 0
    fouten: list[Fout] = field(default_factory=list)

    @property
    def onbekend(self) -> list[Kolom]:
        return [k for k in self.kolommen if not k.gebruikt]

    def samen_met(self, later: ImportFouten | None) -> ImportFouten:
        """This file's understanding errors and the import's, in row order, as one refusal."""
        alle = [*self.fouten, *(later.fouten if later else [])]
        totaal = len(self.fouten) + (later.totaal if later else 0)
        alle.sort(key=lambda f: f.rij or 0)
        return ImportFouten(alle, totaal=totaal)


def _bestond(gemeente: dict, maand: date | None) -> bool:
    if maand is None:
        return True
    begin, einde = gemeente["begindatum"], gemeente["einddatum"]
    return not (einde and maand >= einde) and not (begin and maand < begin)


class _Namen:
    """Names to codes with the municipalities of the system; settles a name that fits several by
    which of them existed in the month(s) concerned."""

    def __init__(self):
        self.gemeenten = {
            g["code"]: g for g in Gemeente.objects.values("code", "naam", "begindatum", "einddatum")
        }
        self.register = Gemeentenamen((c, g["naam"]) for c, g in self.gemeenten.items())

    def code(self, waarde: str, maanden: list[date | None]) -> tuple[str | None, str | None]:
        """(code, None) or (None, Dutch message)."""
        try:
            return parse_gemeentecode(waarde), None  # a code in a name column is no guess
        except ValueError:
            pass
        codes = self.register.zoek(waarde)
        if len(codes) > 1:
            bestaand = [c for c in codes if any(_bestond(self.gemeenten[c], m) for m in maanden)]
            if len(bestaand) == 1:
                return bestaand[0], None
            return None, self.register.fout_dubbelzinnig(waarde, bestaand or codes)
        if not codes:
            return None, self.register.fout_onbekend(waarde)
        return codes[0], None


def lees_realisatie(inhoud: bytes, *, blad: str | None = None) -> Realisatiebestand:
    """Read a realisation file in any of the accepted forms into the long table.

    Raises ``ImportFouten`` when the file as a whole cannot be understood (unreadable, several
    sheets without a choice, no municipality column, both layouts at once). Row errors found
    while understanding it are returned in ``fouten`` (the import adds its own to them).
    """
    ruw = lees_ruw(inhoud, blad=blad)
    kop = ruw.kop
    gevonden, fouten = herken_kolommen(kop, [*ALIASSEN], ALIASSEN)
    maandkolommen: dict[int, date] = {}
    for index, tekst in enumerate(kop):
        if index not in gevonden and tekst.strip():
            maand = maand_uit_tekst(tekst)
            if maand is not None:
                maandkolommen[index] = maand
    per_naam = {naam: index for index, naam in gevonden.items()}
    beschrijving = ", ".join(k.strip() for k in kop if k.strip()) or "geen"
    if "gemeentecode" not in per_naam and NAAM not in per_naam:
        fouten.append(Fout(1, None, FOUT_GEEN_GEMEENTEKOLOM.format(gevonden=beschrijving)))
    vorm = BREED if maandkolommen else LANG
    if vorm == BREED:
        maanden_tekst = ", ".join(f"'{kop[i].strip()}'" for i in list(maandkolommen)[:3])
        for naam in ("maand", "personen"):
            if naam in per_naam:
                fouten.append(
                    Fout(
                        1,
                        kop[per_naam[naam]].strip(),
                        FOUT_LANG_EN_BREED.format(
                            kolom=kop[per_naam[naam]].strip(), maanden=maanden_tekst
                        ),
                    )
                )
        for naam in UITSPLITSING:
            if naam in per_naam:
                kolom = kop[per_naam[naam]].strip()
                fouten.append(Fout(1, kolom, FOUT_BREED_UITSPLITSING.format(kolom=kolom)))
        per_maand: dict[date, list[int]] = {}
        for index, maand in maandkolommen.items():
            per_maand.setdefault(maand, []).append(index)
        for maand, indices in per_maand.items():
            if len(indices) > 1:
                fouten.append(
                    Fout(
                        1,
                        kop[indices[1]].strip(),
                        FOUT_MAANDKOLOM_DUBBEL.format(
                            maand=maand_lang(maand),
                            kolommen=", ".join(f"'{kop[i].strip()}'" for i in indices),
                        ),
                    )
                )
    else:
        for naam in ("maand", "personen"):
            if naam not in per_naam:
                fouten.append(
                    Fout(1, None, FOUT_KOLOM_ONTBREEKT.format(kolom=naam, gevonden=beschrijving))
                )
    if fouten:
        raise ImportFouten(fouten)

    kolommen = []
    for index, tekst in enumerate(kop):
        if not tekst.strip():
            continue
        if index in gevonden:
            betekenis = BETEKENIS[gevonden[index]]
            if gevonden[index] == NAAM and "gemeentecode" in per_naam:
                betekenis = "gemeentenaam, gecontroleerd tegen de gemeentecode"
        elif index in maandkolommen:
            betekenis = f"personen in {maand_lang(maandkolommen[index])}"
        else:
            betekenis = NIET_GEBRUIKT
        kolommen.append(
            Kolom(
                letter=get_column_letter(index + 1),
                kop=tekst.strip(),
                betekenis=betekenis,
                gebruikt=betekenis != NIET_GEBRUIKT,
            )
        )
    bestand = Realisatiebestand(
        tabel=Tabel(
            kolommen=[*KOLOMMEN, *(n for n in UITSPLITSING if n in per_naam)],
            begrip=[(k.kop, k.betekenis if k.gebruikt else None) for k in kolommen],
            blad=ruw.blad,
        ),
        vorm=vorm,
        kolommen=kolommen,
        blad=ruw.blad,
        bladen=ruw.bladen,
    )
    _rijen(bestand, ruw.rijen, kop, per_naam, maandkolommen)
    if not bestand.tabel.rijen and not bestand.fouten:
        raise ImportFouten([Fout(None, None, FOUT_GEEN_RIJEN)])
    return bestand


class _Vormcontrole:
    """A cheap first look at every cell's form (code, month, count), remembered per distinct text:
    monthly files repeat the same few months and small numbers, so a 5 MB file costs a dictionary
    lookup a cell. Used only to refuse a file with more than ``MAX_FOUTEN`` errors quickly; the
    import's own check (same parsers, same messages) decides otherwise."""

    def __init__(self):
        self.geheugen: dict[tuple, str | None] = {}
        self.fouten: list[Fout] = []

    def cel(self, rij: int, kolom: str, parser, tekst: str, *, verplicht=True) -> None:
        sleutel = (parser, tekst)
        if sleutel not in self.geheugen:
            melding = None
            if not tekst.strip():
                melding = FOUT_LEGE_CEL if verplicht else None
            else:
                try:
                    parser(tekst)
                except ValueError as fout:
                    melding = str(fout)
            self.geheugen[sleutel] = melding
        melding = self.geheugen[sleutel]
        if melding is not None:
            fout_toevoegen(self.fouten, rij, kolom, melding)


def _lange_rijen(bestand, rijen, code_i, waardekolommen, label, gedeeld, vorm) -> None:
    """The long form with codes (the import's own form and the bulk of all files), as
    ``_rijen`` does it, with the cell checks inlined: a 5 MB file is 300.000 rows."""
    geheugen, fouten = vorm.geheugen, vorm.fouten
    kolommen = [("gemeentecode", code_i, parse_gemeentecode, True)] + [
        (naam, index, parse_maand if naam == "maand" else parse_aantal, naam in KOLOMMEN)
        for naam, index in waardekolommen
    ]
    kolommen = [(n, i, p, v, label.get(n, n)) for n, i, p, v in kolommen]
    toevoegen = bestand.tabel.rijen.append
    for nummer, waarden in rijen:
        if not any(waarden):
            continue
        lengte = len(waarden)
        cellen = {}
        for naam, index, parser, verplicht, kop in kolommen:
            tekst = waarden[index] if index is not None and index < lengte else ""
            cellen[naam] = tekst
            sleutel = (parser, tekst)
            melding = geheugen.get(sleutel, False)
            if melding is False:
                melding = None
                if not tekst.strip():
                    melding = FOUT_LEGE_CEL if verplicht else None
                else:
                    try:
                        parser(tekst)
                    except ValueError as fout:
                        melding = str(fout)
                geheugen[sleutel] = melding
            if melding is not None:
                fout_toevoegen(fouten, nummer, kop, melding)
        toevoegen((nummer, Rijcellen(cellen, gedeeld)))


def _rijen(bestand, rijen, kop, per_naam, maandkolommen) -> None:
    code_i, naam_i = per_naam.get("gemeentecode"), per_naam.get(NAAM)
    label = {naam: kop[i].strip() for naam, i in per_naam.items()}
    gemeente_label = label.get("gemeentecode") or label[NAAM]
    namen = _Namen() if naam_i is not None else None
    fouten = bestand.fouten
    tabel = bestand.tabel
    vorm = _Vormcontrole()
    toevoegen = tabel.rijen.append

    def cel(waarden, index):
        return waarden[index] if index is not None and index < len(waarden) else ""

    if maandkolommen:
        kolomnamen = {
            index: {
                "gemeentecode": gemeente_label,
                "maand": kop[index].strip(),
                "personen": kop[index].strip(),
                None: kop[index].strip(),
            }
            for index in maandkolommen
        }
        maandtekst = {i: m.strftime("%Y-%m") for i, m in maandkolommen.items()}
        rij_maanden = list(maandkolommen.values())
    else:
        gedeeld = {**label, None: f"{gemeente_label}/{label['maand']}"}
        gedeeld["gemeentecode"] = gemeente_label
        waardekolommen = [(n, per_naam.get(n)) for n in tabel.kolommen[1:]]
        maand_i = per_naam["maand"]

    if not maandkolommen and namen is None:
        _lange_rijen(bestand, rijen, code_i, waardekolommen, label, gedeeld, vorm)
        rijen = ()  # done: the common form, in a tighter loop
    for nummer, waarden in rijen:
        if not any(waarden):
            continue
        code_tekst, naam_tekst = cel(waarden, code_i), cel(waarden, naam_i)
        if maandkolommen:
            gevuld = {i: cel(waarden, i) for i in maandkolommen}
            if not any(gevuld.values()) and not (code_tekst or naam_tekst):
                continue  # a line of something unrelated, e.g. a note under the table
        code = code_tekst
        if namen is not None and naam_tekst:
            maanden = rij_maanden if maandkolommen else [maand_uit_tekst(cel(waarden, maand_i))]
            uit_naam, melding = namen.code(naam_tekst, maanden)
            if melding:
                fout_toevoegen(fouten, nummer, label[NAAM], melding)
                continue
            if code_i is None or not code_tekst:
                code = uit_naam
                bestand.namen_omgezet += 1
            else:
                try:
                    eigen = parse_gemeentecode(code_tekst)
                except ValueError:
                    eigen = None  # the import names the bad code
                if eigen and eigen != uit_naam:
                    cbs = namen.gemeenten.get(eigen, {}).get("naam", "onbekend")
                    fout_toevoegen(
                        fouten,
                        nummer,
                        label[NAAM],
                        FOUT_NAAM_EN_CODE.format(naam=naam_tekst, code=eigen, cbs=cbs),
                    )
                    continue
        else:
            vorm.cel(nummer, gemeente_label, parse_gemeentecode, code)
        if maandkolommen:
            for index, tekst in gevuld.items():
                if not tekst:
                    bestand.lege_cellen += 1
                    continue
                vorm.cel(nummer, kolomnamen[index]["personen"], parse_aantal, tekst)
                toevoegen(
                    (
                        nummer,
                        Rijcellen(
                            {"gemeentecode": code, "maand": maandtekst[index], "personen": tekst},
                            kolomnamen[index],
                        ),
                    )
                )
        else:
            cellen = {"gemeentecode": code}
            for naam, index in waardekolommen:
                tekst = cel(waarden, index)
                cellen[naam] = tekst
                parser = parse_maand if naam == "maand" else parse_aantal
                vorm.cel(nummer, label[naam], parser, tekst, verplicht=naam in KOLOMMEN)
            toevoegen((nummer, Rijcellen(cellen, gedeeld)))
    if len(fouten) + len(vorm.fouten) > MAX_FOUTEN:
        # More than can be shown: refuse now, without the import's slower check of every row
        # against the data (it would only add more of the same).
        alle = sorted([*fouten, *(f for f in vorm.fouten)], key=lambda f: f.rij or 0)
        raise ImportFouten(alle, totaal=len(fouten) + len(vorm.fouten))
