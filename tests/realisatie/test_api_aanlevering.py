"""The delivery story through POST /api/v1/realisatie/: bad rows, good rows, repeat, the key."""

import json

import pytest
from django.test import Client

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan
from gebruikers.tokens import token_maken
from realisatie.choices import Uploadbron, Uploadstatus
from realisatie.models import Huisvesting, Upload
from tests.factories import maak_wereld

from .conftest import momentopname

pytestmark = pytest.mark.django_db
URL = "/api/v1/realisatie/"


@pytest.fixture
def coa():
    maak_wereld(4, provincies=2)
    gebruiker = gebruiker_opslaan(naam="coa", rol=Rol.AANLEVERING)
    _token, sleutel = token_maken(naam="coa", gebruiker=gebruiker)
    return gebruiker, Client(HTTP_AUTHORIZATION=f"Token {sleutel}")


def lever(client, gegevens, **headers):
    return client.post(URL, json.dumps(gegevens), content_type="application/json", **headers)


def februari(*regels):
    return {"maand": "2017-02", "regels": list(regels), "reden": None}


def test_bad_rows_change_nothing_and_name_the_row_and_field(coa):
    _, client = coa
    voor = momentopname()
    antwoord = lever(
        client,
        februari(
            {"gemeentecode": "GM0001", "personen": 81},
            {"gemeentecode": "GM9999", "personen": 2},
            {"gemeentecode": "GM0002", "personen": "veel"},
            {"gemeentecode": "GM0003", "personen": 9, "alleenstaanden": 1},
            {"gemeentecode": "GM0001", "personen": 5},
        ),
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    fouten = {(p["regel"], p["veld"]): p["reason"] for p in antwoord.json()["invalidParams"]}
    assert "GM9999" in fouten[(1, "gemeentecode")]
    assert "'veel' is geen geheel getal" in fouten[(2, "personen")]
    assert "alle drie" in fouten[(3, "gezinsleden")]
    assert fouten[(4, "gemeentecode/maand")] == "Gemeente GM0001 in 2017-02 staat al in regel 0."
    assert (0, "gemeentecode") not in fouten and (0, "personen") not in fouten
    assert {p["name"] for p in antwoord.json()["invalidParams"]} >= {
        "regels.1.gemeentecode",
        "regels.2.personen",
    }
    assert momentopname() == voor  # nothing changed, not even the upload log


def test_a_month_outside_every_half_year_is_named_once(coa):
    _, client = coa
    antwoord = lever(
        client,
        {"maand": "2031-05", "regels": [{"gemeentecode": "GM0001", "personen": 1}] * 1},
    )
    assert antwoord.status_code == 400
    params = antwoord.json()["invalidParams"]
    assert [p["name"] for p in params] == ["maand"]
    assert "2031-05" in params[0]["reason"]


@pytest.mark.parametrize(
    "gegevens, naam, woord",
    [
        ([1, 2], None, "JSON-object"),
        ({"regels": [{"gemeentecode": "GM0001", "personen": 1}]}, "maand", "maand"),
        ({"maand": "2017-02", "regels": []}, "regels", "geen regels"),
        ({"maand": "2017-02", "regels": "GM0001"}, "regels", "lijst"),
        ({"maand": "2017-02", "regels": [7]}, "regels.0", "object"),
        (
            {"maand": "2017-02", "regels": [{"gemeentecode": "GM0001", "personen": 1, "x": 1}]},
            "regels.0.x",
            "Onbekend veld",
        ),
        (
            {"maand": "2017-02", "regels": [{"gemeentecode": "GM0001", "personen": True}]},
            "regels.0.personen",
            "waar/onwaar",
        ),
        ({"maand": "2017-02", "regels": [], "extra": 1}, "extra", "Onbekend veld"),
    ],
)
def test_a_wrong_envelope_is_a_dutch_400(coa, gegevens, naam, woord):
    _, client = coa
    antwoord = lever(client, gegevens)
    assert antwoord.status_code == 400, antwoord.content
    params = antwoord.json().get("invalidParams", [])
    if naam is None:
        assert woord in antwoord.json()["invalidParams"][0]["reason"]
    else:
        assert any(p["name"] == naam and woord in p["reason"] for p in params), params
    assert not Upload.objects.exists()


def test_a_good_delivery_lands_once_however_often_it_is_sent(coa):
    gebruiker, client = coa
    gegevens = februari(
        {"gemeentecode": "GM0001", "personen": 81},
        {
            "gemeentecode": "0002",
            "personen": "1.204",
            "alleenstaanden": 4,
            "gezinsleden": 1000,
            "nareizigers": 200,
        },
        {"gemeentecode": "3", "personen": 0},
    )
    antwoord = lever(client, gegevens)
    assert antwoord.status_code == 201, antwoord.content
    eerste = antwoord.json()
    assert (eerste["nieuw"], eerste["gewijzigd"], eerste["ongewijzigd"]) == (3, 0, 0)
    assert eerste["gebruiker"] == "coa" and eerste["status"] == Uploadstatus.TOEGEPAST
    assert antwoord["Location"].endswith(f"/api/v1/realisatie/{eerste['id']}/")
    cijfers = dict(
        Huisvesting.objects.filter(maand="2017-02-01").values_list("gemeente__code", "personen")
    )
    assert cijfers == {"GM0001": 81, "GM0002": 1204, "GM0003": 0}

    # In the upload log as a delivery by the token's user, and in the audit trail.
    upload = Upload.objects.get(pk=eerste["id"])
    assert (upload.bron, upload.gebruiker, str(upload.maand)) == (
        Uploadbron.API,
        gebruiker,
        "2017-02-01",
    )
    h = Huisvesting.objects.get(gemeente__code="GM0001", maand="2017-02-01")
    laatste = h.history.order_by("-history_id").first()
    assert laatste.history_user == gebruiker
    assert f"Upload {upload.pk}: API-aanlevering 2017-02" in laatste.history_change_reason

    # The same body again: nothing changes (a new log entry says so).
    historie = Huisvesting.history.count()
    tweede = lever(client, gegevens).json()
    assert (tweede["nieuw"], tweede["gewijzigd"], tweede["ongewijzigd"]) == (0, 0, 3)
    assert Huisvesting.history.count() == historie
    h.refresh_from_db()
    assert h.versie == 1

    # A changed figure: only that row changes.
    gegevens["regels"][0]["personen"] = 82
    derde = lever(client, gegevens).json()
    assert (derde["nieuw"], derde["gewijzigd"], derde["ongewijzigd"]) == (0, 1, 2)
    h.refresh_from_db()
    assert (h.personen, h.versie) == (82, 2)

    # Reading back: own deliveries, newest first, with their rows.
    lijst = client.get(URL).json()
    assert [r["id"] for r in lijst["results"]] == [derde["id"], tweede["id"], eerste["id"]]
    detail = client.get(f"{URL}{eerste['id']}/").json()
    assert detail["inhoud"][1] == {
        "gemeentecode": "GM0002",
        "personen": 1204,
        "alleenstaanden": 4,
        "gezinsleden": 1000,
        "nareizigers": 200,
    }


def test_an_idempotency_key_returns_the_first_delivery(coa):
    _, client = coa
    gegevens = februari({"gemeentecode": "GM0001", "personen": 81})
    eerste = lever(client, gegevens, HTTP_IDEMPOTENCY_KEY="coa-2017-02")
    assert eerste.status_code == 201 and "Idempotent-Replayed" not in eerste
    voor = momentopname()
    nogmaals = lever(client, gegevens, HTTP_IDEMPOTENCY_KEY="coa-2017-02")
    assert nogmaals.status_code == 201
    assert nogmaals["Idempotent-Replayed"] == "true"
    assert nogmaals.json()["id"] == eerste.json()["id"]
    assert momentopname() == voor  # not even a new log entry

    # The same key with other rows: refused, nothing changes.
    anders = lever(
        client,
        februari({"gemeentecode": "GM0001", "personen": 99}),
        HTTP_IDEMPOTENCY_KEY="coa-2017-02",
    )
    assert anders.status_code == 422
    assert "al gebruikt" in anders.json()["detail"]
    assert momentopname() == voor
    assert Huisvesting.objects.get(gemeente__code="GM0001", maand="2017-02-01").personen == 81


def test_other_roles_cannot_deliver(coa):
    maak = {
        Rol.MINISTERIE: {},
        Rol.GEMEENTE: {"gemeentecode": "GM0001"},
        Rol.PROVINCIE: {"provinciecode": "PV20"},
    }
    for rol, koppeling in maak.items():
        g = gebruiker_opslaan(naam=f"x-{rol}", rol=rol, **koppeling)
        client = Client(HTTP_AUTHORIZATION=f"Token {token_maken(naam=rol, gebruiker=g)[1]}")
        antwoord = lever(client, februari({"gemeentecode": "GM0001", "personen": 1}))
        assert antwoord.status_code == 403, rol
        assert client.get(URL).status_code == 403
    assert not Upload.objects.exists()


def test_the_delivery_account_sees_only_its_own_deliveries(coa):
    _, client = coa
    platform = gebruiker_opslaan(naam="beheer", rol=Rol.PLATFORM)
    beheer = Client(HTTP_AUTHORIZATION=f"Token {token_maken(naam='b', gebruiker=platform)[1]}")
    van_platform = lever(beheer, februari({"gemeentecode": "GM0004", "personen": 2})).json()
    eigen = lever(client, februari({"gemeentecode": "GM0001", "personen": 1})).json()
    assert [r["id"] for r in client.get(URL).json()["results"]] == [eigen["id"]]
    assert client.get(f"{URL}{van_platform['id']}/").status_code == 404
    assert {r["id"] for r in beheer.get(URL).json()["results"]} == {eigen["id"], van_platform["id"]}


def test_a_closed_month_needs_a_reason_and_is_kept_as_a_correction(coa):
    """January 2017 is closed (maak_wereld): changing it without 'reden' changes nothing and
    says why; with one it lands as a correction by the token's user, from the API."""
    from realisatie.choices import Bron
    from realisatie.models import Correctie

    gebruiker, client = coa
    januari = {"maand": "2017-01", "regels": [{"gemeentecode": "GM0001", "personen": 40}]}
    voor = momentopname()
    zonder = lever(client, {**januari, "reden": None})
    assert zonder.status_code == 400
    params = zonder.json()["invalidParams"]
    assert any("vastgesteld" in p["reason"] and "reden" in p["reason"] for p in params), params
    assert momentopname() == voor

    met = lever(client, {**januari, "reden": "COA-correctie: dubbel geteld"})
    assert met.status_code == 201, met.content
    assert met.json()["gewijzigd"] == 1
    correctie = Correctie.objects.get(gemeente__code="GM0001", maand="2017-01-01")
    assert (correctie.oud, correctie.nieuw, correctie.bron) == (0, 40, Bron.API)
    assert correctie.gebruiker == gebruiker and "dubbel geteld" in correctie.reden
