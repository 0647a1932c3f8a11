"""The progress report's pages: the report (cached like every overview page), its downloads, the
platform's edit page for the letter's words, publishing and the archive.

Thin: the figures come from ``samenstelling``, the letter from ``brief``, the files from ``pdf``
and ``bestanden``, the writes from ``publiceren``; the scope from ``StandMixin``
(ScopedViewMixin), ``selectors.gebied_voor`` and ``selectors.publicaties_met``.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views import View
from django.views.generic import FormView, TemplateView

from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.scoping import ScopedViewMixin

from .. import selectors
from ..berekening import BerekeningFout
from ..models import GepubliceerdRapport
from ..views import OverzichtView, StandMixin
from . import bestanden, pdf, publiceren, status
from .brief import TITELS, brieftekst, document
from .forms import RapporttekstForm
from .gebied import GebiedOnbekend
from .grafiek import grafiek_svg
from .samenstelling import Rapport, maak_rapport

FOUT_GEBIED = "Dit gebied bestaat niet of valt buiten uw bevoegdheid."
SOORTEN = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(inhoud: bytes, *, bestandsnaam: str, formaat: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=SOORTEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    patch_cache_control(antwoord, private=True, no_cache=True)
    return antwoord


class RapportMixin(StandMixin):
    """``?peildatum=2017-02-01&gebied=PV27``: the area defaults to the user's own; outside the
    user's scope it is a 404."""

    def get_gebied(self):
        if not hasattr(self, "_gebied"):
            try:
                self._gebied = selectors.gebied_voor(
                    self.request.user, self.request.GET.get("gebied")
                )
            except GebiedOnbekend:
                raise Http404(FOUT_GEBIED) from None
        return self._gebied

    def get_rapport(self) -> Rapport:
        gebied = self.get_gebied()
        try:
            return maak_rapport(self.get_stand(), gebied)
        except BerekeningFout as fout:
            raise Http404(str(fout)) from None

    def query(self) -> str:
        return urlencode(
            {"peildatum": self.get_peildatum().isoformat(), "gebied": self.get_gebied().code}
        )


class RapportView(RapportMixin, OverzichtView):
    """The report as the letter, with its downloads. Its content is cached like every overview
    page (per data version, scope, peildatum, area and version of the letter's words); what only
    platform staff see (edit, publish) and the list of published versions are added per request."""

    template_name = "rapportage/rapport.html"
    inhoud_template = "rapportage/rapport_inhoud.html"
    parameters = ("peildatum", "gebied")

    def voorbereiden(self, **kwargs) -> None:
        self.gebied = self.get_gebied()
        self.tekst = brieftekst(self.peildatum, self.gebied.code)

    def cache_delen(self) -> list[str]:
        return [self.gebied.code, str(self.tekst.versie)]

    def get_inhoud(self, stand) -> dict:
        rapport = self.get_rapport()
        url = lambda naam: f"{reverse(naam)}?{self.query()}"  # noqa: E731
        return {
            "titel": f"Voortgangsrapportage {rapport.gebied.naam} op "
            f"{datum_lang(rapport.peildatum)}",
            "rapport": rapport,
            "document": document(
                rapport, self.tekst.brief, let_op=status.meldingen(rapport.peildatum)
            ),
            "grafiek_url": url("rapportage:rapport_grafiek"),
            "downloads": [
                ("PDF", url("rapportage:rapport_pdf"), "de brief om te lezen en door te sturen"),
                (
                    "Excel (XLSX)",
                    url("rapportage:rapport_xlsx"),
                    "landelijk, provincies, gemeenten, halfjaren",
                ),
                ("CSV", url("rapportage:rapport_csv"), "per gemeente, met de landelijke rij"),
            ],
        }

    def get_context_data(self, **kwargs):
        gebruiker = self.request.user
        return super().get_context_data(
            gebied=self.gebied,
            peildatum=self.peildatum,
            mag_wijzigen=gebruiker.mag_wijzigen,
            tekst_url=f"{reverse('rapportage:rapport_tekst')}?{self.query()}",
            publiceren_url=reverse("rapportage:rapport_publiceren"),
            gepubliceerd=selectors.publicaties(
                gebruiker, peildatum=self.peildatum, gebied=self.gebied.code
            ),
            **kwargs,
        )


class RapportDownloadView(RapportMixin, View):
    """The live report as a file. The PDF is the letter as it stands (a draft until published:
    it says so); published versions are in the archive."""

    formaat = ""

    def get(self, request, *args, **kwargs):
        rapport = self.get_rapport()
        if self.formaat == "pdf":
            tekst = brieftekst(rapport.peildatum, rapport.gebied.code)
            inhoud = pdf.pdf_bytes(rapport, tekst.brief, let_op=status.meldingen(rapport.peildatum))
        elif self.formaat == "xlsx":
            inhoud = bestanden.xlsx_bytes(rapport)
        else:
            inhoud = bestanden.csv_bytes(rapport)
        naam = rapport.bestandsnaam
        if self.get_peildatumstatus(rapport.peildatum).voorlopig:
            naam += "-voorlopig"  # only platform staff get this far with a provisional peildatum
        return download(inhoud, bestandsnaam=naam, formaat=self.formaat)


class RapportGrafiekView(RapportMixin, View):
    """The chart as an SVG file for the page's <img> (no inline SVG: it carries style attributes
    that a CSP without unsafe-inline would block)."""

    def get(self, request, *args, **kwargs):
        antwoord = HttpResponse(grafiek_svg(self.get_rapport()), content_type="image/svg+xml")
        patch_cache_control(antwoord, private=True, no_cache=True)
        return antwoord


class RapporttekstView(RapportMixin, FormView):
    """Platform staff write the letter's words for one report; others get 403."""

    schrijven = True
    template_name = "rapportage/rapport_tekst.html"
    form_class = RapporttekstForm

    def get_initial(self):
        return brieftekst(self.get_peildatum(), self.get_gebied().code).initieel

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            gebied=self.get_gebied(),
            peildatum=self.get_peildatum(),
            titels=TITELS,
            terug_url=f"{reverse('rapportage:rapport')}?{self.query()}",
            pdf_url=f"{reverse('rapportage:rapport_pdf')}?{self.query()}",
            **kwargs,
        )

    def form_valid(self, form):
        try:
            publiceren.rapporttekst_opslaan(
                peildatum=self.get_peildatum(),
                gebied=self.get_gebied().code,
                gebruiker=self.request.user,
                versie=form.cleaned_data.pop("versie"),
                **form.cleaned_data,
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(self.request, "De tekst van de rapportage is opgeslagen.")
        if "voorbeeld" in self.request.POST:
            return HttpResponseRedirect(f"{reverse('rapportage:rapport_pdf')}?{self.query()}")
        return HttpResponseRedirect(f"{reverse('rapportage:rapport')}?{self.query()}")


class RapportPublicerenView(ScopedViewMixin, View):
    """POST peildatum, gebied (and, for a corrected version, notitie): publish the report as it
    stands now. Platform staff only."""

    schrijven = True

    def post(self, request, *args, **kwargs):
        try:
            gebied = selectors.gebied_voor(request.user, request.POST.get("gebied"))
        except GebiedOnbekend:
            raise Http404(FOUT_GEBIED) from None
        peildatum_tekst = request.POST.get("peildatum", "")
        terug = (
            reverse("rapportage:rapport")
            + "?"
            + urlencode({"peildatum": peildatum_tekst, "gebied": gebied.code})
        )
        try:
            publicatie = publiceren.rapport_publiceren(
                peildatum=publiceren.lees_peildatum(peildatum_tekst),
                gebied=gebied,
                gebruiker=request.user,
                notitie=request.POST.get("notitie", ""),
            )
        except ValidationError as fout:
            for melding in fout.messages:
                messages.error(request, melding)
            return HttpResponseRedirect(terug)
        messages.success(
            request,
            f"Gepubliceerd: {publicatie}. De bestanden staan in het archief en veranderen niet meer.",
        )
        return HttpResponseRedirect(reverse("rapportage:rapport_archief"))


class ArchiefView(ScopedViewMixin, TemplateView):
    """Every published report the user may see, per peildatum and area, with its files."""

    template_name = "rapportage/rapport_archief.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publicaties=selectors.publicaties(self.request.user), **kwargs
        )


class ArchiefDownloadView(ScopedViewMixin, View):
    """A published file, byte for byte as it was published. Outside the scope: 404."""

    def get(self, request, pk: int, formaat: str):
        if formaat not in GepubliceerdRapport.FORMATEN:
            raise Http404("Onbekend formaat.")
        publicatie = get_object_or_404(selectors.publicaties_met(request.user, formaat), pk=pk)
        return download(
            publicatie.bestand(formaat), bestandsnaam=publicatie.bestandsnaam, formaat=formaat
        )
