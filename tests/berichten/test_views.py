"""The profile page switches the message off and on; the list of what was sent is for platform
staff."""

from datetime import date

from berichten.models import Berichtvoorkeur
from berichten.selectors import ontvangt_maandbericht
from berichten.services import maandberichten_versturen
from gebruikers.choices import Rol


def test_the_profile_page_switches_the_message(wereld, gebruikers, rol_clients):
    client, gebruiker = rol_clients[Rol.GEMEENTE], gebruikers[Rol.GEMEENTE]
    html = client.get("/profiel/").content.decode()
    assert 'name="maandbericht"' in html and "checked" in html
    antwoord = client.post("/profiel/", {})
    assert antwoord.status_code == 302
    assert ontvangt_maandbericht(gebruiker) is False
    assert "U krijgt geen maandelijks bericht meer." in client.get("/profiel/").content.decode()
    client.post("/profiel/", {"maandbericht": "on"})
    assert ontvangt_maandbericht(gebruiker) is True
    assert Berichtvoorkeur.objects.count() == 1


def test_the_list_shows_what_was_sent_to_whom(wereld, gebruikers, rol_clients):
    for g in gebruikers.values():
        g.email = f"{g.username}@example.org"
        g.save()
    maandberichten_versturen(maand=date(2017, 1, 1))
    html = rol_clients[Rol.PLATFORM].get("/berichten/?maand=2017-01").content.decode()
    assert "Berichten, nieuwste eerst (5)" in html
    assert "gemeente@example.org" in html and "Opnieuw Thuis: stand van Gemeente 0001" in html
    html = rol_clients[Rol.PLATFORM].get("/berichten/?maand=2017-02").content.decode()
    assert "nog geen berichten verstuurd" in html
    html = rol_clients[Rol.PLATFORM].get("/berichten/?maand=feb").content.decode()
    assert "&#x27;feb&#x27; is geen maand" in html
    # An official sees their own messages on their profile, nobody else's.
    html = rol_clients[Rol.GEMEENTE].get("/profiel/").content.decode()
    assert "Opnieuw Thuis: stand van Gemeente 0001 op 1 februari 2017" in html
    assert "Gemeente 0002" not in html
