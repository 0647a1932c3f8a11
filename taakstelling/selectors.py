"""Reading quotas, populations and reorganisations; nothing here writes.

``verdeling_berekenen`` is the preview of a distribution: which municipalities, with which
population (CBS, or the sum of predecessors per art. 30), and the quota each would get.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.db.models import Count, Q, Sum

from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.perioden import Periode

from .choices import Afrondingsmethode
from .models import (
    Gemeente,
    Halfjaar,
    Herindeling,
    Inwonertal,
    Provincie,
    Taakstelling,
    Uitwisseling,
    VervangenTaakstelling,
)
from .verdeling import METHODEN, VerdelingFout, verdeel, verdeel_naar_aandeel

FOUT_GEEN_GEMEENTEN = "Er bestaan op {datum} geen gemeenten om de taakstelling over te verdelen."
FOUT_ONTBREKENDE_INWONERS = (
    "Van {aantal} gemeente(n) is geen inwonertal op {peildatum} bekend: {namen}. "
    "Importeer eerst de gemeenten met hun inwonertal (importeer_gemeenten --peildatum {iso})."
)

HERKOMST_CBS = "CBS"
HERKOMST_ART30 = "som voorgangers (art. 30)"


def standaard_inwoners_peildatum(jaar: int) -> date:
    """Art. 29: the CBS population on 1 January of the year before the half-year's year."""
    return date(jaar - 1, 1, 1)


def gemeenten_op(datum: date):
    """The municipalities that exist on ``datum``."""
    return Gemeente.objects.filter(
        Q(begindatum__isnull=True) | Q(begindatum__lte=datum),
        Q(einddatum__isnull=True) | Q(einddatum__gt=datum),
    )


@dataclass
class Regel:
    gemeente: Gemeente
    inwoners: int
    herkomst: str
    aandeel: Fraction = Fraction(0)
    personen: int = 0


@dataclass
class Verdeling:
    """A computed distribution, not yet written."""

    jaar: int
    helft: int
    landelijk: int
    methode: str
    inwoners_peildatum: date
    regels: list[Regel] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Periode(self.jaar, self.helft).label

    @property
    def som(self) -> int:
        return sum(r.personen for r in self.regels)

    @property
    def inwoners(self) -> int:
        return sum(r.inwoners for r in self.regels)

    @property
    def methode_label(self) -> str:
        return Afrondingsmethode(self.methode).label

    def per_code(self) -> dict[str, int]:
        return {r.gemeente.code: r.personen for r in self.regels}


def inwoners_voor_verdeling(gemeenten: list[Gemeente], peildatum: date, tot: date) -> list[Regel]:
    """The population of each municipality on ``peildatum`` for a distribution.

    A municipality formed or enlarged by a reorganisation after ``peildatum`` gets the sum of the
    shares of its predecessors (art. 30: in practice the province sets the sum of the parts); a
    split predecessor's population is divided by share, whole persons, none lost. A new
    municipality with its own population on ``peildatum`` (set by the province) keeps that one.
    Raises ``VerdelingFout`` naming every municipality without a population.
    """
    doel = {g.id for g in gemeenten}
    tallen = dict(
        Inwonertal.objects.filter(peildatum=peildatum).values_list("gemeente_id", "aantal")
    )
    inwoners: dict[int, int] = defaultdict(int, tallen)
    herkomst = {gid: HERKOMST_CBS for gid in tallen}
    # Reorganisations after the peildatum, up to the start of the half-year (``tot``).
    rijen = list(
        Herindeling.objects.filter(datum__gt=peildatum, datum__lte=tot)
        .exclude(van_id__in=doel)  # a target municipality keeps its own population
        .order_by("datum", "van_id", "naar_id")
        .values_list("datum", "van_id", "naar_id", "aandeel")
    )
    per_van: dict[tuple, list] = defaultdict(list)
    for datum, van, naar, aandeel in rijen:
        per_van[(datum, van)].append((naar, Fraction(aandeel)))
    nieuw_vastgesteld = {g.id for g in gemeenten if g.begindatum and g.begindatum > peildatum}
    for (_datum, van), naar_rijen in sorted(per_van.items()):
        bedrag = inwoners.pop(van, 0)
        delen = verdeel_naar_aandeel(bedrag, [a for _, a in naar_rijen])
        for (naar, _a), deel in zip(naar_rijen, delen):
            if naar in nieuw_vastgesteld and naar in tallen:
                continue  # the province set this municipality's population itself
            inwoners[naar] += deel
            herkomst[naar] = HERKOMST_ART30
    ontbrekend = [g for g in gemeenten if g.id not in herkomst]
    if ontbrekend:
        namen = ", ".join(f"{g.naam} ({g.code})" for g in ontbrekend[:10])
        if len(ontbrekend) > 10:
            namen += f" en nog {len(ontbrekend) - 10}"
        raise VerdelingFout(
            FOUT_ONTBREKENDE_INWONERS.format(
                aantal=len(ontbrekend),
                peildatum=datum_lang(peildatum),
                namen=namen,
                iso=peildatum.isoformat(),
            )
        )
    return [Regel(gemeente=g, inwoners=inwoners[g.id], herkomst=herkomst[g.id]) for g in gemeenten]


def gemeenten_voor_verdeling(jaar: int, helft: int, *, herziening: bool = False) -> list[Gemeente]:
    """The municipalities a half-year's number is distributed over: those that exist at its start,
    or for a revision the municipalities that already carry a quota in it."""
    if herziening:
        qs = Gemeente.objects.filter(
            taakstellingen__halfjaar__jaar=jaar, taakstellingen__halfjaar__helft=helft
        )
    else:
        begin = Periode(jaar, helft).begin
        # A predecessor may still exist in the bookkeeping at the start (its quota for that
        # half-year was set before the reorganisation); a new distribution goes to its successor.
        rijen = Herindeling.objects.filter(datum__lte=begin).values_list(
            "datum", "van_id", "naar_id"
        )
        blijven = {(d, van) for d, van, naar in rijen if van == naar}
        opgeheven = {van for d, van, _ in rijen if (d, van) not in blijven}
        qs = gemeenten_op(begin).exclude(id__in=opgeheven)
    return list(qs.select_related("provincie").order_by("code"))


def verdeling_berekenen(
    *,
    jaar: int,
    helft: int,
    landelijk: int,
    methode: str = Afrondingsmethode.WETTELIJK,
    inwoners_peildatum: date | None = None,
    herziening: bool = False,
) -> Verdeling:
    """Compute (not write) the distribution of ``landelijk`` over the half-year's municipalities."""
    if methode not in METHODEN:
        verdeel(landelijk, [], methode)  # raises the Dutch message for an unknown method
    peildatum = inwoners_peildatum or standaard_inwoners_peildatum(jaar)
    gemeenten = gemeenten_voor_verdeling(jaar, helft, herziening=herziening)
    if not gemeenten:
        raise VerdelingFout(
            FOUT_GEEN_GEMEENTEN.format(datum=datum_lang(Periode(jaar, helft).begin))
        )
    regels = inwoners_voor_verdeling(gemeenten, peildatum, Periode(jaar, helft).begin)
    delen = verdeel(landelijk, [(r.gemeente.code, r.inwoners) for r in regels], methode)
    for regel, deel in zip(regels, delen):
        regel.aandeel, regel.personen = deel.aandeel, deel.personen
    return Verdeling(jaar, helft, landelijk, methode, peildatum, regels)


@dataclass
class Verschil:
    gemeente: Gemeente
    geimporteerd: int
    volgens_methode: int

    @property
    def verschil(self) -> int:
        return self.geimporteerd - self.volgens_methode


@dataclass
class Vergelijking:
    """Imported quotas of a half-year against what its method computes from the population."""

    halfjaar: Halfjaar
    methode: str
    som_geimporteerd: int = 0
    som_methode: int = 0
    verschillen: list[Verschil] = field(default_factory=list)
    fout: str = ""


def vergelijk_met_methode(halfjaar: Halfjaar) -> Vergelijking:
    """Where the quotas of ``halfjaar`` differ from its method (the law when they were imported)."""
    methode = halfjaar.afrondingsmethode
    if methode not in METHODEN:
        methode = Afrondingsmethode.WETTELIJK
    taak = list(
        Taakstelling.objects.filter(halfjaar=halfjaar)
        .select_related("gemeente")
        .order_by("gemeente__code")
    )
    uitkomst = Vergelijking(halfjaar=halfjaar, methode=methode)
    uitkomst.som_geimporteerd = sum(t.personen for t in taak)
    try:
        regels = inwoners_voor_verdeling(
            [t.gemeente for t in taak],
            standaard_inwoners_peildatum(halfjaar.jaar),
            halfjaar.begindatum,
        )
        delen = verdeel(
            halfjaar.landelijke_taakstelling,
            [(r.gemeente.code, r.inwoners) for r in regels],
            methode,
        )
    except VerdelingFout as fout:
        uitkomst.fout = str(fout)
        return uitkomst
    uitkomst.som_methode = sum(d.personen for d in delen)
    uitkomst.verschillen = [
        Verschil(t.gemeente, t.personen, d.personen)
        for t, d in zip(taak, delen)
        if t.personen != d.personen
    ]
    return uitkomst


# --- the pages (views read through these, never the ORM) ----------------------------------------


def zichtbare_gemeenten(user, *, provinciecode: str | None = None):
    """The municipalities ``user`` may see, with their province, by code (a view picks one by
    its code and answers 404 outside them); ``provinciecode`` narrows to one province."""
    gemeenten = Gemeente.objects.restrict(user).select_related("provincie").order_by("code")
    if provinciecode:
        gemeenten = gemeenten.filter(provincie__code=provinciecode)
    return gemeenten


def zichtbare_provincies(user):
    """The provinces of the municipalities ``user`` may see."""
    return Provincie.objects.restrict(user).distinct()


def halfjaren_overzicht() -> list[Halfjaar]:
    """Every half-year, newest first, with the municipal sum (``som_gemeenten``), the number of
    quotas (``aantal_gemeenten``), the difference with the national number (``verschil``) and its revisions."""
    halfjaren = list(
        halfjaren_met_sommen().prefetch_related("herzieningen").order_by("-jaar", "-helft")
    )
    for halfjaar in halfjaren:
        halfjaar.verschil = (halfjaar.som_gemeenten or 0) - halfjaar.landelijke_taakstelling
    return halfjaren


def halfjaren_met_sommen():
    """Every half-year, oldest first, with the municipal sum and the number of quotas (the API)."""
    return Halfjaar.objects.annotate(
        som_gemeenten=Sum("taakstellingen__personen"), aantal_gemeenten=Count("taakstellingen")
    ).order_by("jaar", "helft")


def halfjaar(jaar: int, helft: int) -> Halfjaar | None:
    return Halfjaar.objects.filter(jaar=jaar, helft=helft).first()


def halfjaarlabels() -> list[str]:
    """The labels of every half-year the system knows, oldest first."""
    return [h.label for h in Halfjaar.objects.order_by("jaar", "helft")]


def taakstellingen_in(jaar: int, helft: int) -> dict[int, int]:
    """The quota of every municipality in a half-year, by municipality id."""
    return dict(
        Taakstelling.objects.filter(halfjaar__jaar=jaar, halfjaar__helft=helft).values_list(
            "gemeente_id", "personen"
        )
    )


def uitwisselingen():
    """Every exchange, newest half-year first."""
    return Uitwisseling.objects.select_related("halfjaar", "van", "naar").order_by(
        "-halfjaar__jaar", "-halfjaar__helft", "-id"
    )


def bekende_herindelingen():
    return Herindeling.objects.select_related("van", "naar", "naar__provincie")


def gemeente_overzicht(gemeente: Gemeente, user) -> dict:
    """A municipality's quotas per half-year, exchanges, revisions and reorganisations: a
    successor with the quota history of its predecessors, a predecessor with where it went;
    ``zichtbaar``: the ids of those the user may open."""
    opvolgers = list(gemeente.herindelingen_uit.exclude(naar=gemeente).select_related("naar"))
    voorgangers = list(gemeente.herindelingen_in.exclude(van=gemeente).select_related("van"))
    ids = [gemeente.id, *(h.van_id for h in voorgangers)]
    per_gemeente = defaultdict(list)
    for t in (
        Taakstelling.objects.filter(gemeente_id__in=ids)
        .select_related("halfjaar")
        .order_by("halfjaar__jaar", "halfjaar__helft")
    ):
        per_gemeente[t.gemeente_id].append(t)
    zichtbaar = set(
        Gemeente.objects.restrict(user)
        .filter(id__in=[h.naar_id for h in opvolgers] + ids)
        .values_list("id", flat=True)
    )
    return {
        "opvolgers": opvolgers,
        "voorgangers": [
            {"herindeling": h, "taakstellingen": per_gemeente[h.van_id]} for h in voorgangers
        ],
        "taakstellingen": per_gemeente[gemeente.id],
        "uitwisselingen": Uitwisseling.objects.filter(
            Q(van=gemeente) | Q(naar=gemeente)
        ).select_related("halfjaar", "van", "naar"),
        "eerdere": VervangenTaakstelling.objects.filter(gemeente=gemeente).select_related(
            "herziening", "herziening__halfjaar"
        ),
        "zichtbaar": zichtbaar,
    }
