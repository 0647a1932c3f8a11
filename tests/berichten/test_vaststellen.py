"""Closing a month sends the monthly message through the command's own path, after the commit;
closing it again after a reopening sends nothing twice; the setting leaves it to cron."""

from datetime import date

import pytest
from django.core import mail

from berichten.models import Maandbericht
from gebruikers.choices import Rol
from rapportage.maandcyclus import maand_heropenen, maand_vaststellen
from tests.factories import maak_gebruikers, maak_wereld

JANUARI = date(2017, 1, 1)


@pytest.fixture
def januari_open(db):
    maak_wereld(4, provincies=2, open_vanaf=JANUARI)
    gebruikers = maak_gebruikers()
    for gebruiker in gebruikers.values():
        gebruiker.email = f"{gebruiker.username}@example.org"
        gebruiker.save()
    return gebruikers


def _vaststellen(gebruikers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        maand_vaststellen(
            maand=JANUARI, door="platform", gebruiker=gebruikers[Rol.PLATFORM], akkoord=True
        )


def test_closing_the_month_sends_each_user_their_message_once(
    januari_open, django_capture_on_commit_callbacks
):
    assert not Maandbericht.objects.exists()
    _vaststellen(januari_open, django_capture_on_commit_callbacks)
    assert sorted(b.to[0] for b in mail.outbox) == sorted(
        f"{g.username}@example.org" for g in januari_open.values()
    )
    ambtenaar = next(b for b in mail.outbox if b.to == ["gemeente@example.org"])
    assert ambtenaar.subject == "Opnieuw Thuis: stand van Gemeente 0001 op 1 februari 2017"
    assert "Nog te huisvesten: 70" in ambtenaar.body

    with django_capture_on_commit_callbacks(execute=True):
        maand_heropenen(maand=JANUARI, reden="Correctie Gemeente 0001", door="platform")
    _vaststellen(januari_open, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 5 and Maandbericht.objects.count() == 5


def test_the_setting_leaves_sending_to_cron(
    januari_open, django_capture_on_commit_callbacks, settings
):
    settings.OPNIEUWTHUIS = {**settings.OPNIEUWTHUIS, "MAANDBERICHT_BIJ_VASTSTELLEN": False}
    _vaststellen(januari_open, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not Maandbericht.objects.exists()
