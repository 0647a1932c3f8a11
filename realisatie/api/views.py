"""Deliveries of monthly figures (``POST /api/v1/realisatie/``) and reading them back.

Platform staff and the delivery account (role ``aanlevering``) only; any other role gets 403,
as writes on the pages do. The delivery account sees its own deliveries, platform staff all.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from opnieuwthuis.api.permissions import MagAanleveren
from opnieuwthuis.api.problemen import Probleem, binnen_scope
from opnieuwthuis.api.throttling import Aanleveringen, PerAdres, PerToken
from opnieuwthuis.bestanden import ImportFouten
from opnieuwthuis.scoping import ziet_alle_aanleveringen
from realisatie import selectors
from realisatie.aanlevering import (
    AanleveringFout,
    SleutelHergebruikt,
    aanlevering_verwerken,
    in_regels,
    regel_van,
)
from realisatie.services import UploadFout

from . import serializers as s

FOUT_GEEN_AANLEVERING = "Aanlevering {nummer} bestaat niet of is niet van u."
FOUT_AFGEWEZEN = "De aanlevering is afgewezen; er is niets gewijzigd."

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Een zelfgekozen sleutel; dezelfde sleutel nog eens geeft de eerste aanlevering "
    "terug zonder iets te wijzigen.",
)


def _param(regel: int | None, veld: str | None, melding: str) -> dict:
    if regel is None:
        naam = veld
    else:
        naam = f"regels.{regel}" + (f".{veld}" if veld else "")
    return {"name": naam, "code": "invalid", "reason": melding, "regel": regel, "veld": veld}


def _ongeldig(params: list[dict]) -> Probleem:
    gezien, uniek = set(), []
    for p in params:
        sleutel = (p["name"], p["reason"])
        if sleutel not in gezien:
            gezien.add(sleutel)
            uniek.append(p)
    return Probleem(FOUT_AFGEWEZEN, invalid_params=uniek)


class AanleveringQuerysetMixin:
    def get_queryset(self):
        return selectors.aanleveringen(
            None if ziet_alle_aanleveringen(self.request.user) else self.request.user
        )


class AanleveringListView(AanleveringQuerysetMixin, generics.ListAPIView):
    """Aanleveringen lezen (GET) en een maand aanleveren (POST)."""

    permission_classes = [MagAanleveren]
    throttle_classes = [PerAdres, PerToken, Aanleveringen]
    serializer_class = s.AanleveringSerializer

    @extend_schema(
        request=s.AanleveringInvoerSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: s.AanleveringDetailSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Problem details: de regels"),
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="Problem details"),
            422: OpenApiResponse(OpenApiTypes.OBJECT, description="Problem details"),
        },
        operation_id="aanlevering_create",
        description=(
            "Eén maand cijfers voor een of meer gemeenten, door precies dezelfde controles als "
            "een upload: alles of niets; een fout noemt de regel (vanaf 0) en het veld. "
            "Dezelfde regels nog eens veranderen niets."
        ),
    )
    def post(self, request):
        sleutel = request.headers.get("Idempotency-Key", "")
        try:
            aanlevering = aanlevering_verwerken(
                gegevens=request.data, gebruiker=request.user, sleutel=sleutel
            )
        except AanleveringFout as fout:
            raise _ongeldig([_param(*f) for f in fout.fouten]) from None
        except SleutelHergebruikt as fout:
            raise Probleem(str(fout), status_code=status.HTTP_422_UNPROCESSABLE_ENTITY) from None
        except UploadFout as fout:
            raise Probleem(str(fout), status_code=status.HTTP_409_CONFLICT) from None
        except ImportFouten as fouten:
            raise _ongeldig(
                [
                    _param(None, "maand", f.melding)
                    if f.kolom == "maand"
                    else _param(regel_van(f), f.kolom, in_regels(f.melding))
                    for f in fouten.fouten
                ]
            ) from None
        gegevens = s.AanleveringDetailSerializer(
            aanlevering.upload, context=self.get_serializer_context()
        ).data
        headers = {"Location": str(gegevens["url"])}
        if aanlevering.herhaald:
            headers["Idempotent-Replayed"] = "true"
        return Response(gegevens, status=status.HTTP_201_CREATED, headers=headers)


class AanleveringView(AanleveringQuerysetMixin, generics.RetrieveAPIView):
    """Eén aanlevering met haar regels. Die van een ander aanleveraccount: 404."""

    permission_classes = [MagAanleveren]
    serializer_class = s.AanleveringDetailSerializer

    def get_object(self):
        return binnen_scope(
            self.get_queryset(),
            FOUT_GEEN_AANLEVERING.format(nummer=self.kwargs["pk"]),
            pk=self.kwargs["pk"],
        )
