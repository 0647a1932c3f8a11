"""Platform staff manage users in the admin; the group follows the role; officials of an ended
municipality are told so on every page."""

from datetime import date

import pytest
from django.urls import reverse

from gebruikers.choices import Rol
from gebruikers.models import Gebruiker
from tests.factories import maak_gebruikers

pytestmark = pytest.mark.django_db


def test_platform_staff_create_an_official_in_the_admin(client):
    gebruikers = maak_gebruikers()
    client.force_login(gebruikers[Rol.PLATFORM])
    gemeente = gebruikers[Rol.GEMEENTE].gemeente
    antwoord = client.post(
        reverse("admin:gebruikers_gebruiker_add"),
        {
            "username": "nieuw",
            "password1": "een-lang-wachtwoord-123",
            "password2": "een-lang-wachtwoord-123",
            "rol": "gemeente",
            "gemeente": gemeente.pk,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    nieuw = Gebruiker.objects.get(username="nieuw")
    assert (nieuw.rol, nieuw.gemeente, nieuw.is_staff) == ("gemeente", gemeente, False)
    assert list(nieuw.groups.values_list("name", flat=True)) == ["gemeente"]


def test_the_admin_refuses_an_official_without_municipality(client):
    gebruikers = maak_gebruikers()
    client.force_login(gebruikers[Rol.PLATFORM])
    antwoord = client.post(
        reverse("admin:gebruikers_gebruiker_add"),
        {
            "username": "los",
            "password1": "een-lang-wachtwoord-123",
            "password2": "een-lang-wachtwoord-123",
            "rol": "gemeente",
        },
    )
    assert antwoord.status_code == 200
    assert not Gebruiker.objects.filter(username="los").exists()


def test_an_official_of_an_ended_municipality_is_told(client):
    gebruikers = maak_gebruikers()
    ambtenaar = gebruikers[Rol.GEMEENTE]
    ambtenaar.gemeente.einddatum = date(2017, 1, 1)
    ambtenaar.gemeente.save()
    client.force_login(ambtenaar)
    inhoud = client.get(reverse("rapportage:start")).content.decode()
    assert f"Uw gemeente {ambtenaar.gemeente.naam} bestaat sinds 1 januari 2017 niet meer" in inhoud


def test_the_admin_sets_an_email_address_for_the_monthly_message(client):
    gebruikers = maak_gebruikers()
    client.force_login(gebruikers[Rol.PLATFORM])
    antwoord = client.post(
        reverse("admin:gebruikers_gebruiker_add"),
        {
            "username": "met-adres",
            "email": "toezicht@provincie.example",
            "password1": "een-lang-wachtwoord-123",
            "password2": "een-lang-wachtwoord-123",
            "rol": "provincie",
            "provincie": gebruikers[Rol.PROVINCIE].provincie.pk,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert Gebruiker.objects.get(username="met-adres").email == "toezicht@provincie.example"
