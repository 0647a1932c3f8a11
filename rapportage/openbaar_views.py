"""The public pages under ``/openbaar/`` (issue 15): the figures of every final peildatum, for
anyone, without logging in, as the Opnieuw Thuis map and the ministry's monthly spreadsheets were.

What is public is the public reader's scope (``opnieuwthuis.scoping.OPENBAAR``): everything
national, read-only, final peildata only (``realisatie.maandcyclus``), nothing else (no staff, no
uploads, no warnings, no provisional month). ``OPNIEUWTHUIS_OPENBAAR=0`` switches every page off
(404).

Public traffic is the part that can outgrow one machine, so every page is cheap and cacheable by
anything in front of the app:
- a page is rendered without the request (no user, no session, no CSRF token: the same bytes for
  everyone) and cached on the data version like the other pages;
- ``ETag`` comes from the data version, the latest final peildatum, the rules and the address, and
  is computed before any rendering: a conditional request (``If-None-Match``) answers 304 after
  two small queries; ``Cache-Control: public, max-age=…`` lets a reverse proxy or CDN serve them;
- a rate limit per address (Django's cache, so shared between processes when REDIS_URL is set)
  answers 429 with ``Retry-After`` beyond ``OPNIEUWTHUIS_OPENBAAR_PER_MINUUT`` requests a minute.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import condition, require_safe

from opnieuwthuis import export, scoping
from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.cache import gecachet, gegevensversie
from opnieuwthuis.fouten import Melding404
from opnieuwthuis.nederlands import datum_lang
from opnieuwthuis.perioden import Periode, nodig_per_maand
from opnieuwthuis.scoping import OPENBAAR
from taakstelling import selectors as taakstelling_selectors

from . import grafieken, selectors
from .berekening import STATUS_LABELS, BerekeningFout, samenvatten_landelijk
from .filters import GemeenteFilterSet, gemeenten_met_inwoners
from .koppen import gemeente_koppen, kolomkoppen
from .tables import GemeenteTable, gemeente_url
from .uitvoer import PROVINCIE_KOLOMMEN, records
from .views import (
    TABEL_KOLOMMEN,
    _status_telling,
    gemeente_antwoord,
    gemeente_rijen,
    kaart_gebied,
    kaart_inhoud,
)

MELDING_GEEN_CIJFERS = "Er zijn nog geen vastgestelde maanden: er zijn nog geen openbare cijfers."
MELDING_TE_VEEL = (
    "Te veel verzoeken vanaf uw adres. Probeer het over een minuut opnieuw; voor grote aantallen "
    "gebruikt u de CSV van de gemeentelijst."
)


def _instelling(naam: str):
    return settings.OPNIEUWTHUIS[naam]


# --- who may come in, how often --------------------------------------------------------------


def adres(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``AXES_PROXY_COUNT`` trusted proxies the
    address the first of them saw (the same setting the login throttling uses)."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        keten = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        keten = [a for a in keten if a]
        if len(keten) >= proxies:
            return keten[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def binnen_limiet(request) -> bool:
    """Count this request in its address's minute; False beyond the limit (0: no limit)."""
    limiet = _instelling("OPENBAAR_PER_MINUUT")
    if not limiet:
        return True
    sleutel = f"openbaar-limiet:{adres(request)}:{int(time.time() // 60)}"
    cache.add(sleutel, 0, 120)
    try:
        aantal = cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, 120)
        aantal = 1
    return aantal <= limiet


# --- which peildata are public ----------------------------------------------------------------


def definitieve_peildata() -> list[date]:
    from realisatie import maandcyclus

    return list(maandcyclus.definitieve_peildata())


def standaard_peildatum() -> date | None:
    from realisatie import maandcyclus

    return maandcyclus.standaard_peildatum()


def openbare_peildatum(request) -> date:
    """The peildatum asked for (it must be final: never silently another) or the latest final one."""
    from realisatie import maandcyclus

    tekst = request.GET.get("peildatum")
    if not tekst:
        peildatum = standaard_peildatum()
        if peildatum is None:
            raise Melding404(MELDING_GEEN_CIJFERS)
        return peildatum
    try:
        peildatum = parse_datum(tekst)
    except ValueError:
        raise Melding404(f"Onbekende peildatum: {tekst}.") from None
    open_maanden = maandcyclus.open_maanden_voor(peildatum)
    if open_maanden:
        raise Melding404(maandcyclus.niet_definitief_melding(peildatum, open_maanden))
    return peildatum


def etag(request, *args, **kwargs) -> str | None:
    """Before any rendering: the data version, the latest final peildatum (closing a month makes
    a new one public), the rules of the calculation and the page's address."""
    if not scoping.openbaar():
        return None
    standaard = standaard_peildatum()
    delen = [
        gegevensversie(),
        standaard.isoformat() if standaard else "-",
        str(_instelling("VOORSPRONG_MEENEMEN")),
        str(_instelling("GRENS_ACHTER")),
        request.get_full_path(),
    ]
    return hashlib.sha256("|".join(delen).encode()).hexdigest()[:32]


def openbaar(view):
    """The wrapping every public view has: the switch (404), reading only (GET and HEAD), the rate
    limit (429), ETag and 304 before rendering, and the Cache-Control of a public page."""

    @wraps(view)
    def binnen(request, *args, **kwargs):
        if not scoping.openbaar():
            raise Http404("De openbare pagina's staan uit.")
        if not binnen_limiet(request):
            antwoord = HttpResponse(
                MELDING_TE_VEEL, status=429, content_type="text/plain; charset=utf-8"
            )
            antwoord["Retry-After"] = "60"
            return antwoord
        antwoord = condition(etag_func=etag)(view)(request, *args, **kwargs)
        if antwoord.status_code in (200, 304):
            patch_cache_control(antwoord, public=True, max_age=_instelling("OPENBAAR_MAX_AGE"))
        return antwoord

    return require_safe(binnen)


# --- the pages ---------------------------------------------------------------------------------


def _stand(peildatum: date):
    try:
        return selectors.stand_op(peildatum)
    except BerekeningFout as fout:
        raise Http404(str(fout)) from None


def _basis(request, stand) -> dict:
    """What every public page's content gets (the same for every visitor)."""
    return {
        "stand": stand,
        "peildata": definitieve_peildata(),
        "pad": request.path,
        "halfjaar": selectors.halfjaar(Periode.parse(stand.halfjaar)),
        "status_labels": STATUS_LABELS,
        "scope": {"soort": "openbaar", "naam": "Nederland"},
        "openbaar": True,
    }


def _pagina(request, naam: str, maak, *sleutel, parameters=("peildatum",)) -> HttpResponse:
    """Render (and cache on the data version) a public page: ``maak(peildatum)`` gives the
    template and its context. Rendered without the request, so it holds nothing of a visitor."""
    peildatum = openbare_peildatum(request)
    query = urlencode(
        sorted((k, request.GET[k]) for k in parameters if request.GET.get(k) not in (None, ""))
    )

    def render() -> str:
        template, context = maak(peildatum)
        return render_to_string(template, context)

    html = gecachet(
        f"openbaar-{naam}",
        render,
        peildatum.isoformat(),
        *sleutel,
        hashlib.sha256(query.encode()).hexdigest()[:32],
    )
    return HttpResponse(html)


class OpenbareGemeenteTable(GemeenteTable):
    gemeente_url_naam = "rapportage:openbaar_gemeente"


class OpenbareGemeenteFilterSet(GemeenteFilterSet):
    """The list's filters without the province's intervention ladder: supervision is not public."""


del OpenbareGemeenteFilterSet.base_filters["stap"]
NIET_OPENBAAR = ("ladder",)  # the table's supervision column


def _openbare_url(code: str, peildatum: date) -> str:
    return gemeente_url(code, peildatum, "rapportage:openbaar_gemeente")


def _tabel(request, stand, *, provincie=None, filters=True, alle_kolommen=False, exclude=()):
    queryset = gemeenten_met_inwoners(OPENBAAR)
    if provincie is not None:
        queryset = queryset.filter(provincie=provincie)
    filterset = None
    if filters:
        filterset = OpenbareGemeenteFilterSet(
            request.GET, queryset=queryset, stand=stand, user=OPENBAAR
        )
        queryset = filterset.qs if filterset.is_valid() else queryset.none()
    rijen = gemeente_rijen(stand, dict(queryset.values_list("id", "inwoners")))
    tabel = OpenbareGemeenteTable(
        rijen,
        koppen=gemeente_koppen(kolomkoppen(stand.peildatum, stand.halfjaar)),
        peildatum=stand.peildatum,
        exclude=(*NIET_OPENBAAR, *exclude),
        alle_kolommen=alle_kolommen,
        order_by=request.GET.get("sort") or (("status",) if provincie is not None else ()),
    )
    return filterset, tabel


def _tabel_inhoud(request, tabel, parameters) -> dict:
    querystring = {k: request.GET[k] for k in parameters if request.GET.get(k) not in (None, "")}
    zonder_sortering = {k: v for k, v in querystring.items() if k != "sort"}
    return {
        "tabel_koppen": tabel.koppen(zonder_sortering),
        "tabel_rijen": tabel.lean_rijen(),
        "aantal": len(tabel.data),
        "export_csv": "?" + urlencode({**querystring, "export": "csv"}),
    }


LIJST_PARAMETERS = ("peildatum", "sort", *OpenbareGemeenteFilterSet.base_filters)


@openbaar
def landelijk(request):
    """The national table of the report, the provinces, and how many municipalities are on
    schedule, for the latest final peildatum (or an earlier final one)."""

    def maak(peildatum):
        stand = _stand(peildatum)
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        provincies = records(stand.provincies, PROVINCIE_KOLOMMEN)
        for p in provincies:
            p["url"] = (
                reverse("rapportage:openbaar_provincie", kwargs={"code": p["provinciecode"]})
                + f"?peildatum={stand.peildatum.isoformat()}"
            )
        return "rapportage/openbaar/landelijk.html", {
            **_basis(request, stand),
            "titel": f"Openbare cijfers op {datum_lang(stand.peildatum)}",
            "koppen": [koppen[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "landelijk": [stand.landelijk[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "provincies": provincies,
            "telling": _status_telling(stand.gemeenten),
            "benodigd_per_maand": nodig_per_maand(stand.landelijk["te_huisvesten"]),
            "nog_per_maand": nodig_per_maand(stand.landelijk["stand"], stand.maanden_resterend),
        }

    return _pagina(request, "landelijk", maak)


@openbaar
def gemeente_list(request):
    """Every municipality with its figures and share realised; filters, sorting, ``?export=csv``."""
    if request.GET.get("export") == "csv":
        stand = _stand(openbare_peildatum(request))
        _filterset, tabel = _tabel(request, stand, alle_kolommen=True)
        naam = f"gemeenten-{stand.peildatum.isoformat()}.csv"
        return export.download(
            export.csv_bytes(tabel.export_koppen(), tabel.export_rijen()),
            bestandsnaam=naam,
            soort="csv",
        )

    def maak(peildatum):
        stand = _stand(peildatum)
        filterset, tabel = _tabel(request, stand)
        return "rapportage/openbaar/gemeente_list.html", {
            **_basis(request, stand),
            "titel": f"Gemeenten op {datum_lang(stand.peildatum)}",
            "filterset": filterset,
            **_tabel_inhoud(request, tabel, LIJST_PARAMETERS),
        }

    return _pagina(request, "gemeente_list", maak, parameters=LIJST_PARAMETERS)


@openbaar
def kaart_view(request):
    """The map of every municipality, zoom to a province, the filters, the table below."""

    def maak(peildatum):
        stand = _stand(peildatum)
        filterset, tabel = _tabel(
            request,
            stand,
            exclude=("inwoners", "gemeentecode", "beginstand", "taakstelling", "nodig_per_maand"),
        )
        provinciecode = request.GET.get("provincie") or None
        p_peildatum = stand.peildatum.isoformat()
        return "rapportage/openbaar/kaart.html", {
            **_basis(request, stand),
            "titel": f"Kaart op {datum_lang(stand.peildatum)}",
            "filterset": filterset,
            **_tabel_inhoud(request, tabel, LIJST_PARAMETERS),
            **kaart_inhoud(
                stand,
                list(tabel.data),
                gebied=kaart_gebied(stand, provinciecode, True),
                url_voor=lambda code: _openbare_url(code, stand.peildatum),
            ),
            "geen_label": "Niet in de selectie",
            "ingezoomd": kaart_gebied(stand, provinciecode, True) is not None,
            "zoom": [
                {
                    "naam": p["provincie"],
                    "url": "?"
                    + urlencode({"peildatum": p_peildatum, "provincie": p["provinciecode"]}),
                }
                for p in records(stand.provincies, ["provinciecode", "provincie"])
            ],
            "heel_land_url": "?" + urlencode({"peildatum": p_peildatum}),
        }

    return _pagina(request, "kaart", maak, parameters=LIJST_PARAMETERS)


@openbaar
def provincie_view(request, code: str):
    """A province: its totals, its map, its municipalities (those behind first)."""
    provincie = get_object_or_404(taakstelling_selectors.zichtbare_provincies(OPENBAAR), code=code)

    def maak(peildatum):
        stand = _stand(peildatum)
        _filterset, tabel = _tabel(request, stand, provincie=provincie, filters=False)
        frame = stand.gemeenten[stand.gemeenten["provinciecode"] == provincie.code]
        if frame.empty:
            raise Http404(f"{provincie.naam} heeft geen gemeenten met een taakstelling.")
        totaal = samenvatten_landelijk(frame)
        koppen = kolomkoppen(stand.peildatum, stand.halfjaar)
        rijen = list(tabel.data)
        return "rapportage/openbaar/provincie.html", {
            **_basis(request, stand),
            "titel": f"{provincie.naam} op {datum_lang(stand.peildatum)}",
            "provincie": provincie,
            "koppen": [koppen[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "totaal": [totaal[k] for k in PROVINCIE_KOLOMMEN[2:]],
            "telling": _status_telling(frame),
            **_tabel_inhoud(request, tabel, ("peildatum", "sort")),
            **kaart_inhoud(
                stand,
                rijen,
                gebied=[r["gemeentecode"] for r in rijen],
                url_voor=lambda c: _openbare_url(c, stand.peildatum),
            ),
            "geen_label": f"Buiten {provincie.naam}",
        }

    return _pagina(request, "provincie", maak, provincie.code, parameters=("peildatum", "sort"))


@openbaar
def gemeente_view(request, code: str):
    """A municipality: the answer (the m/6 line, housed, the difference, the pace, the status),
    its months and its half-years."""
    gemeente = get_object_or_404(taakstelling_selectors.zichtbare_gemeenten(OPENBAAR), code=code)

    def maak(peildatum):
        stand = _stand(peildatum)
        frame = stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id]
        rij = next(iter(records(frame, TABEL_KOLOMMEN)), None)
        inhoud = {
            **_basis(request, stand),
            "titel": f"{gemeente.naam} op {datum_lang(stand.peildatum)}",
            "gemeente": gemeente,
            "rij": rij,
            "verloop": records(
                stand.verloop[stand.verloop["gemeente_id"] == gemeente.id],
                ["halfjaar", "beginstand", "taakstelling", "te_huisvesten", "realisatie"]
                + ["eindstand", "afgesloten", "gehaald"],
            ),
            "provincie_url": reverse(
                "rapportage:openbaar_provincie", kwargs={"code": gemeente.provincie.code}
            )
            + f"?peildatum={stand.peildatum.isoformat()}",
        }
        if rij:
            gemeente_antwoord(rij, stand)
            inhoud["maanden"] = grafieken.gemeente_reeks(
                stand, rij, selectors.maandrealisatie(stand.peildatum, gemeente.id)
            )
        return "rapportage/openbaar/gemeente.html", inhoud

    return _pagina(request, "gemeente", maak, gemeente.code)
