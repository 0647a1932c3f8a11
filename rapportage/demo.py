"""The demo data set: the 390 municipalities of 2016 and figures that reproduce, to the person,
the national row of the progress report of 20 February 2017 (domain.md).

Only the national totals come from the report. How they are spread over municipalities and months
is illustrative: drawn deterministically (fixed seed) in proportion to population, and labelled
as illustrative in the interface. The data goes in through the same import services users use.
"""

import csv
import io
import random
from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction

from opnieuwthuis.afronding import grootste_rest
from opnieuwthuis.bestanden import lees_tabel
from realisatie.services import (
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    huisvestingen_importeren,
    opvangstand_vastleggen,
)
from taakstelling.choices import Afrondingsmethode
from taakstelling.services import (
    GEMEENTEN_KOLOMMEN,
    HERINDELING_KOLOMMEN,
    STARTSTAND_KOLOMMEN,
    TAAKSTELLING_KOLOMMEN,
    gemeenten_importeren,
    halfjaar_vastleggen,
    herindelingen_importeren,
    startstanden_importeren,
    taakstelling_verdelen,
    taakstellingen_importeren,
)


def _verdeel(totaal: int, gewichten) -> np.ndarray:
    """Largest remainder (opnieuwthuis.afronding), as an array for the sums below."""
    return np.array(grootste_rest(totaal, list(gewichten)), dtype=np.int64)


GEMEENTEN_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "gemeenten_2016.csv"
INWONERS_PEILDATUM = date(2016, 1, 1)
# Meierijstad (1-1-2017) and the reorganisations of 1-1-2018 (fixtures/BRONNEN.md).
HERINDELINGEN_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "herindelingen_2017_2018.csv"
# 2017-II: the national number found (landelijke_cijfers.csv), distributed by the law over the
# 388 municipalities of 2017. Meierijstad takes over its predecessors' balances from then on.
TAAKSTELLING_2017_II = 10_000

# The national row "stand realisatie taakstelling op 1 februari 2017" (domain.md).
BEGINSTAND_2016_II = 5_282
TAAKSTELLING_2016_II = 23_000
REALISATIE_2016_II = 22_200
TAAKSTELLING_2017_I = 13_000
REALISATIE_JANUARI_2017 = 3_981
ACHTERSTAND_1_FEB = 15_510
VOORSPRONG_1_FEB = -409
# Reception: about 15.000 waiting in September 2016 (70 % single), 9.900 on 1 February 2017 (55 %).
OPVANG = [(date(2016, 9, 1), 15_000, 10_500), (date(2017, 2, 1), 9_900, 5_445)]

MAANDEN_2016_II = [date(2016, m, 1) for m in range(7, 13)]
# "Record numbers in the last months of 2016": the illustrative monthly spread rises.
MAANDGEWICHTEN_2016_II = [0.13, 0.14, 0.15, 0.17, 0.19, 0.22]
UITSPLITSINGSGEWICHTEN = [0.45, 0.35, 0.20]  # alleenstaanden, gezinsleden, nareizigers
AANTAL_MET_VOORSPRONG = 24
ZAAD = 20170220


def _lees_gemeenten() -> list[dict]:
    with GEMEENTEN_BESTAND.open(encoding="utf-8-sig", newline="") as bestand:
        return list(csv.DictReader(bestand))


def demo_cijfers() -> dict:
    """Compute every municipal figure of the demo. Pure and deterministic."""
    rng = random.Random(ZAAD)
    gemeenten = _lees_gemeenten()
    codes = [g["gemeentecode"] for g in gemeenten]
    inwoners = np.array([int(g["inwoners_1jan2016"]) for g in gemeenten], dtype=float)
    n = len(codes)

    taak16 = _verdeel(TAAKSTELLING_2016_II, inwoners)
    taak17 = _verdeel(TAAKSTELLING_2017_I, inwoners)
    real16 = _verdeel(REALISATIE_2016_II, inwoners * [rng.uniform(0.8, 1.2) for _ in range(n)])
    real_jan = _verdeel(
        REALISATIE_JANUARI_2017, inwoners * [rng.uniform(0.3, 1.8) for _ in range(n)]
    )

    # The stand on 1 February 2017: a few municipalities ahead (together -409), the rest behind
    # (together 15.510). The opening balance of 1 July 2016 follows from it, so the chain of
    # half-years adds up by construction and the national opening balance is 5.282.
    kandidaten = [i for i in range(n) if inwoners[i] >= 20_000]
    voor = sorted(rng.sample(kandidaten, AANTAL_MET_VOORSPRONG))
    stand_feb = np.zeros(n, dtype=np.int64)
    stand_feb[voor] = _verdeel(VOORSPRONG_1_FEB, np.array([rng.uniform(1, 3) for _ in voor]))
    achter = [i for i in range(n) if i not in set(voor)]
    stand_feb[achter] = _verdeel(
        ACHTERSTAND_1_FEB, inwoners[achter] * [rng.uniform(0.5, 1.5) for _ in achter]
    )
    beginstand16 = stand_feb - (taak16 - real16 + taak17 - real_jan)

    maanden = {}
    for i, code in enumerate(codes):
        per_maand = _verdeel(int(real16[i]), np.array(MAANDGEWICHTEN_2016_II))
        for maand, personen in zip(MAANDEN_2016_II, per_maand):
            maanden[(code, maand)] = int(personen)
        maanden[(code, date(2017, 1, 1))] = int(real_jan[i])

    return {
        "codes": codes,
        "taakstelling": {"2016-II": taak16, "2017-I": taak17},
        "beginstand": beginstand16,
        "maanden": maanden,
    }


def _csv(kolommen: list[str], rijen) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\n")
    schrijver.writerow(kolommen)
    schrijver.writerows(rijen)
    return uit.getvalue().encode("utf-8")


def demo_bestanden() -> dict[str, bytes]:
    """The demo as the import files a user would upload."""
    cijfers = demo_cijfers()
    codes = cijfers["codes"]
    taak = _csv(
        TAAKSTELLING_KOLOMMEN,
        [
            (c, label, int(aantallen[i]))
            for label, aantallen in cijfers["taakstelling"].items()
            for i, c in enumerate(codes)
        ],
    )
    start = _csv(
        STARTSTAND_KOLOMMEN,
        [(c, "2016-II", int(cijfers["beginstand"][i])) for i, c in enumerate(codes)],
    )
    rijen = []
    for (code, maand), personen in sorted(cijfers["maanden"].items()):
        delen = _verdeel(personen, np.array(UITSPLITSINGSGEWICHTEN))
        rijen.append((code, maand.strftime("%Y-%m"), personen, *(int(d) for d in delen)))
    realisatie = _csv(REALISATIE_KOLOMMEN + UITSPLITSING, rijen)
    return {"taakstelling": taak, "startstand": start, "realisatie": realisatie}


# The months the report of 20 February 2017 was made of: July 2016 up to January 2017, closed as
# platform staff would (every figure in, the warnings acknowledged), so 1 February 2017 is final.
VASTGESTELDE_MAANDEN = [*MAANDEN_2016_II, date(2017, 1, 1)]
DEMO_DOOR = "demo (laad_demo)"


def _maanden_vaststellen() -> str:
    from realisatie.maandcyclus import vastgestelde_maanden

    from .maandcyclus import maand_vaststellen

    al = vastgestelde_maanden()
    for maand in VASTGESTELDE_MAANDEN:
        if maand not in al:
            maand_vaststellen(maand=maand, door=DEMO_DOOR, akkoord=True)
    return ", ".join(m.strftime("%Y-%m") for m in VASTGESTELDE_MAANDEN)


@transaction.atomic
def laad_demo() -> dict[str, str]:
    """Load the demo through the import services. Running it again changes nothing."""
    verslag = {}
    verslag["gemeenten"] = gemeenten_importeren(
        tabel=lees_tabel(GEMEENTEN_BESTAND.read_bytes(), GEMEENTEN_KOLOMMEN, ["inwoners*"]),
        peildatum=INWONERS_PEILDATUM,
    )
    for jaar, helft, landelijk in ((2016, 2, TAAKSTELLING_2016_II), (2017, 1, TAAKSTELLING_2017_I)):
        halfjaar_vastleggen(
            jaar=jaar,
            helft=helft,
            landelijke_taakstelling=landelijk,
            afrondingsmethode=Afrondingsmethode.GROOTSTE_OVERSCHOT,
            illustratief=True,
        )
    bestanden = demo_bestanden()
    verslag["taakstellingen"] = taakstellingen_importeren(
        tabel=lees_tabel(bestanden["taakstelling"], TAAKSTELLING_KOLOMMEN)
    )
    verslag["beginstanden"] = startstanden_importeren(
        tabel=lees_tabel(bestanden["startstand"], STARTSTAND_KOLOMMEN)
    )
    verslag["maandcijfers"] = huisvestingen_importeren(
        tabel=lees_tabel(bestanden["realisatie"], REALISATIE_KOLOMMEN, UITSPLITSING)
    )
    for peildatum, wachtend, alleenstaand in OPVANG:
        opvangstand_vastleggen(peildatum=peildatum, wachtend=wachtend, alleenstaand=alleenstaand)
    verslag["opvangstanden"] = f"{len(OPVANG)} peildata"
    verslag["herindelingen"] = herindelingen_importeren(
        tabel=lees_tabel(HERINDELINGEN_BESTAND.read_bytes(), HERINDELING_KOLOMMEN)
    )
    verdeling = taakstelling_verdelen(
        jaar=2017,
        helft=2,
        landelijk=TAAKSTELLING_2017_II,
        methode=Afrondingsmethode.WETTELIJK,
        illustratief=True,
    )
    verslag["taakstelling 2017-II"] = (
        f"{len(verdeling.regels)} gemeenten, landelijk {verdeling.landelijk}, som {verdeling.som}"
    )
    verslag["vastgestelde maanden"] = _maanden_vaststellen()
    return {k: str(v) for k, v in verslag.items()}
