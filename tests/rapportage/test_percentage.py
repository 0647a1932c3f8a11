"""The share of the corrected quota realised (the Opnieuw Thuis map's number): one function in the
calculation, the same number in ``stand --format json``, the report and its files."""

import io
import json

import pytest
from django.core.management import call_command

from rapportage.berekening import percentage_gerealiseerd


@pytest.mark.parametrize(
    ("realisatie", "te_huisvesten", "verwacht"),
    [
        (81, 931, 8.7),  # Amsterdam on 1 February 2017 in the demo
        (3981, 19082, 20.9),  # the country
        (2, 3, 66.7),
        (1, 8, 12.5),  # exactly half a tenth: up
        (1, 16, 6.3),  # 6,25 -> 6,3 (half up, not to even)
        (3, 16, 18.8),  # 18,75 -> 18,8
        (0, 120, 0.0),
        (150, 120, 125.0),  # more than needed
        (10, 0, None),  # nothing to house: no share
        (10, -5, None),  # a lead larger than the quota
        (None, 10, None),
    ],
)
def test_one_decimal_half_up_and_empty_without_a_quota(realisatie, te_huisvesten, verwacht):
    assert percentage_gerealiseerd(realisatie, te_huisvesten) == verwacht


def test_the_stand_command_and_the_report_carry_it(demo, tmp_path):
    uit = io.StringIO()
    call_command("stand", "--peildatum=2017-02-01", "--format=json", stdout=uit)
    gemeenten = {g["gemeentecode"]: g for g in json.loads(uit.getvalue())["gemeenten"]}
    amsterdam = gemeenten["GM0363"]
    assert (amsterdam["realisatie"], amsterdam["te_huisvesten"]) == (81, 931)
    assert amsterdam["percentage_gerealiseerd"] == 8.7
    for g in gemeenten.values():
        assert g["percentage_gerealiseerd"] == percentage_gerealiseerd(
            g["realisatie"], g["te_huisvesten"]
        )

    pad = tmp_path / "r.csv"
    call_command(
        "rapport", "--peildatum=2017-02-01", "--format=csv", f"--output={pad}", stdout=io.StringIO()
    )
    regels = pad.read_bytes().decode("utf-8-sig").splitlines()
    kop = regels[0].split(";")
    rij = next(r.split(";") for r in regels if r.startswith("GM0363;"))
    assert rij[kop.index("Percentage gerealiseerd")] == "8,7"


def test_the_list_its_exports_and_the_municipality_page_show_it(demo, rol_clients):
    import csv

    import openpyxl
    from django.urls import reverse

    from gebruikers.choices import Rol

    client = rol_clients[Rol.MINISTERIE]
    lijst = reverse("rapportage:gemeente_list") + "?peildatum=2017-02-01&zoek=Amsterdam"
    pagina = client.get(lijst).content.decode()
    assert "Percentage gerealiseerd" in pagina and ">8,7 %<" in pagina

    rijen = list(
        csv.reader(
            io.StringIO(client.get(lijst + "&export=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    kolom = rijen[0].index("Percentage gerealiseerd")
    assert {r[kolom] for r in rijen[1:] if r[1] == "GM0363" or r[0] == "Amsterdam"} == {"8,7"}

    boek = openpyxl.load_workbook(io.BytesIO(client.get(lijst + "&export=xlsx").content))
    blad = boek.active
    kop = [c.value for c in blad[1]]
    waarden = [
        r[kop.index("Percentage gerealiseerd")] for r in blad.iter_rows(min_row=2, values_only=True)
    ]
    assert 8.7 in waarden

    gemeente = client.get(
        reverse("rapportage:gemeente", kwargs={"code": "GM0363"}) + "?peildatum=2017-02-01"
    ).content.decode()
    assert "Percentage gerealiseerd" in gemeente and "8,7 %" in gemeente
