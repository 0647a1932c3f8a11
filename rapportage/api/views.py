"""Reading the stand: the very records ``stand --format json`` writes, narrowed to the caller's
scope exactly as the pages are (``scoping.beperk_stand``; anonymous callers see every
municipality's published figures while ``OPNIEUWTHUIS_OPENBAAR`` is on)."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from opnieuwthuis.api.problemen import Probleem, binnen_scope
from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.scoping import beperk_stand, publiek
from rapportage import selectors
from rapportage.berekening import BerekeningFout, Stand
from rapportage.uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, als_dict, records
from realisatie.selectors import maandcijfers_van_gemeente
from taakstelling.models import Gemeente, Provincie

from . import serializers as s

FOUT_GEEN_CIJFERS = "Er zijn nog geen cijfers."
FOUT_GEEN_GEMEENTE = "Gemeente {code} bestaat niet of valt buiten wat u mag zien."
FOUT_GEEN_PROVINCIE = "Provincie {code} bestaat niet of valt buiten wat u mag zien."

PEILDATUM = OpenApiParameter(
    "peildatum",
    OpenApiTypes.DATE,
    description="De eerste van een maand, bijvoorbeeld 2017-02-01; standaard de laatste.",
)


def api_peildatum(request) -> date:
    """The requested peildatum, or the default one. Never silently another date."""
    tekst = request.query_params.get("peildatum")
    if not tekst:
        peildatum = selectors.laatste_peildatum()
        if peildatum is None:
            raise NotFound(FOUT_GEEN_CIJFERS)
        return peildatum
    try:
        return parse_datum(tekst)
    except ValueError as fout:
        raise Probleem(
            str(fout),
            invalid_params=[{"name": "peildatum", "code": "invalid", "reason": str(fout)}],
        ) from None


def stand_voor(request, peildatum: date) -> Stand:
    try:
        stand = selectors.stand_op(peildatum)
    except BerekeningFout as fout:
        raise NotFound(str(fout)) from None
    if publiek(request.user):
        return stand
    return beperk_stand(stand, request.user)


class StandView(APIView):
    """De stand op een peildatum, zoals `manage.py stand --format json` hem geeft, beperkt tot
    wat u mag zien (de landelijke regel staat er altijd in)."""

    @extend_schema(parameters=[PEILDATUM], responses=s.StandSerializer, operation_id="stand")
    def get(self, request):
        return Response(als_dict(stand_voor(request, api_peildatum(request))))


class GemeenteListView(generics.ListAPIView):
    """De gemeenten die u mag zien, op code. Filter met `?provincie=PV27`."""

    serializer_class = s.GemeenteSerializer

    def get_queryset(self):
        gemeenten = Gemeente.objects.zichtbaar_voor(self.request.user).select_related("provincie")
        provincie = self.request.query_params.get("provincie")
        if provincie:
            gemeenten = gemeenten.filter(provincie__code=provincie.strip().upper())
        return gemeenten.order_by("code")

    @extend_schema(
        parameters=[OpenApiParameter("provincie", str, description="Provinciecode, zoals PV27.")]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class GemeenteView(APIView):
    """Eén gemeente: haar regel in de stand, haar halfjaren (begin, taakstelling, realisatie,
    eindstand, gehaald) en haar maandcijfers tot de peildatum. Buiten uw scope: 404."""

    @extend_schema(
        parameters=[PEILDATUM], responses=s.GemeenteDetailSerializer, operation_id="gemeente"
    )
    def get(self, request, code: str):
        gemeente = binnen_scope(
            Gemeente.objects.zichtbaar_voor(request.user).select_related("provincie"),
            FOUT_GEEN_GEMEENTE.format(code=code),
            code=code,
        )
        peildatum = api_peildatum(request)
        stand = stand_voor(request, peildatum)
        rij = records(
            stand.gemeenten[stand.gemeenten["gemeente_id"] == gemeente.id], GEMEENTE_KOLOMMEN
        )
        verloop = records(
            stand.verloop[stand.verloop["gemeente_id"] == gemeente.id], s.VERLOOP_KOLOMMEN
        )
        maanden = [
            {**m, "maand": m["maand"].strftime("%Y-%m")}
            for m in maandcijfers_van_gemeente(gemeente, voor=peildatum)
        ]
        return Response(
            {
                "code": gemeente.code,
                "naam": gemeente.naam,
                "provinciecode": gemeente.provincie.code,
                "provincie": gemeente.provincie.naam,
                "begindatum": gemeente.begindatum,
                "einddatum": gemeente.einddatum,
                "peildatum": stand.peildatum.isoformat(),
                "stand": rij[0] if rij else None,
                "halfjaren": verloop,
                "maanden": maanden,
            }
        )


class ProvincieView(APIView):
    """Eén provincie: haar totaal en haar gemeenten in de stand. Alleen een provincie waarin u
    gemeenten mag zien; een gemeenteambtenaar ziet geen provincie (404)."""

    @extend_schema(
        parameters=[PEILDATUM], responses=s.ProvincieDetailSerializer, operation_id="provincie"
    )
    def get(self, request, code: str):
        provincie = binnen_scope(
            Provincie.objects.zichtbaar_voor(request.user).distinct(),
            FOUT_GEEN_PROVINCIE.format(code=code),
            code=code,
        )
        stand = stand_voor(request, api_peildatum(request))
        totaal = records(
            stand.provincies[stand.provincies["provinciecode"] == provincie.code],
            PROVINCIE_KOLOMMEN,
        )
        return Response(
            {
                "code": provincie.code,
                "naam": provincie.naam,
                "peildatum": stand.peildatum.isoformat(),
                "totaal": totaal[0] if totaal else None,
                "gemeenten": records(
                    stand.gemeenten[stand.gemeenten["provinciecode"] == provincie.code],
                    GEMEENTE_KOLOMMEN,
                ),
            }
        )
