from datetime import date

from django.http import Http404
from django.views.generic import TemplateView

from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.scoping import ScopedViewMixin
from taakstelling.models import Halfjaar

from . import selectors
from .berekening import STATUS_LABELS, BerekeningFout, periode_begin, periode_index
from .uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, records

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _datum_kort(d: date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def kolomkoppen(peildatum: date, halfjaar_label: str) -> dict[str, str]:
    """The column headings of the report's table, worded for this peildatum."""
    jaar, helft = int(halfjaar_label[:4]), 1 if halfjaar_label.endswith("-I") else 2
    k = periode_index(jaar, helft)
    vorig_jaar, vorige_helft = (k - 1) // 2, (k - 1) % 2 + 1
    helft_tekst = lambda h, j: f"{'1e' if h == 1 else '2e'} helft {j}"  # noqa: E731
    tot = f"tot {_datum_kort(peildatum)}"
    return {
        "aantal_gemeenten": "Aantal gemeenten",
        "beginstand_vorig": f"Stand op {_datum_kort(periode_begin(k - 1))}",
        "taakstelling_vorig": f"Taakstelling {helft_tekst(vorige_helft, vorig_jaar)}",
        "realisatie_vorig": f"Realisatie {helft_tekst(vorige_helft, vorig_jaar)}",
        "beginstand": f"Stand op {_datum_kort(periode_begin(k))}",
        "taakstelling": f"Taakstelling {helft_tekst(helft, jaar)}",
        "te_huisvesten": "Taakstelling inclusief achter/voor",
        "realisatie": f"Realisatie {tot}",
        "stand": f"Achter/voor {tot}",
        "achterstand": f"Achterstand {tot}",
        "voorsprong": f"Voorsprong {tot}",
    }


class StandMixin(ScopedViewMixin):
    """Views that show the calculation for a peildatum (``?peildatum=2017-02-01``, default the
    latest), restricted to the user's scope."""

    def get_peildatum(self) -> date:
        tekst = self.request.GET.get("peildatum")
        if not tekst:
            laatste = selectors.laatste_peildatum()
            if laatste is None:
                raise Http404("Er zijn nog geen cijfers.")
            return laatste
        try:
            return parse_datum(tekst)
        except ValueError:
            raise Http404("Onbekende peildatum.") from None

    def get_stand(self):
        try:
            stand = selectors.stand_op(self.get_peildatum())
        except BerekeningFout as fout:
            raise Http404(str(fout)) from None
        return selectors.beperk_tot_gebruiker(stand, self.request.user)


class StartView(StandMixin, TemplateView):
    template_name = "rapportage/start.html"

    def get_context_data(self, **kwargs):
        stand = self.get_stand()
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        halfjaar = Halfjaar.objects.filter(
            jaar=int(stand.halfjaar[:4]), helft=1 if stand.halfjaar.endswith("-I") else 2
        ).first()
        return super().get_context_data(
            stand=stand,
            koppen=[koppen[k] for k in PROVINCIE_KOLOMMEN[2:]],
            landelijk=[stand.landelijk[k] for k in PROVINCIE_KOLOMMEN[2:]],
            provincies=records(stand.provincies, PROVINCIE_KOLOMMEN),
            gemeenten=records(stand.gemeenten, GEMEENTE_KOLOMMEN),
            gemeente_koppen=[koppen[k] for k in GEMEENTE_KOLOMMEN[3:-3]],
            status_labels=STATUS_LABELS,
            halfjaar=halfjaar,
            peildata=selectors.beschikbare_peildata(),
            **kwargs,
        )
