"""Sending the monthly message when platform staff close a month.

``realisatie.signals.maand_vastgesteld`` is sent after the transaction that closed the month has
committed; the receiver runs the command's own path (``maandberichten_versturen``) right there,
in the request, without a thread. Measured on the demo with one official per municipality and a
supervisor per province (406 messages): about 5 s of CPU, the rest is the mail server's answer,
so a local MTA (or a relay on the same network) is expected. When the mail server fails the run
stops at the first failure, the month stays closed, and ``verstuur_maandbericht`` (from cron,
idempotent) sends what is missing. ``OPNIEUWTHUIS_MAANDBERICHT_BIJ_VASTSTELLEN=false`` leaves
sending to cron alone.
"""

import logging

from django.conf import settings

from .services import BerichtFout, maandberichten_versturen

logger = logging.getLogger(__name__)


def na_vaststellen(sender, *, maand, gebruiker=None, **kwargs) -> None:
    if not settings.OPNIEUWTHUIS.get("MAANDBERICHT_BIJ_VASTSTELLEN", True):
        return
    try:
        verslag = maandberichten_versturen(maand=maand)
    except BerichtFout as fout:  # e.g. an earlier month is still open: nothing is final yet
        logger.info("Geen maandbericht na vaststellen: %s", fout)
        return
    except Exception:  # the month is closed and committed; never turn that into an error page
        logger.exception("Maandberichten na vaststellen mislukt; verstuur_maandbericht haalt in")
        return
    logger.info(verslag.samenvatting())
