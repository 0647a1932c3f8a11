"""Login and the start page as every role reaches it (the dashboard tests go into detail)."""

import pytest
from django.urls import reverse

from gebruikers.choices import Rol

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_login(client):
    antwoord = client.get(reverse("rapportage:start"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


def test_login_page_is_dutch(client):
    antwoord = client.get(reverse("login"))
    inhoud = antwoord.content.decode()
    assert '<html lang="nl">' in inhoud and "Gebruikersnaam" in inhoud


def test_start_page_shows_the_report_row_to_every_role(demo, rol_clients):
    for rol, c in rol_clients.items():
        inhoud = c.get(reverse("rapportage:start")).content.decode()
        assert "1 februari 2017" in inhoud, rol
        for getal in [
            "5.282",
            "23.000",
            "22.200",
            "6.082",
            "13.000",
            "19.082",
            "3.981",
            "15.101",
            "15.510",
            "\u2212409",
        ]:
            assert f"<td>{getal}</td>" in inhoud, (rol, getal)
        assert "Illustratieve cijfers" in inhoud
        assert "2.017" not in inhoud


def test_an_earlier_peildatum_and_a_bad_one(demo, rol_clients):
    c = rol_clients[Rol.MINISTERIE]
    inhoud = c.get(reverse("rapportage:start"), {"peildatum": "2016-10-01"}).content.decode()
    assert "1 oktober 2016" in inhoud and "<td>5.282</td>" in inhoud
    assert c.get(reverse("rapportage:start"), {"peildatum": "2030-01-01"}).status_code == 404
    assert c.get(reverse("rapportage:start"), {"peildatum": "morgen"}).status_code == 404
