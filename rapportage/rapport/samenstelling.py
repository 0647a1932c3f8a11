"""The progress report for a peildatum and an area, composed from figures already read (pure).

``stel_samen`` takes a ``Stand`` and DataFrames and returns a ``Rapport``: the table, the chart's
half-years, the pace, the reception figures, the municipalities behind and the generated
sentences (``zinnen``). ``maak_rapport`` gathers those inputs through the selectors, one query
each, whatever the number of municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from opnieuwthuis.nederlands import datum_lang, procent
from opnieuwthuis.perioden import Periode, nodig_per_maand, plus_maanden

from ..berekening import (
    LANDELIJKE_KOLOMMEN,
    STATUS_LABELS,
    Stand,
    samenvatten_landelijk,
)
from ..koppen import kolomkoppen
from ..uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, records
from .gebied import GEMEENTE, LAND, NEDERLAND, PROVINCIE, Gebied
from .zinnen import (
    AANTAL_ACHTERBLIJVERS,
    GEMIST_OP_RIJ,
    prognose_maand,
    zin_doel,
    zin_maand,
    zin_maand_open,
    zin_prognose,
    zin_resterend,
    zinnen_achterblijvers,
    zinnen_opvang,
    zinnen_status,
    zinnen_terugblik,
)

__all__ = ["GEMEENTE", "LAND", "NEDERLAND", "PROVINCIE", "Gebied", "GEMIST_OP_RIJ"]


# --- The report (pure) -----------------------------------------------------------------------


@dataclass
class Halfjaarcijfers:
    """One group of bars in the chart."""

    halfjaar: str
    wettelijk: int | None  # the legal quota: the national number, or the municipal sum
    gecorrigeerd: int | None  # opening balance + quota
    realisatie: int | None
    lopend: bool  # the half-year of the peildatum: realisation so far
    # A half-year before the system's municipal figures: the national figures as published,
    # with their source (rapportage.models.LandelijkHalfjaar).
    alleen_landelijk: bool = False
    bron: str = ""


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
        return Periode.parse(self.halfjaar).vorige.label

    @property
    def titel(self) -> str:
        return (
            "Stand realisatie taakstelling huisvesting vergunninghouders op "
            f"{datum_lang(self.peildatum)}"
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
    verloop: pd.DataFrame,
    halfjaren: pd.DataFrame,
    peildatum: date,
    *,
    landelijk: bool,
    alleen_landelijk: pd.DataFrame | None = None,
) -> list[Halfjaarcijfers]:
    """Per half-year up to the peildatum's: legal quota, corrected quota and realisation.

    ``halfjaren`` has jaar, helft, landelijke_taakstelling. The legal quota of the country is the
    national number the minister set; of a province or municipality the sum of its quotas.
    ``alleen_landelijk`` (jaar, helft, taakstelling, gecorrigeerde_taakstelling, realisatie, bron)
    adds, to the national series only, the half-years before the system's municipal figures; a
    half-year the system holds is always drawn from the calculation.
    """
    doel = Periode.van_datum(peildatum)
    sommen = (
        verloop.groupby("halfjaar")[["taakstelling", "te_huisvesten", "realisatie"]].sum()
        if len(verloop)
        else pd.DataFrame(columns=["taakstelling", "te_huisvesten", "realisatie"])
    )
    labels = {
        Periode(int(r.jaar), int(r.helft)): int(r.landelijke_taakstelling)
        for r in halfjaren.itertuples()
    }
    for label in sommen.index:
        labels.setdefault(Periode.parse(label), None)
    uit = []
    for k in sorted(k for k in labels if k <= doel):
        label = k.label
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
    if landelijk and alleen_landelijk is not None and len(alleen_landelijk):
        bekend = {h.halfjaar for h in uit}
        for r in alleen_landelijk.itertuples():
            k = Periode(int(r.jaar), int(r.helft))
            if k > doel or k.label in bekend:
                continue
            uit.append(
                Halfjaarcijfers(
                    halfjaar=k.label,
                    wettelijk=_geheel(r.taakstelling),
                    gecorrigeerd=_geheel(r.gecorrigeerde_taakstelling),
                    realisatie=_geheel(r.realisatie),
                    lopend=False,
                    alleen_landelijk=True,
                    bron=str(r.bron or ""),
                )
            )
        uit.sort(key=lambda h: Periode.parse(h.halfjaar))
    return uit


def _geheel(waarde) -> int | None:
    return None if waarde is None or pd.isna(waarde) else int(waarde)


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
    doel = Periode.van_datum(peildatum)
    einde = doel.volgende.begin
    vorige_maand = plus_maanden(peildatum, -1)
    per_maand = {
        pd.Timestamp(m).date(): int(p) for m, p in zip(maanden["maand"], maanden["personen"])
    }
    gecorrigeerd = {h.halfjaar: h.gecorrigeerd for h in halfjaren}
    maand_halfjaar = Periode.van_datum(vorige_maand).label
    te_huisvesten = int(totaal["te_huisvesten"] or 0)
    stand_nu = int(totaal["stand"] or 0)
    gehuisvest = per_maand.get(vorige_maand)
    overzicht = []
    # The months since the previous half-year began; a municipality's one-page report keeps to
    # the current half-year (the previous one is in the look back).
    vanaf = (doel if kort else doel.vorige).begin
    for m in sorted(per_maand):
        if vanaf <= m < peildatum:
            nodig = gecorrigeerd.get(Periode.van_datum(m).label)
            overzicht.append(
                {
                    "maand": m,
                    "personen": per_maand[m],
                    "benodigd": None if nodig is None else nodig_per_maand(nodig),
                }
            )
    return Tempo(
        halfjaar=stand.halfjaar,
        einde=einde,
        te_huisvesten=te_huisvesten,
        benodigd_per_maand=nodig_per_maand(te_huisvesten),
        maand=vorige_maand,
        gehuisvest=gehuisvest,
        te_huisvesten_maand=gecorrigeerd.get(maand_halfjaar) or 0,
        stand=stand_nu,
        maanden_resterend=stand.maanden_resterend,
        nodig_per_resterende_maand=nodig_per_maand(stand_nu, stand.maanden_resterend),
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
    alleen_landelijk: pd.DataFrame | None = None,
    laatste_maand_vastgesteld: bool = True,
) -> Rapport:
    """The whole report from figures already read. ``stand`` is narrowed to ``gebied``.

    ``laatste_maand_vastgesteld``: whether the month before the peildatum is closed. When it is
    not (a provisional report, for platform staff only), no sentence compares that month with
    the pace or projects from it."""
    peildatum = stand.peildatum
    gemeenten = records(stand.gemeenten, GEMEENTE_KOLOMMEN)
    for g in gemeenten:
        g["status_label"] = STATUS_LABELS.get(g["status"], g["status"])
        g["procent"] = g["percentage_gerealiseerd"]
    totaal = stand.landelijk if gebied.is_land else samenvatten_landelijk(stand.gemeenten)
    reeks_halfjaren = halfjaarreeks(
        stand.verloop,
        halfjaren,
        peildatum,
        landelijk=gebied.is_land,
        alleen_landelijk=alleen_landelijk,
    )
    tempo = maak_tempo(stand, totaal, reeks_halfjaren, maanden, kort=gebied.soort == GEMEENTE)

    achterblijvers = sorted(
        (g for g in gemeenten if g["achterstand"] > 0),
        key=lambda g: (-g["achterstand"], g["gemeentenaam"]),
    )[:AANTAL_ACHTERBLIJVERS]
    reeks = sorted(
        (g for g in gemeenten if g["gemiste_halfjaren"] >= GEMIST_OP_RIJ),
        key=lambda g: (-g["gemiste_halfjaren"], -g["achterstand"], g["gemeentenaam"]),
    )
    systeem = [h for h in reeks_halfjaren if not h.alleen_landelijk]
    afgesloten = sum(1 for h in systeem if not h.lopend and h.realisatie is not None)

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
    vorig_label = Periode.van_datum(peildatum).vorige.label
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
            )
            if laatste_maand_vastgesteld
            else zin_maand_open(maand=tempo.maand),
            zin_resterend(
                stand=tempo.stand, maanden_resterend=tempo.maanden_resterend, einde=tempo.einde
            ),
            *(
                [
                    zin_prognose(
                        stand=tempo.stand,
                        maand=tempo.maand,
                        tempo=tempo.gehuisvest,
                        peildatum=peildatum,
                        einde=tempo.einde,
                    )
                ]
                if laatste_maand_vastgesteld
                else []
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
    nu = Periode.parse(stand.halfjaar)
    huidig = halfjaren[(halfjaren["jaar"] == nu.jaar) & (halfjaren["helft"] == nu.helft)]
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


def maak_rapport(stand: Stand, gebied: Gebied = NEDERLAND) -> Rapport:
    """Read what the report needs besides the Stand and assemble it. ``stand`` comes from
    ``selectors.stand_op``; views pass it through ``selectors.beperk_tot_gebruiker`` first, so a
    report never holds a municipality outside the user's scope."""
    from .. import selectors
    from . import status

    return stel_samen(
        beperk_tot_gebied(stand, gebied),
        gebied,
        halfjaren=selectors.halfjaren_frame(),
        maanden=selectors.maandrealisatie_frame(
            gemeentecode=gebied.code if gebied.soort == GEMEENTE else None,
            provinciecode=gebied.code if gebied.soort == PROVINCIE else None,
        ),
        opvang=selectors.opvangstanden() if gebied.soort != GEMEENTE else _geen_opvang(),
        alleen_landelijk=selectors.landelijke_halfjaren() if gebied.is_land else None,
        laatste_maand_vastgesteld=status.laatste_maand_vastgesteld(stand.peildatum),
    )


def _geen_opvang() -> pd.DataFrame:
    # The one-page municipal report leaves out the national reception figures.
    return pd.DataFrame(columns=["peildatum", "wachtend", "alleenstaand"])
