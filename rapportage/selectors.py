"""Reading what the calculation needs: one query per input, whatever the number of municipalities
or half-years, turned into DataFrames for ``berekening``."""

from datetime import date

import pandas as pd
from django.conf import settings

from opnieuwthuis.cache import gecachet
from realisatie.models import Huisvesting, Opvangstand
from taakstelling.models import Gemeente, Halfjaar, Startstand, Taakstelling

from . import berekening


def _frame(queryset, kolommen: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(queryset), columns=kolommen)


def berekening_invoer() -> dict[str, pd.DataFrame]:
    return {
        "gemeenten": _frame(
            Gemeente.objects.order_by("id").values_list(
                "id", "code", "naam", "provincie__code", "provincie__naam"
            ),
            ["gemeente_id", "gemeentecode", "gemeentenaam", "provinciecode", "provincie"],
        ),
        "halfjaren": _frame(
            Halfjaar.objects.values_list("id", "jaar", "helft"), ["halfjaar_id", "jaar", "helft"]
        ),
        "taakstellingen": _frame(
            Taakstelling.objects.values_list("gemeente_id", "halfjaar_id", "personen"),
            ["gemeente_id", "halfjaar_id", "personen"],
        ),
        "startstanden": _frame(
            Startstand.objects.values_list("gemeente_id", "halfjaar_id", "personen"),
            ["gemeente_id", "halfjaar_id", "personen"],
        ),
        "huisvestingen": _frame(
            Huisvesting.objects.values_list("gemeente_id", "maand", "personen"),
            ["gemeente_id", "maand", "personen"],
        ),
    }


def instellingen() -> berekening.Instellingen:
    domein = settings.OPNIEUWTHUIS
    return berekening.Instellingen(
        voorsprong_meenemen=domein["VOORSPRONG_MEENEMEN"], grens_achter=domein["GRENS_ACHTER"]
    )


def stand_op(peildatum: date) -> berekening.Stand:
    """The calculation for a peildatum over every municipality (not yet scoped to a user),
    cached until any figure changes."""
    regels = instellingen()
    return gecachet(
        "stand",
        lambda: berekening.bereken_stand(peildatum, instellingen=regels, **berekening_invoer()),
        peildatum.isoformat(),
        regels.voorsprong_meenemen,
        regels.grens_achter,
    )


def beperk_tot_gebruiker(stand: berekening.Stand, user) -> berekening.Stand:
    """Keep only the municipalities (and provinces) the user may see; the national line stays,
    because it is the published aggregate that every role reads in the progress report."""
    from gebruikers.choices import Rol

    if user.is_superuser or user.rol in (Rol.PLATFORM, Rol.MINISTERIE):
        return stand
    toegestaan = set(Gemeente.objects.restrict(user).values_list("id", flat=True))
    gemeenten = stand.gemeenten[stand.gemeenten["gemeente_id"].isin(toegestaan)]
    provincies = stand.provincies
    if user.rol == Rol.PROVINCIE and user.provincie_id:
        provincies = provincies[provincies["provinciecode"] == user.provincie.code]
    else:
        provincies = provincies.iloc[0:0]
    return berekening.Stand(
        peildatum=stand.peildatum,
        halfjaar=stand.halfjaar,
        maanden_verstreken=stand.maanden_verstreken,
        gemeenten=gemeenten.reset_index(drop=True),
        provincies=provincies.reset_index(drop=True),
        landelijk=stand.landelijk,
        verloop=stand.verloop[stand.verloop["gemeente_id"].isin(toegestaan)],
    )


# --- Dashboards, list, map and charts (issue 6) -------------------------------------------------


def maandrealisatie(peildatum: date, gemeente_id: int | None = None) -> list[tuple[date, int]]:
    """Persons housed per month of the half-year of ``peildatum``, before it (the months the stand
    counts): nationally, or for one municipality. One query; months without a figure give 0."""
    from django.db.models import Sum

    begin = berekening.periode_begin(berekening.periode_van(peildatum))
    rijen = Huisvesting.objects.filter(maand__gte=begin, maand__lt=peildatum)
    if gemeente_id is not None:
        rijen = rijen.filter(gemeente_id=gemeente_id)
    per_maand = dict(
        rijen.values("maand").annotate(som=Sum("personen")).values_list("maand", "som")
    )
    maanden = []
    maand = begin
    while maand < peildatum:
        maanden.append((maand, int(per_maand.get(maand) or 0)))
        maand = _volgende_maand(maand)
    return maanden


def inwoners_per_gemeente() -> dict[int, int]:
    """The latest CBS population of every municipality (one query)."""
    from taakstelling.models import Inwonertal

    uit: dict[int, int] = {}
    for gemeente_id, aantal in Inwonertal.objects.order_by("gemeente_id", "peildatum").values_list(
        "gemeente_id", "aantal"
    ):
        uit[gemeente_id] = aantal  # ordered by date: the last one wins
    return uit


def kaart_voorgangers() -> dict[str, list[str]]:
    """For municipalities formed after 2016 (the map's boundaries): the codes of the 2016
    municipalities they came from, e.g. ``{"GM1948": ["GM0844", "GM0846", "GM0860"]}``.

    Empty until the reorganisation model exists; the map draws a successor from these shapes.
    """
    return {}


def _volgende_maand(maand: date) -> date:
    return date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)


def beschikbare_peildata() -> list[date]:
    """Every first of a month in a known half-year, up to the month after the latest figure."""
    halfjaren = sorted(Halfjaar.objects.values_list("jaar", "helft"))
    if not halfjaren:
        return []
    laatste_maand = Huisvesting.objects.order_by("-maand").values_list("maand", flat=True).first()
    grens = _volgende_maand(laatste_maand) if laatste_maand else None
    peildata = []
    for jaar, helft in halfjaren:
        for maand in range(1 if helft == 1 else 7, 7 if helft == 1 else 13):
            datum = date(jaar, maand, 1)
            if grens is None or datum <= grens:
                peildata.append(datum)
    if grens is None:
        return peildata[:1]
    return peildata


def laatste_peildatum() -> date | None:
    peildata = beschikbare_peildata()
    return peildata[-1] if peildata else None


def opvangstanden() -> pd.DataFrame:
    return _frame(
        Opvangstand.objects.order_by("peildatum").values_list(
            "peildatum", "wachtend", "alleenstaand"
        ),
        ["peildatum", "wachtend", "alleenstaand"],
    )
