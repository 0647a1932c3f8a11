import json
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from opnieuwthuis.bestanden import (
    FOUT_TE_GROOT,
    MAX_BESTANDSGROOTTE,
    Bladkeuze,
    Fout,
    ImportFouten,
    parse_maand,
)
from opnieuwthuis.html import opmaak, samen
from opnieuwthuis.nederlands import getal
from opnieuwthuis.perioden import Periode
from opnieuwthuis.scoping import ScopedViewMixin
from taakstelling.models import Gemeente

from . import maandcyclus, selectors
from .choices import Uploadstatus
from .forms import MaandcijferForm, OpvangstandForm, UploadForm
from .services import (
    WAARDEVELDEN,
    Conflicten,
    Invoer,
    UploadFout,
    UploadVerouderd,
    huisvestingen_invoeren,
    opvangstand_vastleggen,
    upload_plan,
    upload_terugdraaien,
    upload_toepassen,
    upload_voorbereiden,
    voorbeeld_kenmerk,
)

KOLOMLABELS = ["Personen", "Alleenstaanden", "Gezinsleden", "Nareizigers"]
MELDING_OPGESLAGEN = "Opgeslagen: {resultaat}."
MELDING_NIETS_GEWIJZIGD = "Er was niets gewijzigd; er is niets opgeslagen."
MELDING_TOEGEPAST = "Upload {nummer} is toegepast: {resultaat}."
MELDING_TERUGGEDRAAID = "Upload {nummer} is teruggedraaid: de cijfers zijn weer als ervoor."
MELDING_OPVANG = "De opvangstand op {datum} is opgeslagen."


def _rij_html(rij: dict, url_patroon: str) -> str:
    """One municipality's row of the grid as HTML, built with ``opnieuwthuis.html`` rather than
    in the template: a grid of 390 municipalities has 3.500 inputs, and Django's widget and
    template rendering would make the page take seconds (``make bench``, "HTML-rijen"). It shows
    what Django's widgets would show: the typed text of a bound form, else the stored figure in
    Dutch notation, and the hidden initial values that ``show_hidden_initial`` compares against.

    For static/realisatie/invoer.js: the row carries the stand before the month and its warning
    thresholds; the breakdown cells are marked so they can be folded away (one tab stop a row);
    the last cell says, before saving, what is wrong or unusual about the typed figure."""
    g, form = rij["gemeente"], rij["form"]
    prefix = f"g{g.id}"
    fouten = form.errors if form is not None else {}
    cellen = [
        opmaak(
            '<th scope="row"><a href="{}" tabindex="-1">{}</a>{}</th>',
            url_patroon.replace("GM0000", g.code),
            g.naam,
            opmaak(' <span class="niet-ingevoerd">niet ingevoerd</span>')
            if rij["initial"]["personen"] is None
            else "",
        ),
        *(opmaak("<td>{}</td>", getal(a)) for a in rij["vorige"]),
        opmaak("<td>{}</td>", getal(rij["stand_voor"])),
    ]
    for naam, label in zip(WAARDEVELDEN, KOLOMLABELS):
        html_naam = f"{prefix}-{naam}"
        veld_id = f"id_{html_naam}"
        if form is not None:
            waarde = form.data.get(html_naam, "")
            initieel = form.data.get(f"initial-{html_naam}", "")
        else:
            waarde = initieel = getal(rij["initial"][naam], leeg="")
        meldingen = fouten.get(naam, [])
        beschreven = [f"{veld_id}-fout"] if meldingen else []
        if naam == "personen":
            beschreven.append(f"melding-{g.code}")
        cellen.append(
            opmaak(
                '<td{klasse}><label class="visueel-verborgen" for="{id}">{label} {gemeente}'
                '</label><input type="text" name="{naam}" value="{waarde}" id="{id}"'
                ' inputmode="numeric" autocomplete="off" data-kolom="{kolom}"{beschreven}{fout}>'
                '<input type="hidden" name="initial-{naam}" value="{initieel}">{meldingen}</td>',
                klasse="" if naam == "personen" else opmaak(' class="uitsplitsing"'),
                id=veld_id,
                label=label,
                gemeente=g.naam,
                naam=html_naam,
                waarde=waarde,
                kolom=naam,
                beschreven=opmaak(' aria-describedby="{}"', " ".join(beschreven))
                if beschreven
                else "",
                fout=opmaak(' aria-invalid="true"') if meldingen else "",
                initieel=initieel,
                meldingen=samen(
                    opmaak('<span class="veldfout" id="{}-fout">{}</span>', veld_id, str(m))
                    for m in meldingen
                ),
            )
        )
    versie = form.data.get(f"{prefix}-versie", "") if form is not None else rij["initial"]["versie"]
    waarschuwingen = " ".join(rij.get("waarschuwingen", ()))
    cellen.append(
        opmaak(
            '<td id="stand-{code}">{stand}<input type="hidden" name="{prefix}-versie"'
            ' value="{versie}"></td><td class="rijmelding" id="melding-{code}"'
            ' data-server="{meldingen}">{meldingen}</td>',
            code=g.code,
            stand=getal(rij["stand_na"]),
            prefix=prefix,
            versie=versie,
            meldingen=waarschuwingen,
        )
    )
    return opmaak(
        '<tr data-gemeente="{}"{}{}>{}</tr>\n',
        g.code,
        "" if rij["stand_voor"] is None else opmaak(' data-stand="{}"', int(rij["stand_voor"])),
        # [[threshold, Dutch text], ...]: a typed figure above a threshold gets its text.
        opmaak(' data-grenzen="{}"', json.dumps(rij["grenzen"])) if rij.get("grenzen") else "",
        samen(cellen),
    )


def _anders_dan_getoond(data, prefix: str) -> bool:
    return any(
        data.get(f"{prefix}-{k}", "") != data.get(f"initial-{prefix}-{k}", "") for k in WAARDEVELDEN
    )


def _vorige_maanden(maand: date) -> list[date]:
    """The earlier months of the half-year that ``maand`` is in."""
    return [m for m in Periode.van_datum(maand).maanden if m < maand]


class MaandInvoerView(ScopedViewMixin, TemplateView):
    """The entry screen: one month, one province (or all), a row per municipality."""

    schrijven = True
    template_name = "realisatie/huisvesting_edit.html"

    def keuze(self, bron) -> tuple[date, str]:
        alle = selectors.maanden()
        if not alle:
            raise Http404("Er zijn nog geen halfjaren.")
        try:
            maand = parse_maand(bron["maand"]) if bron.get("maand") else None
        except ValueError:
            maand = None
        if maand not in alle:
            maand = selectors.standaard_maand()
        provinciecode = bron.get("provincie", "")
        if provinciecode and not selectors.provincie_bestaat(provinciecode):
            provinciecode = ""
        return maand, provinciecode

    def rijen(self, maand: date, provinciecode: str, data=None):
        gemeenten = selectors.gemeenten_in_maand(
            maand, provinciecode=provinciecode, user=self.request.user
        )
        vorige = _vorige_maanden(maand)
        cijfers = selectors.huisvestingen_per_gemeente([*vorige, maand])
        voor_maand = selectors.standen_voor(maand)
        drempels = selectors.grenzen(maand)
        per_gemeente: dict[int, list[str]] = {}
        for w in selectors.waarschuwingen([maand]):
            if w.gemeente_id is not None:
                per_gemeente.setdefault(w.gemeente_id, []).append(w.tekst)
        rijen = []
        for g in gemeenten:
            huidig = cijfers.get((g.id, maand))
            initial = {k: getattr(huidig, k) if huidig else None for k in WAARDEVELDEN}
            initial["versie"] = huidig.versie if huidig else 0
            form = None
            if data is not None and _anders_dan_getoond(data, f"g{g.id}"):
                # Only rows the user typed in get a form: 390 bound forms cost ~1 s, and a row
                # whose text is what the screen showed needs no check and is not saved.
                form = MaandcijferForm(data, prefix=f"g{g.id}", initial=initial)
            stand_voor = voor_maand.get(g.id)
            rijen.append(
                {
                    "gemeente": g,
                    "form": form,
                    "initial": initial,
                    "html": None,
                    "vorige": [
                        cijfers[(g.id, m)].personen if (g.id, m) in cijfers else None
                        for m in vorige
                    ],
                    "grenzen": drempels.get(g.id, []),
                    "waarschuwingen": per_gemeente.get(g.id, []),
                    "stand_voor": None if stand_voor is None else int(stand_voor),
                    "stand_na": (
                        None
                        if stand_voor is None
                        else int(stand_voor) - (huidig.personen if huidig else 0)
                    ),
                }
            )
        return rijen

    def get(self, request, *args, **kwargs):
        maand, provinciecode = self.keuze(request.GET)
        return self.render_to_response(
            self.context(maand, provinciecode, self.rijen(maand, provinciecode))
        )

    def post(self, request, *args, **kwargs):
        maand, provinciecode = self.keuze(request.POST)
        rijen = self.rijen(maand, provinciecode, request.POST)
        fouten = []
        for rij in rijen:
            form = rij["form"]
            if form is not None and not form.is_valid():
                form.markeer_fouten()
                for naam, lijst in form.errors.items():
                    veld = form[naam] if naam in form.fields else form["personen"]
                    fouten.extend(
                        {
                            "id": veld.auto_id,
                            "wat": f"{rij['gemeente'].naam}, {veld.label}",
                            "melding": m,
                        }
                        for m in lijst
                    )
        if fouten:
            return self.render_to_response(
                self.context(maand, provinciecode, rijen, fouten=fouten), status=400
            )
        invoer = [
            Invoer(
                gemeente=rij["gemeente"],
                maand=maand,
                waarden=rij["form"].waarden,
                versie=rij["form"].cleaned_data["versie"],
            )
            for rij in rijen
            if rij["form"] is not None and rij["form"].gewijzigd
        ]
        if not invoer:
            messages.info(request, MELDING_NIETS_GEWIJZIGD)
            return HttpResponseRedirect(self.url(maand, provinciecode))
        try:
            resultaat = huisvestingen_invoeren(
                invoer=invoer, gebruiker=request.user, reden=request.POST.get("reden", "")
            )
        except Conflicten as botsing:
            return self.conflict(maand, provinciecode, botsing)
        except ImportFouten as geweigerd:
            fouten = [
                {
                    "id": "reden" if f.kolom == "maand" else "kop-invoer",
                    "wat": "Invoer",
                    "melding": f.melding,
                }
                for f in geweigerd.fouten
            ]
            return self.render_to_response(
                self.context(maand, provinciecode, rijen, fouten=fouten), status=400
            )
        messages.success(request, MELDING_OPGESLAGEN.format(resultaat=resultaat))
        return HttpResponseRedirect(self.url(maand, provinciecode))

    def conflict(self, maand, provinciecode, botsing: Conflicten):
        """Show the screen again with the stored value (and its version) in each conflicting row,
        the user's other typing intact, and every conflict at the top."""
        data = self.request.POST.copy()
        fouten = []
        for c in botsing.conflicten:
            prefix = f"g{c.gemeente.id}"
            opgeslagen = c.opgeslagen_waarden or (None, None, None, None)
            for naam, waarde in zip(WAARDEVELDEN, opgeslagen):
                tekst = getal(waarde, leeg="")
                data[f"{prefix}-{naam}"] = tekst
                data[f"initial-{prefix}-{naam}"] = tekst
            data[f"{prefix}-versie"] = str(c.opgeslagen_versie)
            fouten.append(
                {"id": f"id_{prefix}-personen", "wat": c.gemeente.naam, "melding": str(c)}
            )
        rijen = self.rijen(maand, provinciecode, data)
        for rij in rijen:
            if rij["form"] is not None:
                rij["form"].is_valid()
        return self.render_to_response(
            self.context(maand, provinciecode, rijen, fouten=fouten, conflict=True), status=409
        )

    def url(self, maand: date, provinciecode: str) -> str:
        query = {"maand": maand.strftime("%Y-%m")}
        if provinciecode:
            query["provincie"] = provinciecode
        return f"{reverse('realisatie:huisvesting_edit')}?{urlencode(query)}"

    def context(self, maand, provinciecode, rijen, *, fouten=(), conflict=False):
        url_patroon = reverse("realisatie:gemeente_history", args=["GM0000"])
        for rij in rijen:
            rij["html"] = _rij_html(rij, url_patroon)
        bron = self.request.POST if self.request.method == "POST" else self.request.GET
        met_cijfer = [r for r in rijen if r["initial"]["personen"] is not None]
        telling = maandcyclus.volledigheid([maand])[maand]
        return self.get_context_data(
            telling=telling,
            waarschuwingen=selectors.waarschuwingen([maand]),
            reden=self.request.POST.get("reden", "") if self.request.method == "POST" else "",
            uitsplitsing_open=bool(fouten) or bron.get("uitsplitsing") == "1",
            samenvatting={
                "ingevuld": len(met_cijfer),
                "gemeenten": len(rijen),
                "personen": getal(sum(r["initial"]["personen"] for r in met_cijfer)),
                "stand": getal(sum(r["stand_na"] for r in rijen if r["stand_na"] is not None)),
            },
            maand=maand,
            maand_waarde=maand.strftime("%Y-%m"),
            maanden=[(m.strftime("%Y-%m"), m) for m in selectors.maanden()],
            provinciecode=provinciecode,
            provincies=selectors.provincies(),
            vorige_maanden=_vorige_maanden(maand),
            rijen=rijen,
            fouten=fouten,
            conflict=conflict,
        )


class UploadListView(ScopedViewMixin, ListView):
    """The upload log."""

    schrijven = True
    template_name = "realisatie/upload_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.uploads()


class UploadToevoegenView(ScopedViewMixin, TemplateView):
    schrijven = True
    template_name = "realisatie/upload_add.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        fouten: list[Fout] = []
        totaal = 0
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            if bestand.size > MAX_BESTANDSGROOTTE:
                fouten = [Fout(None, None, FOUT_TE_GROOT)]
            else:
                try:
                    upload, _plan = upload_voorbereiden(
                        bestandsnaam=bestand.name,
                        inhoud=bestand.read(MAX_BESTANDSGROOTTE + 1),
                        gebruiker=request.user,
                        blad=form.cleaned_data["blad"],
                    )
                except Bladkeuze as fout:
                    fouten, totaal = fout.fouten, fout.totaal
                    form.bladen_kiezen(fout.bladen)
                except ImportFouten as fout:
                    fouten, totaal = fout.fouten, fout.totaal
                else:
                    return redirect("realisatie:upload", pk=upload.pk)
        form.markeer_fouten()
        return self.render_to_response(
            self.get_context_data(
                form=form,
                fouten=fouten,
                totaal=totaal or len(fouten),
                meer=max(0, totaal - len(fouten)),
                bestandsnaam=_naam(request),
            ),
            status=400,
        )


def _na_toepassen(plan) -> list:
    """Completeness of each month in the file as it would be after applying it."""
    maanden = sorted({r.maand for r in plan.regels})
    telling = maandcyclus.volledigheid(maanden)
    uit = []
    for m in maanden:
        t = telling[m]
        in_bestand = {r.gemeente.code for r in plan.regels if r.maand == m}
        ontbrekend = [(c, n) for c, n in t.ontbrekend if c not in in_bestand]
        uit.append(
            maandcyclus.Volledigheid(
                maand=m,
                status=t.status,
                verwacht=t.verwacht,
                ingevoerd=t.verwacht - len(ontbrekend),
                ontbrekend=ontbrekend,
            )
        )
    return uit


def _naam(request) -> str:
    bestand = request.FILES.get("bestand")
    return bestand.name if bestand else ""


class UploadDetailView(ScopedViewMixin, DetailView):
    """An upload: its preview (per row new, changed or unchanged) or what it did."""

    schrijven = True
    template_name = "realisatie/upload.html"

    def get_queryset(self):
        return selectors.upload_met_inhoud()

    def get_context_data(self, **kwargs):
        upload = self.object
        plan, fout = None, None
        if upload.status == Uploadstatus.VOORBEELD:
            try:
                plan = upload_plan(upload=upload)
            except (UploadFout, ImportFouten) as e:
                fout = str(e)
        eerder = selectors.eerder_toegepast(upload)
        maanden, waarschuwingen = [], []
        if plan is not None and plan.regels:
            maanden = _na_toepassen(plan)
            waarschuwingen = selectors.waarschuwingen(
                [m.maand for m in maanden],
                nieuw={(r.gemeente.id, r.maand): r.personen for r in plan.regels},
            )
        return super().get_context_data(
            plan=plan,
            maanden=maanden,
            waarschuwingen=waarschuwingen,
            bestand=plan.bestand if plan else None,
            kenmerk=voorbeeld_kenmerk(upload),
            fout=fout,
            eerder=list(eerder),
            **kwargs,
        )


class UploadActieView(ScopedViewMixin, View):
    """POST only: confirm or roll back an upload, then back to its page."""

    schrijven = True
    actie = "toepassen"

    def post(self, request, pk):
        upload = get_object_or_404(selectors.uploads(), pk=pk)
        try:
            reden = request.POST.get("reden", "")
            if self.actie == "toepassen":
                resultaat = upload_toepassen(
                    upload=upload,
                    gebruiker=request.user,
                    kenmerk=request.POST.get("kenmerk"),
                    correctiereden=reden,
                )
                messages.success(
                    request, MELDING_TOEGEPAST.format(nummer=upload.pk, resultaat=resultaat)
                )
            else:
                upload_terugdraaien(upload=upload, gebruiker=request.user, correctiereden=reden)
                messages.success(request, MELDING_TERUGGEDRAAID.format(nummer=upload.pk))
        except UploadVerouderd as fout:  # the preview was refreshed under the upload's lock
            messages.warning(request, str(fout))
        except (UploadFout, ImportFouten) as fout:
            for regel in str(fout).splitlines():
                messages.error(request, regel)
        return redirect("realisatie:upload", pk=upload.pk)


class OpvangstandView(ScopedViewMixin, TemplateView):
    """Reception figures: the list and a small form to add or correct one."""

    schrijven = True
    template_name = "realisatie/opvangstand_list.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.context(OpvangstandForm()))

    def post(self, request, *args, **kwargs):
        form = OpvangstandForm(request.POST)
        if not form.is_valid():
            form.markeer_fouten()
            return self.render_to_response(self.context(form), status=400)
        stand = opvangstand_vastleggen(**form.cleaned_data, gebruiker=request.user)
        d = stand.peildatum
        messages.success(request, MELDING_OPVANG.format(datum=f"{d.day}-{d.month}-{d.year}"))
        return redirect("realisatie:opvangstand_list")

    def context(self, form):
        fouten = [
            {"id": form[naam].auto_id, "wat": form[naam].label, "melding": m}
            for naam, lijst in form.errors.items()
            if naam in form.fields
            for m in lijst
        ]
        return self.get_context_data(
            form=form, fouten=fouten, opvangstanden=selectors.opvangstanden()
        )


class GemeenteGeschiedenisView(ScopedViewMixin, DetailView):
    """Every change of a municipality's figures; readable by whoever may see the municipality."""

    model = Gemeente
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "realisatie/gemeente_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            wijzigingen=selectors.geschiedenis_van_gemeente(self.object), **kwargs
        )


class WijzigingListView(ScopedViewMixin, TemplateView):
    """The latest changes of every figure, for platform staff."""

    schrijven = True
    template_name = "realisatie/wijziging_list.html"
    limiet = 200

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            wijzigingen=selectors.recente_wijzigingen(self.limiet), limiet=self.limiet, **kwargs
        )
