"""What the monthly message says to each role. Reads only; every figure comes from the
calculation (``rapportage``), narrowed to what the receiver may see before anything is written.

- a municipality official: their municipality's position (stand, needed per remaining month,
  status, half-years missed in a row, its step on the ladder) and a link to its page;

Needed per month is the one pace function's (``opnieuwthuis.perioden.nodig_per_maand``): the
calculation's column for a municipality, the function itself for a province's or the country's
total (as the dashboard and the charts do).
- a province supervisor: the province's total, its municipalities that are behind, and those on
  the intervention ladder;
- ministry and platform staff: the national row of the progress report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from gebruikers.choices import Rol
from opnieuwthuis.nederlands import datum_lang, getal, maand_lang
from opnieuwthuis.perioden import maanden_resterend, nodig_per_maand
from opnieuwthuis.scoping import beperk_stand
from rapportage.berekening import (
    ACHTER,
    ENIGSZINS_ACHTER,
    LANDELIJKE_KOLOMMEN,
    STATUS_LABELS,
    Stand,
)
from rapportage.koppen import kolomkoppen
from taakstelling.models import Halfjaar
from toezicht import selectors as toezicht_selectors
from toezicht.choices import LADDER

# Those behind first (the province page's order): worst status, then the largest backlog.
_VOLGORDE = {ACHTER: 0, ENIGSZINS_ACHTER: 1}


@dataclass(frozen=True)
class Bericht:
    onderwerp: str
    tekst: str
    html: str


def _url(naam: str, peildatum: date | None = None, **kwargs) -> str:
    url = settings.SITE_URL + reverse(naam, kwargs=kwargs or None)
    return f"{url}?peildatum={peildatum.isoformat()}" if peildatum else url


def _illustratief(stand: Stand) -> bool:
    jaar, helft = stand.halfjaar.split("-")
    return Halfjaar.objects.filter(
        jaar=int(jaar), helft=1 if helft == "I" else 2, illustratief=True
    ).exists()


def _basis(gebruiker, stand: Stand, maand: date) -> dict:
    resterend = maanden_resterend(stand.peildatum)
    return {
        "naam": gebruiker.get_full_name() or gebruiker.get_username(),
        "maand": maand_lang(maand),
        "peildatum": datum_lang(stand.peildatum),
        "halfjaar": stand.halfjaar,
        "verstreken": stand.maanden_verstreken,
        "resterend": resterend,
        "illustratief": _illustratief(stand),
        "profiel_url": _url("berichten:profiel"),
    }


def _gemeente(gebruiker, stand: Stand, basis: dict) -> tuple[str, dict] | None:
    frame = stand.gemeenten[stand.gemeenten["gemeente_id"] == gebruiker.gemeente_id]
    if frame.empty:
        return None
    rij = frame.iloc[0]
    positie = toezicht_selectors.positie(gebruiker.gemeente)
    gemeente = gebruiker.gemeente
    context = {
        **basis,
        "gemeente": gemeente.naam,
        "provincie": gemeente.provincie.naam,
        "stand": getal(int(rij["stand"])),
        "voorsprong": int(rij["stand"]) < 0,
        "voorsprong_getal": getal(-int(rij["stand"])),
        "te_huisvesten": getal(int(rij["te_huisvesten"])),
        "realisatie": getal(int(rij["realisatie"])),
        "nodig": getal(int(rij["nodig_per_maand"])),  # the calculation's: nodig_per_maand
        "status": STATUS_LABELS[rij["status"]],
        "gemist": int(rij["gemiste_halfjaren"]),
        "ladder": positie.label if positie else None,
        "ladder_sinds": datum_lang(positie.datum) if positie else None,
        "url": _url("rapportage:gemeente", stand.peildatum, code=gemeente.code),
    }
    return f"Opnieuw Thuis: stand van {gemeente.naam} op {basis['peildatum']}", context


def _provincie(gebruiker, stand: Stand, basis: dict) -> tuple[str, dict] | None:
    provincie = gebruiker.provincie
    totaal = stand.provincies[stand.provincies["provinciecode"] == provincie.code]
    if totaal.empty:
        return None
    totaal = totaal.iloc[0]
    ladder = toezicht_selectors.posities(gebruiker)
    achter = stand.gemeenten[stand.gemeenten["status"].isin(list(_VOLGORDE))]
    achter = achter.assign(volgorde=achter["status"].map(_VOLGORDE)).sort_values(
        ["volgorde", "stand", "gemeentenaam"], ascending=[True, False, True]
    )

    def regel(rij) -> dict:
        positie = ladder.get(int(rij["gemeente_id"]))
        return {
            "gemeente": rij["gemeentenaam"],
            "stand": getal(int(rij["stand"])),
            "nodig": getal(int(rij["nodig_per_maand"])),
            "status": STATUS_LABELS[rij["status"]],
            "gemist": int(rij["gemiste_halfjaren"]),
            "ladder": positie.label if positie else "",
        }

    op_ladder = stand.gemeenten[stand.gemeenten["gemeente_id"].isin(list(ladder))]
    context = {
        **basis,
        "provincie": provincie.naam,
        "aantal_gemeenten": int(totaal["aantal_gemeenten"]),
        "te_huisvesten": getal(int(totaal["te_huisvesten"])),
        "realisatie": getal(int(totaal["realisatie"])),
        "stand": getal(int(totaal["stand"])),
        "achterstand": getal(int(totaal["achterstand"])),
        "voorsprong": getal(int(totaal["voorsprong"])),
        "nodig": getal(nodig_per_maand(int(totaal["stand"]), basis["resterend"])),
        "achter": [regel(r) for _, r in achter.iterrows()],
        "op_ladder": sorted(
            (
                {
                    "gemeente": r["gemeentenaam"],
                    "stap": ladder[int(r["gemeente_id"])].label,
                    "sinds": datum_lang(ladder[int(r["gemeente_id"])].datum),
                    "trede": ladder[int(r["gemeente_id"])].trede,
                }
                for _, r in op_ladder.iterrows()
            ),
            key=lambda r: (-r["trede"], r["gemeente"]),
        ),
        "url": _url("rapportage:provincie", stand.peildatum, code=provincie.code),
    }
    return f"Opnieuw Thuis: stand in {provincie.naam} op {basis['peildatum']}", context


def _landelijk(gebruiker, stand: Stand, basis: dict) -> tuple[str, dict]:
    koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
    landelijk = stand.landelijk
    telling = Counter(p.soort for p in toezicht_selectors.posities(gebruiker).values())
    context = {
        **basis,
        "rij": [{"kop": koppen[k], "waarde": getal(landelijk[k])} for k in LANDELIJKE_KOLOMMEN],
        "nodig": getal(nodig_per_maand(landelijk["stand"], basis["resterend"])),
        "stand": getal(landelijk["stand"]),
        "ladder": [
            {"stap": soort.label, "aantal": telling.get(soort.value, 0)} for soort in LADDER
        ],
        "op_ladder": sum(telling.values()),
        "url": _url("rapportage:start", stand.peildatum),
    }
    return f"Opnieuw Thuis: landelijke stand op {basis['peildatum']}", context


SOORTEN = {
    Rol.GEMEENTE: ("gemeente", _gemeente),
    Rol.PROVINCIE: ("provincie", _provincie),
    Rol.MINISTERIE: ("landelijk", _landelijk),
    Rol.PLATFORM: ("landelijk", _landelijk),
}


def maak_bericht(gebruiker, stand: Stand, maand: date) -> Bericht | None:
    """The message for ``gebruiker`` about the stand after ``maand``; None when there is nothing
    within their scope (an official whose municipality has no quota in the half-year)."""
    if gebruiker.rol not in SOORTEN:
        return None
    soort, maak = SOORTEN[gebruiker.rol]
    eigen = beperk_stand(stand, gebruiker)
    resultaat = maak(gebruiker, eigen, _basis(gebruiker, eigen, maand))
    if resultaat is None:
        return None
    onderwerp, context = resultaat
    return Bericht(
        onderwerp=onderwerp,
        tekst=render_to_string(f"berichten/maandbericht_{soort}.txt", context),
        html=render_to_string(f"berichten/maandbericht_{soort}.html", context),
    )
