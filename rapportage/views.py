import hashlib
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView, View

from opnieuwthuis import export, scoping
from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.cache import gecachet, gegevensversie
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.perioden import Periode, nodig_per_maand
from opnieuwthuis.scoping import ScopedViewMixin
from taakstelling.models import Gemeente, Provincie
from toezicht import selectors as toezicht_selectors

from . import grafieken, kaart, selectors
from .berekening import STATUS_LABELS, BerekeningFout, samenvatten_landelijk
from .filters import GemeenteFilterSet, gemeenten_met_inwoners
from .koppen import gemeente_koppen, kolomkoppen
from .tables import GemeenteTable, gemeente_url
from .uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, records


class StandMixin(ScopedViewMixin):
    """Views that show the calculation for a peildatum (``?peildatum=2017-02-01``, default the
    latest), restricted to the user's scope."""

    def get_versie(self) -> int:
        """The data version, read once per request (every cache key of the request uses it)."""
        if not hasattr(self, "_versie"):
            self._versie = gegevensversie()
        return self._versie

    def get_peildata(self) -> list[date]:
        return gecachet("peildata", selectors.beschikbare_peildata, versie=self.get_versie())

    def get_peildatum(self) -> date:
        tekst = self.request.GET.get("peildatum")
        if not tekst:
            peildata = self.get_peildata()
            if not peildata:
                raise Http404("Er zijn nog geen cijfers.")
            return peildata[-1]
        try:
            return parse_datum(tekst)
        except ValueError:
            raise Http404("Onbekende peildatum.") from None

    def get_stand(self):
        peildatum = self.get_peildatum()
        try:
            # With the version this request already has (stand_op would query it once more).
            stand = selectors.stand_op(peildatum, versie=self.get_versie())
        except BerekeningFout as fout:
            raise Http404(str(fout)) from None
        return scoping.beperk_stand(stand, self.request.user)


class OverzichtView(StandMixin, TemplateView):
    """Shared base of the dashboards, the list, the map and the municipality and province pages.

    The page's content (``inhoud_template``) is rendered once per data version, scope, peildatum and
    query string, and cached (opnieuwthuis.cache); a request then costs the login, one query for the
    data version and a cache read. The content is rendered without the request, so it holds
    nothing of the individual user (the menu and the logout form stay in ``base.html``).
    A subclass sets ``inhoud_template`` and implements ``get_inhoud(stand)`` (a dict with at least
    ``titel``); ``voorbereiden`` runs on every request (the 404 of an object outside the scope).
    """

    template_name = "rapportage/pagina.html"
    inhoud_template: str = ""
    # Query parameters that change what the page shows (the rest never reach the cache key).
    parameters: tuple[str, ...] = ("peildatum",)

    def voorbereiden(self, **kwargs) -> None:
        pass

    def cache_delen(self) -> list[str]:
        return []

    def querystring(self) -> dict[str, str]:
        """The page's own parameters as given, in a fixed order."""
        return {
            k: self.request.GET.get(k)
            for k in self.parameters
            if self.request.GET.get(k) not in (None, "")
        }

    def get(self, request, *args, **kwargs):
        self.peildatum = self.get_peildatum()
        self.voorbereiden(**kwargs)
        query = urlencode(sorted(self.querystring().items()))
        pagina = gecachet(
            f"pagina-{request.resolver_match.view_name}",
            self.maak_pagina,
            scoping.scope_sleutel(request.user),
            self.peildatum.isoformat(),
            *self.cache_delen(),
            hashlib.sha256(query.encode()).hexdigest()[:32],
            versie=self.get_versie(),
        )
        return self.render_to_response(
            self.get_context_data(titel=pagina["titel"], inhoud=mark_safe(pagina["inhoud"]))
        )

    def maak_pagina(self) -> dict:
        stand = self.get_stand()
        context = {
            "stand": stand,
            "peildata": self.get_peildata(),
            "pad": self.request.path,
            "scope": scoping.scope_omschrijving(self.request.user),
            "status_labels": STATUS_LABELS,
            "halfjaar": selectors.halfjaar(Periode.parse(stand.halfjaar)),
            **self.get_inhoud(stand),
        }
        return {
            "titel": context["titel"],
            "inhoud": render_to_string(self.inhoud_template, context),
        }

    def get_inhoud(self, stand) -> dict:
        raise NotImplementedError


def _status_telling(frame) -> list[dict]:
    aantallen = frame["status"].value_counts()
    return [
        {
            "code": code,
            "label": label,
            "aantal": int(aantallen.get(code, 0)),
            "vulling": kaart.VULLING[code],
        }
        for code, label in STATUS_LABELS.items()
    ]


def _maandgrafiek(reeks, *, src: str, gebied: str) -> dict:
    return {"src": src, "alt": grafieken.maandzin(reeks, gebied), "reeks": reeks}


class StartView(OverzichtView):
    """The national dashboard: the report's national figures, the months of the half-year against
    the pace needed, how many municipalities are on schedule, and a table per province."""

    inhoud_template = "rapportage/dashboard.html"
    parameters = ("peildatum", "sort")

    def get_inhoud(self, stand) -> dict:
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        reeks = grafieken.landelijke_reeks(
            stand, selectors.maandrealisatie(stand.peildatum, versie=self.get_versie())
        )
        provincies = records(stand.provincies, PROVINCIE_KOLOMMEN)
        for p in provincies:
            p["url"] = (
                reverse("rapportage:provincie", kwargs={"code": p["provinciecode"]})
                + f"?peildatum={stand.peildatum.isoformat()}"
            )
        tabel = None
        if not scoping.ziet_alles(self.request.user):  # their own municipalities, behind first
            tabel = GemeenteTable(
                records(stand.gemeenten, TABEL_KOLOMMEN),
                peildatum=stand.peildatum,
                koppen=gemeente_koppen(koppen),
                exclude=("inwoners", "provincie", "ladder"),
                order_by=self.request.GET.get("sort") or ("status",),
            )
        return {
            "titel": f"Stand op {datum_lang(stand.peildatum)}",
            "koppen": [koppen[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "landelijk": [stand.landelijk[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "provincies": provincies,
            "telling": _status_telling(stand.gemeenten),
            "grafiek": _maandgrafiek(
                reeks,
                src=reverse("rapportage:grafiek_landelijk")
                + f"?peildatum={stand.peildatum.isoformat()}",
                gebied="Nederland",
            ),
            "benodigd_per_maand": nodig_per_maand(stand.landelijk["te_huisvesten"]),
            "tabel_koppen": tabel.koppen({"peildatum": stand.peildatum.isoformat()})
            if tabel
            else [],
            "tabel_rijen": tabel.lean_rijen() if tabel else [],
        }


# The records a municipality table needs from the stand.
TABEL_KOLOMMEN = ["gemeente_id", *GEMEENTE_KOLOMMEN]


def gemeente_rijen(stand, inwoners: dict[int, int | None]) -> list[dict]:
    """The stand's records of the municipalities in ``inwoners`` (id -> population), each with
    its step on the province's intervention ladder (one query for all)."""
    frame = stand.gemeenten[stand.gemeenten["gemeente_id"].isin(list(inwoners))]
    rijen = records(frame, TABEL_KOLOMMEN)
    ladder = toezicht_selectors.posities()
    for rij in rijen:
        rij["inwoners"] = inwoners[rij["gemeente_id"]]
        positie = ladder.get(rij["gemeente_id"])
        rij["ladder"] = positie.label if positie else ""
        rij["ladder_volgorde"] = -positie.trede if positie else 0  # highest step first
    return rijen


class StandLijstView(OverzichtView):
    """A declarative list over the stand (NetBox's ObjectListView): a subclass names its
    ``filterset_class`` and ``table_class``; filtering, sorting, caching and the CSV and XLSX
    downloads (``?export=csv``/``xlsx``, the filtered rows with every column) live here once."""

    filterset_class = None
    table_class = GemeenteTable
    table_exclude: tuple[str, ...] = ()
    standaard_sortering: tuple[str, ...] = ()
    export_naam = "gemeenten"

    def get_queryset(self):
        return gemeenten_met_inwoners(self.request.user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx"):
            return self.export(request.GET["export"], **kwargs)
        return super().get(request, *args, **kwargs)

    @property
    def parameters(self):
        return (
            "peildatum",
            "sort",
            *(self.filterset_class.base_filters if self.filterset_class else ()),
        )

    def maak_tabel(self, stand, *, alle_kolommen=False):
        queryset = self.get_queryset()
        filterset = None
        if self.filterset_class:
            filterset = self.filterset_class(
                self.request.GET, queryset=queryset, stand=stand, user=self.request.user
            )
            queryset = filterset.qs if filterset.is_valid() else queryset.none()
        rijen = gemeente_rijen(stand, dict(queryset.values_list("id", "inwoners")))
        tabel = self.table_class(
            rijen,
            koppen=gemeente_koppen(kolomkoppen(stand.peildatum, stand.halfjaar)),
            peildatum=stand.peildatum,
            exclude=self.table_exclude,
            alle_kolommen=alle_kolommen,
            order_by=self.request.GET.get("sort") or self.standaard_sortering,
        )
        return filterset, tabel

    def get_inhoud(self, stand) -> dict:
        filterset, tabel = self.maak_tabel(stand)
        querystring = self.querystring()
        zonder_sortering = {k: v for k, v in querystring.items() if k != "sort"}
        return {
            "filterset": filterset,
            "tabel_koppen": tabel.koppen(zonder_sortering),
            "tabel_rijen": tabel.lean_rijen(),
            "aantal": len(tabel.data),
            "export_csv": "?" + urlencode({**querystring, "export": "csv"}),
            "export_xlsx": "?" + urlencode({**querystring, "export": "xlsx"}),
            **self.get_lijst_inhoud(stand, tabel),
        }

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        return {}

    def export(self, soort: str, **kwargs):
        self.peildatum = self.get_peildatum()
        self.voorbereiden(**kwargs)
        stand = self.get_stand()
        _filterset, tabel = self.maak_tabel(stand, alle_kolommen=True)
        naam = f"{self.export_naam}-{stand.peildatum.isoformat()}.{soort}"
        koppen, rijen = tabel.export_koppen(), tabel.export_rijen()
        if soort == "csv":
            return export.download(export.csv_bytes(koppen, rijen), bestandsnaam=naam, soort="csv")
        return export.download(
            export.xlsx_bytes(koppen, rijen, blad="gemeenten"), bestandsnaam=naam, soort="xlsx"
        )


class GemeenteListView(StandLijstView):
    """All municipalities the user may see, filtered, sorted, downloadable."""

    inhoud_template = "rapportage/gemeente_list.html"
    filterset_class = GemeenteFilterSet

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        return {"titel": f"Gemeenten op {datum_lang(stand.peildatum)}"}


class ProvincieView(StandLijstView):
    """A province: its totals and its municipalities, those behind first (the supervisor's view)."""

    inhoud_template = "rapportage/provincie.html"
    table_exclude = ("provincie",)
    standaard_sortering = ("status",)
    export_naam = "provincie"

    def voorbereiden(self, **kwargs) -> None:
        # Only a province the user has municipalities in; any other is a 404.
        zichtbaar = Provincie.objects.restrict(self.request.user).distinct()
        self.provincie = get_object_or_404(zichtbaar, code=kwargs["code"])
        self.export_naam = f"provincie-{self.provincie.code}"

    def cache_delen(self) -> list[str]:
        return [self.provincie.code]

    def get_queryset(self):
        return super().get_queryset().filter(provincie=self.provincie)

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        frame = stand.gemeenten[stand.gemeenten["provinciecode"] == self.provincie.code]
        totaal = samenvatten_landelijk(frame)
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        return {
            "titel": f"{self.provincie.naam} op {datum_lang(stand.peildatum)}",
            "provincie": self.provincie,
            "koppen": [koppen[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "totaal": [totaal[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "telling": _status_telling(frame),
            "lijst_url": reverse("rapportage:gemeente_list")
            + "?"
            + urlencode(
                {"peildatum": stand.peildatum.isoformat(), "provincie": self.provincie.code}
            ),
        }


class KaartView(StandLijstView):
    """The map of the municipalities coloured by status; the table below is its text alternative."""

    inhoud_template = "rapportage/kaart.html"
    table_exclude = (
        "inwoners",
        "gemeentecode",
        "beginstand",
        "taakstelling",
        "nodig_per_maand",
        "ladder",
    )

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        voorgangers = selectors.kaart_voorgangers(versie=self.get_versie())
        rijen = list(tabel.data)
        urls = {r["gemeentecode"]: gemeente_url(r["gemeentecode"], stand.peildatum) for r in rijen}
        return {
            "titel": f"Kaart op {datum_lang(stand.peildatum)}",
            "kaart": mark_safe(kaart.teken_kaart(rijen, url=urls, voorgangers=voorgangers)),
            "telling": _status_telling(stand.gemeenten),
            "zonder_vorm": kaart.gemeenten_zonder_vorm(rijen, voorgangers),
            "bron": kaart.BRON,
        }


class GemeenteView(OverzichtView):
    """Everything about one municipality: the whole view of its official."""

    inhoud_template = "rapportage/gemeente.html"

    def voorbereiden(self, **kwargs) -> None:
        self.gemeente = get_object_or_404(
            Gemeente.objects.restrict(self.request.user).select_related("provincie"),
            code=kwargs["code"],
        )

    def cache_delen(self) -> list[str]:
        return [self.gemeente.code]

    def get_inhoud(self, stand) -> dict:
        gemeente = self.gemeente
        rij = next(
            iter(
                records(
                    stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id], TABEL_KOLOMMEN
                )
            ),
            None,
        )
        verloop = records(
            stand.verloop[stand.verloop["gemeente_id"] == gemeente.id],
            [
                "halfjaar",
                "beginstand",
                "taakstelling",
                "te_huisvesten",
                "realisatie",
                "eindstand",
                "afgesloten",
                "gehaald",
            ],
        )
        if rij:
            rij["status_label"] = STATUS_LABELS.get(rij["status"], rij["status"])
        inhoud = {
            "titel": f"{gemeente.naam} op {datum_lang(stand.peildatum)}",
            "gemeente": gemeente,
            "rij": rij,
            "verloop": verloop,
            "voorgangers": selectors.kaart_voorgangers(versie=self.get_versie()).get(
                gemeente.code, []
            ),
            "provincie_url": reverse(
                "rapportage:provincie", kwargs={"code": gemeente.provincie.code}
            )
            + f"?peildatum={stand.peildatum.isoformat()}",
            "mag_provincie_zien": scoping.reikwijdte(self.request.user).soort != scoping.GEMEENTE,
            "ladder": toezicht_selectors.positie(gemeente),
            "toezicht_url": reverse("toezicht:gemeente", kwargs={"code": gemeente.code}),
        }
        if rij:
            per_maand = selectors.maandrealisatie(
                stand.peildatum, gemeente.id, versie=self.get_versie()
            )
            reeks = grafieken.gemeente_reeks(stand, rij, per_maand)
            inhoud["grafiek"] = _maandgrafiek(
                reeks,
                src=reverse("rapportage:grafiek_gemeente", kwargs={"code": gemeente.code})
                + f"?peildatum={stand.peildatum.isoformat()}",
                gebied=gemeente.naam,
            )
            inhoud["resterende_maanden"] = [m for m in reeks if m.nog_nodig is not None]
        return inhoud


class GrafiekView(StandMixin, View):
    """A chart as SVG, cached until a figure changes."""

    def get(self, request, *args, **kwargs):
        svg = self.get_svg(self.get_stand(), **kwargs)
        antwoord = HttpResponse(svg, content_type="image/svg+xml")
        antwoord["Cache-Control"] = "private, max-age=60"
        return antwoord


class LandelijkeGrafiekView(GrafiekView):
    def get_svg(self, stand, **kwargs) -> bytes:
        versie = self.get_versie()
        per_maand = selectors.maandrealisatie(stand.peildatum, versie=versie)
        return grafieken.landelijke_grafiek(stand, per_maand, versie=versie)


class GemeenteGrafiekView(GrafiekView):
    def get_svg(self, stand, **kwargs) -> bytes:
        gemeente = get_object_or_404(
            Gemeente.objects.restrict(self.request.user), code=kwargs["code"]
        )
        rijen = records(
            stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id], TABEL_KOLOMMEN
        )
        if not rijen:
            raise Http404("Deze gemeente heeft geen taakstelling in dit halfjaar.")
        versie = self.get_versie()
        per_maand = selectors.maandrealisatie(stand.peildatum, gemeente.id, versie=versie)
        return grafieken.gemeente_grafiek(stand, rijen[0], per_maand, versie=versie)
