"""The demo reproduces the national row of the progress report of 20 February 2017."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from rapportage.berekening import LANDELIJKE_KOLOMMEN

pytestmark = pytest.mark.django_db

RAPPORT_1_FEBRUARI_2017 = [390, 5282, 23000, 22200, 6082, 13000, 19082, 3981, 15101, 15510, -409]


def stand_json(*args):
    uit = StringIO()
    call_command("stand", *args, "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())


def test_stand_json_reproduces_the_report(demo):
    data = stand_json("--peildatum", "2017-02-01")
    assert data["peildatum"] == "2017-02-01"
    assert data["halfjaar"] == "2017-I"
    assert list(data["landelijk"]) == LANDELIJKE_KOLOMMEN
    assert [data["landelijk"][k] for k in LANDELIJKE_KOLOMMEN] == RAPPORT_1_FEBRUARI_2017


def test_the_390_municipal_lines_add_up_to_the_national_line(demo):
    data = stand_json("--peildatum", "2017-02-01")
    gemeenten = data["gemeenten"]
    assert len(gemeenten) == 390
    assert set(gemeenten[0]) == {
        *LANDELIJKE_KOLOMMEN[1:],
        "gemeentecode",
        "gemeentenaam",
        "provincie",
        "status",
        "nodig_per_maand",
        "gemiste_halfjaren",
        "percentage_gerealiseerd",
    }
    # Amsterdam's share of its corrected quota realised, one decimal (issue 14).
    amsterdam = next(g for g in gemeenten if g["gemeentecode"] == "GM0363")
    assert amsterdam["percentage_gerealiseerd"] == round(
        amsterdam["realisatie"] * 100 / amsterdam["te_huisvesten"], 1
    )
    for kolom in LANDELIJKE_KOLOMMEN[1:]:
        assert sum(g[kolom] for g in gemeenten) == data["landelijk"][kolom], kolom
    assert sum(1 for g in gemeenten if g["stand"] < 0) > 0  # some municipalities are ahead
    assert sum(p["aantal_gemeenten"] for p in data["provincies"]) == 390
    assert sum(p["stand"] for p in data["provincies"]) == 15101


def test_one_municipality_and_the_latest_peildatum_by_default(demo):
    data = stand_json("--gemeente", "363")
    assert data["peildatum"] == "2017-02-01"
    assert [g["gemeentenaam"] for g in data["gemeenten"]] == ["Amsterdam"]


def test_demo_is_deterministic_and_idempotent(demo):
    from rapportage.demo import demo_bestanden, laad_demo
    from realisatie.models import Huisvesting

    assert demo_bestanden() == demo_bestanden()
    voor = sorted(Huisvesting.objects.values_list("gemeente__code", "maand", "personen"))
    resultaat = laad_demo()
    assert resultaat["maandcijfers"] == "0 nieuw, 0 gewijzigd, 2730 ongewijzigd"
    assert sorted(Huisvesting.objects.values_list("gemeente__code", "maand", "personen")) == voor


def test_demo_half_years_are_labelled_illustrative(demo):
    from taakstelling.models import Halfjaar

    assert all(Halfjaar.objects.values_list("illustratief", flat=True))


def test_csv_and_table_formats(demo):
    uit = StringIO()
    call_command("stand", "--peildatum", "2017-02-01", "--format", "csv", stdout=uit)
    regels = uit.getvalue().splitlines()
    assert regels[0].startswith("gemeentecode;gemeentenaam;provincie;beginstand_vorig")
    assert len(regels) == 1 + 390 + 1
    assert regels[-1].split(";")[3:13] == [str(v) for v in RAPPORT_1_FEBRUARI_2017[1:]]
    uit = StringIO()
    call_command("stand", "--peildatum", "2017-02-01", stdout=uit)
    assert "15.101" in uit.getvalue() and "Nederland (390 gemeenten)" in uit.getvalue()


def test_bad_arguments_are_explained():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="geen halfjaren"):
        call_command("stand", stdout=StringIO())
