"""Sending on a small world: who gets nothing and why, a failed send is tried again next run,
and the command's answers."""

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command

from berichten.models import Maandbericht
from berichten.services import (
    FOUT_GEEN_CIJFERS,
    maandberichten_versturen,
)
from gebruikers.choices import Rol

JANUARI = date(2017, 1, 1)


class WeigerendeBackend(EmailBackend):
    """Refuses the message to one address, as an SMTP server may."""

    def send_messages(self, messages):
        for bericht in messages:
            if bericht.to[0] == "gemeente@example.org":
                raise smtplib.SMTPRecipientsRefused({bericht.to[0]: (550, b"onbekend adres")})
        return super().send_messages(messages)


class OnbereikbareBackend(EmailBackend):
    """A mail server that is down: every message fails on the connection."""

    pogingen = 0

    def send_messages(self, messages):
        OnbereikbareBackend.pogingen += 1
        raise ConnectionRefusedError("smtp.example.nl weigert de verbinding")


@pytest.fixture
def met_adressen(wereld, gebruikers):
    for gebruiker in gebruikers.values():
        gebruiker.email = f"{gebruiker.username}@example.org"
        gebruiker.save()
    return gebruikers


def test_users_without_an_address_or_inactive_get_nothing(met_adressen):
    met_adressen[Rol.MINISTERIE].email = ""
    met_adressen[Rol.MINISTERIE].save()
    met_adressen[Rol.PLATFORM].is_active = False
    met_adressen[Rol.PLATFORM].save()
    verslag = maandberichten_versturen(maand=JANUARI)
    assert verslag.zonder_adres == ["ministerie"]
    assert sorted(verslag.verstuurd) == ["andere-gemeente", "gemeente", "provincie"]
    assert sorted(b.to[0] for b in mail.outbox) == [
        "andere-gemeente@example.org",
        "gemeente@example.org",
        "provincie@example.org",
    ]
    # The official of GM0001 (Gemeente 0001): 70 still to house in 2017-I after January.
    bericht = next(b for b in mail.outbox if b.to == ["gemeente@example.org"])
    assert (
        "Nog te huisvesten: 70" in bericht.body and "Nodig per resterende maand: 14" in bericht.body
    )
    assert "Gemeente 0002" not in bericht.body


def test_a_failed_message_is_not_recorded_and_goes_out_next_run(met_adressen, settings):
    settings.EMAIL_BACKEND = "tests.berichten.test_services.WeigerendeBackend"
    verslag = maandberichten_versturen(maand=JANUARI)
    assert [naam for naam, _ in verslag.mislukt] == ["gemeente"]
    assert "onbekend adres" in verslag.mislukt[0][1]
    assert not Maandbericht.objects.filter(gebruiker=met_adressen[Rol.GEMEENTE]).exists()
    assert Maandbericht.objects.count() == 4

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    verslag = maandberichten_versturen(maand=JANUARI)
    assert verslag.verstuurd == ["gemeente"] and len(verslag.al_verstuurd) == 4
    assert [b.to for b in mail.outbox] == [["gemeente@example.org"]]
    record = Maandbericht.objects.get(gebruiker=met_adressen[Rol.GEMEENTE])
    assert (record.maand, record.peildatum, record.adres) == (
        JANUARI,
        date(2017, 2, 1),
        "gemeente@example.org",
    )
    assert record.tekst == mail.outbox[0].body


def test_the_command_reports_and_refuses_clearly(met_adressen, capsys):
    call_command("verstuur_maandbericht", "2017-01")
    assert "5 verstuurd, 0 al eerder verstuurd" in capsys.readouterr().out
    call_command("verstuur_maandbericht", "2017-1")
    assert "0 verstuurd, 5 al eerder verstuurd" in capsys.readouterr().out
    with pytest.raises(CommandError, match="'januari' is geen maand"):
        call_command("verstuur_maandbericht", "januari")
    # February is not closed: the stand on 1 March is not final, nothing is sent.
    with pytest.raises(CommandError) as fout:
        call_command("verstuur_maandbericht", "2017-02")
    assert str(fout.value) == FOUT_GEEN_CIJFERS.format(
        maand="februari 2017",
        reden="De cijfers op 1 maart 2017 zijn nog niet definitief: februari 2017 is nog niet "
        "vastgesteld.",
    )
    assert Maandbericht.objects.count() == 5
    # Without a month (cron): the latest closed one, January.
    call_command("verstuur_maandbericht")
    assert "Maandbericht januari 2017: 0 verstuurd, 5 al eerder" in capsys.readouterr().out


def test_a_mail_server_that_is_down_stops_the_run_and_the_command_fails(met_adressen, settings):
    settings.EMAIL_BACKEND = "tests.berichten.test_services.OnbereikbareBackend"
    OnbereikbareBackend.pogingen = 0
    with pytest.raises(CommandError, match="draai het commando opnieuw"):
        call_command("verstuur_maandbericht", "2017-01")
    assert OnbereikbareBackend.pogingen == 1  # not a timeout for each of the five
    assert not Maandbericht.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(maandberichten_versturen(maand=JANUARI).verstuurd) == 5
