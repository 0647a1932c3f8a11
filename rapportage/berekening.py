"""The carry-forward calculation: pure pandas, no ORM, no Django.

For a peildatum (the first day of a month) it gives, for every municipality with a quota in the
half-year containing that date, the figures of the progress report (domain.md):

    beginstand + taakstelling = te_huisvesten;  te_huisvesten - realisatie = stand

where realisatie counts the months of the half-year before the peildatum, and the closing balance
of every half-year (beginstand + taakstelling - realisatie of the whole half-year) is the opening
balance of the next (domain rule 3). A lead (negative balance) carries too, unless configured off.
Reorganisations (rule 4) move closing balances from predecessors to successors by share, in the
first half-year on or after their date in which the predecessors no longer carry a quota and the
successors do, rounding so that no person is lost or created.

The steps, each a function tested on its own: ``als_matrices`` (the inputs as arrays),
``herindelingsmomenten`` (rule 4: when), ``doorschuiven`` (rules 3 and 4: the balances),
``status_tegen_tijd`` (rule 6), ``gemiste_halfjaren`` (rule 7), then the frames and
``samenvatten`` / ``samenvatten_landelijk`` (the sums, achterstand and voorsprong apart).

Inputs (DataFrames, one row per record):
    gemeenten       gemeente_id, gemeentecode, gemeentenaam, provinciecode, provincie
    halfjaren       halfjaar_id, jaar, helft (1 or 2)
    taakstellingen  gemeente_id, halfjaar_id, personen
    startstanden    gemeente_id, halfjaar_id, personen
    huisvestingen   gemeente_id, maand (date: first day of the month), personen
    herindelingen   datum (as recorded), van_gemeente_id, naar_gemeente_id, aandeel   (optional)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from opnieuwthuis.afronding import grootste_rest
from opnieuwthuis.perioden import (
    MAANDEN_PER_HALFJAAR,
    Periode,
    half_omhoog,
    maanden_resterend,
    maanden_verstreken,
    nodig_per_maand,
)

OP_SCHEMA = "op_schema"
ENIGSZINS_ACHTER = "enigszins_achter"
ACHTER = "achter"
STATUS_LABELS = {
    OP_SCHEMA: "op schema",
    ENIGSZINS_ACHTER: "enigszins achter",
    ACHTER: "achter op schema",
}

# The keys of the national line, in the order of the report's table (domain.md).
LANDELIJKE_KOLOMMEN = [
    "aantal_gemeenten",
    "beginstand_vorig",
    "taakstelling_vorig",
    "realisatie_vorig",
    "beginstand",
    "taakstelling",
    "te_huisvesten",
    "realisatie",
    "stand",
    "achterstand",
    "voorsprong",
]
SOM_KOLOMMEN = LANDELIJKE_KOLOMMEN[1:]


class BerekeningFout(ValueError):
    pass


FOUT_GEEN_EERSTE_VAN_MAAND = "Een peildatum is de eerste dag van een maand, niet {datum}."
FOUT_ONBEKEND_HALFJAAR = "Het systeem kent geen halfjaar {label} voor peildatum {datum}."


@dataclass(frozen=True)
class Instellingen:
    """The configurable rules of domain.md, with their defaults."""

    voorsprong_meenemen: bool = True  # rule 3
    grens_achter: float = 0.75  # rule 6: below this share of the line: "achter op schema"


def schema_lijn(te_huisvesten: int, maanden_verstreken: int) -> int:
    """Rule 6's line in whole persons: what a municipality should have housed after
    ``maanden_verstreken`` of 6 months (m/6 of te_huisvesten), rounded up, so that "op schema"
    is exactly "housed at least the line" (the status compares realisatie * 6 >= te * m)."""
    return max(0, -(-int(te_huisvesten) * int(maanden_verstreken) // 6))


@dataclass
class Stand:
    """The result for one peildatum."""

    peildatum: date
    halfjaar: str
    maanden_verstreken: int
    gemeenten: pd.DataFrame
    provincies: pd.DataFrame
    landelijk: dict
    verloop: pd.DataFrame = field(repr=False)

    @property
    def maanden_resterend(self) -> int:
        return MAANDEN_PER_HALFJAAR - self.maanden_verstreken

    def beperkt(self, gemeenten: pd.DataFrame, provincies: pd.DataFrame) -> Stand:
        """The same stand narrowed to some of its municipalities and provinces (a user's scope,
        a report's area). The national line stays: it is the published aggregate."""
        return Stand(
            peildatum=self.peildatum,
            halfjaar=self.halfjaar,
            maanden_verstreken=self.maanden_verstreken,
            gemeenten=gemeenten.reset_index(drop=True),
            provincies=provincies.reset_index(drop=True),
            landelijk=self.landelijk,
            verloop=self.verloop[self.verloop["gemeente_id"].isin(gemeenten["gemeente_id"])],
        )


# --- The input arranged per municipality (row) and half-year (column) --------------------------


@dataclass
class Matrices:
    """The inputs as arrays: row i is municipality ``ids[i]``, column c is half-year
    ``perioden[c]`` (a ``Periode.index``), from the first with a quota or opening balance up to
    the peildatum's. ``doel`` is the last column's half-year."""

    ids: np.ndarray
    perioden: list[int]
    taak: np.ndarray  # quota per half-year
    heeft_taak: np.ndarray  # bool: a quota row exists (0 included)
    realisatie: np.ndarray  # housed in the whole half-year (the last column: whole too)
    realisatie_lopend: np.ndarray  # per municipality: housed in the last half-year before peildatum
    heeft_start: np.ndarray  # bool per municipality: an opening balance is recorded
    start_k: np.ndarray  # the half-year a municipality starts in (its opening balance's, else
    # its first quota's)
    start_saldo: np.ndarray
    taak_perioden: dict[int, list[int]]  # municipality id -> half-years with a quota (all known)

    @property
    def positie(self) -> dict[int, int]:
        return {int(g): i for i, g in enumerate(self.ids)}


def als_matrices(
    doel: int,
    peildatum: date,
    *,
    gemeenten: pd.DataFrame,
    halfjaar_index: dict[int, int],
    taakstellingen: pd.DataFrame,
    startstanden: pd.DataFrame,
    huisvestingen: pd.DataFrame,
    betrokken: set[int] = frozenset(),
) -> Matrices:
    """Arrange the frames (``betrokken``: municipality ids whose quota half-years the
    reorganisation rule needs)."""
    ids = gemeenten["gemeente_id"].astype(np.int64).to_numpy()
    n = len(ids)
    # Positions through hash-table lookups (Index.get_indexer, -1 = unknown): a dict-based
    # Series.map costs several times more on ten years of rows.
    gemeente_index = pd.Index(ids)
    halfjaar_ids = pd.Index(list(halfjaar_index), dtype=np.int64)
    halfjaar_k = np.array(list(halfjaar_index.values()), dtype=np.int64)

    def per_periode(frame: pd.DataFrame) -> pd.DataFrame:
        pos = gemeente_index.get_indexer(frame["gemeente_id"])
        h = halfjaar_ids.get_indexer(frame["halfjaar_id"])
        bekend = (pos >= 0) & (h >= 0)
        return frame[bekend].assign(pos=pos[bekend].astype(np.int64), k=halfjaar_k[h[bekend]])

    taak = per_periode(taakstellingen)
    start = per_periode(startstanden)

    huis_pos = gemeente_index.get_indexer(huisvestingen["gemeente_id"])
    huis = huisvestingen[huis_pos >= 0]
    maand = pd.to_datetime(huis["maand"])
    huis = huis.assign(
        pos=huis_pos[huis_pos >= 0].astype(np.int64),
        k=(maand.dt.year * 2 + (maand.dt.month > 6)).astype(np.int64),
        voor_peildatum=maand < pd.Timestamp(peildatum),
    )

    eerste = min(doel, *(int(f["k"].min()) for f in (taak, start) if len(f)))
    perioden = list(range(eerste, doel + 1))
    kolom = {k: c for c, k in enumerate(perioden)}
    m = len(perioden)

    def matrix(frame: pd.DataFrame) -> np.ndarray:
        uit = np.zeros((n, m), dtype=np.int64)
        frame = frame[frame["k"].between(eerste, doel)]
        np.add.at(
            uit,
            (frame["pos"].to_numpy(), frame["k"].map(kolom).to_numpy()),
            frame["personen"].astype(np.int64).to_numpy(),
        )
        return uit

    heeft_taak = np.zeros((n, m), dtype=bool)
    if len(taak):
        t = taak[taak["k"].between(eerste, doel)]
        heeft_taak[t["pos"].to_numpy(), t["k"].map(kolom).to_numpy()] = True
    real_tot = np.zeros(n, dtype=np.int64)
    lopend = huis[(huis["k"] == doel) & huis["voor_peildatum"]]
    np.add.at(real_tot, lopend["pos"].to_numpy(), lopend["personen"].astype(np.int64).to_numpy())

    heeft_start = np.zeros(n, dtype=bool)
    heeft_start[start["pos"].to_numpy()] = True
    start_k = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    start_saldo = np.zeros(n, dtype=np.int64)
    start_k[start["pos"].to_numpy()] = start["k"].to_numpy()
    start_saldo[start["pos"].to_numpy()] = start["personen"].astype(np.int64).to_numpy()
    # A municipality without an opening balance starts at 0 in its first half-year with a quota.
    eerste_taak = np.where(heeft_taak.any(axis=1), heeft_taak.argmax(axis=1) + eerste, doel)

    taak_perioden: dict[int, list[int]] = {}
    if betrokken:
        rijen = taak[taak["gemeente_id"].isin(list(betrokken))]
        for g, k in zip(rijen["gemeente_id"].tolist(), rijen["k"].tolist()):
            taak_perioden.setdefault(int(g), []).append(int(k))

    return Matrices(
        ids=ids,
        perioden=perioden,
        taak=matrix(taak),
        heeft_taak=heeft_taak,
        realisatie=matrix(huis),
        realisatie_lopend=real_tot,
        heeft_start=heeft_start,
        start_k=np.minimum(start_k, eerste_taak),
        start_saldo=start_saldo,
        taak_perioden=taak_perioden,
    )


# --- Rule 4: when a reorganisation moves the balances --------------------------------------------


Verhuizing = tuple[int, int, object]  # (van_gemeente_id, naar_gemeente_id, aandeel)


def herindelingsmomenten(
    herindelingen: pd.DataFrame | None, taak_perioden: dict[int, list[int]]
) -> dict[int, list[Verhuizing]]:
    """The reorganisations per half-year (``Periode.index``) in which they move the balances.

    That is the first half-year, starting on or after the reorganisation's date, in which no
    predecessor of the row still carries a quota and every successor of it does. A quota
    distributed before the reorganisation stays with the old municipalities for its half-year
    (2017-I was carried by the 390 municipalities of 2016, so Meierijstad takes over their
    balances from 2017-II), and a balance never goes to a successor that has no quota yet (it
    would not be carried: a person would be lost). ``taak_perioden``: municipality id -> the
    half-years it has a quota in. Plain Python: a handful of rows, where pandas' groupby would
    cost more than the whole carry-forward.
    """
    if herindelingen is None or not len(herindelingen):
        return {}
    groepen: dict[tuple, list[Verhuizing]] = {}
    for datum, van, naar, aandeel in zip(
        pd.to_datetime(herindelingen["datum"]).dt.date,
        herindelingen["van_gemeente_id"].tolist(),
        herindelingen["naar_gemeente_id"].tolist(),
        herindelingen["aandeel"].tolist(),
    ):
        groepen.setdefault((datum, int(van)), []).append((int(van), int(naar), aandeel))
    momenten: dict[int, list[Verhuizing]] = {}
    for (datum, van), rijen in groepen.items():
        k = max([Periode.eerste_vanaf(datum).index, *(p + 1 for p in taak_perioden.get(van, []))])
        for _van, naar, _aandeel in rijen:
            later = [p for p in taak_perioden.get(naar, []) if p >= k]
            if later:
                k = max(k, min(later))
        momenten.setdefault(k, []).extend(rijen)
    return momenten


def _herindel(saldo: np.ndarray, verhuizingen: list[Verhuizing], positie: dict[int, int]):
    """Move the balances of predecessors to their successors by share, person-exact."""
    nieuw = saldo.copy()
    per_van: dict[int, list[Verhuizing]] = {}
    for rij in verhuizingen:
        per_van.setdefault(rij[0], []).append(rij)
    for van in sorted(per_van):
        if van not in positie:
            continue
        i = positie[van]
        bedrag = int(saldo[i])
        rijen = [r for r in per_van[van] if r[1] in positie]
        if not rijen:
            continue
        delen = grootste_rest(bedrag, [aandeel for _v, _n, aandeel in rijen])
        nieuw[i] -= bedrag
        for (_v, naar, _a), deel in zip(rijen, delen):
            nieuw[positie[naar]] += deel
    return nieuw


# --- Rule 3 (with rule 4): the balances carried from half-year to half-year ---------------------


@dataclass
class Saldi:
    begin: np.ndarray  # opening balance per municipality and half-year
    eind: np.ndarray  # closing balance (the last column: up to the peildatum)
    actief: np.ndarray  # bool: the municipality takes part in the half-year


def doorschuiven(
    m: Matrices, momenten: dict[int, list[Verhuizing]], *, voorsprong_meenemen: bool
) -> Saldi:
    """Closing balance = opening balance + quota − housed; it opens the next half-year. A lead
    (negative) carries too unless configured off; reorganisations move balances at their
    moment; a recorded opening balance replaces the carried one in its half-year."""
    n, aantal = m.taak.shape
    positie = m.positie
    begin = np.zeros((n, aantal), dtype=np.int64)
    eind = np.zeros((n, aantal), dtype=np.int64)
    actief_m = np.zeros((n, aantal), dtype=bool)
    saldo = np.zeros(n, dtype=np.int64)
    laatste = aantal - 1
    for c, k in enumerate(m.perioden):
        if k in momenten:
            saldo = _herindel(saldo, momenten[k], positie)
        saldo = np.where(
            m.heeft_start & (m.start_k == k), m.start_saldo, np.where(m.start_k > k, 0, saldo)
        )
        actief = m.start_k <= k
        begin[:, c] = saldo
        gehuisvest = m.realisatie[:, c] if c < laatste else m.realisatie_lopend
        eind[:, c] = np.where(actief, saldo + m.taak[:, c] - gehuisvest, 0)
        actief_m[:, c] = actief
        saldo = eind[:, c] if voorsprong_meenemen else np.maximum(eind[:, c], 0)
    return Saldi(begin=begin, eind=eind, actief=actief_m)


# --- Rule 6: status against time ------------------------------------------------------------


def status_tegen_tijd(
    realisatie: np.ndarray, te_huisvesten: np.ndarray, verstreken: int, grens_achter: float
) -> np.ndarray:
    """After ``verstreken`` of 6 months a municipality should have housed that share of its
    corrected quota: at or above the line *op schema*, from ``grens_achter`` of the line
    *enigszins achter*, below it *achter op schema*. Whole numbers keep the line exact:
    realisatie × 6 ≥ te_huisvesten × verstreken."""
    links = np.asarray(realisatie) * MAANDEN_PER_HALFJAAR
    lijn = np.asarray(te_huisvesten) * verstreken
    return np.where(
        links >= lijn,
        OP_SCHEMA,
        np.where(links >= grens_achter * lijn, ENIGSZINS_ACHTER, ACHTER),
    )


# --- Rule 7: half-years missed in a row ---------------------------------------------------------


def gemiste_halfjaren(eind: np.ndarray, actief: np.ndarray) -> np.ndarray:
    """Per municipality: the completed half-years (the columns of ``eind``), ending with the
    last one, closed in a row with a backlog (a closing balance above 0)."""
    n, aantal = eind.shape
    gemist = np.zeros(n, dtype=np.int64)
    nog_tellen = np.ones(n, dtype=bool)
    for c in range(aantal - 1, -1, -1):
        mis = actief[:, c] & (eind[:, c] > 0)
        gemist += (nog_tellen & mis).astype(np.int64)
        nog_tellen &= mis
    return gemist


# --- The pipeline -----------------------------------------------------------------------------


def _controleer(peildatum: date, halfjaren: pd.DataFrame) -> tuple[Periode, dict[int, int]]:
    if peildatum.day != 1:
        raise BerekeningFout(FOUT_GEEN_EERSTE_VAN_MAAND.format(datum=peildatum.isoformat()))
    periode = Periode.van_datum(peildatum)
    halfjaar_index = {
        int(r.halfjaar_id): Periode(int(r.jaar), int(r.helft)).index for r in halfjaren.itertuples()
    }
    if periode.index not in halfjaar_index.values():
        raise BerekeningFout(
            FOUT_ONBEKEND_HALFJAAR.format(label=periode.label, datum=peildatum.isoformat())
        )
    return periode, halfjaar_index


def bereken_stand(
    peildatum: date,
    *,
    gemeenten: pd.DataFrame,
    halfjaren: pd.DataFrame,
    taakstellingen: pd.DataFrame,
    startstanden: pd.DataFrame,
    huisvestingen: pd.DataFrame,
    herindelingen: pd.DataFrame | None = None,
    instellingen: Instellingen = Instellingen(),
) -> Stand:
    """The stand on ``peildatum``: the inputs as arrays, the reorganisations' moments (rule 4),
    the balances carried forward (rules 3 and 4), status (rule 6) and half-years missed (rule 7)
    per municipality, then the tables and their sums."""
    periode, halfjaar_index = _controleer(peildatum, halfjaren)
    betrokken = set()
    if herindelingen is not None and len(herindelingen):
        betrokken = {
            int(g)
            for g in herindelingen["van_gemeente_id"].tolist()
            + herindelingen["naar_gemeente_id"].tolist()
        }
    m = als_matrices(
        periode.index,
        peildatum,
        gemeenten=gemeenten,
        halfjaar_index=halfjaar_index,
        taakstellingen=taakstellingen,
        startstanden=startstanden,
        huisvestingen=huisvestingen,
        betrokken=betrokken,
    )
    momenten = herindelingsmomenten(herindelingen, m.taak_perioden)
    saldi = doorschuiven(m, momenten, voorsprong_meenemen=instellingen.voorsprong_meenemen)
    verstreken = maanden_verstreken(peildatum)
    d = len(m.perioden) - 1
    te_huisvesten = saldi.begin[:, d] + m.taak[:, d]
    frame, vorig_frame = _gemeenten(
        m,
        saldi,
        gemeenten,
        periode=periode,
        te_huisvesten=te_huisvesten,
        status=status_tegen_tijd(
            m.realisatie_lopend, te_huisvesten, verstreken, instellingen.grens_achter
        ),
        gemist=gemiste_halfjaren(saldi.eind[:, :d], saldi.actief[:, :d]),
        resterend=maanden_resterend(peildatum),
    )
    return Stand(
        peildatum=peildatum,
        halfjaar=periode.label,
        maanden_verstreken=verstreken,
        gemeenten=frame,
        provincies=samenvatten(frame, per="provincie", vorig=vorig_frame),
        landelijk=samenvatten_landelijk(frame, vorig=vorig_frame),
        verloop=_verloop(m, saldi),
    )


def _gemeenten(
    m: Matrices,
    saldi: Saldi,
    gemeenten: pd.DataFrame,
    *,
    periode: Periode,
    te_huisvesten: np.ndarray,
    status: np.ndarray,
    gemist: np.ndarray,
    resterend: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The municipalities of the half-year with the report's columns, and those of the previous
    half-year (whose sums fill the *_vorig columns)."""
    n = len(m.ids)
    d = len(m.perioden) - 1
    stand = te_huisvesten - m.realisatie_lopend

    def vorige(waarden: np.ndarray) -> pd.Series:
        if d == 0:
            return pd.Series(pd.NA, index=range(n), dtype="Int64")
        return pd.Series(waarden[:, d - 1], dtype="Int64").mask(~pd.Series(saldi.actief[:, d - 1]))

    frame = pd.DataFrame(
        {
            "gemeente_id": m.ids,
            "gemeentecode": gemeenten["gemeentecode"].to_numpy(),
            "gemeentenaam": gemeenten["gemeentenaam"].to_numpy(),
            "provinciecode": gemeenten["provinciecode"].to_numpy(),
            "provincie": gemeenten["provincie"].to_numpy(),
            "halfjaar": periode.label,
            "beginstand_vorig": vorige(saldi.begin),
            "taakstelling_vorig": vorige(m.taak),
            "realisatie_vorig": vorige(m.realisatie),
            "beginstand": saldi.begin[:, d],
            "taakstelling": m.taak[:, d],
            "te_huisvesten": te_huisvesten,
            "realisatie": m.realisatie_lopend,
            "stand": stand,
            "achterstand": np.maximum(stand, 0),
            "voorsprong": np.minimum(stand, 0),
            "nodig_per_maand": np.array(
                [nodig_per_maand(s, resterend) for s in stand.tolist()], dtype=np.int64
            ),
            "status": status,
            "gemiste_halfjaren": gemist,
        }
    )

    def doet_mee(c: int) -> np.ndarray:
        # A quota in the half-year, or a balance carried into it.
        return m.heeft_taak[:, c] | ((saldi.begin[:, c] != 0) & saldi.actief[:, c])

    # The previous half-year's totals count the municipalities of that half-year, also those
    # that have since been reorganised away (as the report counted the 390 of 2016 in 2017).
    vorig_frame = frame.iloc[0:0] if d == 0 else frame[doet_mee(d - 1)]
    huidig = frame[doet_mee(d)].sort_values(["gemeentenaam", "gemeentecode"])
    huidig = huidig.reset_index(drop=True)
    huidig["percentage_gerealiseerd"] = percentages_gerealiseerd(huidig)
    return huidig, vorig_frame


def _verloop(m: Matrices, saldi: Saldi) -> pd.DataFrame:
    """Per municipality and half-year it took part in: the figures and whether it was met."""
    n, aantal = m.taak.shape
    d = aantal - 1
    realisatie = np.column_stack([m.realisatie[:, :d], m.realisatie_lopend])
    verloop = pd.DataFrame(
        {
            "gemeente_id": np.repeat(m.ids, aantal),
            "halfjaar": [Periode.uit_index(k).label for k in m.perioden] * n,
            "beginstand": saldi.begin.ravel(),
            "taakstelling": m.taak.ravel(),
            "te_huisvesten": (saldi.begin + m.taak).ravel(),
            "realisatie": realisatie.ravel(),
            "eindstand": saldi.eind.ravel(),
            "afgesloten": np.tile(np.arange(aantal) < d, n),
        }
    )
    deelname = saldi.actief & (m.heeft_taak | (saldi.begin != 0) | (realisatie != 0))
    verloop = verloop[deelname.ravel()].reset_index(drop=True)
    verloop["gehaald"] = verloop["eindstand"] <= 0
    return verloop


VORIG_KOLOMMEN = ["beginstand_vorig", "taakstelling_vorig", "realisatie_vorig"]


def samenvatten(
    frame: pd.DataFrame, *, per: str, vorig: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sum the figures per group, keeping achterstand and voorsprong apart as the report does.

    ``vorig``: the municipalities of the previous half-year, whose sums fill the *_vorig columns
    (default: the same municipalities as ``frame``).
    """
    if frame.empty:
        return pd.DataFrame(columns=[per, "provinciecode", *LANDELIJKE_KOLOMMEN])
    groepen = frame.groupby([per, "provinciecode"], sort=True)
    sommen = groepen[SOM_KOLOMMEN].sum(min_count=1)
    sommen.insert(0, "aantal_gemeenten", groepen.size())
    if vorig is not None:
        vorige = vorig.groupby([per, "provinciecode"], sort=True)[VORIG_KOLOMMEN].sum(min_count=1)
        sommen[VORIG_KOLOMMEN] = vorige.reindex(sommen.index)
    return sommen.reset_index()


def samenvatten_landelijk(frame: pd.DataFrame, *, vorig: pd.DataFrame | None = None) -> dict:
    uit = {"aantal_gemeenten": int(len(frame))}
    for kolom in SOM_KOLOMMEN:
        if vorig is not None and kolom in VORIG_KOLOMMEN:
            # No municipality in the previous half-year (the first the system holds): unknown.
            som = vorig[kolom].sum(min_count=1) if len(vorig) else None
        else:
            som = frame[kolom].sum(min_count=1) if len(frame) else 0
        uit[kolom] = None if som is None or pd.isna(som) else int(som)
    return uit


def percentage_gerealiseerd(realisatie: int | None, te_huisvesten: int | None) -> float | None:
    """The share of the corrected quota realised (the key number of the Opnieuw Thuis map):
    realisatie / te_huisvesten x 100 with one decimal, rounded half up in whole numbers
    (2/3 -> 66,7; 1/8 -> 12,5); None when nothing was to be housed (te_huisvesten <= 0)."""
    if realisatie is None or te_huisvesten is None or pd.isna(realisatie) or te_huisvesten <= 0:
        return None
    return half_omhoog(1000 * int(realisatie), int(te_huisvesten)) / 10


def percentages_gerealiseerd(frame: pd.DataFrame) -> list[float | None]:
    """``percentage_gerealiseerd`` for every row of a frame with realisatie and te_huisvesten."""
    return [
        percentage_gerealiseerd(r, t)
        for r, t in zip(frame["realisatie"].tolist(), frame["te_huisvesten"].tolist())
    ]
