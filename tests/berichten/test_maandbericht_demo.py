"""Each role's monthly message on the demo after January 2017 is closed: the receiver's own
figures and nothing outside their scope; a second run sends nothing; a switched-off user gets
nothing; the ladder appears as each role may see it."""

import re
from datetime import date
from email import message_from_bytes

import pytest
from django.core import mail
from django.core.management import call_command

from berichten.models import Maandbericht
from berichten.services import berichtvoorkeur_opslaan, maandberichten_versturen
from gebruikers.models import Gebruiker
from taakstelling.models import Gemeente
from toezicht import services as toezicht
from toezicht.choices import Stapsoort

JANUARI = date(2017, 1, 1)
# The report's national row on 1 February 2017 (domain.md), as the message writes it.
LANDELIJK = ["390", "5.282", "23.000", "22.200", "6.082", "13.000", "19.082", "3.981", "15.101",
             "15.510", "−409"]  # fmt: skip


@pytest.fixture
def demo_gebruikers(demo):
    call_command("maak_demo_gebruikers")
    return {g.username: g for g in Gebruiker.objects.all()}


def _berichten() -> dict:
    """Receiver -> (plain text, HTML) of every message in the outbox."""
    uit = {}
    for bericht in mail.outbox:
        (html, soort), *_ = bericht.alternatives
        assert soort == "text/html"
        uit[bericht.to[0].split("@")[0]] = (bericht.body, html)
    return uit


def _genoemd(tekst: str, gemeenten) -> set[str]:
    return {
        g.naam for g in gemeenten if re.search(rf"(?<![\w-]){re.escape(g.naam)}(?![\w-])", tekst)
    }


def test_each_role_gets_its_own_figures_and_nothing_else(demo_gebruikers):
    verslag = maandberichten_versturen(maand=JANUARI)
    assert sorted(verslag.verstuurd) == ["gemeente", "ministerie", "platform", "provincie"]
    berichten = _berichten()
    alle = list(Gemeente.objects.select_related("provincie"))

    tekst, html = berichten["gemeente"]  # the official of Amsterdam (GM0363)
    assert mail.outbox[[b.to[0] for b in mail.outbox].index("gemeente@example.org")].subject == (
        "Opnieuw Thuis: stand van Amsterdam op 1 februari 2017"
    )
    for regel in [
        "Nog te huisvesten: 850",
        "Nodig per resterende maand: 170 (in de 5 maanden die nog over zijn)",
        "Status: achter op schema",
        "Halfjaren op rij niet gehaald: 1",
        "Gehuisvest in 2017-I: 81 van de 931",
        "niet op de interventieladder",
        "http://testserver/gemeenten/GM0363/?peildatum=2017-02-01",
    ]:
        assert regel in tekst, regel
    assert ">850<" in html and ">170<" in html and 'lang="nl"' in html
    for deel in (tekst, html):
        assert _genoemd(deel, alle) == {"Amsterdam"}
        assert set(re.findall(r"GM\d{4}", deel)) == {"GM0363"}
        assert "15.101" not in deel  # not even the national row

    tekst, html = berichten["provincie"]  # the supervisor of Noord-Holland (PV27)
    assert "Achter/voor: 2.712 (achterstand 2.752, voorsprong −40)" in tekst
    assert "- Amsterdam: nog 850, 170 per maand, achter op schema, 1 halfjaar op rij" in tekst
    noord_holland = {g.naam for g in alle if g.provincie.code == "PV27"}
    for deel in (tekst, html):
        assert _genoemd(deel, alle) <= noord_holland
        assert "Amsterdam" in _genoemd(deel, alle)

    for wie in ("ministerie", "platform"):
        tekst, html = berichten[wie]
        assert [r.split(": ")[1] for r in tekst.splitlines()[4:15]] == LANDELIJK
        assert "Nodig per resterende maand: 3.020" in tekst  # 15.101 over 5 months, half up
        for deel in (tekst, html):
            assert _genoemd(deel, alle) == set(), wie
            assert all(waarde in deel for waarde in LANDELIJK)


def test_a_second_run_sends_nothing_and_a_switched_off_user_nothing(
    demo_gebruikers, tmp_path, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    berichtvoorkeur_opslaan(gebruiker=demo_gebruikers["ministerie"], maandbericht=False)

    call_command("verstuur_maandbericht", "2017-01")
    bestanden = sorted(tmp_path.iterdir())
    inhoud = b"".join(p.read_bytes() for p in bestanden)
    berichten = [
        message_from_bytes(blok) for blok in inhoud.split(b"-" * 79 + b"\n") if blok.strip()
    ]
    assert sorted(b["To"] for b in berichten) == [
        "gemeente@example.org", "platform@example.org", "provincie@example.org"
    ]  # fmt: skip
    assert Maandbericht.objects.filter(maand=JANUARI).count() == 3

    verslag = maandberichten_versturen(maand=JANUARI)
    assert verslag.verstuurd == [] and sorted(verslag.al_verstuurd) == [
        "gemeente", "platform", "provincie"
    ]  # fmt: skip
    assert verslag.uitgezet == ["ministerie"]
    assert b"".join(p.read_bytes() for p in sorted(tmp_path.iterdir())) == inhoud


def test_the_ladder_in_each_message_is_the_receivers_scope(demo_gebruikers):
    platform = demo_gebruikers["platform"]
    amsterdam = Gemeente.objects.get(code="GM0363")
    rotterdam = Gemeente.objects.get(code="GM0599")  # Zuid-Holland
    for gemeente, soort in ((amsterdam, Stapsoort.AANSCHRIJVING), (rotterdam, Stapsoort.SIGNAAL)):
        toezicht.ladderstap_vastleggen(
            gemeente=gemeente, soort=soort, datum=date(2017, 1, 20), toelichting="Brief.",
            gebruiker=platform,
        )  # fmt: skip
    maandberichten_versturen(maand=JANUARI)
    berichten = _berichten()
    assert "Noord-Holland: aanschrijving sinds 20 januari 2017" in berichten["gemeente"][0]
    provincie = berichten["provincie"][0]
    assert (
        "Op de interventieladder (1):\n- Amsterdam: aanschrijving sinds 20 januari 2017"
        in provincie
    )
    assert "Rotterdam" not in provincie and "signaal" not in provincie
    for wie in ("ministerie", "platform"):
        tekst = berichten[wie][0]
        assert (
            "2 gemeenten (signaal 1, aanschrijving 1, vooraankondiging 0, indeplaatsstelling 0)"
            in tekst
        )
        assert "Rotterdam" not in tekst and "Amsterdam" not in tekst
