import re
from xml.etree import ElementTree

import pytest

from rapportage import kaart
from rapportage.berekening import ACHTER, ENIGSZINS_ACHTER, OP_SCHEMA

SVG = "{http://www.w3.org/2000/svg}"

# Two squares of 1 by 1 degree side by side sharing one border (arc 1), quantized with a
# transform; each point after an arc's first is written as the difference from the one before.
KLEINE_TOPOLOGIE = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [4.0, 52.0]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 4], [2, 0]],  # (2,0) (0,0) (0,4) (2,4): left square's outer edge
        [[2, 4], [0, -4]],  # (2,4) (2,0): the shared border
        [[2, 4], [2, 0], [0, -4], [-2, 0]],  # (2,4) (4,4) (4,0) (2,0): right square's outer edge
    ],
    "objects": {
        "gemeenten": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "arcs": [[0, 1]],
                    "properties": {"statcode": "GM0001", "statnaam": "Links"},
                },
                {
                    "type": "Polygon",
                    "arcs": [[2, ~1]],
                    "properties": {"statcode": "GM0002", "statnaam": "Rechts"},
                },
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_dequantized():
    bogen = kaart.decodeer_bogen(KLEINE_TOPOLOGIE)
    assert bogen[0] == [(5.0, 52.0), (4.0, 52.0), (4.0, 53.0), (5.0, 53.0)]
    assert bogen[1] == [(5.0, 53.0), (5.0, 52.0)]


def test_a_negative_index_walks_the_arc_backwards_and_rings_close():
    bogen = kaart.decodeer_bogen(KLEINE_TOPOLOGIE)
    links = kaart.ring_punten([0, 1], bogen)
    rechts = kaart.ring_punten([2, ~1], bogen)
    assert links[0] == links[-1] == (5.0, 52.0)
    assert rechts == [(5.0, 53.0), (6.0, 53.0), (6.0, 52.0), (5.0, 52.0), (5.0, 53.0)]


def test_projection_keeps_the_shape_and_shared_borders_coincide():
    vormen = kaart.lees_vormen(KLEINE_TOPOLOGIE)
    assert set(vormen.paden) == {"GM0001", "GM0002"}
    assert vormen.breedte == kaart.BREEDTE
    # Each square is a degree wide and high; a degree of longitude is shorter by cos(52,5°).
    assert vormen.hoogte / (vormen.breedte / 2) == pytest.approx(1 / 0.6088, rel=1e-3)
    punten_links = set(re.findall(r"[\d.]+ [\d.]+", vormen.paden["GM0001"]))
    punten_rechts = set(re.findall(r"[\d.]+ [\d.]+", vormen.paden["GM0002"]))
    assert len(punten_links & punten_rechts) == 2  # the shared border's two ends


def test_the_cbs_file_gives_all_390_municipalities_of_2016():
    vormen = kaart.vormen()
    assert len(vormen.paden) == 390
    assert vormen.namen["GM0363"] == "Amsterdam"
    assert all(p.startswith("M") and p.endswith("Z") for p in vormen.paden.values())
    assert 600 < vormen.hoogte < 800  # the Netherlands is higher than wide


def _rij(code, naam, status, realisatie=10, te_huisvesten=60, stand=50, nodig=10, **meer):
    return {
        "gemeentecode": code,
        "gemeentenaam": naam,
        "status": status,
        "realisatie": realisatie,
        "te_huisvesten": te_huisvesten,
        "stand": stand,
        "nodig_per_maand": nodig,
        **meer,
    }


def _gemeenten(svg: str) -> dict[str, ElementTree.Element]:
    wortel = ElementTree.fromstring(svg)
    return {a.get("data-code"): a for a in wortel.iter(f"{SVG}a")}


def test_map_colours_known_cases_and_names_their_figures():
    rijen = [
        _rij("GM0363", "Amsterdam", ACHTER, realisatie=56, te_huisvesten=1_789, stand=1_733),
        _rij("GM0599", "Rotterdam", ENIGSZINS_ACHTER),
        _rij("GM0518", "'s-Gravenhage", OP_SCHEMA),
    ]
    urls = {
        r["gemeentecode"]: f"/gemeenten/{r['gemeentecode']}/?peildatum=2017-02-01" for r in rijen
    }
    svg = kaart.teken_kaart(rijen, url=urls)
    links = _gemeenten(svg)
    assert set(links) == {"GM0363", "GM0599", "GM0518"}
    vulling = {code: a.find(f"{SVG}path").get("fill") for code, a in links.items()}
    assert vulling == {
        "GM0363": "url(#kaart-achter)",
        "GM0599": "url(#kaart-enigszins-achter)",
        "GM0518": "url(#kaart-op-schema)",
    }
    amsterdam = links["GM0363"]
    assert amsterdam.get("href") == "/gemeenten/GM0363/?peildatum=2017-02-01"
    assert amsterdam.find(f"{SVG}title").text == (
        "Amsterdam: achter op schema. Gehuisvest 56 van 1.789 "
        "(taakstelling inclusief achter/voor), stand 1.733."
    )
    assert "&#x27;s-Gravenhage" in svg or "&#39;s-Gravenhage" in svg  # escaped
    # Every pattern the fills name is defined.
    for id_ in ("kaart-achter", "kaart-enigszins-achter", "kaart-op-schema"):
        assert f'id="{id_}"' in svg


def test_municipalities_outside_the_rows_are_grey_without_name_or_link():
    svg = kaart.teken_kaart([_rij("GM0363", "Amsterdam", ACHTER)], url={"GM0363": "/x/"})
    wortel = ElementTree.fromstring(svg)
    achtergrond = next(g for g in wortel.iter(f"{SVG}g") if g.get("class") == "kaart__achtergrond")
    assert achtergrond.get("aria-hidden") == "true"
    assert achtergrond.get("fill") == kaart.GEEN_GEGEVENS
    assert len(achtergrond.findall(f"{SVG}path")) == 389
    assert not achtergrond.findall(f".//{SVG}title")
    assert len(_gemeenten(svg)) == 1


def test_a_municipality_formed_after_2016_is_drawn_with_its_predecessors_shapes():
    vormen = kaart.vormen()
    voorgangers = {"GM1948": ["GM0844", "GM0846", "GM0860"]}  # Meierijstad, 1 January 2017
    svg = kaart.teken_kaart(
        [_rij("GM1948", "Meierijstad", ACHTER)], url={"GM1948": "/m/"}, voorgangers=voorgangers
    )
    pad = _gemeenten(svg)["GM1948"].find(f"{SVG}path").get("d")
    assert pad == "".join(vormen.paden[c] for c in voorgangers["GM1948"])
    # The predecessors are not drawn a second time as grey background.
    assert svg.count(vormen.paden["GM0844"]) == 1
    assert kaart.gemeenten_zonder_vorm([_rij("GM1948", "Meierijstad", ACHTER)], voorgangers) == []
    assert kaart.gemeenten_zonder_vorm([_rij("GM1948", "Meierijstad", ACHTER)]) != []


@pytest.mark.parametrize("status", [OP_SCHEMA, ENIGSZINS_ACHTER, ACHTER])
def test_every_status_has_a_pattern_not_only_a_colour(status):
    id_ = kaart.VULLING[status][len("url(#") : -1]
    patroon = re.search(rf'<pattern id="{id_}".*?</pattern>', kaart.patronen()).group(0)
    vormen = re.findall(r"<(rect|circle)[^>]*fill=\"(#[0-9a-f]{6})\"", patroon)
    if status == OP_SCHEMA:
        assert len(vormen) == 1  # solid
    else:
        assert len(vormen) == 2 and vormen[0][1] != vormen[1][1]  # dots or hatching on the fill
        assert vormen[1][0] == ("circle" if status == ENIGSZINS_ACHTER else "rect")


def test_the_legend_names_the_states_as_the_opnieuw_thuis_map():
    assert kaart.LEGENDA == {
        OP_SCHEMA: "goed op schema",
        ENIGSZINS_ACHTER: "enigszins achter op schema",
        ACHTER: "achter op schema",
    }

    # Dark blue, grey-blue, light blue: the colours get lighter from good to behind.
    def licht(kleur):
        return sum(int(kleur[i : i + 2], 16) for i in (1, 3, 5))

    basis = [
        re.search(r'fill="(#[0-9a-f]{6})"', kaart._PATROON[s][2]).group(1)
        for s in (OP_SCHEMA, ENIGSZINS_ACHTER, ACHTER)
    ]
    assert licht(basis[0]) < licht(basis[1]) < licht(basis[2])
    staal = kaart.legenda_staal(ACHTER)
    assert 'id="legenda-achter"' in staal and 'fill="url(#legenda-achter)"' in staal


def _viewbox(svg):
    return [float(v) for v in ElementTree.fromstring(svg).get("viewBox").split()]


def test_the_map_fills_its_frame_with_its_area():
    vormen = kaart.vormen()
    heel = _viewbox(kaart.teken_kaart([], url={}))
    assert heel == [0.0, 0.0, 600.0, round(vormen.hoogte, 1)]
    # Groningen's municipalities: the frame is their bounding box with a small margin.
    groningen = ["GM0014", "GM0003", "GM0005", "GM0010", "GM0024", "GM0037", "GM0040"]
    x, y, b, h = _viewbox(kaart.teken_kaart([], url={}, gebied=groningen))
    vakken = [vormen.kaders[c] for c in groningen]
    assert x < min(v[0] for v in vakken) and x + b > max(v[2] for v in vakken)
    assert y < min(v[1] for v in vakken) and y + h > max(v[3] for v in vakken)
    assert b < 600 / 3  # a province is shown large
    # One small municipality keeps its surroundings: at least a fifth of the country wide.
    x, y, b, h = _viewbox(kaart.teken_kaart([], url={}, gebied=["GM0003"]))
    assert b == pytest.approx(120.0) and h >= 120.0
    # The patterns keep their size on screen: scaled with the part shown.
    assert f"scale({b / 600:.4f})" in kaart.teken_kaart([], url={}, gebied=["GM0003"])


def test_each_shape_carries_the_figures_of_its_panel():
    rij = _rij(
        "GM0363", "Amsterdam", ACHTER, realisatie=1_081, te_huisvesten=9_310, stand=8_229,
        nodig=1_646, percentage_gerealiseerd=11.6,
    )  # fmt: skip
    a = _gemeenten(kaart.teken_kaart([rij], url={"GM0363": "/g/"}))["GM0363"]
    assert {k: a.get(f"data-{k}") for k in kaart.paneelgegevens(rij)} == {
        "naam": "Amsterdam",
        "status": "achter",
        "status-label": "achter op schema",
        "percentage": "11,6 %",
        "gehuisvest": "1.081",
        "te-huisvesten": "9.310",
        "stand": "8.229",
        "nodig": "1.646",
    }
    assert "11,6 %" in a.find(f"{SVG}title").text
    zonder = kaart.paneelgegevens(_rij("GM0363", "Amsterdam", OP_SCHEMA))
    assert zonder["percentage"] == ""  # nothing to show, never "None %"
