"""Reading the stand through the API on the demo: the report's national row, exactly what
`stand --format json` writes, narrowed to the caller's scope like the pages."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan
from gebruikers.tokens import token_maken

pytestmark = pytest.mark.django_db

RAPPORT = {
    "aantal_gemeenten": 390,
    "beginstand_vorig": 5282,
    "taakstelling_vorig": 23000,
    "realisatie_vorig": 22200,
    "beginstand": 6082,
    "taakstelling": 13000,
    "te_huisvesten": 19082,
    "realisatie": 3981,
    "stand": 15101,
    "achterstand": 15510,
    "voorsprong": -409,
}


def token(naam, **kwargs) -> Client:
    g = gebruiker_opslaan(naam=naam, **kwargs)
    return Client(HTTP_AUTHORIZATION=f"Token {token_maken(naam=naam, gebruiker=g)[1]}")


def test_the_stand_on_the_demo_for_each_caller(demo):
    commando = StringIO()
    call_command("stand", "--peildatum", "2017-02-01", "--format", "json", stdout=commando)
    verwacht = json.loads(commando.getvalue())

    platform = token("p", rol=Rol.PLATFORM)
    antwoord = platform.get("/api/v1/stand/?peildatum=2017-02-01")
    assert antwoord.status_code == 200
    assert antwoord.json()["landelijk"] == RAPPORT
    assert antwoord.json() == verwacht  # the very records of the command
    assert len(antwoord.json()["gemeenten"]) == 390
    # The public (switch on by default) and the ministry see the same.
    assert Client().get("/api/v1/stand/?peildatum=2017-02-01").json() == verwacht
    assert token("m", rol=Rol.MINISTERIE).get("/api/v1/stand/?peildatum=2017-02-01").json() == (
        verwacht
    )

    # An official sees one municipality and the national line; other codes are 404.
    amsterdam = token("a", rol=Rol.GEMEENTE, gemeentecode="GM0363")
    eigen = amsterdam.get("/api/v1/stand/?peildatum=2017-02-01").json()
    assert [g["gemeentecode"] for g in eigen["gemeenten"]] == ["GM0363"]
    assert eigen["gemeenten"][0] == next(
        g for g in verwacht["gemeenten"] if g["gemeentecode"] == "GM0363"
    )
    assert eigen["landelijk"] == RAPPORT and eigen["provincies"] == []
    assert [g["code"] for g in amsterdam.get("/api/v1/gemeenten/").json()["results"]] == ["GM0363"]
    detail = amsterdam.get("/api/v1/gemeenten/GM0363/?peildatum=2017-02-01").json()
    assert detail["stand"] == eigen["gemeenten"][0]
    assert [h["halfjaar"] for h in detail["halfjaren"]][-2:] == ["2016-II", "2017-I"]
    halfjaar = {h["halfjaar"]: h for h in detail["halfjaren"]}
    assert halfjaar["2016-II"]["eindstand"] == halfjaar["2017-I"]["beginstand"]
    assert [m["maand"] for m in detail["maanden"]][-1] == "2017-01"
    assert (
        sum(m["personen"] for m in detail["maanden"] if m["maand"] == "2017-01")
        == (detail["stand"]["realisatie"])
    )
    for code in ("GM0014", "GM0344"):
        antwoord = amsterdam.get(f"/api/v1/gemeenten/{code}/")
        assert antwoord.status_code == 404 and "GM" in antwoord.json()["detail"]
    assert amsterdam.get("/api/v1/provincies/PV27/").status_code == 404

    # A supervisor of Noord-Holland: its municipalities and its own province row.
    noord_holland = token("nh", rol=Rol.PROVINCIE, provinciecode="PV27")
    stand = noord_holland.get("/api/v1/stand/?peildatum=2017-02-01").json()
    assert {g["provincie"] for g in stand["gemeenten"]} == {"Noord-Holland"}
    assert "GM0363" in {g["gemeentecode"] for g in stand["gemeenten"]}
    assert [p["provinciecode"] for p in stand["provincies"]] == ["PV27"]
    provincie = noord_holland.get("/api/v1/provincies/PV27/?peildatum=2017-02-01").json()
    assert provincie["totaal"] == stand["provincies"][0]
    assert [g["gemeentecode"] for g in provincie["gemeenten"]] == [
        g["gemeentecode"] for g in stand["gemeenten"]
    ]
    assert noord_holland.get("/api/v1/provincies/PV26/").status_code == 404
    assert noord_holland.get("/api/v1/gemeenten/GM0344/").status_code == 404  # Utrecht


def test_halfjaren_name_the_national_number_and_the_municipal_sum(demo):
    halfjaren = Client().get("/api/v1/halfjaren/").json()["results"]
    h = {r["label"]: r for r in halfjaren}
    assert h["2017-I"]["landelijke_taakstelling"] == 13000
    assert h["2017-I"]["aantal_gemeenten"] == 390
    assert h["2017-I"]["som_gemeenten"] >= 13000
    assert h["2017-II"]["som_gemeenten"] == 10200  # README: 10.000 over 388 gemeenten, rounded up


def test_provisional_figures_are_for_platform_staff_only(db):
    """February 2017 open and partly delivered: platform staff get 1 March 2017 marked
    voorlopig with the completeness; everyone else, the public too, a 404 naming the month."""
    from realisatie.aanlevering import aanlevering_verwerken
    from tests.factories import maak_wereld

    maak_wereld(4, provincies=2)
    platform_gebruiker = gebruiker_opslaan(naam="p", rol=Rol.PLATFORM)
    aanlevering_verwerken(
        gegevens={"maand": "2017-02", "regels": [{"gemeentecode": "GM0001", "personen": 7}]},
        gebruiker=platform_gebruiker,
    )
    platform = Client(
        HTTP_AUTHORIZATION=f"Token {token_maken(naam='p', gebruiker=platform_gebruiker)[1]}"
    )
    ambtenaar = token("a", rol=Rol.GEMEENTE, gemeentecode="GM0001")

    # The default is the day after the latest closed month, for everyone.
    assert platform.get("/api/v1/stand/").json()["peildatum"] == "2017-02-01"
    standaard = Client().get("/api/v1/stand/").json()
    assert (standaard["peildatum"], standaard["voorlopig"]) == ("2017-02-01", False)
    assert [m["status"] for m in standaard["maanden"]] == ["vastgesteld"] * 7

    maart = platform.get("/api/v1/stand/?peildatum=2017-03-01").json()
    assert maart["voorlopig"] is True
    assert maart["maanden"][-1] == {
        "maand": "2017-02",
        "status": "open",
        "ingevoerd": 1,
        "verwacht": 4,
    }
    for client in (ambtenaar, Client()):
        antwoord = client.get("/api/v1/stand/?peildatum=2017-03-01")
        assert antwoord.status_code == 404
        assert "februari 2017" in antwoord.json()["detail"]
        assert "niet definitief" in antwoord.json()["detail"]

    # The municipality's months say their state; an official sees closed months only.
    detail = platform.get("/api/v1/gemeenten/GM0001/?peildatum=2017-03-01").json()
    assert detail["voorlopig"] is True
    assert detail["maanden"][-1] == {
        "maand": "2017-02",
        "status": "open",
        "personen": 7,
        "alleenstaanden": None,
        "gezinsleden": None,
        "nareizigers": None,
    }
    eigen = ambtenaar.get("/api/v1/gemeenten/GM0001/").json()
    assert [m["maand"] for m in eigen["maanden"]][-1] == "2017-01"

    # /maanden/: platform staff see the open month with what is missing; others closed ones.
    maanden = {m["maand"]: m for m in platform.get("/api/v1/maanden/").json()["results"]}
    assert maanden["2017-02"]["status"] == "open"
    assert maanden["2017-02"]["ontbrekend"] == ["GM0002", "GM0003", "GM0004"]
    assert maanden["2017-01"]["vastgesteld_door"] == "test"
    openbaar = Client().get("/api/v1/maanden/").json()["results"]
    assert [m["maand"] for m in openbaar] == [f"2016-{m:02d}" for m in range(7, 13)] + ["2017-01"]
    assert all(set(m) == {"maand", "status", "verwacht", "ingevoerd"} for m in openbaar)
    assert openbaar[-1]["ingevoerd"] == openbaar[-1]["verwacht"] == 4
