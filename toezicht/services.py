"""Writing the supervision record: the province's judgement of a closed half-year and the steps
of its intervention ladder. The web forms and the tests go through these; the admin only reads.

Only supervisors of the municipality's province and platform staff write (``scoping``); each
write changes the data version, because the cached pages of ``rapportage`` show the ladder.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opnieuwthuis.cache import gegevens_gewijzigd
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.scoping import schrijft_toezicht
from taakstelling.models import Gemeente, Halfjaar

from . import overzicht, selectors
from .choices import LADDER, TREDE, Stapsoort
from .models import Ladderstap, Oordeel

MAX_TOELICHTING = 2000

FOUT_GEEN_RECHT = (
    "Alleen toezichthouders van {provincie} en platformmedewerkers leggen het toezicht op "
    "{gemeente} vast."
)
FOUT_TOELICHTING_LEEG = "Schrijf een toelichting: wat is besloten, gezegd of verstuurd?"
FOUT_TOELICHTING_TE_LANG = (
    "De toelichting is te lang: ten hoogste 2.000 tekens, dit zijn er {aantal}."
)
FOUT_HALFJAAR_NIET_AFGESLOTEN = (
    "{gemeente} heeft geen afgesloten halfjaar {halfjaar}: een oordeel volgt pas na afloop van "
    "het halfjaar, als alle maanden ervan zijn vastgesteld."
)
FOUT_STAP_ONBEKEND = "Onbekende stap '{soort}'. Kies uit: {keuzes}."
FOUT_STAP_NIET_HOGER = (
    "{gemeente} staat al op de trede {huidig}; een volgende stap is een hogere trede ({hoger}) "
    "of het sluiten van het dossier."
)
FOUT_STAP_HOOGSTE = "{gemeente} staat al op de hoogste trede ({huidig}); alleen het sluiten van het dossier kan nog."
FOUT_NIETS_TE_SLUITEN = (
    "{gemeente} staat niet op de interventieladder: er is geen dossier om te sluiten."
)
FOUT_DATUM_TOEKOMST = "De datum {datum} ligt in de toekomst."
FOUT_DATUM_VOOR_VORIGE = "De datum {datum} ligt vóór de vorige stap ({vorige} op {vorige_datum})."


def _mag_schrijven(gemeente: Gemeente, gebruiker) -> None:
    binnen = Gemeente.objects.restrict(gebruiker).filter(pk=gemeente.pk).exists()
    if not (binnen and schrijft_toezicht(gebruiker)):
        raise ValidationError(
            FOUT_GEEN_RECHT.format(provincie=gemeente.provincie.naam, gemeente=gemeente.naam),
            code="geen_recht",
        )


def _toelichting(tekst: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"toelichting": FOUT_TOELICHTING_LEEG})
    if len(tekst) > MAX_TOELICHTING:
        raise ValidationError(
            {
                "toelichting": FOUT_TOELICHTING_TE_LANG.format(
                    aantal=f"{len(tekst):,}".replace(",", ".")
                )
            }
        )
    return tekst


@transaction.atomic
def oordeel_vastleggen(
    *, gemeente: Gemeente, halfjaar: Halfjaar, gehaald: bool, toelichting: str, gebruiker
) -> Oordeel:
    """Record (or change) the province's judgement of a closed half-year, keeping the figures'
    proposal and closing balance beside it. A changed judgement stays in the history."""
    _mag_schrijven(gemeente, gebruiker)
    toelichting = _toelichting(toelichting)
    beoordeling = next(
        (
            b
            for b in overzicht.beoordelingen(gemeente, overzicht.stand())
            if b.halfjaar.pk == halfjaar.pk
        ),
        None,
    )
    if beoordeling is None:
        raise ValidationError(
            {
                "halfjaar": FOUT_HALFJAAR_NIET_AFGESLOTEN.format(
                    gemeente=gemeente.naam, halfjaar=halfjaar.label
                )
            }
        )
    oordeel = Oordeel.objects.select_for_update().filter(
        gemeente=gemeente, halfjaar=halfjaar
    ).first() or Oordeel(gemeente=gemeente, halfjaar=halfjaar)
    oordeel.eindstand = beoordeling.eindstand
    oordeel.voorstel_gehaald = beoordeling.voorstel_gehaald
    oordeel.gehaald = bool(gehaald)
    oordeel.toelichting = toelichting
    oordeel.door = gebruiker
    oordeel.vastgelegd_op = timezone.now()
    oordeel.full_clean()
    oordeel.save()
    gegevens_gewijzigd()
    return oordeel


def volgende_stappen(positie: selectors.Positie | None) -> list[str]:
    """The steps that may follow a position: any rung above it, or closing an open case."""
    if positie is None:
        return list(LADDER)
    return [s for s in LADDER if TREDE[s] > positie.trede] + [Stapsoort.AFGESLOTEN]


@transaction.atomic
def ladderstap_vastleggen(
    *, gemeente: Gemeente, soort: str, datum: date, toelichting: str, gebruiker
) -> Ladderstap:
    """Record a step of the intervention ladder. A province climbs (it may skip a rung, never go
    down) and closes the case; after a closed case the next step opens a new one."""
    _mag_schrijven(gemeente, gebruiker)
    # One step at a time per municipality: the order of the ladder is checked under this lock.
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    fouten = {}
    if soort not in Stapsoort.values:
        fouten["soort"] = FOUT_STAP_ONBEKEND.format(soort=soort, keuzes=", ".join(Stapsoort.values))
    else:
        positie = selectors.positie(gemeente)
        if soort not in volgende_stappen(positie):
            if soort == Stapsoort.AFGESLOTEN:
                fouten["soort"] = FOUT_NIETS_TE_SLUITEN.format(gemeente=gemeente.naam)
            elif positie.soort == Stapsoort.INDEPLAATSSTELLING:
                fouten["soort"] = FOUT_STAP_HOOGSTE.format(
                    gemeente=gemeente.naam, huidig=positie.label
                )
            else:
                fouten["soort"] = FOUT_STAP_NIET_HOGER.format(
                    gemeente=gemeente.naam,
                    huidig=positie.label,
                    hoger=", ".join(s.label for s in LADDER if TREDE[s] > positie.trede),
                )
    if datum > timezone.localdate():
        fouten["datum"] = FOUT_DATUM_TOEKOMST.format(datum=datum_lang(datum))
    else:
        vorige = Ladderstap.objects.filter(gemeente=gemeente).order_by("-datum", "-id").first()
        if vorige is not None and datum < vorige.datum:
            fouten["datum"] = FOUT_DATUM_VOOR_VORIGE.format(
                datum=datum_lang(datum),
                vorige=vorige.get_soort_display(),
                vorige_datum=datum_lang(vorige.datum),
            )
    try:
        toelichting = _toelichting(toelichting)
    except ValidationError as fout:
        fouten.update(fout.message_dict)
    if fouten:
        raise ValidationError(fouten)
    stap = Ladderstap(
        gemeente=gemeente,
        soort=soort,
        datum=datum,
        toelichting=toelichting,
        door=gebruiker,
        vastgelegd_op=timezone.now(),
    )
    stap.full_clean()
    stap.save()
    gegevens_gewijzigd()
    return stap
