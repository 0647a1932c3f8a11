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
from django.utils.html import escape

from opnieuwthuis.nederlands import getal

from .berekening import ACHTER, ENIGSZINS_ACHTER, OP_SCHEMA, STATUS_LABELS

KAART_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "gemeente_2016.topojson"
BRON = "Bron: CBS, gegeneraliseerde gemeentegrenzen 2016 (CC BY 4.0)"
BREEDTE = 600.0  # width of the viewBox in user units; the height follows from the shape

# Fill per status. Each state also has its own pattern (solid, dots, hatching), so the map can be
# read without telling the colours apart; the colours are at least 3:1 against white and each other's
# neighbours are separated by a white border.
VULLING = {
    OP_SCHEMA: "url(#kaart-op-schema)",
    ENIGSZINS_ACHTER: "url(#kaart-enigszins-achter)",
    ACHTER: "url(#kaart-achter)",
}
GEEN_GEGEVENS = "#d9d9d9"
PATRONEN = f"""<defs>
<pattern id="kaart-op-schema" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#1e6b35"/></pattern>
<pattern id="kaart-enigszins-achter" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="#b35900"/><circle cx="2.5" cy="2.5" r="1.1" fill="#ffffff"/></pattern>
<pattern id="kaart-achter" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#a4161a"/><rect width="1.6" height="5" fill="#ffffff"/></pattern>
<pattern id="kaart-geen" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="{GEEN_GEGEVENS}"/></pattern>
</defs>"""


@dataclass(frozen=True)
class Vormen:
    """Projected municipal shapes: an SVG path per gemeentecode, in a viewBox of breedte×hoogte."""

    paden: dict[str, str]
    namen: dict[str, str]
    breedte: float
    hoogte: float


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

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - min_lon) * factor * schaal:.1f} {(max_lat - lat) * schaal:.1f}"

    paden, namen = {}, {}
    for geometrie in geometrieen:
        code = geometrie.get("properties", {}).get("statcode") or geometrie.get("id")
        delen = []
        for ring in _ringen(geometrie):
            punten = ring_punten(ring, bogen)
            if len(punten) >= 3:
                delen.append("M" + "L".join(xy(*p) for p in punten) + "Z")
        paden[code] = "".join(delen)
        namen[code] = geometrie.get("properties", {}).get("statnaam", code)
    return Vormen(paden=paden, namen=namen, breedte=BREEDTE, hoogte=hoogte)


@functools.cache
def vormen() -> Vormen:
    return lees_vormen(json.loads(KAART_BESTAND.read_text(encoding="utf-8")))


def titel(rij: dict) -> str:
    """What a municipality's shape says when pointed at or read by a screen reader."""
    return (
        f"{rij['gemeentenaam']}: {STATUS_LABELS.get(rij['status'], rij['status'])}. "
        f"Gehuisvest {getal(rij['realisatie'])} van {getal(rij['te_huisvesten'])} "
        f"(taakstelling inclusief achter/voor), stand {getal(rij['stand'])}."
    )


def pad_voor(code: str, kaart: Vormen, voorgangers: dict[str, list[str]]) -> str:
    """The shape of a municipality, or the joined shapes of its predecessors."""
    if code in kaart.paden:
        return kaart.paden[code]
    return "".join(kaart.paden.get(v, "") for v in voorgangers.get(code, []))


def teken_kaart(
    rijen: Iterable[dict],
    *,
    url: dict[str, str],
    voorgangers: dict[str, list[str]] | None = None,
    kaart: Vormen | None = None,
    label: str = "Kaart van de gemeenten, gekleurd naar status",
) -> str:
    """The map as SVG markup. ``rijen`` are the municipalities to colour (records of the stand,
    already restricted to the user); ``url`` gives each one's page. Every other municipality of the
    map is drawn plain grey, without name or link."""
    kaart = kaart or vormen()
    voorgangers = voorgangers or {}
    rijen = list(rijen)
    getekend = set()
    voorgrond = []
    for rij in rijen:
        code = rij["gemeentecode"]
        pad = pad_voor(code, kaart, voorgangers)
        if not pad:
            continue
        getekend.add(code)
        getekend.update(voorgangers.get(code, []))
        tekst = escape(titel(rij))
        status = rij["status"]
        voorgrond.append(
            f'<a href="{escape(url[code])}" class="kaart__gemeente" data-code="{escape(code)}">'
            f"<title>{tekst}</title>"
            f'<path class="kaart__vorm kaart__vorm--{escape(status)}" '
            f'fill="{VULLING.get(status, GEEN_GEGEVENS)}" d="{pad}"/></a>'
        )
    achtergrond = [
        f'<path d="{pad}"/>' for code, pad in kaart.paden.items() if code not in getekend
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kaart__svg" '
        f'viewBox="0 0 {kaart.breedte:.0f} {kaart.hoogte:.0f}" role="group" '
        f'aria-label="{escape(label)}">'
        f"{PATRONEN}"
        f'<g class="kaart__achtergrond" fill="{GEEN_GEGEVENS}" aria-hidden="true">'
        f"{''.join(achtergrond)}</g>"
        f'<g class="kaart__gemeenten">{"".join(voorgrond)}</g>'
        "</svg>"
    )


def gemeenten_zonder_vorm(
    rijen: Iterable[dict], voorgangers: dict[str, list[str]] | None = None
) -> list[dict]:
    """Municipalities that the map cannot draw (no shape, no known predecessors): the page lists
    them under the map, so none is silently missing."""
    kaart = vormen()
    return [r for r in rijen if not pad_voor(r["gemeentecode"], kaart, voorgangers or {})]
