"""The profile page (every user: who they are, what they see, whether they get the monthly
message) and the list of what was sent (platform staff)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView

from opnieuwthuis.bestanden import parse_maand
from opnieuwthuis.scoping import ScopedViewMixin

from . import selectors
from .forms import BerichtvoorkeurForm
from .services import berichtvoorkeur_opslaan

MELDING_AAN = "U krijgt voortaan elke maand een bericht met de stand."
MELDING_UIT = "U krijgt geen maandelijks bericht meer."


class ProfielView(ScopedViewMixin, TemplateView):
    template_name = "berichten/profiel.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault(
            "form",
            BerichtvoorkeurForm(initial={"maandbericht": selectors.ontvangt_maandbericht(user)}),
        )
        return super().get_context_data(
            berichten=selectors.berichten_aan(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = BerichtvoorkeurForm(request.POST)
        form.is_valid()  # a checkbox: absent is off, anything else on
        aan = bool(form.cleaned_data.get("maandbericht"))
        berichtvoorkeur_opslaan(gebruiker=request.user, maandbericht=aan)
        messages.success(request, MELDING_AAN if aan else MELDING_UIT)
        return redirect("berichten:profiel")


class MaandberichtListView(ScopedViewMixin, ListView):
    """What was sent to whom and when (``?maand=2017-01`` narrows to one month)."""

    schrijven = True  # platform staff only: the list names every receiver
    template_name = "berichten/maandbericht_list.html"
    paginate_by = 100

    def get_queryset(self):
        self.maand = None
        tekst = self.request.GET.get("maand", "").strip()
        if tekst:
            try:
                self.maand = parse_maand(tekst)
            except ValueError as fout:
                self.fout = str(fout)
                return selectors.verzonden().none()
        return selectors.verzonden(self.maand)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            maanden=selectors.maanden_met_berichten(),
            gekozen=self.maand,
            fout=getattr(self, "fout", None),
            **kwargs,
        )
