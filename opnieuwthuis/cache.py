"""Caching keyed on the data's version: a figure changes, every cached result is new at once.

``gegevens_gewijzigd()`` is called by every write path (services after bulk writes; signals for
single saves and deletes, which covers the admin). ``gecachet()`` stores through Django's cache
framework, so several processes share it when REDIS_URL is set and stay correct when it is not.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

CACHE_DUUR = 60 * 60 * 24  # a day; a new data version makes older entries unreachable anyway


def gegevensversie() -> int:
    from taakstelling.models import Gegevensversie

    return Gegevensversie.objects.filter(pk=1).values_list("versie", flat=True).first() or 0


def gegevens_gewijzigd(**_kwargs) -> None:
    from taakstelling.models import Gegevensversie

    if Gegevensversie.objects.filter(pk=1).update(versie=F("versie") + 1):
        return
    try:
        with transaction.atomic():
            Gegevensversie.objects.create(pk=1, versie=1)
    except IntegrityError:  # another process created it first
        Gegevensversie.objects.filter(pk=1).update(versie=F("versie") + 1)


def gecachet(naam: str, maak: Callable, *sleutel, versie: int | None = None):
    """Return the cached result of ``maak()`` for this name, key parts and data version."""
    versie = gegevensversie() if versie is None else versie
    onderdelen = ":".join(str(s) for s in sleutel)
    cache_sleutel = f"{naam}:v{versie}:{onderdelen}"
    waarde = cache.get(cache_sleutel)
    if waarde is None:
        waarde = maak()
        cache.set(cache_sleutel, waarde, CACHE_DUUR)
    return waarde


def volg_wijzigingen(*modellen) -> None:
    """Connect the version bump to single saves and deletes of these models."""
    from django.db.models.signals import post_delete, post_save

    for model in modellen:
        post_save.connect(gegevens_gewijzigd, sender=model, dispatch_uid=f"versie-save-{model}")
        post_delete.connect(gegevens_gewijzigd, sender=model, dispatch_uid=f"versie-del-{model}")
