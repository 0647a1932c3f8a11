"""API tokens: made once and shown once, stored as a hash, revoked, acting as their user."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from gebruikers.choices import Rol
from gebruikers.models import ApiToken
from gebruikers.services import gebruiker_opslaan
from gebruikers.tokens import FOUT_NAAM_BEZET, token_maken
from tests.factories import maak_wereld

pytestmark = pytest.mark.django_db


def maak_token(*args) -> tuple[str, str]:
    uit, fout = StringIO(), StringIO()
    call_command("maak_token", *args, stdout=uit, stderr=fout)
    return uit.getvalue().strip(), fout.getvalue()


@pytest.fixture
def coa(db):
    maak_wereld(2)
    return gebruiker_opslaan(naam="coa", rol=Rol.AANLEVERING)


def api(sleutel: str, pad: str = "/api/v1/realisatie/"):
    return Client().get(pad, HTTP_AUTHORIZATION=f"Token {sleutel}")


def test_the_key_is_printed_once_and_only_its_hash_is_stored(coa):
    sleutel, uitleg = maak_token("coa-aanlevering", "--gebruiker", "coa")
    assert sleutel.startswith("ot_") and len(sleutel) > 40
    assert "niet nog eens getoond" in uitleg
    token = ApiToken.objects.get(naam="coa-aanlevering")
    assert token.gebruiker == coa
    assert token.sleutel_hash == hashlib.sha256(sleutel.encode()).hexdigest()
    assert sleutel not in str(list(ApiToken.objects.values()))  # nowhere in plain text
    assert api(sleutel).status_code == 200
    token.refresh_from_db()
    assert token.laatst_gebruikt is not None


def test_a_revoked_token_is_refused_with_401_in_dutch(coa):
    sleutel, _ = maak_token("coa-aanlevering", "--gebruiker", "coa")
    uit, _ = maak_token("coa-aanlevering", "--intrekken")
    assert "ingetrokken" in uit
    antwoord = api(sleutel)
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord["WWW-Authenticate"] == "Token"
    assert "ingetrokken" in antwoord.json()["detail"]
    # The name is free again for a new token.
    nieuw, _ = maak_token("coa-aanlevering", "--gebruiker", "coa")
    assert api(nieuw).status_code == 200


def test_a_token_of_an_inactive_user_stops_working(coa):
    sleutel, _ = maak_token("coa-aanlevering", "--gebruiker", "coa")
    coa.is_active = False
    coa.save()
    assert api(sleutel).status_code == 401


@pytest.mark.parametrize(
    "args, melding",
    [
        (["x", "--gebruiker", "niemand"], "bestaat niet"),
        (["x"], "Geef --gebruiker"),
        (["onbekend", "--intrekken"], "geen geldige token"),
    ],
)
def test_command_errors_are_dutch(coa, args, melding):
    with pytest.raises(CommandError, match=melding):
        maak_token(*args)


def test_a_name_is_used_by_one_valid_token_at_a_time(coa):
    maak_token("coa-aanlevering", "--gebruiker", "coa")
    with pytest.raises(CommandError, match="al een geldige token"):
        maak_token("coa-aanlevering", "--gebruiker", "coa")
    assert FOUT_NAAM_BEZET.format(naam="x").startswith("Er is al")


def test_a_token_acts_as_its_user_with_that_users_scope():
    gemeenten = maak_wereld(2)
    ambtenaar = gebruiker_opslaan(naam="anna", rol=Rol.GEMEENTE, gemeentecode="GM0001")
    _token, sleutel = token_maken(naam="anna", gebruiker=ambtenaar)
    codes = [g["code"] for g in api(sleutel, "/api/v1/gemeenten/").json()["results"]]
    assert codes == [gemeenten[0].code]
    assert api(sleutel, f"/api/v1/gemeenten/{gemeenten[1].code}/").status_code == 404


def test_a_malformed_header_is_a_dutch_401():
    maak_wereld(2)
    antwoord = Client().get("/api/v1/stand/", HTTP_AUTHORIZATION="Token a b")
    assert antwoord.status_code == 401
    assert "Authorization: Token" in antwoord.json()["detail"]


def test_platform_staff_make_a_token_in_the_admin_and_see_the_key_once(coa):
    platform = gebruiker_opslaan(naam="beheer", rol=Rol.PLATFORM)
    client = Client()
    client.force_login(platform)
    antwoord = client.post(
        "/beheer/gebruikers/apitoken/add/", {"naam": "coa-admin", "gebruiker": coa.pk}, follow=True
    )
    assert antwoord.status_code == 200
    melding = next(str(m) for m in antwoord.context["messages"])
    sleutel = melding.split("is: ")[1].split(" ")[0]
    token = ApiToken.objects.get(naam="coa-admin")
    assert token.sleutel_hash == hashlib.sha256(sleutel.encode()).hexdigest()
    assert api(sleutel).status_code == 200
    # Revoking from the list.
    client.post(
        "/beheer/gebruikers/apitoken/",
        {"action": "intrekken", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.ingetrokken_op is not None
    assert api(sleutel).status_code == 401
    # The same name while it is valid: a form error, no second token.
    maak_token("coa-tweede", "--gebruiker", "coa")
    antwoord = client.post(
        "/beheer/gebruikers/apitoken/add/", {"naam": "coa-tweede", "gebruiker": coa.pk}
    )
    assert antwoord.status_code == 200 and "al een geldige token" in antwoord.content.decode()
    assert ApiToken.objects.filter(naam="coa-tweede").count() == 1
