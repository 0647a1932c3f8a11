"""The demo with its reorganisations: the report of 1 February 2017 unchanged to the person, and
Meierijstad carrying its predecessors' balances from 2017-II."""

import pytest

from taakstelling.models import Gemeente, Halfjaar, Herindeling
from tests.taakstelling.conftest import commando, stand_json

pytestmark = pytest.mark.django_db

RAPPORT_1_FEB_2017 = {
    "aantal_gemeenten": 390,
    "beginstand_vorig": 5_282,
    "taakstelling_vorig": 23_000,
    "realisatie_vorig": 22_200,
    "beginstand": 6_082,
    "taakstelling": 13_000,
    "te_huisvesten": 19_082,
    "realisatie": 3_981,
    "stand": 15_101,
    "achterstand": 15_510,
    "voorsprong": -409,
}


def test_demo_with_reorganisations(demo):
    assert stand_json("2017-02-01")["landelijk"] == RAPPORT_1_FEB_2017
    assert Herindeling.objects.filter(datum__year=2017).count() == 3
    assert Herindeling.objects.filter(datum__year=2018).count() == 13
    meierijstad = Gemeente.objects.get(code="GM1948")
    assert str(meierijstad.begindatum) == "2017-01-01"

    halfjaar = Halfjaar.objects.get(jaar=2017, helft=2)
    assert (halfjaar.landelijke_taakstelling, halfjaar.afrondingsmethode) == (10_000, "wettelijk")
    taak = dict(halfjaar.taakstellingen.values_list("gemeente__code", "personen"))
    assert len(taak) == 388
    # Art. 30: 23.625 + 17.896 + 38.078 = 79.599 inhabitants; 10.000 × 79.599 / 16.979.120 = 46,9
    assert taak["GM1948"] == 47
    assert not {"GM0844", "GM0846", "GM0860"} & set(taak)
    assert "GM0048" in taak and "GM1950" not in taak  # 2018 has not begun

    juni, juli = stand_json("2017-06-01"), stand_json("2017-07-01")
    assert juli["landelijk"]["aantal_gemeenten"] == 388
    assert juli["landelijk"]["beginstand"] == juni["landelijk"]["stand"] == 15_101
    eind = {g["gemeentecode"]: g["stand"] for g in juni["gemeenten"]}
    begin = {g["gemeentecode"]: g["beginstand"] for g in juli["gemeenten"]}
    assert begin["GM1948"] == eind["GM0844"] + eind["GM0846"] + eind["GM0860"]

    # Schijndel still carries its 2017-I figures, so it ends in the bookkeeping on 1 July 2017;
    # Vlagtwedde had no 2018-I quota yet and ends on the day of its reorganisation.
    eindes = dict(
        Gemeente.objects.filter(code__in=["GM0844", "GM0048"]).values_list("code", "einddatum")
    )
    assert {k: str(v) for k, v in eindes.items()} == {
        "GM0844": "2017-07-01",
        "GM0048": "2018-01-01",
    }
    # Loading again goes through every import and changes nothing.
    uit = commando("laad_demo")
    assert "maandcijfers: 0 nieuw, 0 gewijzigd, 2730 ongewijzigd" in uit
    assert "herindelingen: 0 nieuw, 0 gewijzigd, 16 ongewijzigd" in uit
    assert "taakstelling 2017-II: 388 gemeenten, landelijk 10000, som 10200" in uit
    assert stand_json("2017-02-01")["landelijk"] == RAPPORT_1_FEB_2017
    assert halfjaar.taakstellingen.count() == 388


def test_the_map_draws_a_merger_with_its_predecessors_shapes(demo):
    from rapportage import kaart, selectors

    voorgangers = selectors.kaart_voorgangers()
    assert voorgangers["GM1948"] == ["GM0844", "GM0846", "GM0860"]  # Meierijstad, 2017
    vormen = kaart.vormen()
    assert "GM1948" not in vormen.paden  # the 2016 boundaries
    assert kaart.pad_voor("GM1948", vormen, voorgangers) == "".join(
        vormen.paden[c] for c in ("GM0844", "GM0846", "GM0860")
    )
    # Every successor's predecessors are municipalities the 2016 map has.
    assert all(c in vormen.paden for codes in voorgangers.values() for c in codes)
