"""Errors as problem details (RFC 9457, as the NL API Design Rules ask), in Dutch.

Every error of the API, from DRF, from Django (404, 403) or from a service, leaves as
``application/problem+json``: ``type``, ``title``, ``status``, ``detail``, ``instance`` and, for
rejected input, ``invalidParams`` (``name``, ``code``, ``reason``; for a delivery also the index
of the row, ``regel``, and the field, ``veld``). Never a traceback.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

MEDIATYPE = "application/problem+json"

TITELS = {
    400: ("ongeldige-invoer", "Ongeldige invoer"),
    401: ("niet-geauthenticeerd", "Niet geauthenticeerd"),
    403: ("geen-toegang", "Geen toegang"),
    404: ("niet-gevonden", "Niet gevonden"),
    405: ("methode-niet-toegestaan", "Methode niet toegestaan"),
    406: ("niet-aanvaardbaar", "Gevraagd formaat niet beschikbaar"),
    409: ("conflict", "Conflict"),
    413: ("te-groot", "Verzoek te groot"),
    415: ("mediatype-niet-ondersteund", "Mediatype niet ondersteund"),
    422: ("niet-verwerkbaar", "Niet verwerkbaar"),
    429: ("te-veel-verzoeken", "Te veel verzoeken"),
    500: ("serverfout", "Interne fout"),
}

# DRF's own texts are translated, but not always in the words of this project.
DETAILS = {
    exceptions.NotAuthenticated: ("Geef een geldige token mee (Authorization: Token …) of log in."),
    exceptions.UnsupportedMediaType: "Stuur de gegevens als JSON (Content-Type: application/json).",
    exceptions.NotAcceptable: "Deze API antwoordt alleen in JSON (application/json).",
}
FOUT_SERVER = "Er ging aan onze kant iets mis; de fout is vastgelegd. Probeer het later opnieuw."
FOUT_TE_VEEL = "Te veel verzoeken; probeer het over {seconden} seconden opnieuw."
FOUT_METHODE = "De methode {methode} is hier niet toegestaan."


class Probleem(exceptions.APIException):
    """An error with rejected fields, raised by the API's views (a service's ``ImportFouten``
    turned into ``invalidParams``)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "De invoer is niet in orde; er is niets gewijzigd."

    def __init__(self, detail=None, *, invalid_params=None, status_code=None):
        super().__init__(detail)
        if status_code is not None:
            self.status_code = status_code
        self.invalid_params = invalid_params or []


class TeGroot(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Het verzoek is te groot."


def _platte_velden(detail, pad=()) -> list[dict]:
    """A serializer's nested errors as ``invalidParams`` with dotted names."""
    if isinstance(detail, dict):
        uit = []
        for sleutel, waarde in detail.items():
            deel = () if sleutel == "non_field_errors" else (str(sleutel),)
            uit += _platte_velden(waarde, pad + deel)
        return uit
    if isinstance(detail, list):
        if all(isinstance(d, exceptions.ErrorDetail | str) for d in detail):
            return [
                {"name": ".".join(pad) or None, "code": getattr(d, "code", "invalid"), "reason": d}
                for d in detail
            ]
        uit = []
        for i, waarde in enumerate(detail):
            if waarde:
                uit += _platte_velden(waarde, pad + (str(i),))
        return uit
    return [
        {
            "name": ".".join(pad) or None,
            "code": getattr(detail, "code", "invalid"),
            "reason": str(detail),
        }
    ]


def probleem(request, status_code: int, detail: str, *, invalid_params=None, headers=None):
    code, titel = TITELS.get(status_code, ("fout", "Fout"))
    gegevens = {
        "type": f"urn:opnieuwthuis:probleem:{code}",
        "code": code,
        "title": titel,
        "status": status_code,
        "detail": str(detail),
        "instance": request.get_full_path() if request is not None else None,
    }
    if invalid_params:
        gegevens["invalidParams"] = invalid_params
    return Response(gegevens, status=status_code, content_type=MEDIATYPE, headers=headers)


def probleem_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: the status and headers DRF chooses, the body in Dutch."""
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    antwoord = exception_handler(exc, context)
    if antwoord is None:
        logger.exception("Onverwachte fout in de API", exc_info=exc)
        return probleem(request, 500, FOUT_SERVER)

    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    invalid = getattr(exc, "invalid_params", None)
    if isinstance(exc, exceptions.ValidationError):
        invalid = _platte_velden(exc.detail)
        detail = "De invoer is niet in orde; er is niets gewijzigd."
    elif isinstance(exc, exceptions.Throttled):
        detail = FOUT_TE_VEEL.format(seconden=int(exc.wait or 1))
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = FOUT_METHODE.format(methode=request.method if request else "")
    elif isinstance(exc, exceptions.UnsupportedMediaType | exceptions.NotAcceptable):
        detail = DETAILS[type(exc)]
    elif type(exc) in DETAILS and str(detail) == str(type(exc).default_detail):
        detail = DETAILS[type(exc)]
    kop = {k: v for k, v in antwoord.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return probleem(request, antwoord.status_code, detail, invalid_params=invalid, headers=kop)


def binnen_scope(queryset, melding: str, **lookup):
    """The one object of a scoped queryset, or a Dutch 404: outside the scope it does not exist."""
    gevonden = queryset.filter(**lookup).first()
    if gevonden is None:
        raise exceptions.NotFound(melding)
    return gevonden
