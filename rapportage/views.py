import hashlib
from datetime import date

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView, View

from opnieuwthuis import export, scoping
from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.cache import gecachet, gegevensversie
from opnieuwthuis.fouten import Melding404
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.perioden import Periode, nodig_per_maand
from opnieuwthuis.scoping import ScopedViewMixin, ziet_voorlopig
from realisatie import maandcyclus
from taakstelling import selectors as taakstelling_selectors
from toezicht import selectors as toezicht_selectors

from . import grafieken, kaart, selectors
from .berekening import STATUS_LABELS, BerekeningFout, samenvatten_landelijk, schema_lijn
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
        """The peildata offered in the selector: final ones, for platform staff also provisional
        ones; always with the one asked for, so the selector shows what was asked."""
        if ziet_voorlopig(self.request.user):
            peildata = gecachet(
                "peildata", selectors.beschikbare_peildata, versie=self.get_versie()
            )
        else:
            peildata = gecachet(
                "peildata-definitief", maandcyclus.definitieve_peildata, versie=self.get_versie()
            )
        peildatum = getattr(self, "peildatum", None)
        if peildatum is not None and peildatum not in peildata:
            peildata = sorted([*peildata, peildatum])
        return peildata

    def get_peildatum(self) -> date:
        """The peildatum asked for, never silently another; without one the day after the latest
        closed month. A peildatum that is not final (a month before it is still open) is for
        platform staff only, marked provisional; anyone else is told which month is open."""
        if hasattr(self, "_peildatum"):
            return self._peildatum
        tekst = self.request.GET.get("peildatum")
        if not tekst:
            peildatum = gecachet(
                "standaard-peildatum", maandcyclus.standaard_peildatum, versie=self.get_versie()
            )
            if peildatum is None:
                raise Melding404("Er zijn nog geen cijfers.")
        else:
            try:
                peildatum = parse_datum(tekst)
            except ValueError:
                raise Melding404(
                    f"'{tekst[:20]}' is geen peildatum (schrijf 2017-02-01)."
                ) from None
        status = self.get_peildatumstatus(peildatum)
        if status.voorlopig and not ziet_voorlopig(self.request.user):
            raise Melding404(
                maandcyclus.niet_definitief_melding(
                    peildatum, [m.maand for m in status.open_maanden]
                )
            )
        self._peildatum = peildatum
        return peildatum

    def get_peildatumstatus(self, peildatum: date):
        return gecachet(
            "peildatumstatus",
            lambda: maandcyclus.peildatumstatus(peildatum),
            peildatum.isoformat(),
            versie=self.get_versie(),
        )

    def get_context_data(self, **kwargs):
        """Every page of a peildatum says when it is provisional, and which figures of closed
        months were corrected since (they changed what was final)."""
        context = super().get_context_data(**kwargs)
        peildatum = getattr(self, "_peildatum", None)
        if peildatum is not None:
            context["peildatumstatus"] = self.get_peildatumstatus(peildatum)
            context["correcties"] = gecachet(
                "correcties",
                lambda: maandcyclus.correcties_voor(peildatum),
                peildatum.isoformat(),
                versie=self.get_versie(),
            )
        return context

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


def startpagina(user) -> str:
    """Where a role's work is: an official's own municipality, a supervisor's province, the
    national overview for everyone who sees the whole country (or nothing in particular)."""
    soort = scoping.reikwijdte(user).soort
    if soort == scoping.GEMEENTE:
        return reverse("rapportage:gemeente", kwargs={"code": user.gemeente.code})
    if soort == scoping.PROVINCIE:
        return reverse("rapportage:provincie", kwargs={"code": user.provincie.code})
    return reverse("rapportage:start")


class ThuisView(ScopedViewMixin, View):
    """``/`` and the page after login: each role lands where its work is. A peildatum in the
    address goes along, so a link to ``/?peildatum=…`` means the same date on every landing page."""

    def get(self, request, *args, **kwargs):
        doel = startpagina(request.user)
        if request.GET.get("peildatum"):
            doel += "?" + urlencode({"peildatum": request.GET["peildatum"]})
        return HttpResponseRedirect(doel)


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
        # A provisional peildatum (platform staff only) says so in the file's name.
        voorlopig = "-voorlopig" if self.get_peildatumstatus(stand.peildatum).voorlopig else ""
        naam = f"{self.export_naam}-{stand.peildatum.isoformat()}{voorlopig}.{soort}"
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
        self.provincie = get_object_or_404(
            taakstelling_selectors.zichtbare_provincies(self.request.user), code=kwargs["code"]
        )
        self.export_naam = f"provincie-{self.provincie.code}"

    def cache_delen(self) -> list[str]:
        return [self.provincie.code]

    def get_queryset(self):
        return super().get_queryset().filter(provincie=self.provincie)

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        frame = stand.gemeenten[stand.gemeenten["provinciecode"] == self.provincie.code]
        totaal = samenvatten_landelijk(frame)
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        rijen = list(tabel.data)
        return {
            **kaart_inhoud(
                stand,
                rijen,
                gebied=[r["gemeentecode"] for r in rijen],
                url_voor=lambda code: gemeente_url(code, stand.peildatum),
            ),
            "geen_label": f"Buiten {self.provincie.naam}",
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


def kaart_inhoud(stand, rijen: list[dict], *, gebied, url_voor) -> dict:
    """The map of some municipalities, framed on ``gebied`` (codes, or None for the whole country),
    with its legend (the Opnieuw Thuis map's three states, counted over ``rijen``)."""
    voorgangers = selectors.kaart_voorgangers()
    urls = {r["gemeentecode"]: url_voor(r["gemeentecode"]) for r in rijen}
    aantallen = {}
    for rij in rijen:
        aantallen[rij["status"]] = aantallen.get(rij["status"], 0) + 1
    return {
        "kaart": kaart.teken_kaart(rijen, url=urls, voorgangers=voorgangers, gebied=gebied),
        "legenda": [
            {
                "label": label,
                "aantal": aantallen.get(code, 0),
                "staal": kaart.legenda_staal(code),
            }
            for code, label in kaart.LEGENDA.items()
        ],
        "legenda_geen": kaart.legenda_staal(),
        "zonder_vorm": kaart.gemeenten_zonder_vorm(rijen, voorgangers),
        "bron": kaart.BRON,
    }


def kaart_gebied(stand, provinciecode: str | None, heel_land: bool) -> list[str] | None:
    """What the map is framed on: the province asked for, else the user's own municipalities
    (a supervisor's province, large), else (everything visible) the whole country."""
    frame = stand.gemeenten
    if provinciecode and provinciecode in set(frame["provinciecode"]):
        return list(frame.loc[frame["provinciecode"] == provinciecode, "gemeentecode"])
    return None if heel_land else list(frame["gemeentecode"])


class KaartView(StandLijstView):
    """The map of the municipalities coloured by status, a panel with the figures of the one
    pointed at or focused, zoom to a province; the table below is its text alternative."""

    inhoud_template = "rapportage/kaart.html"
    filterset_class = GemeenteFilterSet
    table_exclude = (
        "inwoners",
        "gemeentecode",
        "beginstand",
        "taakstelling",
        "nodig_per_maand",
        "ladder",
    )

    def get_lijst_inhoud(self, stand, tabel) -> dict:
        rijen = list(tabel.data)
        provinciecode = self.request.GET.get("provincie") or None
        heel_land = scoping.ziet_alles(self.request.user)
        peildatum = stand.peildatum.isoformat()
        return {
            "titel": f"Kaart op {datum_lang(stand.peildatum)}",
            **kaart_inhoud(
                stand,
                rijen,
                gebied=kaart_gebied(stand, provinciecode, heel_land),
                url_voor=lambda code: gemeente_url(code, stand.peildatum),
            ),
            "ingezoomd": kaart_gebied(stand, provinciecode, True) is not None,
            "zoom": [
                {
                    "naam": p["provincie"],
                    "code": p["provinciecode"],
                    "url": "?"
                    + urlencode({"peildatum": peildatum, "provincie": p["provinciecode"]}),
                }
                for p in records(stand.provincies, ["provinciecode", "provincie"])
            ]
            if heel_land
            else [],
            "heel_land_url": "?" + urlencode({"peildatum": peildatum}),
        }


def gemeente_antwoord(rij: dict, stand) -> dict:
    """Add to a municipality's record what its page opens with (rapportage/_gemeente_antwoord.html):
    the line of rule 6 (what it should have housed by now), housed, the difference."""
    rij["status_label"] = STATUS_LABELS.get(rij["status"], rij["status"])
    lijn = schema_lijn(rij["te_huisvesten"], stand.maanden_verstreken)
    rij["kern"] = {
        "lijn": lijn,
        "gehuisvest": rij["realisatie"],
        "tekort": max(0, lijn - rij["realisatie"]),
        "voor": max(0, rij["realisatie"] - lijn),
        "resterend": stand.maanden_resterend,
    }
    return rij


class GemeenteView(OverzichtView):
    """Everything about one municipality: the whole view of its official."""

    inhoud_template = "rapportage/gemeente.html"

    def voorbereiden(self, **kwargs) -> None:
        self.gemeente = get_object_or_404(
            taakstelling_selectors.zichtbare_gemeenten(self.request.user), code=kwargs["code"]
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
            gemeente_antwoord(rij, stand)
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
            taakstelling_selectors.zichtbare_gemeenten(self.request.user), code=kwargs["code"]
        )
        rijen = records(
            stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id], TABEL_KOLOMMEN
        )
        if not rijen:
            raise Http404("Deze gemeente heeft geen taakstelling in dit halfjaar.")
        versie = self.get_versie()
        per_maand = selectors.maandrealisatie(stand.peildatum, gemeente.id, versie=versie)
        return grafieken.gemeente_grafiek(stand, rijen[0], per_maand, versie=versie)
