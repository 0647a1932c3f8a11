"""The province page: the supervisor's view."""

import re

import pytest
from django.urls import reverse

from gebruikers.choices import Rol


def _url(code):
    return reverse("rapportage:provincie", kwargs={"code": code})


@pytest.mark.parametrize(
    ("rol", "code", "status"),
    [
        (Rol.PLATFORM, "PV20", 200),
        (Rol.MINISTERIE, "PV21", 200),
        (Rol.PROVINCIE, "PV20", 200),
        (Rol.PROVINCIE, "PV21", 404),
        (Rol.GEMEENTE, "PV20", 404),  # an official's scope is their municipality, not the province
        (Rol.GEMEENTE, "PV21", 404),
        (Rol.PLATFORM, "PV99", 404),
    ],
)
def test_scope(wereld, rol_clients, rol, code, status):
    assert rol_clients[rol].get(_url(code)).status_code == status
    assert rol_clients[rol].get(_url(code) + "?export=csv").status_code == status


def test_those_behind_first_with_totals(status_wereld, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(_url("PV20")).content.decode()
    assert "<h1>Groningen: stand op 1 februari 2017</h1>" in html
    totaal = re.search(r'<th scope="row">Groningen</th>(.*?)</tr>', html).group(1)
    # 2 municipalities, each 120 to house; 20 + 25 housed; 95 + 100 still to go.
    assert re.findall(r"<td>([^<]*)</td>", totaal) == [
        "2", "–", "–", "–", "0", "240", "240", "45", "195", "195", "0",
    ]  # fmt: skip
    html = rol_clients[Rol.PLATFORM].get(_url("PV28")).content.decode()
    tbody = html.split('id="kop-gemeenten"')[1]
    assert re.findall(r'href="/gemeenten/(GM\d{4})/', tbody) == ["GM0599", "GM0518"]


def test_behind_first_on_the_demo(demo, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(_url("PV27")).content.decode()
    tbody = html.split('id="kop-gemeenten"')[1]
    statussen = re.findall(r'class="status status--(\w+)"', tbody)
    volgorde = {"achter": 0, "enigszins_achter": 1, "op_schema": 2}
    assert [volgorde[s] for s in statussen] == sorted(volgorde[s] for s in statussen)
    assert len(statussen) == 48  # Noord-Holland in 2016
    assert "Illustratieve cijfers" in html  # the demo's municipal figures are labelled so
