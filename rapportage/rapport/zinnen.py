"""The sentences of the progress report, written from the numbers they state (pure).

Every sentence is chosen by comparing the numbers it states, so it can never say "meer dan" of a
number that is smaller; they are tested without a database (tests/rapportage/test_rapport_zinnen.py).
"""

from __future__ import annotations

import math
from datetime import date

from opnieuwthuis.nederlands import datum_lang, getal, halfjaar_lang, maand_lang, procent
from opnieuwthuis.perioden import Periode, nodig_per_maand, plus_maanden

from ..berekening import STATUS_LABELS

AANTAL_ACHTERBLIJVERS = 10
# Domain rule 7: Zuid-Holland acts after four missed half-years; the report lists from two on.
GEMIST_OP_RIJ = 2


# --- Formatting (pure) -----------------------------------------------------------------------


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
        return [f"Het systeem kent geen cijfers over {halfjaar_lang(Periode.parse(halfjaar))}."]
    te_huisvesten = beginstand + taakstelling
    zinnen = [
        f"De taakstelling voor {halfjaar_lang(Periode.parse(halfjaar))} bedroeg "
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
            f"De taakstelling voor {halfjaar_lang(Periode.parse(halfjaar))} ({getal(taakstelling)}) is met "
            f"{saldo_tekst(beginstand)} al gehaald."
        )
    herkomst = f"de taakstelling van {getal(taakstelling)}"
    if beginstand > 0:
        herkomst += f" plus de achterstand van {getal(beginstand)}"
    elif beginstand < 0:
        herkomst += f" min de voorsprong van {getal(-beginstand)}"
    return (
        f"Het doel is om tot {datum_lang(einde)} {vergunninghouders(te_huisvesten)} te huisvesten "
        f"({herkomst}). Dat komt neer op gemiddeld {getal(nodig_per_maand(te_huisvesten))} "
        f"per maand."
    )


def zin_maand(*, maand: date, gehuisvest: int | None, te_huisvesten: int) -> str:
    """The last month against the average needed in its half-year (te_huisvesten / 6).

    The comparison is exact (gehuisvest × 6 against te_huisvesten); when the rounded average
    shows the same number as the month but the exact one differs, the sentence says "vrijwel".
    """
    if gehuisvest is None:
        return f"Over {maand_lang(maand)} zijn nog geen cijfers bekend."
    werkwoord = "is" if gehuisvest == 1 else "zijn"
    begin = f"In {maand_lang(maand)} {werkwoord} {vergunninghouders(gehuisvest)} gehuisvest"
    if te_huisvesten <= 0:
        return f"{begin}, terwijl er in dat halfjaar niemand meer gehuisvest hoefde te worden."
    gemiddelde = nodig_per_maand(te_huisvesten)
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


def zin_maand_open(*, maand: date) -> str:
    """A provisional report: the last month is not closed, so nothing is said about its pace."""
    return (
        f"De cijfers over {maand_lang(maand)} zijn nog niet vastgesteld; deze rapportage "
        "vergelijkt die maand niet met het benodigde tempo en maakt er geen prognose mee."
    )


def zin_resterend(*, stand: int, maanden_resterend: int, einde: date) -> str:
    if stand <= 0:
        return f"Tot {datum_lang(einde)} hoeft niemand meer gehuisvest te worden ({saldo_tekst(stand)})."
    per_maand = nodig_per_maand(stand, maanden_resterend)
    return (
        f"Tot {datum_lang(einde)} moeten nog {vergunninghouders(stand)} gehuisvest worden: "
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
            f"In {maand_lang(maand)} is niemand gehuisvest; in dat tempo loopt de achterstand "
            f"van {getal(stand)} niet in."
        )
    klaar = prognose_maand(stand=stand, tempo=tempo, peildatum=peildatum)
    begin = (
        f"Blijft het tempo van {maand_lang(maand)} ({getal(tempo)} per maand) gelijk, dan zijn "
        f"de resterende {getal(stand)}"
    )
    if klaar < einde:
        return f"{begin} in {maand_lang(klaar)} gehuisvest, binnen het halfjaar."
    return (
        f"{begin} pas in {maand_lang(klaar)} gehuisvest, na het einde van het halfjaar "
        f"({datum_lang(einde)}); de taakstelling van het volgende halfjaar komt daar nog bij."
    )


def zinnen_opvang(opvang: list[dict]) -> list[str]:
    """Permit holders waiting in reception: the latest figure against the first one shown."""
    if not opvang:
        return [
            "Het systeem kent geen cijfers over vergunninghouders in de opvang tot deze peildatum."
        ]
    laatste = opvang[-1]
    zinnen = [
        f"Op {datum_lang(laatste['peildatum'])} wachtten {vergunninghouders(laatste['wachtend'])} "
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
            f"Sinds {datum_lang(eerste['peildatum'])} ({getal(eerste['wachtend'])} wachtenden) "
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
