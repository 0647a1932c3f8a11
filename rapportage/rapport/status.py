"""What the letter says about the state of its figures (the monthly cycle of
``realisatie.maandcyclus``): provisional while a month before the peildatum is open (platform
staff only ever see such a report), and the corrections of closed months it counts."""

from __future__ import annotations

from datetime import date

from opnieuwthuis.nederlands import datum_lang, maand_lang


def meldingen(peildatum: date) -> list[str]:
    from realisatie.maandcyclus import correcties_voor, peildatumstatus

    uit = []
    status = peildatumstatus(peildatum)
    if status.voorlopig:
        uit.append(
            f"Voorlopig: de cijfers op {datum_lang(peildatum)} zijn nog niet definitief, niet elke "
            f"maand ervoor is vastgesteld ({status.tekst})."
        )
    correcties = correcties_voor(peildatum)
    if correcties.aantal:
        wat = "is 1 cijfer" if correcties.aantal == 1 else f"zijn {correcties.aantal} cijfers"
        uit.append(
            f"Na het vaststellen {wat} gecorrigeerd ("
            + ", ".join(maand_lang(m) for m in correcties.maanden)
            + "); deze rapportage telt die correcties mee."
        )
    return uit


def voorlopig(peildatum: date) -> bool:
    from realisatie.maandcyclus import peildatum_definitief

    return not peildatum_definitief(peildatum)


def laatste_maand_vastgesteld(peildatum: date) -> bool:
    from opnieuwthuis.perioden import plus_maanden
    from realisatie.maandcyclus import is_vastgesteld

    return is_vastgesteld(plus_maanden(peildatum, -1))
