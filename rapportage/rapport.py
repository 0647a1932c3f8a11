"""The progress report for a peildatum: its figures and the sentences written from them.

The seed report of 20 February 2017 (domain.md) looks back at the last half-year, charts
realisation against the legal and the corrected quota, gives the table of the stand, the pace
needed and the permit holders still in reception. This module builds all of that in two layers:

- **pure**: ``stel_samen`` and the ``zin_*`` functions take a ``Stand``, DataFrames and numbers and
  return plain values. Every sentence is chosen by comparing the numbers it states, so it can never
  say "meer dan" of a number that is smaller; they are tested without a database.
- **reading**: ``gebied_voor`` (which area a user may ask for) and ``maak_rapport`` gather the
  inputs through the selectors, one query each, whatever the number of municipalities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from opnieuwthuis.nederlands import datum_lang, maand_lang

from .berekening import (
    LANDELIJKE_KOLOMMEN,
    STATUS_LABELS,
    Stand,
    periode_begin,
    periode_index,
    periode_label,
    periode_van,
    samenvatten_landelijk,
)
from .uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, records
from .views import kolomkoppen

LAND, PROVINCIE, GEMEENTE = "land", "provincie", "gemeente"
AANTAL_ACHTERBLIJVERS = 10
# Domain rule 7: Zuid-Holland acts after four missed half-years; the report lists from two on.
GEMIST_OP_RIJ = 2


# --- Formatting (pure) -----------------------------------------------------------------------


def getal(n: int | float | None) -> str:
    """Dutch thousands: 5.282, -409; '–' for a missing figure."""
    if n is None:
        return "–"
    return f"{int(n):,}".replace(",", ".")


def afgerond(x: float) -> int:
    """Round half up (3180,5 → 3181), not to even as ``round`` does."""
    return math.floor(x + 0.5)


def procent(deel: int, geheel: int) -> int | None:
    return afgerond(100 * deel / geheel) if geheel else None


datum_tekst = datum_lang
maand_tekst = maand_lang


def halfjaar_tekst(label: str) -> str:
    """'2016-II' → 'de tweede helft van 2016'."""
    jaar, helft = label.split("-")
    return f"de {'eerste' if helft == 'I' else 'tweede'} helft van {jaar}"


def plus_maanden(d: date, maanden: int) -> date:
    k = d.year * 12 + d.month - 1 + maanden
    return date(k // 12, k % 12 + 1, 1)


def vergunninghouders(n: int) -> str:
    if n == 0:
        return "geen vergunninghouders"
    return f"{getal(n)} vergunninghouder{'' if n == 1 else 's'}"


def saldo_tekst(n: int) -> str:
    """A balance in words: positive is a backlog, negative a lead (domain glossary)."""
    if n > 0:
        return f"een achterstand van {getal(n)}"
    if n < 0:
        return f"een voorsprong van {getal(-n)}"
    return "geen achterstand"


# --- Sentences (pure) ------------------------------------------------------------------------


def zinnen_terugblik(
    *,
    halfjaar: str,
    beginstand: int | None,
    taakstelling: int | None,
    realisatie: int | None,
    eindstand: int | None,
    hoogste_realisatie: bool = False,
) -> list[str]:
    """The look back at the previous half-year (``halfjaar`` is its label, e.g. '2016-II')."""
    if None in (beginstand, taakstelling, realisatie, eindstand):
        return [f"Het systeem kent geen cijfers over {halfjaar_tekst(halfjaar)}."]
    te_huisvesten = beginstand + taakstelling
    zinnen = [
        f"De taakstelling voor {halfjaar_tekst(halfjaar)} bedroeg "
        f"{vergunninghouders(taakstelling)}."
    ]
    if beginstand > 0:
        zinnen.append(
            f"Met de eerder opgelopen achterstand van {getal(beginstand)} moesten er "
            f"{getal(te_huisvesten)} gehuisvest worden."
        )
    elif beginstand < 0:
        zinnen.append(
            f"Met de eerder opgebouwde voorsprong van {getal(-beginstand)} moesten er "
            f"{getal(te_huisvesten)} gehuisvest worden."
        )
    zin = f"Gehuisvest {'is' if realisatie == 1 else 'zijn'} {vergunninghouders(realisatie)}"
    if hoogste_realisatie:
        zin += ", meer dan in enig eerder halfjaar dat het systeem kent"
    zinnen.append(zin + ".")
    if beginstand > 0 and eindstand > beginstand:
        zinnen.append(f"De achterstand groeide van {getal(beginstand)} naar {getal(eindstand)}.")
    elif beginstand > 0 and 0 < eindstand < beginstand:
        zinnen.append(f"De achterstand nam af van {getal(beginstand)} naar {getal(eindstand)}.")
    elif eindstand == beginstand:
        zinnen.append(f"De stand bleef gelijk: {saldo_tekst(eindstand)}.")
    else:
        zinnen.append(f"De stand ging van {saldo_tekst(beginstand)} naar {saldo_tekst(eindstand)}.")
    return zinnen


def zin_doel(*, halfjaar: str, einde: date, beginstand: int, taakstelling: int) -> str:
    """What must be housed in the half-year and the monthly average that takes."""
    te_huisvesten = beginstand + taakstelling
    if te_huisvesten <= 0:
        return (
            f"De taakstelling voor {halfjaar_tekst(halfjaar)} ({getal(taakstelling)}) is met "
            f"{saldo_tekst(beginstand)} al gehaald."
        )
    herkomst = f"de taakstelling van {getal(taakstelling)}"
    if beginstand > 0:
        herkomst += f" plus de achterstand van {getal(beginstand)}"
    elif beginstand < 0:
        herkomst += f" min de voorsprong van {getal(-beginstand)}"
    return (
        f"Het doel is om tot {datum_tekst(einde)} {vergunninghouders(te_huisvesten)} te huisvesten "
        f"({herkomst}). Dat komt neer op gemiddeld {getal(afgerond(te_huisvesten / 6))} "
        f"per maand."
    )


def zin_maand(*, maand: date, gehuisvest: int | None, te_huisvesten: int) -> str:
    """The last month against the average needed in its half-year (te_huisvesten / 6).

    The comparison is exact (gehuisvest × 6 against te_huisvesten); when the rounded average
    shows the same number as the month but the exact one differs, the sentence says "vrijwel".
    """
    if gehuisvest is None:
        return f"Over {maand_tekst(maand)} zijn nog geen cijfers bekend."
    werkwoord = "is" if gehuisvest == 1 else "zijn"
    begin = f"In {maand_tekst(maand)} {werkwoord} {vergunninghouders(gehuisvest)} gehuisvest"
    if te_huisvesten <= 0:
        return f"{begin}, terwijl er in dat halfjaar niemand meer gehuisvest hoefde te worden."
    gemiddelde = afgerond(te_huisvesten / 6)
    verschil = gehuisvest * 6 - te_huisvesten
    if verschil == 0:
        vergelijking = "precies"
    elif gehuisvest == gemiddelde:
        vergelijking = "vrijwel precies"
    elif verschil > 0:
        vergelijking = "meer dan"
    else:
        vergelijking = "minder dan"
    return f"{begin}, {vergelijking} het benodigde gemiddelde van {getal(gemiddelde)} per maand."


def zin_resterend(*, stand: int, maanden_resterend: int, einde: date) -> str:
    if stand <= 0:
        return f"Tot {datum_tekst(einde)} hoeft niemand meer gehuisvest te worden ({saldo_tekst(stand)})."
    per_maand = math.ceil(stand / maanden_resterend)
    return (
        f"Tot {datum_tekst(einde)} moeten nog {vergunninghouders(stand)} gehuisvest worden: "
        f"gemiddeld {getal(per_maand)} per maand in de resterende {maanden_resterend} "
        f"{'maand' if maanden_resterend == 1 else 'maanden'}."
    )


def prognose_maand(*, stand: int, tempo: int, peildatum: date) -> date | None:
    """The month in which ``stand`` is housed if every month from the peildatum on houses
    ``tempo``; None when it never is."""
    if stand <= 0:
        return plus_maanden(peildatum, -1)
    if tempo <= 0:
        return None
    return plus_maanden(peildatum, math.ceil(stand / tempo) - 1)


def zin_prognose(
    *, stand: int, maand: date | None, tempo: int | None, peildatum: date, einde: date
) -> str:
    """When the remaining balance is housed if the pace of the last month holds."""
    if stand <= 0:
        return f"Er is niets meer in te lopen: {saldo_tekst(stand)}."
    if maand is None or tempo is None:
        return "Zonder cijfers over de laatste maand is er geen prognose."
    if tempo == 0:
        return (
            f"In {maand_tekst(maand)} is niemand gehuisvest; in dat tempo loopt de achterstand "
            f"van {getal(stand)} niet in."
        )
    klaar = prognose_maand(stand=stand, tempo=tempo, peildatum=peildatum)
    begin = (
        f"Blijft het tempo van {maand_tekst(maand)} ({getal(tempo)} per maand) gelijk, dan zijn "
        f"de resterende {getal(stand)}"
    )
    if klaar < einde:
        return f"{begin} in {maand_tekst(klaar)} gehuisvest, binnen het halfjaar."
    return (
        f"{begin} pas in {maand_tekst(klaar)} gehuisvest, na het einde van het halfjaar "
        f"({datum_tekst(einde)}); de taakstelling van het volgende halfjaar komt daar nog bij."
    )


def zinnen_opvang(opvang: list[dict]) -> list[str]:
    """Permit holders waiting in reception: the latest figure against the first one shown."""
    if not opvang:
        return [
            "Het systeem kent geen cijfers over vergunninghouders in de opvang tot deze peildatum."
        ]
    laatste = opvang[-1]
    zinnen = [
        f"Op {datum_tekst(laatste['peildatum'])} wachtten {vergunninghouders(laatste['wachtend'])} "
        f"in de opvang op een woning, van wie {laatste['aandeel']} % alleenstaand."
    ]
    if len(opvang) > 1:
        eerste = opvang[0]
        verschil = laatste["wachtend"] - eerste["wachtend"]
        if verschil < 0:
            richting = f"nam het aantal af met {getal(-verschil)}"
        elif verschil > 0:
            richting = f"nam het aantal toe met {getal(verschil)}"
        else:
            richting = "bleef het aantal gelijk"
        if laatste["aandeel"] < eerste["aandeel"]:
            aandeel = f"daalde van {eerste['aandeel']} % naar {laatste['aandeel']} %"
        elif laatste["aandeel"] > eerste["aandeel"]:
            aandeel = f"steeg van {eerste['aandeel']} % naar {laatste['aandeel']} %"
        else:
            aandeel = f"bleef {laatste['aandeel']} %"
        zinnen.append(
            f"Sinds {datum_tekst(eerste['peildatum'])} ({getal(eerste['wachtend'])} wachtenden) "
            f"{richting}; het aandeel alleenstaanden {aandeel}."
        )
    return zinnen


def zinnen_status(gemeenten: list[dict]) -> list[str]:
    if len(gemeenten) < 2:  # one municipality: its own status section says it
        return []
    tel = {code: 0 for code in STATUS_LABELS}
    for g in gemeenten:
        tel[g["status"]] = tel.get(g["status"], 0) + 1
    n = len(gemeenten)
    delen = [f"{getal(tel[code])} {label}" for code, label in STATUS_LABELS.items()]
    return [
        f"Van de {getal(n)} gemeenten {'ligt' if n == 1 else 'liggen'} er "
        f"{', '.join(delen[:-1])} en {delen[-1]}."
    ]


def zinnen_achterblijvers(
    achterblijvers: list[dict], reeks: list[dict], *, achterstand: int, halfjaren_afgesloten: int
) -> list[str]:
    zinnen = []
    if achterblijvers:
        samen = sum(g["achterstand"] for g in achterblijvers)
        zin = (
            f"De {len(achterblijvers)} gemeente{'' if len(achterblijvers) == 1 else 'n'} met de "
            f"grootste achterstand {'heeft' if len(achterblijvers) == 1 else 'hebben'} samen nog "
            f"{getal(samen)} te huisvesten"
        )
        if achterstand:
            zin += f", {procent(samen, achterstand)} % van de hele achterstand"
        zinnen.append(zin + ".")
    else:
        zinnen.append("Geen gemeente heeft een achterstand.")
    if reeks:
        zinnen.append(
            f"{getal(len(reeks))} gemeente{'' if len(reeks) == 1 else 'n'} "
            f"{'heeft' if len(reeks) == 1 else 'hebben'} {GEMIST_OP_RIJ} of meer halfjaren op rij "
            f"de taakstelling niet gehaald."
        )
    elif halfjaren_afgesloten < GEMIST_OP_RIJ:
        zinnen.append(
            f"Het systeem kent {halfjaren_afgesloten} afgesloten "
            f"halfja{'ar' if halfjaren_afgesloten == 1 else 'ren'}; of een gemeente "
            f"{GEMIST_OP_RIJ} halfjaren op rij de taakstelling mist, is nog niet te zeggen."
        )
    else:
        zinnen.append(
            f"Geen gemeente heeft {GEMIST_OP_RIJ} of meer halfjaren op rij de taakstelling gemist."
        )
    return zinnen


# --- The report (pure) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Gebied:
    """What a report covers: the country, one province or one municipality."""

    soort: str
    code: str
    naam: str

    @property
    def is_land(self) -> bool:
        return self.soort == LAND


NEDERLAND = Gebied(LAND, "NL", "Nederland")


@dataclass
class Halfjaarcijfers:
    """One group of bars in the chart."""

    halfjaar: str
    wettelijk: int | None  # the legal quota: the national number, or the municipal sum
    gecorrigeerd: int | None  # opening balance + quota
    realisatie: int | None
    lopend: bool  # the half-year of the peildatum: realisation so far


@dataclass
class Tempo:
    halfjaar: str
    einde: date  # first day after the half-year
    te_huisvesten: int
    benodigd_per_maand: int
    maand: date  # the last month before the peildatum
    gehuisvest: int | None  # None: no figures for that month
    te_huisvesten_maand: int  # te_huisvesten of the half-year that month belongs to
    stand: int
    maanden_resterend: int
    nodig_per_resterende_maand: int
    prognose: date | None
    maanden: list[dict]  # maand, personen, benodigd


@dataclass
class Rapport:
    peildatum: date
    halfjaar: str
    gebied: Gebied
    stand: Stand = field(repr=False)
    koppen: dict[str, str]
    landelijk: dict
    totaal: dict  # the row of the area (equal to ``landelijk`` for the country)
    provincies: list[dict]
    gemeenten: list[dict]
    halfjaren: list[Halfjaarcijfers]
    tempo: Tempo
    opvang: list[dict]
    achterblijvers: list[dict]
    reeks: list[dict]
    zinnen: dict[str, list[str]]
    illustratief: bool = False
    landelijke_taakstelling: int | None = None

    @property
    def landelijk_rij(self) -> list:
        """The national row in the order of the report's table (domain.md)."""
        return [self.landelijk[k] for k in LANDELIJKE_KOLOMMEN]

    @property
    def vorig_halfjaar(self) -> str:
        jaar, helft = int(self.halfjaar[:4]), 1 if self.halfjaar.endswith("-I") else 2
        return periode_label(periode_index(jaar, helft) - 1)

    @property
    def titel(self) -> str:
        return (
            "Stand realisatie taakstelling huisvesting vergunninghouders op "
            f"{datum_tekst(self.peildatum)}"
        )

    @property
    def bestandsnaam(self) -> str:
        gebied = "" if self.gebied.is_land else f"-{self.gebied.code}"
        return f"voortgangsrapportage-{self.peildatum.isoformat()}{gebied}"


def beperk_tot_gebied(stand: Stand, gebied: Gebied) -> Stand:
    """Narrow a Stand to an area; the national line stays (it is the published aggregate)."""
    if gebied.soort == LAND:
        return stand
    if gebied.soort == PROVINCIE:
        gemeenten = stand.gemeenten[stand.gemeenten["provinciecode"] == gebied.code]
        provincies = stand.provincies[stand.provincies["provinciecode"] == gebied.code]
    else:
        gemeenten = stand.gemeenten[stand.gemeenten["gemeentecode"] == gebied.code]
        provincies = stand.provincies.iloc[0:0]
    return stand.beperkt(gemeenten, provincies)


def halfjaarreeks(
    verloop: pd.DataFrame, halfjaren: pd.DataFrame, peildatum: date, *, landelijk: bool
) -> list[Halfjaarcijfers]:
    """Per half-year up to the peildatum's: legal quota, corrected quota and realisation.

    ``halfjaren`` has jaar, helft, landelijke_taakstelling. The legal quota of the country is the
    national number the minister set; of a province or municipality the sum of its quotas.
    """
    doel = periode_van(peildatum)
    sommen = (
        verloop.groupby("halfjaar")[["taakstelling", "te_huisvesten", "realisatie"]].sum()
        if len(verloop)
        else pd.DataFrame(columns=["taakstelling", "te_huisvesten", "realisatie"])
    )
    labels = {
        periode_index(int(r.jaar), int(r.helft)): int(r.landelijke_taakstelling)
        for r in halfjaren.itertuples()
    }
    for label in sommen.index:
        jaar, helft = int(label[:4]), 1 if label.endswith("-I") else 2
        labels.setdefault(periode_index(jaar, helft), None)
    uit = []
    for k in sorted(k for k in labels if k <= doel):
        label = periode_label(k)
        heeft = label in sommen.index
        rij = sommen.loc[label] if heeft else None
        wettelijk = labels[k] if landelijk else (int(rij["taakstelling"]) if heeft else None)
        uit.append(
            Halfjaarcijfers(
                halfjaar=label,
                wettelijk=wettelijk,
                gecorrigeerd=int(rij["te_huisvesten"]) if heeft else None,
                realisatie=int(rij["realisatie"]) if heeft else None,
                lopend=k == doel,
            )
        )
    return uit


def maak_tempo(
    stand: Stand,
    totaal: dict,
    halfjaren: list[Halfjaarcijfers],
    maanden: pd.DataFrame,
    *,
    kort: bool = False,
) -> Tempo:
    """The pace: needed per month, the last month, the projection. ``maanden`` has maand (date)
    and personen, one row per month that has figures in the area."""
    peildatum = stand.peildatum
    doel = periode_van(peildatum)
    einde = periode_begin(doel + 1)
    vorige_maand = plus_maanden(peildatum, -1)
    per_maand = {
        pd.Timestamp(m).date(): int(p) for m, p in zip(maanden["maand"], maanden["personen"])
    }
    gecorrigeerd = {h.halfjaar: h.gecorrigeerd for h in halfjaren}
    maand_halfjaar = periode_label(periode_van(vorige_maand))
    te_huisvesten = int(totaal["te_huisvesten"] or 0)
    stand_nu = int(totaal["stand"] or 0)
    gehuisvest = per_maand.get(vorige_maand)
    overzicht = []
    # The months since the previous half-year began; a municipality's one-page report keeps to
    # the current half-year (the previous one is in the look back).
    vanaf = periode_begin(doel if kort else doel - 1)
    for m in sorted(per_maand):
        if vanaf <= m < peildatum:
            nodig = gecorrigeerd.get(periode_label(periode_van(m)))
            overzicht.append(
                {
                    "maand": m,
                    "personen": per_maand[m],
                    "benodigd": None if nodig is None else afgerond(nodig / 6),
                }
            )
    return Tempo(
        halfjaar=stand.halfjaar,
        einde=einde,
        te_huisvesten=te_huisvesten,
        benodigd_per_maand=afgerond(te_huisvesten / 6),
        maand=vorige_maand,
        gehuisvest=gehuisvest,
        te_huisvesten_maand=gecorrigeerd.get(maand_halfjaar) or 0,
        stand=stand_nu,
        maanden_resterend=stand.maanden_resterend,
        nodig_per_resterende_maand=math.ceil(max(stand_nu, 0) / stand.maanden_resterend),
        prognose=None
        if gehuisvest is None
        else prognose_maand(stand=stand_nu, tempo=gehuisvest, peildatum=peildatum),
        maanden=overzicht,
    )


def stel_samen(
    stand: Stand,
    gebied: Gebied,
    *,
    halfjaren: pd.DataFrame,
    maanden: pd.DataFrame,
    opvang: pd.DataFrame,
) -> Rapport:
    """The whole report from figures already read. ``stand`` is narrowed to ``gebied``."""
    peildatum = stand.peildatum
    gemeenten = records(stand.gemeenten, GEMEENTE_KOLOMMEN)
    for g in gemeenten:
        g["status_label"] = STATUS_LABELS.get(g["status"], g["status"])
        g["procent"] = (
            procent(g["realisatie"], g["te_huisvesten"]) if g["te_huisvesten"] > 0 else None
        )
    totaal = stand.landelijk if gebied.is_land else samenvatten_landelijk(stand.gemeenten)
    reeks_halfjaren = halfjaarreeks(stand.verloop, halfjaren, peildatum, landelijk=gebied.is_land)
    tempo = maak_tempo(stand, totaal, reeks_halfjaren, maanden, kort=gebied.soort == GEMEENTE)

    achterblijvers = sorted(
        (g for g in gemeenten if g["achterstand"] > 0),
        key=lambda g: (-g["achterstand"], g["gemeentenaam"]),
    )[:AANTAL_ACHTERBLIJVERS]
    reeks = sorted(
        (g for g in gemeenten if g["gemiste_halfjaren"] >= GEMIST_OP_RIJ),
        key=lambda g: (-g["gemiste_halfjaren"], -g["achterstand"], g["gemeentenaam"]),
    )
    afgesloten = sum(1 for h in reeks_halfjaren if not h.lopend and h.realisatie is not None)

    opvang_rijen = [
        {
            "peildatum": pd.Timestamp(r.peildatum).date(),
            "wachtend": int(r.wachtend),
            "alleenstaand": int(r.alleenstaand),
            "aandeel": procent(int(r.alleenstaand), int(r.wachtend)) or 0,
        }
        for r in opvang.itertuples()
        if pd.Timestamp(r.peildatum).date() <= peildatum
    ]

    vorige = [h for h in reeks_halfjaren if not h.lopend and h.realisatie is not None]
    hoogste = len(vorige) >= 2 and vorige[-1].realisatie > max(h.realisatie for h in vorige[:-1])
    koppen = kolomkoppen(peildatum, stand.halfjaar)
    vorig_label = periode_label(periode_van(peildatum) - 1)
    zinnen = {
        "terugblik": zinnen_terugblik(
            halfjaar=vorig_label,
            beginstand=totaal.get("beginstand_vorig"),
            taakstelling=totaal.get("taakstelling_vorig"),
            realisatie=totaal.get("realisatie_vorig"),
            eindstand=totaal.get("beginstand")
            if totaal.get("beginstand_vorig") is not None
            else None,
            hoogste_realisatie=hoogste,
        ),
        "tempo": [
            zin_doel(
                halfjaar=stand.halfjaar,
                einde=tempo.einde,
                beginstand=int(totaal["beginstand"] or 0),
                taakstelling=int(totaal["taakstelling"] or 0),
            ),
            zin_maand(
                maand=tempo.maand,
                gehuisvest=tempo.gehuisvest,
                te_huisvesten=tempo.te_huisvesten_maand,
            ),
            zin_resterend(
                stand=tempo.stand, maanden_resterend=tempo.maanden_resterend, einde=tempo.einde
            ),
            zin_prognose(
                stand=tempo.stand,
                maand=tempo.maand,
                tempo=tempo.gehuisvest,
                peildatum=peildatum,
                einde=tempo.einde,
            ),
        ],
        "opvang": zinnen_opvang(opvang_rijen),
        "status": zinnen_status(gemeenten),
        "achterblijvers": zinnen_achterblijvers(
            achterblijvers,
            reeks,
            achterstand=int(totaal.get("achterstand") or 0),
            halfjaren_afgesloten=afgesloten,
        ),
    }
    huidig = halfjaren[
        (halfjaren["jaar"] == int(stand.halfjaar[:4]))
        & (halfjaren["helft"] == (1 if stand.halfjaar.endswith("-I") else 2))
    ]
    return Rapport(
        peildatum=peildatum,
        halfjaar=stand.halfjaar,
        gebied=gebied,
        stand=stand,
        koppen=koppen,
        landelijk=stand.landelijk,
        totaal=totaal,
        provincies=records(stand.provincies, PROVINCIE_KOLOMMEN),
        gemeenten=gemeenten,
        halfjaren=reeks_halfjaren,
        tempo=tempo,
        opvang=opvang_rijen,
        achterblijvers=achterblijvers,
        reeks=reeks,
        zinnen=zinnen,
        illustratief=bool(len(huidig) and huidig["illustratief"].any()),
        landelijke_taakstelling=int(huidig["landelijke_taakstelling"].iloc[0])
        if len(huidig)
        else None,
    )


# --- Reading (selectors) ---------------------------------------------------------------------


class GebiedOnbekend(LookupError):
    """The area does not exist or lies outside the user's scope (the view answers 404)."""


def gebied_voor(user, code: str | None = None) -> Gebied:
    """The area a user asks for (``NL``, ``PV27`` or ``GM0363``), or their own by default.

    Allowed only when the user sees every municipality of it, through the one scoping mechanism
    (``Gemeente.objects.restrict``): a municipality official cannot ask for their province.
    """
    from taakstelling.models import Gemeente, Provincie

    zichtbaar = Gemeente.objects.restrict(user)
    if not code:
        if user.gemeente_id:
            code = user.gemeente.code
        elif user.provincie_id:
            code = user.provincie.code
        else:
            code = NEDERLAND.code
    code = code.strip().upper()
    if code == NEDERLAND.code:
        if zichtbaar.count() != Gemeente.objects.count():
            raise GebiedOnbekend(code)
        return NEDERLAND
    if code.startswith("PV"):
        provincie = Provincie.objects.filter(code=code).first()
        if provincie is None:
            raise GebiedOnbekend(code)
        alle = Gemeente.objects.filter(provincie=provincie).count()
        if not alle or zichtbaar.filter(provincie=provincie).count() != alle:
            raise GebiedOnbekend(code)
        return Gebied(PROVINCIE, provincie.code, provincie.naam)
    gemeente = zichtbaar.filter(code=code).first()
    if gemeente is None:
        raise GebiedOnbekend(code)
    return Gebied(GEMEENTE, gemeente.code, gemeente.naam)


def maandrealisatie(gebied: Gebied) -> pd.DataFrame:
    """Persons housed per month in the area: one aggregate query."""
    from django.db.models import Sum

    from realisatie.models import Huisvesting

    rijen = Huisvesting.objects.all()
    if gebied.soort == PROVINCIE:
        rijen = rijen.filter(gemeente__provincie__code=gebied.code)
    elif gebied.soort == GEMEENTE:
        rijen = rijen.filter(gemeente__code=gebied.code)
    rijen = rijen.order_by("maand").values("maand").annotate(personen=Sum("personen"))
    return pd.DataFrame.from_records(
        [(r["maand"], r["personen"]) for r in rijen], columns=["maand", "personen"]
    )


def halfjaren_frame() -> pd.DataFrame:
    from taakstelling.models import Halfjaar

    return pd.DataFrame.from_records(
        list(
            Halfjaar.objects.values_list("jaar", "helft", "landelijke_taakstelling", "illustratief")
        ),
        columns=["jaar", "helft", "landelijke_taakstelling", "illustratief"],
    )


def maak_rapport(stand: Stand, gebied: Gebied = NEDERLAND) -> Rapport:
    """Read what the report needs besides the Stand and assemble it. ``stand`` comes from
    ``selectors.stand_op``; views pass it through ``selectors.beperk_tot_gebruiker`` first, so a
    report never holds a municipality outside the user's scope."""
    from . import selectors

    return stel_samen(
        beperk_tot_gebied(stand, gebied),
        gebied,
        halfjaren=halfjaren_frame(),
        maanden=maandrealisatie(gebied),
        opvang=selectors.opvangstanden() if gebied.soort != GEMEENTE else _geen_opvang(),
    )


def _geen_opvang() -> pd.DataFrame:
    # The one-page municipal report leaves out the national reception figures.
    return pd.DataFrame(columns=["peildatum", "wachtend", "alleenstaand"])
