"""The carry-forward over several half-years with leads and backlogs, through the import
commands and `stand --format json`, on data the demo has never seen."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def bestand(tmp_path, naam, tekst):
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return str(pad)


def stand(peildatum):
    uit = StringIO()
    call_command("stand", "--peildatum", peildatum, "--format", "json", stdout=uit)
    data = json.loads(uit.getvalue())
    return data["landelijk"], {g["gemeentecode"]: g for g in data["gemeenten"]}


def test_three_half_years(tmp_path):
    call_command(
        "importeer_gemeenten",
        bestand(
            tmp_path,
            "g.csv",
            "gemeentecode;gemeentenaam;provincie;provinciecode;inwoners\n"
            "GM0001;Oostdorp;Utrecht;PV26;1000\nGM0002;Westdorp;Utrecht;PV26;3000\n",
        ),
        "--peildatum",
        "2016-01-01",
        stdout=StringIO(),
    )
    call_command(
        "importeer_taakstelling",
        bestand(
            tmp_path,
            "t.csv",
            "gemeentecode,halfjaar,taakstelling\n"
            "GM0001,2016-II,10\nGM0002,2016-II,30\nGM0001,2017-I,6\nGM0002,2017-I,18\n"
            "GM0001,2017-II,4\nGM0002,2017-II,12\n",
        ),
        stdout=StringIO(),
    )
    call_command(
        "importeer_startstand",
        bestand(
            tmp_path,
            "s.csv",
            "gemeentecode;halfjaar;beginstand\nGM0001;2016-II;5\nGM0002;2016-II;-2\n",
        ),
        stdout=StringIO(),
    )
    call_command(
        "importeer_realisatie",
        bestand(
            tmp_path,
            "r.csv",
            "gemeentecode;maand;personen\n"
            "GM0001;2016-08;4\nGM0001;2016-11;3\nGM0002;2016-09;40\n"  # 2016-II
            "GM0001;2017-03;20\nGM0002;2017-02;5\n"  # 2017-I
            "GM0001;2017-07;1\nGM0002;2017-08;2\nGM0002;2017-10;3\n",
        ),  # 2017-II
        stdout=StringIO(),
    )

    # GM0001: 5 + 10 - 7 = 8 -> 8 + 6 - 20 = -6 (lead) -> -6 + 4 = -2 to house in 2017-II.
    # GM0002: -2 + 30 - 40 = -12 -> -12 + 18 - 5 = 1 -> 1 + 12 = 13.
    land, g = stand("2017-11-01")
    assert (g["GM0001"]["beginstand_vorig"], g["GM0001"]["beginstand"]) == (8, -6)
    assert (g["GM0001"]["te_huisvesten"], g["GM0001"]["realisatie"], g["GM0001"]["stand"]) == (
        -2,
        1,
        -3,
    )
    assert (g["GM0002"]["beginstand_vorig"], g["GM0002"]["beginstand"]) == (-12, 1)
    assert (g["GM0002"]["te_huisvesten"], g["GM0002"]["realisatie"], g["GM0002"]["stand"]) == (
        13,
        5,
        8,
    )
    assert (land["achterstand"], land["voorsprong"], land["stand"]) == (8, -3, 5)
    assert g["GM0002"]["nodig_per_maand"] == 4  # 8 over the 2 months left
    assert g["GM0001"]["gemiste_halfjaren"] == 0  # met 2017-I
    _, g = stand("2017-01-01")
    assert g["GM0001"]["gemiste_halfjaren"] == 1
    assert g["GM0002"]["gemiste_halfjaren"] == 0

    # A correction in a past month flows through every later half-year.
    call_command(
        "importeer_realisatie",
        bestand(tmp_path, "c.csv", "gemeentecode;maand;personen\nGM0001;2016-08;9\n"),
        stdout=StringIO(),
    )
    _, g = stand("2017-11-01")
    assert g["GM0001"]["beginstand"] == -11


def test_bad_file_through_the_command_names_row_and_column(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError, match="er is niets gewijzigd"):
        call_command(
            "importeer_taakstelling",
            bestand(tmp_path, "t.csv", "gemeentecode;halfjaar;taakstelling\nGM0001;2017-I;5\n"),
            stdout=StringIO(),
            stderr=err,
        )
    assert "t.csv: Rij 2, kolom 'gemeentecode': Gemeente 'GM0001' is onbekend" in err.getvalue()
