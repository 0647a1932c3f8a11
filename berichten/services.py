"""Sending the monthly message, and a user's choice to get it or not.

``maandberichten_versturen`` is the one path: the command ``verstuur_maandbericht`` and the
closing of a month (``realisatie.signals.maand_vastgesteld``) both call it. It is safe to run
again: each user gets one message per month. The record of a message is written before it is
sent (so two runs at once cannot both send it) and removed again when sending fails (so the
next run tries again).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from gebruikers.choices import Rol
from gebruikers.models import Gebruiker
from opnieuwthuis.logboek import gebeurtenis
from opnieuwthuis.nederlands import maand_lang
from opnieuwthuis.perioden import plus_maanden
from rapportage import selectors as rapportage_selectors
from rapportage.berekening import BerekeningFout
from realisatie import maandcyclus

from . import inhoud
from .models import Berichtvoorkeur, Maandbericht

logger = logging.getLogger(__name__)

FOUT_GEEN_CIJFERS = "Er zijn geen cijfers over {maand}; er gaat geen bericht uit. {reden}"


FOUT_GEEN_MAAND = "Er is nog geen vastgestelde maand; er gaat geen bericht uit."
FOUT_AFGEBROKEN = "niet geprobeerd: de mailserver faalde ({fout})"

# A refusal of one message (its address, its content); any other OSError is the connection.
_GEWEIGERD = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class BerichtFout(ValueError):
    pass


@dataclass
class Verslag:
    """What one run did, per user name."""

    maand: date
    verstuurd: list[str] = field(default_factory=list)
    al_verstuurd: list[str] = field(default_factory=list)
    uitgezet: list[str] = field(default_factory=list)
    zonder_adres: list[str] = field(default_factory=list)
    zonder_cijfers: list[str] = field(default_factory=list)
    mislukt: list[tuple[str, str]] = field(default_factory=list)
    afgebroken: str = ""  # why the run stopped (the mail server failed)

    def samenvatting(self) -> str:
        return (
            f"Maandbericht {maand_lang(self.maand)}: {len(self.verstuurd)} verstuurd, "
            f"{len(self.al_verstuurd)} al eerder verstuurd, {len(self.uitgezet)} uitgezet, "
            f"{len(self.zonder_adres)} zonder e-mailadres, "
            f"{len(self.zonder_cijfers)} zonder cijfers, {len(self.mislukt)} mislukt."
        )


def ontvangers():
    """Every active user with a role, in a fixed order."""
    return (
        Gebruiker.objects.filter(is_active=True, rol__in=Rol.values)
        .select_related("gemeente__provincie", "provincie")
        .order_by("username")
    )


def laatste_maand() -> date:
    """The latest closed month whose stand is final (the default of the command, for cron)."""
    for maand in sorted(maandcyclus.vastgestelde_maanden(), reverse=True):
        if maandcyclus.peildatum_definitief(plus_maanden(maand, 1)):
            return maand
    raise BerichtFout(FOUT_GEEN_MAAND)


def maandberichten_versturen(*, maand: date) -> Verslag:
    """Send every user their message about the stand after ``maand`` (the first of the month):
    the stand on the first day of the next month."""
    peildatum = plus_maanden(maand, 1)
    # Only final figures go out: this month and every one before it closed (the monthly cycle).
    open_maanden = maandcyclus.open_maanden_voor(peildatum)
    if open_maanden:
        raise BerichtFout(
            FOUT_GEEN_CIJFERS.format(
                maand=maand_lang(maand),
                reden=maandcyclus.niet_definitief_melding(peildatum, open_maanden),
            )
        )
    try:
        stand = rapportage_selectors.stand_op(peildatum)
    except BerekeningFout as fout:
        raise BerichtFout(FOUT_GEEN_CIJFERS.format(maand=maand_lang(maand), reden=fout)) from None
    verslag = Verslag(maand=maand)
    al = set(Maandbericht.objects.filter(maand=maand).values_list("gebruiker_id", flat=True))
    uit = set(
        Berichtvoorkeur.objects.filter(maandbericht=False).values_list("gebruiker_id", flat=True)
    )
    verbinding = get_connection()
    try:
        for gebruiker in ontvangers():
            naam = gebruiker.get_username()
            if verslag.afgebroken:
                verslag.mislukt.append((naam, verslag.afgebroken))
            elif gebruiker.pk in al:
                verslag.al_verstuurd.append(naam)
            elif gebruiker.pk in uit:
                verslag.uitgezet.append(naam)
            elif not gebruiker.email:
                verslag.zonder_adres.append(naam)
            else:
                _versturen(gebruiker, stand, maand, verbinding, verslag)
    finally:
        try:
            verbinding.close()
        except OSError:
            pass
    gebeurtenis(
        "maandberichten",
        maand=maand.isoformat(),
        verstuurd=len(verslag.verstuurd),
        al_verstuurd=len(verslag.al_verstuurd),
        mislukt=len(verslag.mislukt),
    )
    return verslag


def _versturen(gebruiker, stand, maand: date, verbinding, verslag: Verslag) -> None:
    naam = gebruiker.get_username()
    bericht = inhoud.maak_bericht(gebruiker, stand, maand)
    if bericht is None:
        verslag.zonder_cijfers.append(naam)
        return
    try:
        with transaction.atomic():
            record = Maandbericht.objects.create(
                gebruiker=gebruiker,
                maand=maand,
                peildatum=stand.peildatum,
                rol=gebruiker.rol,
                adres=gebruiker.email,
                onderwerp=bericht.onderwerp,
                tekst=bericht.tekst,
                verzonden_op=timezone.now(),
            )
    except IntegrityError:  # another run got there first
        verslag.al_verstuurd.append(naam)
        return
    mail = EmailMultiAlternatives(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[gebruiker.email],
        connection=verbinding,
        headers={"Content-Language": "nl"},
    )
    mail.attach_alternative(bericht.html, "text/html")
    try:
        mail.send()
    except _GEWEIGERD as fout:  # this address: the others still go
        record.delete()
        logger.warning("Maandbericht aan %s geweigerd: %s", naam, fout)
        verslag.mislukt.append((naam, str(fout)))
        return
    except OSError as fout:  # the mail server: stop, rather than wait a timeout per message
        record.delete()
        logger.warning("Maandberichten gestopt bij %s: %s", naam, fout)
        verslag.afgebroken = FOUT_AFGEBROKEN.format(fout=fout)
        verslag.mislukt.append((naam, str(fout)))
        return
    verslag.verstuurd.append(naam)


@transaction.atomic
def berichtvoorkeur_opslaan(*, gebruiker, maandbericht: bool) -> Berichtvoorkeur:
    voorkeur, _ = Berichtvoorkeur.objects.select_for_update().get_or_create(gebruiker=gebruiker)
    voorkeur.maandbericht = bool(maandbericht)
    voorkeur.full_clean()
    voorkeur.save()
    gebeurtenis("berichtvoorkeur", gebruiker=gebruiker.get_username(), maandbericht=maandbericht)
    return voorkeur
