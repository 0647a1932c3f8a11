"""A change of figures announces itself (opnieuwthuis.signals.gegevens_gewijzigd) after commit."""

import pytest

from opnieuwthuis import signals
from opnieuwthuis.cache import gecachet, gegevens_gewijzigd, gegevensversie

pytestmark = pytest.mark.django_db


def test_the_signal_comes_after_the_commit_with_a_new_version(django_capture_on_commit_callbacks):
    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append((sender._meta.label, gegevensversie()))

    signals.gegevens_gewijzigd.connect(ontvanger)
    try:
        voor = gegevensversie()
        with django_capture_on_commit_callbacks(execute=True):
            gegevens_gewijzigd()
            assert ontvangen == []  # nothing before the commit
        assert len(ontvangen) == 1
        label, versie = ontvangen[0]
        assert label == "taakstelling.Gegevensversie" and versie != voor
    finally:
        signals.gegevens_gewijzigd.disconnect(ontvanger)


def test_a_cached_value_is_new_after_a_change():
    teller = []
    maak = lambda: teller.append(1) or len(teller)  # noqa: E731
    assert gecachet("proef", maak, "x") == 1
    assert gecachet("proef", maak, "x") == 1
    gegevens_gewijzigd()
    assert gecachet("proef", maak, "x") == 2
