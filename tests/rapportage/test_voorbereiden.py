"""After a change of figures the national report is prepared, so the download is a cache hit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from gebruikers.choices import Rol

pytestmark = pytest.mark.django_db


def test_prepared_report_is_served_from_the_cache(demo, rol_clients):
    uit = StringIO()
    call_command("rapport_voorbereiden", stdout=uit)
    assert "klaargezet" in uit.getvalue()
    from unittest import mock

    with mock.patch("weasyprint.HTML.write_pdf") as schrijf:
        antwoord = rol_clients[Rol.MINISTERIE].get(reverse("rapportage:rapport_pdf"))
    assert antwoord.status_code == 200 and antwoord.content.startswith(b"%PDF")
    schrijf.assert_not_called()


def test_a_change_schedules_one_preparation(
    db, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from opnieuwthuis.cache import gegevens_gewijzigd
    from rapportage import voorbereiden

    settings.OPNIEUWTHUIS = {**settings.OPNIEUWTHUIS, "RAPPORT_VOORBEREIDEN": True}
    gestart = []

    class Draad:
        def __init__(self, **kwargs):
            self.kwargs = kwargs

        def start(self):
            gestart.append(self.kwargs["target"])

    monkeypatch.setattr(voorbereiden.threading, "Thread", Draad)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        gegevens_gewijzigd()
        gegevens_gewijzigd()
        assert gestart == []  # nothing before the commit
    assert len(callbacks) == 2
    assert gestart == [voorbereiden._draai]  # one run; it rechecks the version when done


def test_nothing_to_prepare_without_figures(db):
    from rapportage.voorbereiden import voorbereiden

    assert voorbereiden() is None
