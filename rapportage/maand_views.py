"""The month overview for platform staff: each month's state, completeness and warnings, and
closing or reopening a month (through ``rapportage.maandcyclus``, the one way to do either)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from opnieuwthuis.bestanden import parse_maand
from opnieuwthuis.nederlands import maand_lang
from opnieuwthuis.perioden import Periode
from opnieuwthuis.scoping import ScopedViewMixin
from realisatie import maandcyclus as cyclus

from .maandcyclus import (
    MaandcyclusFout,
    maand_heropenen,
    maand_vaststellen,
    maandoverzicht,
    maandoverzichten,
)

MELDING_VASTGESTELD = "{maand} is vastgesteld."
MELDING_HEROPEND = "{maand} is heropend."


class MaandListView(ScopedViewMixin, TemplateView):
    """Every month of every half-year with a quota, newest half-year first."""

    schrijven = True
    template_name = "rapportage/maand_list.html"

    def get_context_data(self, **kwargs):
        maanden = cyclus.maanden_in_systeem()
        overzichten = maandoverzichten(maanden)
        halfjaren: dict[tuple[int, int], list] = {}
        for o in overzichten:
            halfjaren.setdefault(Periode.van_datum(o.maand), []).append(o)
        return super().get_context_data(
            halfjaren=[
                {"label": p.label, "maanden": lijst}
                for p, lijst in sorted(halfjaren.items(), reverse=True)
            ],
            standaard_peildatum=cyclus.standaard_peildatum(),
            **kwargs,
        )


class MaandView(ScopedViewMixin, TemplateView):
    """One month: what is missing, the warnings, who closed it; the close and reopen forms."""

    schrijven = True
    template_name = "rapportage/maand.html"

    def maand(self):
        try:
            maand = parse_maand(self.kwargs["maand"])
        except ValueError:
            raise Http404("Onbekende maand.") from None
        if maand not in cyclus.maanden_in_systeem():
            raise Http404("Deze maand valt in geen halfjaar met een taakstelling.")
        return maand

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.context(self.maand()))

    def context(self, maand, **extra):
        return self.get_context_data(overzicht=maandoverzicht(maand), **extra)

    def post(self, request, *args, **kwargs):
        maand = self.maand()
        door = request.user.get_username()
        try:
            if request.POST.get("actie") == "heropenen":
                maand_heropenen(
                    maand=maand,
                    reden=request.POST.get("reden", ""),
                    door=door,
                    gebruiker=request.user,
                )
                messages.success(request, MELDING_HEROPEND.format(maand=maand_lang(maand)))
            else:
                maand_vaststellen(
                    maand=maand,
                    door=door,
                    gebruiker=request.user,
                    akkoord=set(request.POST.getlist("akkoord")),
                )
                messages.success(request, MELDING_VASTGESTELD.format(maand=maand_lang(maand)))
        except MaandcyclusFout as fout:
            return self.render_to_response(
                self.context(maand, fouten=str(fout).splitlines()), status=400
            )
        return HttpResponseRedirect(
            reverse("rapportage:maand", kwargs={"maand": maand.strftime("%Y-%m")})
        )
