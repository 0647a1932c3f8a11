"""Prepare the national report as soon as the figures change, so nobody waits for it.

WeasyPrint lays out the 390-row appendix in about five seconds of CPU on these machines; the
ministry's download must take under three. The PDF is cached per data version (rapport_uitvoer),
so after every committed change of a figure one background thread renders the national PDF and
XLSX of the latest peildatum into Django's cache, which every process shares when REDIS_URL is set.

Only one preparation runs at a time per cache (a lock entry with a timeout, not a module global);
when the figures changed again during a run, it runs once more for the new version.
"""

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

SLOT = "rapport-voorbereiding-bezig"
SLOT_DUUR = 120  # seconds; a crashed run frees the slot after this


def voorbereiden() -> str | None:
    """Render the national PDF and XLSX of the latest peildatum into the cache (synchronous).

    Returns the data version it prepared, or None when there is nothing to report yet.
    """
    from opnieuwthuis.cache import gegevensversie

    from . import rapport, rapport_uitvoer, selectors

    peildatum = selectors.laatste_peildatum()
    if peildatum is None:
        return None
    versie = gegevensversie()
    verslag = rapport.maak_rapport(selectors.stand_op(peildatum), rapport.NEDERLAND)
    rapport_uitvoer.pdf_bytes(verslag)
    rapport_uitvoer.xlsx_bytes(verslag)
    return versie


def _draai() -> None:
    from opnieuwthuis.cache import gegevensversie

    try:
        for _ in range(5):  # at most a few rounds when figures keep changing
            klaar = voorbereiden()
            if klaar is None or klaar == gegevensversie():
                break
    except Exception:  # never let a background preparation take a process down
        logger.exception("Voorbereiden van de landelijke rapportage mislukt")
    finally:
        cache.delete(SLOT)
        connection.close()


def na_wijziging() -> None:
    """Called after a committed change of figures: start one background preparation."""
    if not settings.OPNIEUWTHUIS.get("RAPPORT_VOORBEREIDEN", False):
        return
    if not cache.add(SLOT, True, SLOT_DUUR):
        return  # one is running; it rechecks the version when it is done
    close_old_connections()
    threading.Thread(target=_draai, name="rapport-voorbereiden", daemon=True).start()
