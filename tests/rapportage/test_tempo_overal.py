"""The pace is one number on every surface (issue 12): a corrected quota of 19.083 needs 3.181 a
month (19.083 / 6 = 3.180,5, half up), never 3.180 beside it; a municipality's 15 needs 3 (2,5
half up), never 2. Read off every page, chart, download, API answer and mail that states it."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gebruikers.choices import Rol
from realisatie.models import Huisvesting
from tests.factories import (
    GemeenteFactory,
    HalfjaarFactory,
    ProvincieFactory,
    StartstandFactory,
    TaakstellingFactory,
    sluit_maanden,
)

PEIL = "?peildatum=2017-02-01"


@pytest.fixture
def wereld(db):
    """Two municipalities, 19.068 + 15 = 19.083 to house in 2017-I, nothing housed in January
    (a real zero, entered and closed): on 1 February 19.083 are still to go in five months."""
    provincie = ProvincieFactory(code="PV20", naam="Provincie")
    halfjaar = HalfjaarFactory(jaar=2017, helft=1, landelijke_taakstelling=19_083)
    groot = GemeenteFactory(code="GM0001", naam="Groot", provincie=provincie)
    klein = GemeenteFactory(code="GM0002", naam="Klein", provincie=provincie)
    for g, personen in ((groot, 19_068), (klein, 15)):
        StartstandFactory(gemeente=g, halfjaar=halfjaar, personen=0)
        TaakstellingFactory(gemeente=g, halfjaar=halfjaar, personen=personen)
        Huisvesting.objects.create(gemeente=g, maand=date(2017, 1, 1), personen=0)
    sluit_maanden([date(2017, 1, 1)])


def _tekst(antwoord) -> str:
    assert antwoord.status_code == 200, antwoord
    return antwoord.content.decode()


def _getallen(tekst: str) -> set[str]:
    """Every figure near the national pace (3.17x–3.19x, 3.81x–3.82x) the text writes."""
    return set(re.findall(r"(?<![\d.])(3\.1[789]\d|3\.8[12]\d)(?!\d|\.\d)", tekst))


def test_the_national_pace_is_one_number_on_every_surface(wereld, gebruikers, rol_clients, client):
    platform = rol_clients[Rol.PLATFORM]
    oppervlakken = {
        "dashboard": platform.get(reverse("rapportage:start") + PEIL),
        "openbaar": client.get(reverse("rapportage:openbaar") + PEIL),
        "rapport": platform.get(reverse("rapportage:rapport") + PEIL),
        "grafiek": platform.get(reverse("rapportage:grafiek_landelijk") + PEIL),
    }
    for naam, antwoord in oppervlakken.items():
        # 3.181 on average over the half-year; 3.817 in each of the five months left.
        assert _getallen(_tekst(antwoord)) == {"3.181", "3.817"}, naam
    assert "gemiddeld 3.181 huisvestingen per maand" in _tekst(oppervlakken["dashboard"])
    assert "nog 3.817" in _tekst(oppervlakken["openbaar"])
    rapport = _tekst(oppervlakken["rapport"])
    assert "Dat komt neer op gemiddeld 3.181 per maand." in rapport
    assert "gemiddeld 3.817 per maand in de resterende 5" in rapport
    assert "(3.817)" in _tekst(oppervlakken["grafiek"])

    from berichten.inhoud import maak_bericht
    from rapportage.selectors import stand_op

    # The monthly message to the ministry after January was closed.
    bericht = maak_bericht(gebruikers[Rol.MINISTERIE], stand_op(date(2017, 2, 1)), date(2017, 1, 1))
    assert "Nodig per resterende maand: 3.817" in bericht.tekst


def test_a_small_quota_needs_three_a_month_everywhere_never_two(wereld, rol_clients):
    platform = rol_clients[Rol.PLATFORM]
    pagina = _tekst(platform.get(reverse("rapportage:gemeente", kwargs={"code": "GM0002"}) + PEIL))
    assert "tegen de lijn van 3 per maand" in pagina
    # The month table: housed, needed per month (the line), still needed per remaining month.
    cellen = re.findall(r"<td>([^<]*)</td>", pagina)
    assert cellen[:3] == ["0", "3", "–"]  # January: 0 housed, the line 3, nothing still to go
    assert cellen[3:6] == ["–", "3", "3"]  # February: 15 in five months is 3, the line too
    grafiek = _tekst(
        platform.get(reverse("rapportage:grafiek_gemeente", kwargs={"code": "GM0002"}) + PEIL)
    )
    assert "nodig per resterende maand (3)" in grafiek
    api = platform.get("/api/v1/gemeenten/GM0002/" + PEIL).json()
    assert api["stand"]["nodig_per_maand"] == 3
    csv = _tekst(platform.get(reverse("rapportage:rapport_csv") + PEIL))
    kop, *rijen = [r.split(";") for r in csv.lstrip("\ufeff").splitlines()]
    kolom = kop.index("Nog nodig per maand")
    assert {r[0]: r[kolom] for r in rijen if r[0].startswith("GM")} == {
        "GM0001": "3814",  # 19.068 in five months
        "GM0002": "3",
    }
