"""The map: every municipality coloured by its status, drawn server-side as SVG.

The shapes are CBS's generalised boundaries of 2016 (``fixtures/gemeente_2016.topojson``, "Bron:
CBS", CC BY 4.0). TopoJSON stores each shared border once as an *arc*: quantized integer points,
each after the first written as the difference from the one before (delta encoding), turned into
longitude/latitude by ``transform`` (``scale`` and ``translate``). A polygon lists its rings as arc
indices; ``~i`` (that is ``-i - 1``) means arc ``i`` walked backwards.

We decode the arcs ourselves (no GIS dependency for 4.409 points), project them with a simple
equirectangular projection corrected for the latitude of the Netherlands (at this scale
indistinguishable from RD), and keep one SVG path per municipality. The projected paths depend only
on a file shipped with the code, so they are computed once per process (``functools.cache``: the
same in every process, so no shared state is involved); the rendered map is cached by the view on
the data version.

A municipality formed after 2016 has no shape of its own in this file: it is drawn with the shapes
of its predecessors (``voorgangers``: successor code -> predecessor codes).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString

from opnieuwthuis.html import opmaak, samen
from opnieuwthuis.nederlands import getal, percentage

from .berekening import ACHTER, ENIGSZINS_ACHTER, OP_SCHEMA

KAART_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "gemeente_2016.topojson"
BRON = "Bron: CBS, gegeneraliseerde gemeentegrenzen 2016 (CC BY 4.0)"
BREEDTE = 600.0  # width of the viewBox in user units; the height follows from the shape

# The legend of the Opnieuw Thuis map (Land in Beeld, 2017; domain.md): dark blue "goed op schema",
# grey-blue "enigszins achter op schema", light blue "achter op schema". Each state also keeps its
# own pattern (solid, dots, hatching), so the map can be read without telling the colours apart;
# the light blue carries dark hatching, so every state stands out at least 3:1 against the white
# borders and background.
LEGENDA = {
    OP_SCHEMA: "goed op schema",
    ENIGSZINS_ACHTER: "enigszins achter op schema",
    ACHTER: "achter op schema",
}
_NAAM = {
    OP_SCHEMA: "op-schema",
    ENIGSZINS_ACHTER: "enigszins-achter",
    ACHTER: "achter",
    None: "geen",
}
VULLING = {status: f"url(#kaart-{naam})" for status, naam in _NAAM.items() if status}
GEEN_GEGEVENS = "#d9d9d9"


# One pattern per state: fill, then what sets it apart without colour (nothing, dots, hatching).
_PATROON = {
    OP_SCHEMA: ("6", "", '<rect width="6" height="6" fill="#0b3a6e"/>'),
    ENIGSZINS_ACHTER: (
        "5",
        "",
        '<rect width="5" height="5" fill="#5b7590"/><circle cx="2.5" cy="2.5" r="1.1" fill="#ffffff"/>',
    ),
    ACHTER: (
        "5",
        "rotate(45) ",
        '<rect width="5" height="5" fill="#a9cbe8"/><rect width="1.8" height="5" fill="#0b3a6e"/>',
    ),
    None: ("6", "", f'<rect width="6" height="6" fill="{GEEN_GEGEVENS}"/>'),
}


def _patroon(status: str | None, voorvoegsel: str, schaal: float) -> str:
    zijde, draai, inhoud = _PATROON[status]
    return opmaak(
        '<pattern id="{}-{}" patternUnits="userSpaceOnUse" width="{}" height="{}"'
        ' patternTransform="{}scale({})">{}</pattern>',
        voorvoegsel,
        _NAAM[status],
        zijde,
        zijde,
        draai,
        f"{schaal:.4f}",
        SafeString(inhoud),  # this module's own markup (_PATROON)
    )


def patronen(schaal: float = 1.0) -> str:
    """The fills, drawn at the same size on screen however far the map is zoomed in (``schaal``:
    the width shown as a share of the whole country's width)."""
    return opmaak("<defs>{}</defs>", samen(_patroon(s, "kaart", schaal) for s in _PATROON))


def legenda_staal(status: str | None = None) -> str:
    """A legend swatch with its own pattern (the map's patterns scale with its zoom)."""
    return opmaak(
        '<svg class="legenda__staal" width="28" height="18" aria-hidden="true" focusable="false">'
        '<defs>{}</defs><rect width="28" height="18" fill="url(#legenda-{})" stroke="#1a1a1a"/>'
        "</svg>",
        _patroon(status, "legenda", 1.0),
        _NAAM.get(status, "geen"),
    )


@dataclass(frozen=True)
class Vormen:
    """Projected municipal shapes: an SVG path per gemeentecode, in a viewBox of breedte×hoogte."""

    paden: dict[str, str]
    namen: dict[str, str]
    breedte: float
    hoogte: float
    # Per gemeentecode its bounding box in the same units: (x0, y0, x1, y1).
    kaders: dict[str, tuple[float, float, float, float]] = None


def decodeer_bogen(topologie: dict) -> list[list[tuple[float, float]]]:
    """Every arc as a list of (longitude, latitude): undo the delta encoding and quantization."""
    transform = topologie.get("transform")
    bogen = []
    for boog in topologie["arcs"]:
        x = y = 0
        punten = []
        for dx, dy, *_ in boog:
            if transform:
                x += dx
                y += dy
                punten.append(
                    (
                        x * transform["scale"][0] + transform["translate"][0],
                        y * transform["scale"][1] + transform["translate"][1],
                    )
                )
            else:  # an unquantized topology holds absolute positions
                punten.append((dx, dy))
        bogen.append(punten)
    return bogen


def ring_punten(ring: list[int], bogen: list[list[tuple[float, float]]]) -> list[tuple]:
    """Join the arcs of a ring; each arc starts where the previous ended, so drop that point."""
    punten: list[tuple[float, float]] = []
    for index in ring:
        boog = bogen[index] if index >= 0 else bogen[~index][::-1]
        punten.extend(boog[1:] if punten else boog)
    return punten


def _ringen(geometrie: dict) -> list[list[int]]:
    if geometrie["type"] == "Polygon":
        return geometrie["arcs"]
    if geometrie["type"] == "MultiPolygon":
        return [ring for polygoon in geometrie["arcs"] for ring in polygoon]
    return []


def lees_vormen(topologie: dict) -> Vormen:
    bogen = decodeer_bogen(topologie)
    geometrieen = next(iter(topologie["objects"].values()))["geometries"]
    alle = [p for boog in bogen for p in boog]
    min_lon = min(p[0] for p in alle)
    max_lon = max(p[0] for p in alle)
    min_lat = min(p[1] for p in alle)
    max_lat = max(p[1] for p in alle)
    # Equirectangular, with a degree of longitude shortened by cos(latitude) at the centre.
    factor = math.cos(math.radians((min_lat + max_lat) / 2))
    schaal = BREEDTE / ((max_lon - min_lon) * factor)
    hoogte = round((max_lat - min_lat) * schaal, 1)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_lon) * factor * schaal, (max_lat - lat) * schaal

    paden, namen, kaders = {}, {}, {}
    for geometrie in geometrieen:
        code = geometrie.get("properties", {}).get("statcode") or geometrie.get("id")
        delen = []
        xs, ys = [], []
        for ring in _ringen(geometrie):
            punten = [xy(*p) for p in ring_punten(ring, bogen)]
            if len(punten) >= 3:
                delen.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in punten) + "Z")
                xs.extend(x for x, _ in punten)
                ys.extend(y for _, y in punten)
        paden[code] = "".join(delen)
        namen[code] = geometrie.get("properties", {}).get("statnaam", code)
        if xs:
            kaders[code] = (min(xs), min(ys), max(xs), max(ys))
    return Vormen(paden=paden, namen=namen, breedte=BREEDTE, hoogte=hoogte, kaders=kaders)


@functools.cache
def vormen() -> Vormen:
    return lees_vormen(json.loads(KAART_BESTAND.read_text(encoding="utf-8")))


def percentage_tekst(rij: dict) -> str:
    """The share of te_huisvesten realised as "32,4 %" (the key figure of the Opnieuw Thuis map),
    or "" when the calculation gives none (nothing to house)."""
    return percentage(rij.get("percentage_gerealiseerd"), leeg="")


def titel(rij: dict) -> str:
    """What a municipality's shape says when pointed at or read by a screen reader."""
    procent = percentage_tekst(rij)
    return (
        f"{rij['gemeentenaam']}: {LEGENDA.get(rij['status'], rij['status'])}. "
        f"Gehuisvest {getal(rij['realisatie'])} van {getal(rij['te_huisvesten'])} "
        f"(taakstelling inclusief achter/voor){f', {procent}' if procent else ''}, "
        f"stand {getal(rij['stand'])}."
    )


def paneelgegevens(rij: dict) -> dict[str, str]:
    """The figures the visible panel shows for a municipality (as data-* attributes of its shape;
    static/rapportage/kaart.js writes them into the panel as text)."""
    return {
        "naam": rij["gemeentenaam"],
        "status": rij["status"],
        "status-label": LEGENDA.get(rij["status"], rij["status"]),
        "percentage": percentage_tekst(rij),
        "gehuisvest": getal(rij["realisatie"]),
        "te-huisvesten": getal(rij["te_huisvesten"]),
        "stand": getal(rij["stand"]),
        "nodig": getal(rij["nodig_per_maand"]),
    }


def pad_voor(code: str, kaart: Vormen, voorgangers: dict[str, list[str]]) -> str:
    """The shape of a municipality, or the joined shapes of its predecessors."""
    if code in kaart.paden:
        return kaart.paden[code]
    return "".join(kaart.paden.get(v, "") for v in voorgangers.get(code, []))


def kader(
    codes: Iterable[str] | None,
    kaart: Vormen,
    voorgangers: dict[str, list[str]] | None = None,
    *,
    marge: float = 0.04,
    minimaal: float = 0.2,
) -> tuple[float, float, float, float]:
    """The part of the map an area fills (x, y, width, height): the bounding box of its shapes with
    a margin, at least ``minimaal`` of the country wide, so one small municipality is shown with
    its surroundings. ``None`` (or nothing drawable): the whole country."""
    voorgangers = voorgangers or {}
    vakken = []
    for code in codes or ():
        for c in [code] if code in kaart.kaders else voorgangers.get(code, []):
            if c in kaart.kaders:
                vakken.append(kaart.kaders[c])
    if not vakken:
        return (0.0, 0.0, kaart.breedte, kaart.hoogte)
    x0, y0 = min(v[0] for v in vakken), min(v[1] for v in vakken)
    x1, y1 = max(v[2] for v in vakken), max(v[3] for v in vakken)
    rand = max(x1 - x0, y1 - y0) * marge
    x0, y0, x1, y1 = x0 - rand, y0 - rand, x1 + rand, y1 + rand
    kleinste = kaart.breedte * minimaal
    if x1 - x0 < kleinste:
        midden = (x0 + x1) / 2
        x0, x1 = midden - kleinste / 2, midden + kleinste / 2
    if y1 - y0 < kleinste:
        midden = (y0 + y1) / 2
        y0, y1 = midden - kleinste / 2, midden + kleinste / 2
    return (x0, y0, x1 - x0, y1 - y0)


def teken_kaart(
    rijen: Iterable[dict],
    *,
    url: dict[str, str],
    voorgangers: dict[str, list[str]] | None = None,
    kaart: Vormen | None = None,
    label: str = "Kaart van de gemeenten, gekleurd naar status",
    gebied: Iterable[str] | None = None,
) -> str:
    """The map as SVG markup. ``rijen`` are the municipalities to colour (records of the stand,
    already restricted to the user); ``url`` gives each one's page. Every other municipality of the
    map is drawn plain grey, without name or link. ``gebied``: the codes whose shapes the map is
    framed on (a province, a supervisor's scope); ``None`` is the whole country."""
    kaart = kaart or vormen()
    voorgangers = voorgangers or {}
    rijen = list(rijen)
    x, y, breedte, hoogte = kader(gebied, kaart, voorgangers)
    getekend = set()
    voorgrond = []
    for rij in rijen:
        code = rij["gemeentecode"]
        pad = pad_voor(code, kaart, voorgangers)
        if not pad:
            continue
        getekend.add(code)
        getekend.update(voorgangers.get(code, []))
        voorgrond.append(
            opmaak(
                '<a href="{}" class="kaart__gemeente" data-code="{}"{}><title>{}</title>'
                '<path class="kaart__vorm kaart__vorm--{}" fill="{}" d="{}"/></a>',
                url[code],
                code,
                samen(opmaak(' data-{}="{}"', k, v) for k, v in paneelgegevens(rij).items()),
                titel(rij),
                rij["status"],
                VULLING.get(rij["status"], GEEN_GEGEVENS),
                pad,
            )
        )
    achtergrond = samen(
        opmaak('<path d="{}"/>', pad) for code, pad in kaart.paden.items() if code not in getekend
    )
    return opmaak(
        '<svg xmlns="http://www.w3.org/2000/svg" class="kaart__svg" viewBox="{} {} {} {}"'
        ' role="group" aria-label="{}">{}<g class="kaart__achtergrond" fill="{}"'
        ' aria-hidden="true">{}</g><g class="kaart__gemeenten">{}</g></svg>',
        f"{x:.1f}",
        f"{y:.1f}",
        f"{breedte:.1f}",
        f"{hoogte:.1f}",
        label,
        patronen(breedte / kaart.breedte),
        GEEN_GEGEVENS,
        achtergrond,
        samen(voorgrond),
    )


def gemeenten_zonder_vorm(
    rijen: Iterable[dict], voorgangers: dict[str, list[str]] | None = None
) -> list[dict]:
    """Municipalities that the map cannot draw (no shape, no known predecessors): the page lists
    them under the map, so none is silently missing."""
    kaart = vormen()
    return [r for r in rijen if not pad_voor(r["gemeentecode"], kaart, voorgangers or {})]
