"""The progress report: the page and its downloads. Thin: the figures come from ``rapport``,
the files from ``rapport_uitvoer``, the scope from ``StandMixin`` (ScopedViewMixin) and
``rapport.gebied_voor`` (Gemeente.objects.restrict)."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from . import rapport_uitvoer, selectors
from .berekening import BerekeningFout
from .rapport import GebiedOnbekend, Rapport, gebied_voor, maak_rapport
from .rapport_grafiek import grafiek_svg
from .views import StandMixin

FOUT_GEBIED = "Dit gebied bestaat niet of valt buiten uw bevoegdheid."


class RapportMixin(StandMixin):
    """``?peildatum=2017-02-01&gebied=PV27``: the area defaults to the user's own; outside the
    user's scope it is a 404."""

    def get_rapport(self) -> Rapport:
        try:
            gebied = gebied_voor(self.request.user, self.request.GET.get("gebied"))
        except GebiedOnbekend:
            raise Http404(FOUT_GEBIED) from None
        try:
            return maak_rapport(self.get_stand(), gebied)
        except BerekeningFout as fout:
            raise Http404(str(fout)) from None

    @staticmethod
    def query(rapport: Rapport) -> str:
        return urlencode(
            {"peildatum": rapport.peildatum.isoformat(), "gebied": rapport.gebied.code}
        )


class RapportView(RapportMixin, TemplateView):
    template_name = "rapportage/rapport.html"

    def get_context_data(self, **kwargs):
        rapport = self.get_rapport()
        query = self.query(rapport)
        url = lambda naam: f"{reverse(naam)}?{query}"  # noqa: E731
        return super().get_context_data(
            **rapport_uitvoer.context(rapport, grafiek_url=url("rapportage:rapport_grafiek")),
            peildata=selectors.beschikbare_peildata(),
            downloads=[
                ("PDF", url("rapportage:rapport_pdf"), "het rapport om te lezen en door te sturen"),
                (
                    "Excel (XLSX)",
                    url("rapportage:rapport_xlsx"),
                    "landelijk, provincies, gemeenten",
                ),
                ("CSV", url("rapportage:rapport_csv"), "per gemeente, met de landelijke rij"),
            ],
            **kwargs,
        )


class RapportDownloadView(RapportMixin, View):
    formaat = ""
    SOORTEN = {
        "pdf": (rapport_uitvoer.pdf_bytes, "application/pdf"),
        "xlsx": (
            rapport_uitvoer.xlsx_bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "csv": (rapport_uitvoer.csv_bytes, "text/csv; charset=utf-8"),
    }

    def get(self, request, *args, **kwargs):
        rapport = self.get_rapport()
        maak, soort = self.SOORTEN[self.formaat]
        antwoord = HttpResponse(maak(rapport), content_type=soort)
        antwoord["Content-Disposition"] = (
            f'attachment; filename="{rapport.bestandsnaam}.{self.formaat}"'
        )
        patch_cache_control(antwoord, private=True, no_cache=True)
        return antwoord


class RapportGrafiekView(RapportMixin, View):
    """The chart as an SVG file for the page's <img> (no inline SVG: it carries style attributes
    that a CSP without unsafe-inline would block)."""

    def get(self, request, *args, **kwargs):
        antwoord = HttpResponse(grafiek_svg(self.get_rapport()), content_type="image/svg+xml")
        patch_cache_control(antwoord, private=True, no_cache=True)
        return antwoord
