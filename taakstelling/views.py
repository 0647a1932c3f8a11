"""Pages for platform staff: half-years and their distribution, exchanges, reorganisations; and a
minimal municipality page (scoped) that shows its quotas, exchanges and reorganisations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, TemplateView

from opnieuwthuis.bestanden import ImportFouten, lees_tabel
from opnieuwthuis.nederlands import getal
from opnieuwthuis.scoping import ScopedViewMixin

from . import selectors
from .forms import HerindelingenUploadForm, UitwisselingForm, VerdelingForm
from .selectors import verdeling_berekenen
from .services import (
    HERINDELING_KOLOMMEN,
    herindelingen_importeren,
    taakstelling_verdelen,
    uitwisseling_vastleggen,
)
from .verdeling import VerdelingFout


def _melding(fout: Exception) -> list[str]:
    return fout.messages if isinstance(fout, ValidationError) else [str(fout)]


class HalfjaarListView(ScopedViewMixin, TemplateView):
    """Every half-year: the national number, the municipal sum, the method and its revisions."""

    template_name = "taakstelling/halfjaar_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(halfjaren=selectors.halfjaren_overzicht(), **kwargs)


class VerdelingView(ScopedViewMixin, FormView):
    """Distribute a national number: first a preview of every municipality, then confirm."""

    schrijven = True
    template_name = "taakstelling/verdeling.html"
    form_class = VerdelingForm

    def get_initial(self):
        initial = super().get_initial()
        for veld in ("halfjaar", "landelijk"):
            if self.request.GET.get(veld):
                initial[veld] = self.request.GET[veld]
        return initial

    def form_valid(self, form):
        jaar, helft = form.cleaned_data["halfjaar"]
        argumenten = {
            "jaar": jaar,
            "helft": helft,
            "landelijk": form.cleaned_data["landelijk"],
            "methode": form.cleaned_data["methode"],
            "inwoners_peildatum": form.cleaned_data["inwoners_peildatum"],
        }
        vanaf = form.cleaned_data["vanaf"]
        try:
            if "bevestigen" in self.request.POST:
                verdeling = taakstelling_verdelen(**argumenten, vanaf=vanaf)
                messages.success(
                    self.request,
                    f"De taakstelling {verdeling.label} is verdeeld over "
                    f"{len(verdeling.regels)} gemeenten: landelijk {getal(verdeling.landelijk)}, "
                    f"som gemeenten {getal(verdeling.som)}.",
                )
                return redirect("taakstelling:halfjaar_list")
            verdeling = verdeling_berekenen(**argumenten, herziening=vanaf is not None)
        except (VerdelingFout, ValidationError) as fout:
            for melding in _melding(fout):
                form.add_error(None, melding)
            return self.form_invalid(form)
        huidig = selectors.taakstellingen_in(jaar, helft)
        regels = [
            {
                "gemeente": r.gemeente,
                "inwoners": r.inwoners,
                "herkomst": r.herkomst,
                "procent": float(r.aandeel) * 100,
                "personen": r.personen,
                "huidig": huidig.get(r.gemeente.id),
            }
            for r in verdeling.regels
        ]
        return self.render_to_response(
            self.get_context_data(form=form, verdeling=verdeling, regels=regels, vanaf=vanaf)
        )


class UitwisselingView(ScopedViewMixin, FormView):
    """Record an exchange of quota between two municipalities (art. 29 lid 2) and list them."""

    schrijven = True
    template_name = "taakstelling/uitwisseling_list.html"
    form_class = UitwisselingForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(uitwisselingen=selectors.uitwisselingen(), **kwargs)

    def form_valid(self, form):
        try:
            uitwisseling = uitwisseling_vastleggen(**form.cleaned_data)
        except ValidationError as fout:
            for melding in fout.messages:
                form.add_error(None, melding)
            return self.form_invalid(form)
        messages.success(self.request, f"Uitwisseling vastgelegd: {uitwisseling}.")
        return redirect("taakstelling:uitwisseling_list")


class HerindelingView(ScopedViewMixin, FormView):
    """The reorganisations the system knows, and an upload of a file with more."""

    schrijven = True
    template_name = "taakstelling/herindeling_list.html"
    form_class = HerindelingenUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            herindelingen=selectors.bekende_herindelingen(),
            kolommen=";".join(HERINDELING_KOLOMMEN),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            tabel = lees_tabel(form.cleaned_data["bestand"].read(), HERINDELING_KOLOMMEN)
            resultaat = herindelingen_importeren(tabel=tabel)
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                form.add_error(None, str(fout))
            form.add_error(None, "Er is niets gewijzigd.")
            return self.form_invalid(form)
        messages.success(self.request, f"Herindelingen geïmporteerd: {resultaat}.")
        return redirect("taakstelling:herindeling_list")


class GemeenteView(ScopedViewMixin, DetailView):
    """A municipality: its quotas per half-year, exchanges, revisions and reorganisations; a
    successor shows the quota history of its predecessors, a predecessor where it went."""

    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "taakstelling/gemeente.html"
    context_object_name = "gemeente"

    def get_queryset(self):
        return selectors.zichtbare_gemeenten(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **selectors.gemeente_overzicht(self.object, self.request.user),
            **kwargs,
        )
