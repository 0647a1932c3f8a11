"""What every API route shares: problem details in Dutch, limits, pagination, CSRF, the schema."""

import json

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan
from gebruikers.tokens import token_maken
from opnieuwthuis.api import throttling
from tests.factories import maak_gebruikers, maak_wereld

pytestmark = pytest.mark.django_db

PROBLEEM = "application/problem+json"


@pytest.fixture
def wereld():
    maak_wereld(4, provincies=2)
    gebruikers = maak_gebruikers()
    gebruikers[Rol.AANLEVERING] = gebruiker_opslaan(naam="coa", rol=Rol.AANLEVERING)
    sleutels = {rol: token_maken(naam=str(rol), gebruiker=g)[1] for rol, g in gebruikers.items()}
    return {"gebruikers": gebruikers, "sleutels": sleutels}


def token_client(sleutel: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {sleutel}")


def _probleem(antwoord, status: int) -> dict:
    assert antwoord.status_code == status, antwoord.content
    assert antwoord["Content-Type"] == PROBLEEM
    gegevens = antwoord.json()
    assert gegevens["status"] == status
    assert gegevens["type"].startswith("urn:opnieuwthuis:probleem:")
    assert gegevens["title"] and gegevens["detail"]
    return gegevens


def test_errors_are_problem_details_in_dutch(wereld):
    platform = token_client(wereld["sleutels"][Rol.PLATFORM])
    assert "Niet gevonden" in _probleem(platform.get("/api/v1/gemeenten/GM9999/"), 404)["title"]
    assert "bestaat niet" in _probleem(platform.get("/api/v1/onbekend/"), 404)["detail"]
    assert "DELETE" in _probleem(platform.delete("/api/v1/stand/"), 405)["detail"]
    fout = _probleem(platform.get("/api/v1/stand/?peildatum=morgen"), 400)
    assert fout["invalidParams"][0]["name"] == "peildatum"
    assert "geen datum" in fout["invalidParams"][0]["reason"]
    assert (
        "eerste dag"
        in _probleem(platform.get("/api/v1/stand/?peildatum=2017-02-03"), 404)["detail"]
    )
    assert "Token" in _probleem(Client().get("/api/v1/realisatie/"), 401)["detail"]
    assert (
        "aanleveraccount"
        in _probleem(
            token_client(wereld["sleutels"][Rol.GEMEENTE]).get("/api/v1/realisatie/"), 403
        )["detail"]
    )
    ongeldig = platform.post("/api/v1/realisatie/", "{kapot", content_type="application/json")
    assert "geen geldige JSON" in _probleem(ongeldig, 400)["detail"]
    verkeerd = platform.post("/api/v1/realisatie/", "a=b", content_type="text/plain")
    assert "application/json" in _probleem(verkeerd, 415)["detail"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(wereld, settings):
    settings.OPNIEUWTHUIS_API_MAX_BODY = 200
    regels = [{"gemeentecode": "GM0001", "personen": 1}] * 20
    antwoord = token_client(wereld["sleutels"][Rol.PLATFORM]).post(
        "/api/v1/realisatie/",
        json.dumps({"maand": "2017-02", "regels": regels}),
        content_type="application/json",
    )
    assert "200 bytes" in _probleem(antwoord, 413)["detail"]


def test_rate_limit_per_token_and_per_address(wereld, monkeypatch):
    monkeypatch.setattr(throttling.PerToken, "rate", "3/min", raising=False)
    client = token_client(wereld["sleutels"][Rol.MINISTERIE])
    assert [client.get("/api/v1/halfjaren/").status_code for _ in range(3)] == [200] * 3
    te_veel = _probleem(client.get("/api/v1/halfjaren/"), 429)
    assert "probeer het over" in te_veel["detail"]
    # Another token from the same address still gets through: the count is per token.
    assert (
        token_client(wereld["sleutels"][Rol.PLATFORM]).get("/api/v1/halfjaren/").status_code == 200
    )

    monkeypatch.setattr(throttling.PerAdres, "rate", "2/min", raising=False)
    from django.core.cache import cache

    cache.clear()
    anoniem = Client(REMOTE_ADDR="192.0.2.7")
    assert [anoniem.get("/api/v1/halfjaren/").status_code for _ in range(2)] == [200, 200]
    antwoord = anoniem.get("/api/v1/halfjaren/")
    _probleem(antwoord, 429)
    assert int(antwoord["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="192.0.2.8").get("/api/v1/halfjaren/").status_code == 200


def test_a_session_without_csrf_cannot_post(wereld):
    client = Client(enforce_csrf_checks=True)
    client.force_login(wereld["gebruikers"][Rol.PLATFORM])
    assert client.get("/api/v1/realisatie/").status_code == 200  # reading by session is fine
    antwoord = client.post(
        "/api/v1/realisatie/",
        {"maand": "2017-02", "regels": [{"gemeentecode": "GM0001", "personen": 1}]},
        content_type="application/json",
    )
    assert "CSRF" in _probleem(antwoord, 403)["detail"]
    from realisatie.models import Upload

    assert not Upload.objects.exists()


def test_lists_are_paginated(wereld):
    client = token_client(wereld["sleutels"][Rol.PLATFORM])
    pagina = client.get("/api/v1/gemeenten/?per_pagina=3").json()
    assert pagina["count"] == 4 and len(pagina["results"]) == 3
    assert "pagina=2" in pagina["next"]
    tweede = client.get(pagina["next"]).json()
    assert [g["code"] for g in tweede["results"]] == ["GM0004"]
    assert "bestaat niet" in _probleem(client.get("/api/v1/gemeenten/?pagina=9"), 404)["detail"]


@override_settings(OPNIEUWTHUIS_OPENBAAR=False)
def test_without_public_pages_an_anonymous_caller_gets_401(wereld):
    antwoord = Client().get("/api/v1/stand/")
    _probleem(antwoord, 401)
    assert antwoord["WWW-Authenticate"] == "Token"


def _api_routes(patronen=None, prefix=""):
    for patroon in get_resolver().url_patterns if patronen is None else patronen:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "api" or prefix:
                yield from _api_routes(patroon.url_patterns, prefix + str(patroon.pattern))
        elif prefix and isinstance(patroon, URLPattern) and patroon.name:
            yield patroon.name, prefix + str(patroon.pattern)


def test_the_schema_is_valid_openapi_3_and_names_every_route(wereld):
    from openapi_spec_validator import validate

    antwoord = Client().get("/api/v1/schema/?format=json")
    assert antwoord.status_code == 200
    schema = antwoord.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paden = set(schema["paths"])
    routes = dict(_api_routes())
    assert "stand" in routes and "aanlevering_list" in routes
    for naam, pad in routes.items():
        if naam in ("schema", "docs"):
            continue
        openapi_pad = "/" + pad.replace("<cbscode:code>", "{code}").replace("<int:pk>", "{id}")
        assert openapi_pad in paden, (naam, openapi_pad, sorted(paden))
    assert schema["components"]["securitySchemes"]["token"]["name"] == "Authorization"
    # The delivery's request body is documented with its fields.
    invoer = schema["components"]["schemas"]["AanleveringInvoerRequest"]
    assert {"maand", "regels", "reden"} <= set(invoer["properties"])


def test_the_docs_page_uses_only_our_own_files(wereld):
    antwoord = Client().get("/api/v1/docs/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "cdn" not in html.lower() and "<style" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in antwoord["Content-Security-Policy"]
    script = Client().get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
