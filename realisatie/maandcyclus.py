"""The monthly cycle's state (domain.md, "The monthly cycle"): which months are closed, how complete
a month is, and which peildata are final. Reads only, and nothing here needs the calculation (the
plausibility warnings, which do, are in ``rapportage.maandcyclus``).

A month belongs to the system when its half-year holds municipal quotas. A peildatum is *final*
when every such month before it is closed: its opening balance carries every earlier month, so
1 July 2017 is final only once June 2017 is. Everyone but platform staff sees final peildata only.
"""

from dataclasses import dataclass, field
from datetime import date

from opnieuwthuis.nederlands import datum_lang, maand_lang
from opnieuwthuis.perioden import Periode
from taakstelling.models import Taakstelling

from .choices import Maandstatus
from .models import Huisvesting, Maand

FOUT_NIET_VASTGESTELD = (
    "De cijfers op {peildatum} zijn nog niet definitief: {maanden} {is_zijn} nog niet vastgesteld."
)


def maanden_in_systeem() -> list[date]:
    """Every month of every half-year that holds municipal quotas, in order (one query)."""
    halfjaren = (
        Taakstelling.objects.values_list("halfjaar__jaar", "halfjaar__helft")
        .distinct()
        .order_by("halfjaar__jaar", "halfjaar__helft")
    )
    return [m for jaar, helft in halfjaren for m in Periode(jaar, helft).maanden]


def vastgestelde_maanden() -> set[date]:
    return set(Maand.objects.filter(status=Maandstatus.VASTGESTELD).values_list("maand", flat=True))


def is_vastgesteld(maand: date) -> bool:
    return Maand.objects.filter(maand=maand, status=Maandstatus.VASTGESTELD).exists()


def open_maanden_voor(peildatum: date, *, maanden=None, vastgesteld=None) -> list[date]:
    """The months before ``peildatum`` that the stand on it counts but that are not closed."""
    maanden = maanden_in_systeem() if maanden is None else maanden
    vastgesteld = vastgestelde_maanden() if vastgesteld is None else vastgesteld
    return [m for m in maanden if m < peildatum and m not in vastgesteld]


def peildatum_definitief(peildatum: date) -> bool:
    return not open_maanden_voor(peildatum)


def definitieve_peildata() -> list[date]:
    """The final peildata, oldest first: every month up to and including the first open one
    (its first day is the day after the last closed month)."""
    maanden = maanden_in_systeem()
    vastgesteld = vastgestelde_maanden()
    uit = []
    for maand in maanden:
        uit.append(maand)
        if maand not in vastgesteld:
            break
    return uit


def standaard_peildatum() -> date | None:
    """The default peildatum everywhere: the first day after the latest closed month (of the
    unbroken run of closed months from the start), or None when the system holds no half-year.

    When every month is closed the day after the last one starts a half-year the system does not
    know yet (no quota), so no stand exists on it; the last month's first day is then the latest
    final peildatum.
    """
    peildata = definitieve_peildata()
    return peildata[-1] if peildata else None


def niet_definitief_melding(peildatum: date, open_maanden: list[date]) -> str:
    """The Dutch refusal for someone who may see final figures only."""
    namen = [maand_lang(m) for m in open_maanden]
    if len(namen) > 3:
        namen = [*namen[:2], f"en {len(open_maanden) - 2} andere maanden"]
        tekst = ", ".join(namen[:2]) + " " + namen[2]
    elif len(namen) > 1:
        tekst = ", ".join(namen[:-1]) + " en " + namen[-1]
    else:
        tekst = namen[0]
    return FOUT_NIET_VASTGESTELD.format(
        peildatum=datum_lang(peildatum),
        maanden=tekst,
        is_zijn="is" if len(open_maanden) == 1 else "zijn",
    )


@dataclass
class Volledigheid:
    """How complete one month is: municipalities with a quota in its half-year that have a figure
    (an explicit 0 counts), and those that have none (*niet ingevoerd*)."""

    maand: date
    status: str
    verwacht: int
    ingevoerd: int
    ontbrekend: list[tuple[str, str]] = field(default_factory=list)  # (code, naam)

    @property
    def compleet(self) -> bool:
        return self.verwacht > 0 and self.ingevoerd == self.verwacht

    @property
    def tekst(self) -> str:
        """februari 2017: 23 van 390 gemeenten ingevoerd"""
        return f"{maand_lang(self.maand)}: {self.ingevoerd} van {self.verwacht} gemeenten ingevoerd"


def verwachte_gemeenten(maanden: list[date]) -> dict[date, dict[int, tuple[str, str]]]:
    """Per month: the municipalities with a quota in its half-year, {id: (code, naam)} (one query)."""
    halfjaren = {Periode.van_datum(m) for m in maanden}
    per_halfjaar: dict[Periode, dict[int, tuple[str, str]]] = {h: {} for h in halfjaren}
    if halfjaren:
        rijen = Taakstelling.objects.filter(halfjaar__jaar__in={p.jaar for p in halfjaren})
        for jaar, helft, gemeente_id, code, naam in rijen.values_list(
            "halfjaar__jaar", "halfjaar__helft", "gemeente_id", "gemeente__code", "gemeente__naam"
        ):
            if Periode(jaar, helft) in per_halfjaar:
                per_halfjaar[Periode(jaar, helft)][gemeente_id] = (code, naam)
    return {m: per_halfjaar[Periode.van_datum(m)] for m in maanden}


def volledigheid(maanden: list[date]) -> dict[date, Volledigheid]:
    """Completeness of each month, in three queries whatever the number of months."""
    verwacht = verwachte_gemeenten(maanden)
    ingevoerd: dict[date, set[int]] = {m: set() for m in maanden}
    for gemeente_id, maand in Huisvesting.objects.filter(maand__in=maanden).values_list(
        "gemeente_id", "maand"
    ):
        ingevoerd[maand].add(gemeente_id)
    vastgesteld = set(
        Maand.objects.filter(maand__in=maanden, status=Maandstatus.VASTGESTELD).values_list(
            "maand", flat=True
        )
    )
    uit = {}
    for m in maanden:
        gemeenten = verwacht[m]
        met = ingevoerd[m] & gemeenten.keys()
        ontbrekend = sorted(
            (gemeenten[g] for g in gemeenten.keys() - met), key=lambda codenaam: codenaam[0]
        )
        uit[m] = Volledigheid(
            maand=m,
            status=Maandstatus.VASTGESTELD if m in vastgesteld else Maandstatus.OPEN,
            verwacht=len(gemeenten),
            ingevoerd=len(met),
            ontbrekend=ontbrekend,
        )
    return uit


@dataclass
class Peildatumstatus:
    """Whether the figures on a peildatum are final, and the months they are made of."""

    peildatum: date
    definitief: bool
    maanden: list[Volledigheid]

    @property
    def open_maanden(self) -> list[Volledigheid]:
        return [m for m in self.maanden if m.status != Maandstatus.VASTGESTELD]

    @property
    def voorlopig(self) -> bool:
        return not self.definitief

    @property
    def tekst(self) -> str:
        """The provisional notice's detail: 'februari 2017: 23 van 390 gemeenten ingevoerd'."""
        return "; ".join(m.tekst for m in self.open_maanden)

    def als_json(self) -> list[dict]:
        return [
            {
                "maand": m.maand.strftime("%Y-%m"),
                "status": str(m.status),
                "ingevoerd": m.ingevoerd,
                "verwacht": m.verwacht,
            }
            for m in self.maanden
        ]


def peildatumstatus(peildatum: date) -> Peildatumstatus:
    """The months a stand on ``peildatum`` counts (every month of the system before it), each
    with its state and completeness; final when all of them are closed."""
    maanden = [m for m in maanden_in_systeem() if m < peildatum]
    telling = volledigheid(maanden)
    regels = [telling[m] for m in maanden]
    return Peildatumstatus(
        peildatum=peildatum,
        definitief=all(m.status == Maandstatus.VASTGESTELD for m in regels),
        maanden=regels,
    )


@dataclass
class Correcties:
    """Figures of closed months changed after closing, that a stand on a peildatum counts."""

    aantal: int
    maanden: list[date]
    laatste: object | None  # datetime of the latest correction


def correcties_voor(peildatum: date) -> Correcties:
    from .models import Correctie

    rijen = list(
        Correctie.objects.filter(maand__lt=peildatum).order_by("-op").values_list("maand", "op")
    )
    return Correcties(
        aantal=len(rijen),
        maanden=sorted({m for m, _ in rijen}),
        laatste=rijen[0][1] if rijen else None,
    )
