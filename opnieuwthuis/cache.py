"""Caching keyed on the data's version: a figure changes, every cached result is new at once.

``gegevens_gewijzigd()`` is called by every write path (services after bulk writes; signals for
single saves and deletes, which covers the admin): it replaces the token of the data-version row
in the same transaction and, once that commits, sends ``opnieuwthuis.signals.gegevens_gewijzigd``
for whoever prepares things ahead (rapportage listens). ``gecachet()`` stores through Django's
cache framework, so several processes share it when REDIS_URL is set and stay correct when not.

The data-version row is a model of an app (``settings.OPNIEUWTHUIS["GEGEVENSVERSIE_MODEL"]``,
``app_label.Model`` as AUTH_USER_MODEL names the user model), found through the app registry:
this package imports no app.
"""

import uuid
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from . import signals

CACHE_DUUR = 60 * 60 * 24  # a day; a new data version makes older entries unreachable anyway


def _versiemodel():
    return apps.get_model(settings.OPNIEUWTHUIS["GEGEVENSVERSIE_MODEL"])


def gegevensversie() -> str:
    model = _versiemodel()
    token = model.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        gegevens_gewijzigd()
        token = model.objects.filter(pk=1).values_list("token", flat=True).first()
    return token


def gegevens_gewijzigd(**_kwargs) -> None:
    model = _versiemodel()
    transaction.on_commit(_aankondigen)
    token = uuid.uuid4().hex
    if model.objects.filter(pk=1).update(token=token):
        return
    try:
        with transaction.atomic():
            model.objects.create(pk=1, token=token)
    except IntegrityError:  # another process created it first
        model.objects.filter(pk=1).update(token=token)


def _aankondigen() -> None:
    signals.gegevens_gewijzigd.send(sender=_versiemodel())


def gecachet(naam: str, maak: Callable, *sleutel, versie: str | None = None):
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
