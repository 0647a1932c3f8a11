"""The report as the letter the platform sends (the seed of 20 February 2017): addressee, place
and date, "Betreft", salutation, numbered sections, sign-off, and the platform's name and contact
line. Platform staff write the narrative of each section; the figures, tables, chart and the
generated sentences come from the calculation and stand where the section asks for them.

``document(rapport, brief)`` gives the whole letter as plain data (strings, lists, dicts). The
page renders it through Django's escaping templates; the PDF receives it as JSON
(``rapport/pdf.py``). Neither ever treats a person's text as markup.

The narrative is plain text with a few conventions (``lees_tekst``):

- a blank line between paragraphs;
- lines beginning with ``- `` or ``* `` form a list, lines beginning with ``1. `` a numbered one;
- ``*nadruk*`` (italic), ``**vet**`` (bold);
- ``[tekst](https://adres)`` or a bare ``https://adres`` is a link (http, https and mailto only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from opnieuwthuis.nederlands import datum_lang, getal, percentage

from .. import selectors
from ..berekening import LANDELIJKE_KOLOMMEN
from ..koppen import EXTRA_KOPPEN
from .gebied import GEMEENTE
from .grafiek import alt_tekst, grafiek_titel
from .samenstelling import Rapport
from .zinnen import GEMIST_OP_RIJ

# --- The narrative: plain text to blocks ------------------------------------------------------

_LIJST = re.compile(r"^\s*[-*]\s+(.*)$")
_GENUMMERD = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_INLINE = re.compile(
    r"\*\*(?P<sterk>[^*\n]+?)\*\*"
    r"|\*(?P<nadruk>[^*\n]+?)\*"
    r"|\[(?P<linktekst>[^\]\n]+)\]\((?P<linkadres>[^)\s]+)\)"
    r"|(?P<adres>(?:https?://|mailto:)[^\s<>()]+)"
)
_VEILIG_ADRES = re.compile(r"^(?:https?://[^\s]+|mailto:[^\s@]+@[^\s]+)$", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address it follows.
_STAART = ".,;:!?'\""


def _deel(tekst: str, **opmaak) -> dict:
    return {"tekst": tekst, **{k: v for k, v in opmaak.items() if v}}


def lees_regel(tekst: str) -> list[dict]:
    """One line of narrative as parts: ``{"tekst": ..., "nadruk"?, "sterk"?, "link"?}``."""
    delen: list[dict] = []
    positie = 0
    for gevonden in _INLINE.finditer(tekst):
        if gevonden.start() > positie:
            delen.append(_deel(tekst[positie : gevonden.start()]))
        if gevonden["sterk"]:
            delen.append(_deel(gevonden["sterk"], sterk=True))
        elif gevonden["nadruk"]:
            delen.append(_deel(gevonden["nadruk"], nadruk=True))
        elif gevonden["linktekst"]:
            adres = gevonden["linkadres"]
            if _VEILIG_ADRES.match(adres):
                delen.append(_deel(gevonden["linktekst"], link=adres))
            else:  # javascript: and the like stay plain text
                delen.append(_deel(gevonden.group(0)))
        else:
            adres = gevonden["adres"]
            staart = ""
            while adres and adres[-1] in _STAART:
                adres, staart = adres[:-1], adres[-1] + staart
            delen.append(_deel(adres, link=adres) if _VEILIG_ADRES.match(adres) else _deel(adres))
            if staart:
                delen.append(_deel(staart))
        positie = gevonden.end()
    if positie < len(tekst):
        delen.append(_deel(tekst[positie:]))
    return delen


def lees_tekst(tekst: str) -> list[dict]:
    """Narrative text as blocks: ``{"soort": "alinea", "delen"}`` or ``{"soort": "lijst",
    "genummerd", "items"}`` (each item a list of parts)."""
    blokken: list[dict] = []
    alinea: list[str] = []

    def sluit_alinea():
        if alinea:
            blokken.append({"soort": "alinea", "delen": lees_regel(" ".join(alinea))})
            alinea.clear()

    for regel in (tekst or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        regel = regel.strip()
        lijst, genummerd = _LIJST.match(regel), _GENUMMERD.match(regel)
        if not regel:
            sluit_alinea()
        elif lijst or genummerd:
            sluit_alinea()
            soort = bool(genummerd)
            item = lees_regel((genummerd or lijst).group(1))
            vorige = blokken[-1] if blokken else None
            if vorige and vorige["soort"] == "lijst" and vorige["genummerd"] == soort:
                vorige["items"].append(item)
            else:
                blokken.append({"soort": "lijst", "genummerd": soort, "items": [item]})
        else:
            alinea.append(regel)
    sluit_alinea()
    return blokken


# --- The letter -------------------------------------------------------------------------------

# (key, title, generated parts in the order shown). The introduction has no number; a section
# with neither narrative nor parts is left out and the numbers close up.
SECTIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("terugblik", "Terugblik", ("zinnen:terugblik", "grafiek", "grafiektabel")),
    (
        "analyse",
        "Analyse en ontwikkelingen realisatie huisvesting vergunninghouders komende periode",
        ("zinnen:tempo", "maandtabel"),
    ),
    (
        "stand",
        "Stand realisatie taakstelling",
        (
            "taakstelling_som",
            "standtabel",
            "zinnen:status",
            "gemeentestatus",
            "zinnen:achterblijvers",
            "achterblijvers",
            "reeks",
        ),
    ),
    ("opvang", "Vergunninghouders in de opvang", ("zinnen:opvang", "opvangtabel")),
    ("laatste_fase", "Laatste fase", ()),
    ("tot_slot", "Tot slot", ()),
]
TEKSTVELDEN = ["inleiding", *(sleutel for sleutel, _titel, _delen in SECTIES)]
TITELS = {"inleiding": "Inleiding", **{s: t for s, t, _d in SECTIES}}

AAN = "Aan de staatssecretaris van Veiligheid en Justitie"
AANHEF = "Geachte staatssecretaris,"
GROET = "Hoogachtend,"


@dataclass
class Brief:
    """The platform's words for one report (``Rapporttekst``), with the seed's defaults."""

    aan: str = AAN
    plaats: str = ""
    briefdatum: date | None = None
    betreft: str = ""
    aanhef: str = AANHEF
    ondertekenaar: str = ""
    functie: str = ""
    teksten: dict[str, str] = field(default_factory=dict)
    concept: bool = True  # a draft: the PDF says so


def afzender() -> dict:
    """The platform's name and contact line (settings ``OPNIEUWTHUIS["AFZENDER"]``)."""
    return dict(settings.OPNIEUWTHUIS["AFZENDER"])


def standaard_betreft(rapport: Rapport) -> str:
    wie = afzender()["naam"]
    if rapport.gebied.is_land:
        return f"Voortgangsrapportage {wie}"
    return f"Voortgangsrapportage {wie}, {rapport.gebied.naam}"


def _cijfer(v) -> str:
    return getal(v)


def _procent(v: float | None) -> str:
    return percentage(v)


def _tabel(titel: str, koppen: list[str], rijen: list[list[str]], **opties) -> dict:
    return {"soort": "tabel", "titel": titel, "koppen": koppen, "rijen": rijen, **opties}


def _halfjaar_naam(h) -> str:
    if h.lopend:
        return f"{h.halfjaar} (lopend)"
    return f"{h.halfjaar} (alleen landelijk)" if h.alleen_landelijk else h.halfjaar


def onderdelen(rapport: Rapport, grafiek: dict) -> dict[str, dict | None]:
    """Every generated part of the letter, by name (None where the area has no such part)."""
    koppen, g = rapport.koppen, rapport.gebied
    zinnen = {
        f"zinnen:{k}": {"soort": "zinnen", "zinnen": v} if v else None
        for k, v in rapport.zinnen.items()
    }
    land_rij = ["Nederland", *(_cijfer(rapport.landelijk[k]) for k in LANDELIJKE_KOLOMMEN)]
    if g.is_land:
        rijen = [
            land_rij,
            *(
                [p["provincie"], *(_cijfer(p[k]) for k in LANDELIJKE_KOLOMMEN)]
                for p in rapport.provincies
            ),
        ]
    else:
        rijen = [land_rij, [g.naam, *(_cijfer(rapport.totaal[k]) for k in LANDELIJKE_KOLOMMEN)]]
    taakstelling_som = None
    if (
        g.is_land
        and rapport.landelijke_taakstelling is not None
        and rapport.landelijke_taakstelling != rapport.totaal["taakstelling"]
    ):
        taakstelling_som = {
            "soort": "zinnen",
            "zinnen": [
                f"De landelijke taakstelling voor {rapport.halfjaar} is "
                f"{_cijfer(rapport.landelijke_taakstelling)}; opgeteld over de gemeenten is dat "
                f"{_cijfer(rapport.totaal['taakstelling'])}, omdat elke gemeente naar boven "
                "wordt afgerond."
            ],
        }
    bronnen = [h for h in rapport.halfjaren if h.alleen_landelijk and h.bron]
    grafiektabel = _tabel(
        "Cijfers bij de grafiek",
        ["Halfjaar", "Wettelijke taakstelling", "Gecorrigeerde taakstelling", "Realisatie"],
        [
            [
                _halfjaar_naam(h),
                _cijfer(h.wettelijk),
                _cijfer(h.gecorrigeerd),
                _cijfer(h.realisatie),
            ]
            for h in rapport.halfjaren
        ],
        smal=True,
        voetnoot="Bron van de halfjaren die alleen landelijk bekend zijn: "
        + "; ".join(f"{h.halfjaar}: {h.bron}" for h in bronnen)
        + "."
        if bronnen
        else "",
    )
    tempo = rapport.tempo
    maandtabel = (
        _tabel(
            "Gehuisvest per maand en het benodigde gemiddelde",
            ["Maand", "Gehuisvest", "Benodigd gemiddelde per maand"],
            [
                [
                    f"{datum_lang(m['maand']).split(' ', 1)[1]}",
                    _cijfer(m["personen"]),
                    _cijfer(m["benodigd"]),
                ]
                for m in tempo.maanden
            ],
            smal=True,
        )
        if tempo.maanden
        else None
    )
    opvangtabel = (
        _tabel(
            "Vergunninghouders in de opvang (landelijk)",
            ["Peildatum", "Wachtend op een woning", "Van wie alleenstaand", "Aandeel alleenstaand"],
            [
                [
                    datum_lang(o["peildatum"]),
                    _cijfer(o["wachtend"]),
                    _cijfer(o["alleenstaand"]),
                    f"{o['aandeel']} %",
                ]
                for o in rapport.opvang
            ],
            smal=True,
        )
        if rapport.opvang and g.soort != GEMEENTE
        else None
    )
    achterblijvers = (
        _tabel(
            f"De {len(rapport.achterblijvers)} gemeenten met de grootste achterstand",
            [
                "Gemeente",
                "Provincie",
                koppen["te_huisvesten"],
                koppen["realisatie"],
                koppen["achterstand"],
                EXTRA_KOPPEN[3],
                "Status",
                "Halfjaren op rij gemist",
            ],
            [
                [
                    r["gemeentenaam"],
                    r["provincie"],
                    _cijfer(r["te_huisvesten"]),
                    _cijfer(r["realisatie"]),
                    _cijfer(r["achterstand"]),
                    _procent(r["percentage_gerealiseerd"]),
                    r["status_label"],
                    _cijfer(r["gemiste_halfjaren"]),
                ]
                for r in rapport.achterblijvers
            ],
            tekstkolommen=[1, 6],
        )
        if rapport.achterblijvers and g.soort != GEMEENTE
        else None
    )
    reeks = (
        _tabel(
            f"Gemeenten die de taakstelling {GEMIST_OP_RIJ} of meer halfjaren op rij niet haalden",
            ["Gemeente", "Provincie", "Halfjaren op rij gemist", koppen["achterstand"], "Status"],
            [
                [
                    r["gemeentenaam"],
                    r["provincie"],
                    _cijfer(r["gemiste_halfjaren"]),
                    _cijfer(r["achterstand"]),
                    r["status_label"],
                ]
                for r in rapport.reeks
            ],
            tekstkolommen=[1, 4],
        )
        if rapport.reeks and g.soort != GEMEENTE
        else None
    )
    return {
        **zinnen,
        "zinnen:opvang": zinnen["zinnen:opvang"] if g.soort != GEMEENTE else None,
        "zinnen:achterblijvers": zinnen["zinnen:achterblijvers"] if g.soort != GEMEENTE else None,
        "grafiek": grafiek,
        "grafiektabel": grafiektabel,
        "maandtabel": maandtabel,
        "taakstelling_som": taakstelling_som,
        "standtabel": _tabel(
            f"Tabel: {rapport.titel}",
            ["Totaaloverzicht", *(koppen[k] for k in LANDELIJKE_KOLOMMEN)],
            rijen,
            nadruk_eerste=True,
            klein=True,
        ),
        "gemeentestatus": _gemeentestatus(rapport) if g.soort == GEMEENTE else None,
        "achterblijvers": achterblijvers,
        "reeks": reeks,
        "opvangtabel": opvangtabel,
    }


def _gemeentestatus(rapport: Rapport) -> dict:
    """The one-page municipal report's status sentence."""
    if not rapport.gemeenten:
        return {
            "soort": "zinnen",
            "zinnen": [f"{rapport.gebied.naam} heeft geen taakstelling in {rapport.halfjaar}."],
        }
    gem = rapport.gemeenten[0]
    zin = (
        f"{gem['gemeentenaam']} ligt {gem['status_label']}: {getal(gem['realisatie'])} van de "
        f"{getal(gem['te_huisvesten'])} gehuisvest"
    )
    if gem["percentage_gerealiseerd"] is not None:
        zin += f" ({_procent(gem['percentage_gerealiseerd'])})"
    zin += f" na {rapport.stand.maanden_verstreken} van de 6 maanden."
    if gem["gemiste_halfjaren"] == 1:
        vervolg = f"De taakstelling van {rapport.vorig_halfjaar} is niet gehaald."
    elif gem["gemiste_halfjaren"]:
        vervolg = f"De taakstelling is {gem['gemiste_halfjaren']} halfjaren op rij niet gehaald."
    elif rapport.totaal.get("beginstand_vorig") is None:
        vervolg = "Het systeem kent geen eerder halfjaar."
    else:
        vervolg = f"{rapport.vorig_halfjaar} sloot zonder achterstand."
    return {"soort": "zinnen", "zinnen": [zin, vervolg]}


def bijlage(rapport: Rapport) -> dict | None:
    """The appendix: the current half-year per municipality (national and provincial reports).

    A municipality's achterstand and voorsprong are its achter/voor split by sign and the
    previous half-year is in the files, so the appendix keeps to the columns that say something
    per row; the XLSX and CSV carry every column."""
    if rapport.gebied.soort == GEMEENTE:
        return None
    koppen = rapport.koppen
    kolommen = ["beginstand", "taakstelling", "te_huisvesten", "realisatie", "stand"]
    waar = "" if rapport.gebied.is_land else f" in {rapport.gebied.naam}"
    return _tabel(
        f"Stand per gemeente op {datum_lang(rapport.peildatum)} ({getal(len(rapport.gemeenten))} "
        "gemeenten)",
        [
            "Gemeente",
            *(koppen[k] for k in kolommen),
            EXTRA_KOPPEN[3],
            "Status",
            "Halfjaren op rij gemist",
        ],
        [
            [
                g["gemeentenaam"],
                *(_cijfer(g[k]) for k in kolommen),
                _procent(g["percentage_gerealiseerd"]),
                g["status_label"],
                _cijfer(g["gemiste_halfjaren"]),
            ]
            for g in rapport.gemeenten
        ],
        tekstkolommen=[7],
        kop=f"Bijlage: stand per gemeente{waar}",
        toelichting=(
            f"Per gemeente de cijfers van {rapport.halfjaar}. Achterstand en voorsprong zijn de "
            "positieve en de negatieve achter/voor; alle kolommen, ook die van "
            f"{rapport.vorig_halfjaar}, staan in de Excel- en CSV-download."
        ),
    )


def document(rapport: Rapport, brief: Brief | None = None, *, let_op: list[str] = ()) -> dict:
    """The whole letter as data, for the page and the PDF alike."""
    brief = brief or Brief()
    wie = afzender()
    briefdatum = brief.briefdatum
    plaats_datum = datum_lang(briefdatum) if briefdatum else ""
    if brief.plaats and plaats_datum:
        plaats_datum = f"{brief.plaats}, {plaats_datum}"
    elif brief.plaats:
        plaats_datum = brief.plaats
    meldingen = list(let_op)
    if brief.concept:
        meldingen.insert(0, "Concept: deze rapportage is nog niet gepubliceerd.")
    if rapport.illustratief:
        meldingen.append(
            "Illustratieve cijfers. Alleen de landelijke totalen komen uit de "
            "voortgangsrapportage van 20 februari 2017; de verdeling over gemeenten en maanden "
            "is verzonnen voor de demonstratie."
        )
    grafiek = {"soort": "grafiek", "titel": grafiek_titel(rapport), "alt": alt_tekst(rapport)}
    delen = onderdelen(rapport, grafiek)
    secties, nummer = [], 0
    for sleutel, titel, namen in SECTIES:
        tekst = lees_tekst(brief.teksten.get(sleutel, ""))
        inhoud = [delen[n] for n in namen if delen.get(n)]
        if not tekst and not inhoud:
            continue
        for i, o in enumerate(inhoud):
            if o["soort"] == "tabel":
                o["id"] = f"tabel-{sleutel}-{i}"
        nummer += 1
        secties.append(
            {
                "sleutel": sleutel,
                "nummer": nummer,
                "titel": titel,
                "tekst": tekst,
                "onderdelen": inhoud,
            }
        )
    return {
        "titel": f"Voortgangsrapportage {rapport.gebied.naam}, stand op "
        f"{datum_lang(rapport.peildatum)}",
        "gebied": {
            "soort": rapport.gebied.soort,
            "code": rapport.gebied.code,
            "naam": rapport.gebied.naam,
        },
        "afzender": wie,
        "brief": {
            "aan": [r for r in (brief.aan or AAN).splitlines() if r.strip()],
            "plaats_datum": plaats_datum,
            "betreft": brief.betreft or standaard_betreft(rapport),
            "aanhef": brief.aanhef or AANHEF,
            "groet": GROET,
            "namens": f"Namens de leden van {wie['naam']},",
            "ondertekenaar": brief.ondertekenaar,
            "functie": brief.functie,
        },
        "let_op": meldingen,
        "inleiding": lees_tekst(brief.teksten.get("inleiding", "")),
        "secties": secties,
        "bijlage": bijlage(rapport),
    }


class Tekst:
    """The letter's words for one report as stored (``versie`` 0: none written yet)."""

    def __init__(self, rij=None):
        self.versie = rij.versie if rij else 0
        self.brief = Brief(
            aan=(rij.aan if rij else "") or AAN,
            plaats=rij.plaats if rij else "",
            briefdatum=rij.briefdatum if rij else None,
            betreft=rij.betreft if rij else "",
            aanhef=(rij.aanhef if rij else "") or AANHEF,
            ondertekenaar=rij.ondertekenaar if rij else "",
            functie=rij.functie if rij else "",
            teksten=dict(rij.teksten) if rij else {},
        )

    @property
    def initieel(self) -> dict:
        b = self.brief
        return {
            "aan": b.aan,
            "plaats": b.plaats,
            "briefdatum": b.briefdatum,
            "betreft": b.betreft,
            "aanhef": b.aanhef,
            "ondertekenaar": b.ondertekenaar,
            "functie": b.functie,
            "versie": self.versie,
            **{f"tekst_{k}": v for k, v in b.teksten.items()},
        }


def brieftekst(peildatum: date, gebied: str) -> Tekst:
    """The letter's words for a report: as stored, else the defaults (``AAN``, ``AANHEF``)."""
    return Tekst(selectors.rapporttekst(peildatum, gebied))
