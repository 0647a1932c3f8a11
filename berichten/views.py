"""The profile page (every user: who they are, what they see, whether they get the monthly
message) and the list of what was sent (platform staff)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView

from opnieuwthuis.bestanden import parse_maand
from opnieuwthuis.scoping import ScopedViewMixin

from .forms import BerichtvoorkeurForm
from .models import Maandbericht
from .services import berichtvoorkeur_opslaan, ontvangt_maandbericht

MELDING_AAN = "U krijgt voortaan elke maand een bericht met de stand."
MELDING_UIT = "U krijgt geen maandelijks bericht meer."


class ProfielView(ScopedViewMixin, TemplateView):
    template_name = "berichten/profiel.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault(
            "form", BerichtvoorkeurForm(initial={"maandbericht": ontvangt_maandbericht(user)})
        )
        return super().get_context_data(
            berichten=Maandbericht.objects.filter(gebruiker=user).order_by("-maand")[:12],
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
        rijen = Maandbericht.objects.select_related("gebruiker").order_by(
            "-maand", "-verzonden_op", "gebruiker__username"
        )
        self.maand = None
        tekst = self.request.GET.get("maand", "").strip()
        if tekst:
            try:
                self.maand = parse_maand(tekst)
            except ValueError as fout:
                self.fout = str(fout)
                return rijen.none()
            rijen = rijen.filter(maand=self.maand)
        return rijen

    def get_context_data(self, **kwargs):
        maanden = Maandbericht.objects.order_by("-maand").values_list("maand", flat=True)
        return super().get_context_data(
            maanden=sorted(set(maanden), reverse=True),
            gekozen=self.maand,
            fout=getattr(self, "fout", None),
            **kwargs,
        )
