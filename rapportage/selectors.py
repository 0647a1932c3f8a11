"""Reading what the calculation needs: one query per input, whatever the number of municipalities
or half-years, turned into DataFrames for ``berekening``."""

import re
from dataclasses import astuple
from datetime import date

import pandas as pd
from django.conf import settings
from django.db.models import F

from opnieuwthuis.cache import gecachet
from opnieuwthuis.perioden import Periode, plus_maanden
from realisatie.models import Huisvesting, Opvangstand
from taakstelling.models import (
    GEMEENTECODE,
    PROVINCIECODE,
    Gemeente,
    Halfjaar,
    Herindeling,
    Startstand,
    Taakstelling,
    VervangenTaakstelling,
)

from . import berekening


def _frame(queryset, kolommen: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(queryset), columns=kolommen)


HERINDELING_KOLOMMEN = ["datum", "van_gemeente_id", "naar_gemeente_id", "aandeel"]


def herindelingen() -> pd.DataFrame:
    """The reorganisations as recorded (one query); when they move the balances is the
    calculation's rule (``berekening.herindelingsmomenten``)."""
    return _frame(
        Herindeling.objects.values_list("datum", "van_id", "naar_id", "aandeel"),
        HERINDELING_KOLOMMEN,
    )


def _taakstellingen(peildatum: date | None) -> pd.DataFrame:
    """The quotas, as they were on ``peildatum`` where a revision took effect after it."""
    kolommen = ["gemeente_id", "halfjaar_id", "personen"]
    huidig = _frame(Taakstelling.objects.values_list(*kolommen), kolommen)
    if peildatum is None:
        return huidig
    eerder = _frame(
        VervangenTaakstelling.objects.filter(herziening__ingangsdatum__gt=peildatum)
        .order_by("herziening__ingangsdatum")
        .values_list("gemeente_id", "herziening__halfjaar_id", "personen"),
        kolommen,
    )
    if eerder.empty:
        return huidig
    # The earliest revision after the peildatum holds the quota that was valid on it.
    eerder = eerder.drop_duplicates(["gemeente_id", "halfjaar_id"], keep="first")
    return (
        pd.concat([eerder, huidig], ignore_index=True)
        .drop_duplicates(["gemeente_id", "halfjaar_id"], keep="first")
        .reset_index(drop=True)
    )


def berekening_invoer(peildatum: date | None = None) -> dict[str, pd.DataFrame]:
    invoer = {
        "gemeenten": _frame(
            Gemeente.objects.order_by("id").values_list(
                "id", "code", "naam", "provincie__code", "provincie__naam"
            ),
            ["gemeente_id", "gemeentecode", "gemeentenaam", "provinciecode", "provincie"],
        ),
        "halfjaren": _frame(
            Halfjaar.objects.values_list("id", "jaar", "helft"), ["halfjaar_id", "jaar", "helft"]
        ),
        "taakstellingen": _taakstellingen(peildatum),
        "startstanden": _frame(
            Startstand.objects.values_list("gemeente_id", "halfjaar_id", "personen"),
            ["gemeente_id", "halfjaar_id", "personen"],
        ),
        "huisvestingen": _frame(
            Huisvesting.objects.values_list("gemeente_id", "maand", "personen"),
            ["gemeente_id", "maand", "personen"],
        ),
        "herindelingen": herindelingen(),
    }
    return invoer


def stand_per_gemeente(peildatum: date) -> dict[int, int]:
    """Every municipality's balance on ``peildatum`` (id -> stand), for the entry grid of
    ``realisatie`` (``settings.OPNIEUWTHUIS["STAND_PER_GEMEENTE"]`` names this function); {} when
    the calculation knows no half-year for the date."""
    try:
        gemeenten = stand_op(peildatum).gemeenten
    except berekening.BerekeningFout:
        return {}
    return dict(zip(gemeenten["gemeente_id"].tolist(), gemeenten["stand"].tolist()))


def instellingen() -> berekening.Instellingen:
    domein = settings.OPNIEUWTHUIS
    return berekening.Instellingen(
        voorsprong_meenemen=domein["VOORSPRONG_MEENEMEN"], grens_achter=domein["GRENS_ACHTER"]
    )


def stand_op(peildatum: date, *, versie: str | None = None) -> berekening.Stand:
    """The calculation for a peildatum over every municipality (not yet scoped to a user: see
    ``scoping.beperk_stand``), cached until any figure or rule changes. The key holds every
    configurable rule (``astuple(Instellingen)``), so a changed setting is a new key too.
    ``versie``: the data version when the caller has read it already."""
    regels = instellingen()
    return gecachet(
        "stand",
        lambda: berekening.bereken_stand(
            peildatum, instellingen=regels, **berekening_invoer(peildatum)
        ),
        peildatum.isoformat(),
        *astuple(regels),
        versie=versie,
    )


# --- Dashboards, list, map and charts (issue 6) -------------------------------------------------


def maandrealisatie(
    peildatum: date | None = None,
    gemeente_id: int | None = None,
    *,
    gemeentecode: str | None = None,
    provinciecode: str | None = None,
    versie: str | None = None,
) -> list[tuple[date, int]]:
    """Persons housed per month, in one aggregate query: nationally, for one municipality (by id
    or code) or for one province.

    With ``peildatum``: the months of its half-year before it (the months the stand counts), each
    month present, 0 where there is no figure (the dashboards' charts). Without: every month that
    has a figure (the report's pace table). With ``versie`` (the data version the caller has
    read): cached on it.
    """
    if versie is None:
        return _maandrealisatie(peildatum, gemeente_id, gemeentecode, provinciecode)
    return gecachet(
        "maandrealisatie",
        lambda: _maandrealisatie(peildatum, gemeente_id, gemeentecode, provinciecode),
        peildatum.isoformat() if peildatum else "alle",
        "nl" if gemeente_id is None else gemeente_id,
        gemeentecode or "-",
        provinciecode or "-",
        versie=versie,
    )


def _maandrealisatie(
    peildatum: date | None,
    gemeente_id: int | None,
    gemeentecode: str | None,
    provinciecode: str | None,
) -> list[tuple[date, int]]:
    from django.db.models import Sum

    rijen = Huisvesting.objects.all()
    if gemeente_id is not None:
        rijen = rijen.filter(gemeente_id=gemeente_id)
    if gemeentecode is not None:
        rijen = rijen.filter(gemeente__code=gemeentecode)
    if provinciecode is not None:
        rijen = rijen.filter(gemeente__provincie__code=provinciecode)
    if peildatum is not None:
        periode = Periode.van_datum(peildatum)
        rijen = rijen.filter(maand__gte=periode.begin, maand__lt=peildatum)
    per_maand = dict(
        rijen.order_by().values("maand").annotate(som=Sum("personen")).values_list("maand", "som")
    )
    if peildatum is None:
        return sorted((m, int(p or 0)) for m, p in per_maand.items())
    return [(m, int(per_maand.get(m) or 0)) for m in periode.maanden if m < peildatum]


def kaart_voorgangers(*, versie: str | None = None) -> dict[str, list[str]]:
    """For every municipality formed by a merger: the codes of the municipalities it came from,
    back to the oldest, e.g. ``{"GM1948": ["GM0844", "GM0846", "GM0860"]}`` (Meierijstad, 2017).

    The map has the boundaries of 2016 and draws a successor with its predecessors' shapes; the
    municipality page names them. Only whole predecessors (aandeel 1): a part of a split has no
    shape of its own to borrow. One query, cached on the data version.
    """
    return gecachet("voorgangers", _kaart_voorgangers, versie=versie)


def _kaart_voorgangers() -> dict[str, list[str]]:
    direct: dict[str, list[str]] = {}
    for naar, van in (
        Herindeling.objects.filter(aandeel=1)
        .exclude(van=F("naar"))
        .order_by("naar__code", "van__code")
        .values_list("naar__code", "van__code")
    ):
        direct.setdefault(naar, []).append(van)

    def oudste(code: str, gezien: frozenset) -> list[str]:
        if code not in direct or code in gezien:
            return [code]
        return [v for van in direct[code] for v in oudste(van, gezien | {code})]

    return {naar: sorted(set(oudste(naar, frozenset()))) for naar in direct}


def halfjaar(periode: Periode) -> Halfjaar | None:
    """The stored half-year (national number, method), or None."""
    return Halfjaar.objects.filter(jaar=periode.jaar, helft=periode.helft).first()


def beschikbare_peildata() -> list[date]:
    """Every first of a month in a known half-year, up to the month after the latest figure."""
    halfjaren = sorted(Halfjaar.objects.values_list("jaar", "helft"))
    if not halfjaren:
        return []
    laatste_maand = Huisvesting.objects.order_by("-maand").values_list("maand", flat=True).first()
    grens = plus_maanden(laatste_maand, 1) if laatste_maand else None
    peildata = [
        datum
        for jaar, helft in halfjaren
        for datum in Periode(jaar, helft).maanden
        if grens is None or datum <= grens
    ]
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


# --- The progress report ----------------------------------------------------------------------


def gebied_voor(user, code: str | None = None):
    """The area a user asks for (``NL``, ``PV27`` or ``GM0363``), or their own by default.

    Allowed only when the user sees every municipality of it, through the one scoping mechanism
    (``Gemeente.objects.restrict``): a municipality official cannot ask for their province.
    Raises ``GebiedOnbekend`` otherwise (the views answer 404).
    """
    from taakstelling.models import Provincie

    from .rapport.gebied import GEMEENTE, NEDERLAND, PROVINCIE, Gebied, GebiedOnbekend

    zichtbaar = Gemeente.objects.restrict(user)
    if not code:
        if user.gemeente_id:
            code = user.gemeente.code
        elif user.provincie_id:
            code = user.provincie.code
        else:
            code = NEDERLAND.code
    code = code.strip().upper()
    # Only a code of the right form reaches the database (PostgreSQL refuses a NUL byte in a
    # query: without this, '?gebied=x%00' would be a server error instead of a 404).
    if not re.fullmatch(f"{NEDERLAND.code}|{PROVINCIECODE}|{GEMEENTECODE}", code):
        raise GebiedOnbekend(code[:20])
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


def halfjaren_frame() -> pd.DataFrame:
    """Every half-year with its national quota and whether its figures are illustrative."""
    return _frame(
        Halfjaar.objects.values_list("jaar", "helft", "landelijke_taakstelling", "illustratief"),
        ["jaar", "helft", "landelijke_taakstelling", "illustratief"],
    )


def maandrealisatie_frame(
    *, gemeentecode: str | None = None, provinciecode: str | None = None
) -> pd.DataFrame:
    """``maandrealisatie`` of an area as a frame (maand, personen) for the report."""
    return pd.DataFrame.from_records(
        maandrealisatie(gemeentecode=gemeentecode, provinciecode=provinciecode),
        columns=["maand", "personen"],
    )


def landelijke_halfjaren() -> pd.DataFrame:
    """The national-only half-years (before the system's municipal figures), with sources."""
    from .models import LandelijkHalfjaar

    return _frame(
        LandelijkHalfjaar.objects.order_by("jaar", "helft").values_list(
            "jaar", "helft", "taakstelling", "gecorrigeerde_taakstelling", "realisatie", "bron"
        ),
        ["jaar", "helft", "taakstelling", "gecorrigeerde_taakstelling", "realisatie", "bron"],
    )


def rapporttekst(peildatum: date, gebied: str):
    """The stored words of the letter for a peildatum and area (a ``Rapporttekst``), or None;
    ``rapport.brief.tekst`` makes the letter's ``Tekst`` of it, with the defaults."""
    from .models import Rapporttekst

    return Rapporttekst.objects.filter(peildatum=peildatum, gebied=gebied).first()


def publicaties_met(user, formaat: str):
    """The published reports ``user`` may see, each with the bytes of one format only."""
    from .models import GepubliceerdRapport

    return GepubliceerdRapport.objects.restrict(user).defer(
        *(f for f in GepubliceerdRapport.FORMATEN if f != formaat)
    )


def publicaties(user, *, peildatum: date | None = None, gebied: str | None = None) -> list:
    """The published reports the user may see (files not loaded), newest peildatum first."""
    from .models import GepubliceerdRapport

    rijen = GepubliceerdRapport.objects.restrict(user).defer(*GepubliceerdRapport.FORMATEN)
    if peildatum is not None:
        rijen = rijen.filter(peildatum=peildatum)
    if gebied is not None:
        rijen = rijen.filter(gebied=gebied)
    return list(rijen.order_by("-peildatum", "gebied", "volgnummer"))
