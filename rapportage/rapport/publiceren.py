"""Writing what the report keeps: the platform's words for a report, and publishing it.

Publishing stores the PDF, XLSX and CSV exactly as made, with their sha256, the data version, who
and when (``GepubliceerdRapport``); a stored report never changes. A report is published only for
a final peildatum (every month before it closed: ``realisatie.maandcyclus.peildatum_definitief``),
once; a corrected version is published beside it with a note that says what it corrects, and the
note is printed in the corrected letter.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.cache import gegevensversie
from opnieuwthuis.nederlands import datum_lang

from .. import selectors
from ..models import GepubliceerdRapport, Rapporttekst
from . import bestanden, pdf, status
from .brief import brieftekst
from .gebied import GEMEENTE, PROVINCIE, Gebied
from .samenstelling import maak_rapport

FOUT_PEILDATUM = "Geef een peildatum als 2017-02-01 (de eerste dag van een maand)."
FOUT_NIET_DEFINITIEF = (
    "De stand op {datum} is nog voorlopig: niet alle maanden ervoor zijn vastgesteld. Alleen een "
    "rapportage van vastgestelde maanden kan worden gepubliceerd."
)
FOUT_AL_GEPUBLICEERD = (
    "De rapportage {gebied} op {datum} is al gepubliceerd ({op}, door {door}). Een gecorrigeerde "
    "versie publiceert u met een notitie die zegt wat er is gecorrigeerd."
)
FOUT_NOTITIE_ZONDER_EERDERE = (
    "Een notitie hoort bij een gecorrigeerde versie, maar de rapportage {gebied} op {datum} is "
    "nog niet gepubliceerd."
)
FOUT_GEWIJZIGD_TIJDENS = (
    "De cijfers veranderden terwijl de rapportage werd gemaakt; er is niets gepubliceerd. "
    "Probeer het opnieuw."
)
FOUT_TEKST_CONFLICT = (
    "{wie} heeft de tekst van deze rapportage intussen gewijzigd; uw wijziging is niet "
    "opgeslagen. Laad de pagina opnieuw en voer uw wijziging nog eens in."
)
NOTITIE_MAX = 2000


def lees_peildatum(tekst: str) -> date:
    try:
        return parse_datum(tekst)
    except (TypeError, ValueError):
        raise ValidationError(FOUT_PEILDATUM) from None


@transaction.atomic
def rapporttekst_opslaan(
    *,
    peildatum: date,
    gebied: str,
    gebruiker,
    versie: int,
    aan: str = "",
    plaats: str = "",
    briefdatum: date | None = None,
    betreft: str = "",
    aanhef: str = "",
    ondertekenaar: str = "",
    functie: str = "",
    teksten: dict[str, str] | None = None,
) -> Rapporttekst:
    """Store the letter's words for one report. ``versie`` is the version the writer saw (0 for
    a report without words yet); another edit in between is refused, nothing is lost."""
    tekst = Rapporttekst.objects.select_for_update().filter(peildatum=peildatum, gebied=gebied)
    tekst = tekst.first()
    huidig = tekst.versie if tekst else 0
    if versie != huidig:
        wie = tekst.bijgewerkt_door.get_username() if tekst and tekst.bijgewerkt_door else "Iemand"
        raise ValidationError(FOUT_TEKST_CONFLICT.format(wie=wie))
    if tekst is None:
        tekst = Rapporttekst(peildatum=peildatum, gebied=gebied, versie=0)
    tekst.aan, tekst.plaats, tekst.briefdatum = aan.strip(), plaats.strip(), briefdatum
    tekst.betreft, tekst.aanhef = betreft.strip(), aanhef.strip()
    tekst.ondertekenaar, tekst.functie = ondertekenaar.strip(), functie.strip()
    tekst.teksten = {k: v for k, v in (teksten or {}).items() if v and v.strip()}
    tekst.versie = huidig + 1
    tekst.bijgewerkt_door = gebruiker if getattr(gebruiker, "pk", None) else None
    tekst.full_clean()
    tekst.save()
    return tekst


def _sha(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def _peildatum_definitief(peildatum: date) -> bool:
    from realisatie.maandcyclus import peildatum_definitief

    return peildatum_definitief(peildatum)


def rapport_publiceren(
    *,
    peildatum: date,
    gebied: Gebied,
    gebruiker=None,
    door: str = "",
    notitie: str = "",
) -> GepubliceerdRapport:
    """Publish the report of ``gebied`` (already checked against the publisher's scope) on a
    final ``peildatum``: its letter, XLSX and CSV as they are now, kept unchanged from then on.

    ``notitie`` publishes a corrected version beside the latest one and says what it corrects.
    """
    notitie = (notitie or "").strip()[:NOTITIE_MAX]
    if not _peildatum_definitief(peildatum):
        raise ValidationError(FOUT_NIET_DEFINITIEF.format(datum=datum_lang(peildatum)))
    eerdere = (
        GepubliceerdRapport.objects.filter(peildatum=peildatum, gebied=gebied.code)
        .order_by("-volgnummer")
        .only("id", "volgnummer", "gepubliceerd_op", "door_naam")
        .first()
    )
    if eerdere and not notitie:
        raise ValidationError(
            FOUT_AL_GEPUBLICEERD.format(
                gebied=gebied.naam,
                datum=datum_lang(peildatum),
                op=datum_lang(timezone.localdate(eerdere.gepubliceerd_op)),
                door=eerdere.door_naam,
            )
        )
    if notitie and not eerdere:
        raise ValidationError(
            FOUT_NOTITIE_ZONDER_EERDERE.format(gebied=gebied.naam, datum=datum_lang(peildatum))
        )

    versie = gegevensversie()
    nu = timezone.now()
    rapport = maak_rapport(selectors.stand_op(peildatum), gebied)
    brief = brieftekst(peildatum, gebied.code).brief
    brief.concept = False
    brief.briefdatum = brief.briefdatum or timezone.localdate(nu)
    let_op = status.meldingen(peildatum)
    if eerdere:
        let_op.append(
            f"Gecorrigeerde versie van de rapportage gepubliceerd op "
            f"{datum_lang(timezone.localdate(eerdere.gepubliceerd_op))}: {notitie}"
        )
    bestanden_ = {
        "pdf": pdf.pdf_bytes(rapport, brief, let_op=let_op),
        "xlsx": bestanden.xlsx_bytes(rapport),
        "csv": bestanden.csv_bytes(rapport),
    }
    if gegevensversie() != versie:
        raise ValidationError(FOUT_GEWIJZIGD_TIJDENS)

    provincie = gemeente = None
    if gebied.soort in (PROVINCIE, GEMEENTE):
        from taakstelling.models import Gemeente, Provincie

        if gebied.soort == GEMEENTE:
            gemeente = Gemeente.objects.select_related("provincie").get(code=gebied.code)
            provincie = gemeente.provincie
        else:
            provincie = Provincie.objects.get(code=gebied.code)
    wie = gebruiker.get_username() if getattr(gebruiker, "pk", None) else ""
    publicatie = GepubliceerdRapport(
        peildatum=peildatum,
        gebied=gebied.code,
        gebied_naam=gebied.naam,
        provincie=provincie,
        gemeente=gemeente,
        volgnummer=eerdere.volgnummer + 1 if eerdere else 1,
        vervangt=eerdere,
        notitie=notitie,
        gegevensversie=versie,
        gepubliceerd_door=gebruiker if wie else None,
        door_naam=(door or wie or "Commando rapport_publiceren")[:150],
        gepubliceerd_op=nu,
        **{f: inhoud for f, inhoud in bestanden_.items()},
        **{f"{f}_sha256": _sha(inhoud) for f, inhoud in bestanden_.items()},
    )
    publicatie.full_clean(exclude=["pdf", "xlsx", "csv"])
    try:
        with transaction.atomic():
            publicatie.save()
    except IntegrityError:  # somebody published the same version a moment earlier
        raise ValidationError(
            FOUT_AL_GEPUBLICEERD.format(
                gebied=gebied.naam, datum=datum_lang(peildatum), op="zojuist", door="een ander"
            )
        ) from None
    return publicatie
