"""The supervision page of one municipality, and its two forms.

Read by whoever may see the municipality (its province, the municipality itself, the ministry,
platform staff; anyone else gets a 404 from the restricted queryset). Written only by supervisors
of its province and platform staff (``scoping.schrijft_toezicht``; others get a 403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import TemplateView

from opnieuwthuis.bestanden import parse_halfjaar
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.scoping import ScopedViewMixin, schrijft_toezicht
from rapportage.berekening import STATUS_LABELS
from taakstelling import selectors as taakstelling_selectors

from . import overzicht, selectors, services
from .choices import LADDER, UITLEG, Stapsoort
from .forms import LadderstapForm, OordeelForm

MELDING_OORDEEL = (
    "Het oordeel over {halfjaar} is vastgelegd: {gemeente} heeft de taakstelling {wat}."
)
FOUT_ONBEKEND_HALFJAAR = "Het halfjaar {label} bestaat niet in het systeem."
MELDING_STAP = "Vastgelegd: {stap} op {datum}."
FOUT_NIET_SCHRIJVEN = (
    "Alleen toezichthouders van de provincie en platformmedewerkers leggen het toezicht vast."
)


class GemeenteToezichtView(ScopedViewMixin, TemplateView):
    """Toezicht op één gemeente: the figures of rule 7, the judgement of every closed half-year
    (the figures' proposal beside the province's decision) and the intervention ladder."""

    template_name = "toezicht/gemeente.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.gemeente = get_object_or_404(
                taakstelling_selectors.zichtbare_gemeenten(request.user), code=kwargs["code"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, *, oordeel_form=None, stap_form=None, **kwargs):
        gemeente = self.gemeente
        stand = overzicht.stand()
        beoordelingen = overzicht.beoordelingen(gemeente, stand)
        positie = selectors.positie(gemeente)
        volgende = services.volgende_stappen(positie)
        schrijven = schrijft_toezicht(self.request.user)
        if schrijven and oordeel_form is None and beoordelingen:
            open_ = next((b for b in beoordelingen if b.oordeel is None), beoordelingen[0])
            oordeel_form = OordeelForm(
                halfjaren=[(b.halfjaar.label, b.halfjaar.label) for b in beoordelingen],
                initial={
                    "halfjaar": open_.halfjaar.label,
                    "gehaald": "ja" if open_.voorstel_gehaald else "nee",
                },
            )
        if schrijven and stap_form is None:
            stap_form = LadderstapForm(stappen=volgende, initial={"datum": timezone.localdate()})
        rij = overzicht.gemeente_rij(gemeente, stand)
        if rij:
            rij["status_label"] = STATUS_LABELS.get(rij["status"], rij["status"])
        fouten = [
            {"id": veld.auto_id, "wat": veld.label, "melding": fout}
            for form in (oordeel_form, stap_form)
            if form is not None and form.is_bound
            for veld in form
            for fout in veld.errors
        ] + [
            {"id": "kop-ladder", "wat": "Toezicht", "melding": fout}
            for form in (oordeel_form, stap_form)
            if form is not None and form.is_bound
            for fout in form.non_field_errors()
        ]
        return super().get_context_data(
            gemeente=gemeente,
            stand=stand,
            rij=rij,
            beoordelingen=beoordelingen,
            positie=positie,
            ladder=[{"soort": s, "label": s.label, "uitleg": UITLEG[s]} for s in LADDER],
            afgesloten_uitleg=UITLEG[Stapsoort.AFGESLOTEN],
            stappen=selectors.stappen(gemeente),
            schrijven=schrijven,
            oordeel_form=oordeel_form,
            stap_form=stap_form,
            fouten=fouten,
            **kwargs,
        )


class _SchrijfView(GemeenteToezichtView):
    """A form of the supervision page: POST only; an error shows the page again (400)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not schrijft_toezicht(request.user):
            raise PermissionDenied(FOUT_NIET_SCHRIJVEN)
        form = self.maak_form(request.POST)
        if form.is_valid():
            try:
                melding = self.vastleggen(form.cleaned_data)
            except ValidationError as fout:
                for veld, meldingen in _per_veld(fout, form).items():
                    for m in meldingen:
                        form.add_error(veld, m)
            else:
                messages.success(request, melding)
                return redirect("toezicht:gemeente", code=self.gemeente.code)
        context = self.get_context_data(**{self.form_naam: form})
        return self.render_to_response(context, status=400)


def _per_veld(fout: ValidationError, form) -> dict:
    if hasattr(fout, "error_dict"):
        return {(k if k in form.fields else None): v for k, v in fout.message_dict.items()}
    return {None: fout.messages}


class OordeelAddView(_SchrijfView):
    form_naam = "oordeel_form"

    def maak_form(self, data):
        beoordelingen = overzicht.beoordelingen(self.gemeente, overzicht.stand())
        labels = [(b.halfjaar.label, b.halfjaar.label) for b in beoordelingen]
        # A half-year that is not (yet) closed still parses, so the service can say why.
        labels += [
            (label, label)
            for label in taakstelling_selectors.halfjaarlabels()
            if (label, label) not in labels
        ]
        return OordeelForm(data, halfjaren=labels)

    def vastleggen(self, data) -> str:
        jaar, helft = parse_halfjaar(data["halfjaar"])
        halfjaar = taakstelling_selectors.halfjaar(jaar, helft)
        if halfjaar is None:  # the form offers only known half-years; a forged post gets this
            raise ValidationError(
                {"halfjaar": FOUT_ONBEKEND_HALFJAAR.format(label=data["halfjaar"])}
            )
        oordeel = services.oordeel_vastleggen(
            gemeente=self.gemeente,
            halfjaar=halfjaar,
            gehaald=data["gehaald"],
            toelichting=data["toelichting"],
            gebruiker=self.request.user,
        )
        return MELDING_OORDEEL.format(
            halfjaar=halfjaar.label,
            gemeente=self.gemeente.naam,
            wat="gehaald" if oordeel.gehaald else "niet gehaald",
        )


class LadderstapAddView(_SchrijfView):
    form_naam = "stap_form"

    def maak_form(self, data):
        return LadderstapForm(
            data, stappen=services.volgende_stappen(selectors.positie(self.gemeente))
        )

    def vastleggen(self, data) -> str:
        stap = services.ladderstap_vastleggen(
            gemeente=self.gemeente,
            soort=data["soort"],
            datum=data["datum"],
            toelichting=data["toelichting"],
            gebruiker=self.request.user,
        )
        return MELDING_STAP.format(stap=stap.get_soort_display(), datum=datum_lang(stap.datum))
