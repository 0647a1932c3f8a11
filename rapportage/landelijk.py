"""The national-only half-years: the figures of half-years before the system's municipal figures,
as published (legal quota, corrected quota, realisation), each with its source.

``landelijke_halfjaren_importeren`` is the one way in for files (``manage.py
importeer_landelijke_cijfers``): every row or none, each error naming row and column. Platform
staff correct a row in the admin (``LandelijkHalfjaar``, with history).
"""

from django.db import transaction

from opnieuwthuis.bestanden import (
    Cellen,
    Fout,
    ImportFouten,
    Tabel,
    parse_aantal,
    parse_halfjaar,
    parse_tekst,
)
from opnieuwthuis.perioden import Periode
from taakstelling.models import Halfjaar
from taakstelling.services import FOUT_DUBBEL, Resultaat

from .models import LandelijkHalfjaar

KOLOMMEN = ["halfjaar", "taakstelling", "gecorrigeerde_taakstelling", "realisatie", "bron"]
CIJFERS = KOLOMMEN[1:4]
FOUT_GEEN_CIJFER = (
    "Vul minstens één van taakstelling, gecorrigeerde_taakstelling en realisatie in (een cijfer "
    "dat niet te vinden is, blijft leeg)."
)
FOUT_SYSTEEM_HALFJAAR = (
    "Het systeem kent {label} met cijfers per gemeente; landelijke cijfers zijn voor de halfjaren "
    "daarvóór (tot en met {laatste})."
)
BRON_MAX = 2000


def landelijke_halfjaren_importeren(*, tabel: Tabel) -> Resultaat:
    """Import ``halfjaar;taakstelling;gecorrigeerde_taakstelling;realisatie;bron``."""
    systeem = [Periode(j, h) for j, h in Halfjaar.objects.values_list("jaar", "helft")]
    eerste = min(systeem) if systeem else None
    fouten: list[Fout] = []
    gezien: dict[tuple[int, int], int] = {}
    regels = []
    for rij, cellen in tabel.rijen:
        cel = Cellen(rij, cellen, fouten)
        halfjaar = cel.lees("halfjaar", parse_halfjaar)
        waarden = {
            k: cel.lees(k, parse_aantal, verplicht=False, negatief_toegestaan=k != "taakstelling")
            for k in CIJFERS
        }
        for k in ("taakstelling", "realisatie"):
            if waarden[k] is not None and waarden[k] < 0:
                cel.fout(k, f"'{cellen.get(k)}' is negatief; alleen 0 of meer is toegestaan.")
        bron = cel.lees("bron", parse_tekst, maximum=BRON_MAX)
        if all(cellen.get(k, "").strip() == "" for k in CIJFERS):
            cel.fout(None, FOUT_GEEN_CIJFER)
        if halfjaar:
            periode = Periode(*halfjaar)
            if halfjaar in gezien:
                cel.fout(
                    "halfjaar",
                    FOUT_DUBBEL.format(
                        sleutel=f"Halfjaar {periode.label}", eerdere=gezien[halfjaar]
                    ),
                )
            else:
                gezien[halfjaar] = rij
            if eerste is not None and periode >= eerste:
                cel.fout(
                    "halfjaar",
                    FOUT_SYSTEEM_HALFJAAR.format(label=periode.label, laatste=eerste.vorige.label),
                )
        if cel.ok:
            regels.append((halfjaar, waarden, bron))
    if fouten:
        raise ImportFouten(fouten)
    return _opslaan(regels)


@transaction.atomic
def _opslaan(regels) -> Resultaat:
    bestaand = {(r.jaar, r.helft): r for r in LandelijkHalfjaar.objects.select_for_update()}
    resultaat = Resultaat()
    for (jaar, helft), waarden, bron in regels:
        rij = bestaand.get((jaar, helft))
        nieuw = {**waarden, "bron": bron}
        if rij is None:
            rij = LandelijkHalfjaar(jaar=jaar, helft=helft)
            resultaat.nieuw += 1
        elif all(getattr(rij, k) == v for k, v in nieuw.items()):
            resultaat.ongewijzigd += 1
            continue
        else:
            resultaat.gewijzigd += 1
        for k, v in nieuw.items():
            setattr(rij, k, v)
        rij._change_reason = "Commando importeer_landelijke_cijfers"
        rij.full_clean()
        rij.save()  # one row per half-year: a handful at most; each save leaves a history row
    return resultaat
