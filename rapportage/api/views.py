"""Reading the stand: the very records ``stand --format json`` writes, narrowed to the caller's
scope exactly as the pages are (``scoping.beperk_stand``; anonymous callers see every
municipality's published figures while ``OPNIEUWTHUIS_OPENBAAR`` is on).

What counts is the monthly cycle's: the default peildatum is the day after the latest closed
month, and a peildatum that is not final (a month before it still open) is for platform staff
only, marked ``voorlopig``; anyone else, the public included, gets a 404 that names the month.
"""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from opnieuwthuis.api.problemen import Probleem, binnen_scope
from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.cache import gecachet
from opnieuwthuis.scoping import beperk_stand, lezer, ziet_voorlopig
from rapportage import maandcyclus as controle
from rapportage import selectors
from rapportage.berekening import BerekeningFout, Stand
from rapportage.uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN, als_dict, records
from realisatie import maandcyclus
from realisatie.choices import Maandstatus
from realisatie.selectors import maandcijfers_van_gemeente
from taakstelling import selectors as taakstelling_selectors

from . import serializers as s

FOUT_GEEN_CIJFERS = "Er zijn nog geen cijfers."
FOUT_GEEN_GEMEENTE = "Gemeente {code} bestaat niet of valt buiten wat u mag zien."
FOUT_GEEN_PROVINCIE = "Provincie {code} bestaat niet of valt buiten wat u mag zien."

PEILDATUM = OpenApiParameter(
    "peildatum",
    OpenApiTypes.DATE,
    description="De eerste van een maand, bijvoorbeeld 2017-02-01; standaard de dag na de "
    "laatste vastgestelde maand.",
)


def peildatumstatus(peildatum: date):
    """The monthly cycle's verdict on a peildatum, under the key the pages use."""
    return gecachet(
        "peildatumstatus", lambda: maandcyclus.peildatumstatus(peildatum), peildatum.isoformat()
    )


def api_peildatum(request) -> date:
    """The requested peildatum, or the default one (the day after the latest closed month).
    Never silently another date; a provisional one only for who may see it."""
    tekst = request.query_params.get("peildatum")
    if not tekst:
        peildatum = gecachet("standaard-peildatum", maandcyclus.standaard_peildatum)
        if peildatum is None:
            raise NotFound(FOUT_GEEN_CIJFERS)
    else:
        try:
            peildatum = parse_datum(tekst)
        except ValueError as fout:
            raise Probleem(
                str(fout),
                invalid_params=[{"name": "peildatum", "code": "invalid", "reason": str(fout)}],
            ) from None
    status = peildatumstatus(peildatum)
    if status.voorlopig and not ziet_voorlopig(request.user):
        raise NotFound(
            maandcyclus.niet_definitief_melding(peildatum, [m.maand for m in status.open_maanden])
        )
    return peildatum


def stand_voor(request, peildatum: date) -> Stand:
    try:
        stand = selectors.stand_op(peildatum)
    except BerekeningFout as fout:
        raise NotFound(str(fout)) from None
    return beperk_stand(stand, lezer(request.user))


class StandView(APIView):
    """De stand op een peildatum, zoals `manage.py stand --format json` hem geeft, beperkt tot
    wat u mag zien (de landelijke regel staat er altijd in)."""

    @extend_schema(parameters=[PEILDATUM], responses=s.StandSerializer, operation_id="stand")
    def get(self, request):
        peildatum = api_peildatum(request)
        return Response(als_dict(stand_voor(request, peildatum), peildatumstatus(peildatum)))


class GemeenteListView(generics.ListAPIView):
    """De gemeenten die u mag zien, op code. Filter met `?provincie=PV27`."""

    serializer_class = s.GemeenteSerializer

    def get_queryset(self):
        provincie = self.request.query_params.get("provincie", "").strip().upper()
        return taakstelling_selectors.zichtbare_gemeenten(
            lezer(self.request.user), provinciecode=provincie or None
        )

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
            taakstelling_selectors.zichtbare_gemeenten(lezer(request.user)),
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
        vastgesteld = maandcyclus.vastgestelde_maanden()
        maanden = [
            {
                **m,
                "maand": m["maand"].strftime("%Y-%m"),
                "status": Maandstatus.VASTGESTELD
                if m["maand"] in vastgesteld
                else Maandstatus.OPEN,
            }
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
                "voorlopig": peildatumstatus(peildatum).voorlopig,
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
            taakstelling_selectors.zichtbare_provincies(lezer(request.user)),
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


class MaandListView(generics.ListAPIView):
    """De maanden van de halfjaren met een taakstelling, oudste eerst: status en volledigheid
    (gemeenten met een cijfer van de gemeenten met een taakstelling). Platformmedewerkers zien
    ook open maanden, de ontbrekende gemeenten, de waarschuwingen en wie vaststelde; ieder ander
    alleen vastgestelde maanden."""

    serializer_class = s.MaandSerializer

    def get_queryset(self):
        maanden = maandcyclus.maanden_in_systeem()
        if ziet_voorlopig(self.request.user):
            return maanden
        vastgesteld = maandcyclus.vastgestelde_maanden()
        return [m for m in maanden if m in vastgesteld]

    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self.get_queryset())
        if ziet_voorlopig(request.user):
            # The warnings need the calculation (± 0,6 s for every month of the demo): made once
            # per data version and page.
            rijen = gecachet(
                "api-maanden",
                lambda: [o.als_json() for o in controle.maandoverzichten(pagina)],
                *(m.isoformat() for m in pagina),
            )
        else:
            telling = maandcyclus.volledigheid(pagina)
            rijen = [
                {
                    "maand": m.strftime("%Y-%m"),
                    "status": str(telling[m].status),
                    "verwacht": telling[m].verwacht,
                    "ingevoerd": telling[m].ingevoerd,
                }
                for m in pagina
            ]
        return self.get_paginated_response(rijen)
