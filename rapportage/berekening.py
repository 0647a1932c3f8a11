"""The carry-forward calculation: pure pandas, no ORM, no Django.

For a peildatum (the first day of a month) it gives, for every municipality with a quota in the
half-year containing that date, the figures of the progress report (domain.md):

    beginstand + taakstelling = te_huisvesten;  te_huisvesten - realisatie = stand

where realisatie counts the months of the half-year before the peildatum, and the closing balance
of every half-year (beginstand + taakstelling - realisatie of the whole half-year) is the opening
balance of the next (domain rule 3). A lead (negative balance) carries too, unless configured off.
Reorganisations (rule 4) move closing balances from predecessors to successors by share at the
first half-year that starts on or after their date, rounding so that no person is lost or created.

Inputs (DataFrames, one row per record):
    gemeenten       gemeente_id, gemeentecode, gemeentenaam, provinciecode, provincie
    halfjaren       halfjaar_id, jaar, helft (1 or 2)
    taakstellingen  gemeente_id, halfjaar_id, personen
    startstanden    gemeente_id, halfjaar_id, personen
    huisvestingen   gemeente_id, maand (date: first day of the month), personen
    herindelingen   datum, van_gemeente_id, naar_gemeente_id, aandeel   (optional)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

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


def verdeel_geheel(totaal: int, gewichten: np.ndarray) -> np.ndarray:
    """Split a whole number over weights into whole numbers that add up to it exactly.

    Largest remainder; ties go to the earlier position, so the result is deterministic. A negative
    total is split as its absolute value with the sign restored.
    """
    gewichten = np.asarray(gewichten, dtype=float)
    if len(gewichten) == 0:
        return np.zeros(0, dtype=np.int64)
    teken, rest = (-1, -totaal) if totaal < 0 else (1, totaal)
    som = gewichten.sum()
    if som <= 0:
        gewichten, som = np.ones(len(gewichten)), float(len(gewichten))
    exact = rest * gewichten / som
    basis = np.floor(exact).astype(np.int64)
    over = rest - int(basis.sum())
    if over > 0:
        volgorde = sorted(range(len(exact)), key=lambda i: (-(exact[i] - basis[i]), i))
        for i in volgorde[:over]:
            basis[i] += 1
    return teken * basis


def _herindel(
    saldo: np.ndarray, herindelingen: pd.DataFrame, positie: dict[int, int]
) -> np.ndarray:
    """Move the balances of predecessors to their successors by share, person-exact."""
    nieuw = saldo.copy()
    for van, groep in herindelingen.groupby("van_gemeente_id", sort=True):
        if van not in positie:
            continue
        i = positie[van]
        bedrag = int(saldo[i])
        naar = [positie[n] for n in groep["naar_gemeente_id"] if n in positie]
        if not naar:
            continue
        delen = verdeel_geheel(bedrag, groep["aandeel"].to_numpy()[: len(naar)])
        nieuw[i] -= bedrag
        for j, deel in zip(naar, delen):
            nieuw[j] += deel
    return nieuw


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
    if peildatum.day != 1:
        raise BerekeningFout(FOUT_GEEN_EERSTE_VAN_MAAND.format(datum=peildatum.isoformat()))
    periode = Periode.van_datum(peildatum)
    doel = periode.index
    halfjaar_index = {
        int(r.halfjaar_id): Periode(int(r.jaar), int(r.helft)).index for r in halfjaren.itertuples()
    }
    if doel not in halfjaar_index.values():
        raise BerekeningFout(
            FOUT_ONBEKEND_HALFJAAR.format(label=periode.label, datum=peildatum.isoformat())
        )
    verstreken = maanden_verstreken(peildatum)

    ids = gemeenten["gemeente_id"].astype(np.int64).to_numpy()
    positie = {int(g): i for i, g in enumerate(ids)}
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

    def matrix(frame: pd.DataFrame, waarde: str = "personen") -> np.ndarray:
        uit = np.zeros((n, m), dtype=np.int64)
        frame = frame[frame["k"].between(eerste, doel)]
        np.add.at(
            uit,
            (frame["pos"].to_numpy(), frame["k"].map(kolom).to_numpy()),
            frame[waarde].astype(np.int64).to_numpy(),
        )
        return uit

    taak_m = matrix(taak)
    heeft_taak = np.zeros((n, m), dtype=bool)
    if len(taak):
        t = taak[taak["k"].between(eerste, doel)]
        heeft_taak[t["pos"].to_numpy(), t["k"].map(kolom).to_numpy()] = True
    real_m = matrix(huis)  # whole half-years
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
    start_k = np.minimum(start_k, eerste_taak)

    herindel_per_k: dict[int, pd.DataFrame] = {}
    if herindelingen is not None and len(herindelingen):
        h = herindelingen.assign(
            k=[
                Periode.eerste_vanaf(d).index
                for d in pd.to_datetime(herindelingen["datum"]).dt.date
            ]
        )
        herindel_per_k = {int(k): g for k, g in h.groupby("k")}

    begin_m = np.zeros((n, m), dtype=np.int64)
    eind_m = np.zeros((n, m), dtype=np.int64)
    actief_m = np.zeros((n, m), dtype=bool)
    saldo = np.zeros(n, dtype=np.int64)
    for c, k in enumerate(perioden):
        if k in herindel_per_k:
            saldo = _herindel(saldo, herindel_per_k[k], positie)
        saldo = np.where(heeft_start & (start_k == k), start_saldo, np.where(start_k > k, 0, saldo))
        actief = start_k <= k
        begin_m[:, c] = saldo
        real_hier = real_m[:, c] if k < doel else real_tot
        eind = np.where(actief, saldo + taak_m[:, c] - real_hier, 0)
        eind_m[:, c] = eind
        actief_m[:, c] = actief
        saldo = eind if instellingen.voorsprong_meenemen else np.maximum(eind, 0)

    d = m - 1
    te_huisvesten = begin_m[:, d] + taak_m[:, d]
    stand = te_huisvesten - real_tot
    resterend = maanden_resterend(peildatum)

    # Rule 6: after `verstreken` of 6 months, realisatie should be at least that share.
    # Integer arithmetic keeps the boundary exact: realisatie * 6 >= te_huisvesten * verstreken.
    links = real_tot * 6
    lijn = te_huisvesten * verstreken
    status = np.where(
        links >= lijn,
        OP_SCHEMA,
        np.where(links >= instellingen.grens_achter * lijn, ENIGSZINS_ACHTER, ACHTER),
    )

    # Rule 7: consecutive completed half-years, ending with the previous one, closed with a backlog.
    gemist = np.zeros(n, dtype=np.int64)
    nog_tellen = np.ones(n, dtype=bool)
    for c in range(d - 1, -1, -1):
        mis = actief_m[:, c] & (eind_m[:, c] > 0)
        gemist += (nog_tellen & mis).astype(np.int64)
        nog_tellen &= mis

    def vorige(matrixwaarden: np.ndarray) -> pd.Series:
        if d == 0:
            return pd.Series(pd.NA, index=range(n), dtype="Int64")
        waarden = pd.Series(matrixwaarden[:, d - 1], dtype="Int64")
        return waarden.mask(~pd.Series(actief_m[:, d - 1]))

    frame = pd.DataFrame(
        {
            "gemeente_id": ids,
            "gemeentecode": gemeenten["gemeentecode"].to_numpy(),
            "gemeentenaam": gemeenten["gemeentenaam"].to_numpy(),
            "provinciecode": gemeenten["provinciecode"].to_numpy(),
            "provincie": gemeenten["provincie"].to_numpy(),
            "halfjaar": periode.label,
            "beginstand_vorig": vorige(begin_m),
            "taakstelling_vorig": vorige(taak_m),
            "realisatie_vorig": vorige(real_m),
            "beginstand": begin_m[:, d],
            "taakstelling": taak_m[:, d],
            "te_huisvesten": te_huisvesten,
            "realisatie": real_tot,
            "stand": stand,
            "achterstand": np.maximum(stand, 0),
            "voorsprong": np.minimum(stand, 0),
            "nodig_per_maand": np.array(
                [nodig_per_maand(int(s), resterend) for s in stand], dtype=np.int64
            ),
            "status": status,
            "gemiste_halfjaren": gemist,
        }
    )
    # Municipalities with a quota in the half-year, and any still carrying a balance into it.
    meedoen = heeft_taak[:, d] | ((begin_m[:, d] != 0) & actief_m[:, d])
    # The previous half-year's totals count the municipalities of that half-year, also those
    # that have since been reorganised away (as the report counted the 390 of 2016 in 2017).
    if d == 0:
        vorig_frame = frame.iloc[0:0]
    else:
        vorig_mee = heeft_taak[:, d - 1] | ((begin_m[:, d - 1] != 0) & actief_m[:, d - 1])
        vorig_frame = frame[vorig_mee]
    frame = frame[meedoen].sort_values(["gemeentenaam", "gemeentecode"]).reset_index(drop=True)
    frame["percentage_gerealiseerd"] = percentages_gerealiseerd(frame)

    verloop = pd.DataFrame(
        {
            "gemeente_id": np.repeat(ids, m),
            "halfjaar": [Periode.uit_index(k).label for k in perioden] * n,
            "beginstand": begin_m.ravel(),
            "taakstelling": taak_m.ravel(),
            "te_huisvesten": (begin_m + taak_m).ravel(),
            "realisatie": np.column_stack([real_m[:, :d], real_tot]).ravel(),
            "eindstand": eind_m.ravel(),
            "afgesloten": np.tile(np.arange(m) < d, n),
            "actief": actief_m.ravel(),
        }
    )
    deelname = actief_m & (
        heeft_taak | (begin_m != 0) | (np.column_stack([real_m[:, :d], real_tot]) != 0)
    )
    verloop = verloop[deelname.ravel()].drop(columns="actief").reset_index(drop=True)
    verloop["gehaald"] = verloop["eindstand"] <= 0

    return Stand(
        peildatum=peildatum,
        halfjaar=periode.label,
        maanden_verstreken=verstreken,
        gemeenten=frame,
        provincies=samenvatten(frame, per="provincie", vorig=vorig_frame),
        landelijk=samenvatten_landelijk(frame, vorig=vorig_frame),
        verloop=verloop,
    )


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
