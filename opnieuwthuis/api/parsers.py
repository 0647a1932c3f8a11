import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .problemen import TeGroot

FOUT_TE_GROOT = "De inhoud is groter dan {grens} bytes."
FOUT_GEEN_JSON = "De inhoud is geen geldige JSON (regel {regel}, kolom {kolom})."
FOUT_CODERING = "De inhoud is geen UTF-8."


def _geen_constante(naam):
    raise ValueError(naam)


class BegrensdeJSONParser(JSONParser):
    """JSON, and no more than OPNIEUWTHUIS_API_MAX_BODY bytes: read at most one byte past the
    limit, so a huge body is refused without being held in memory."""

    def parse(self, stream, media_type=None, parser_context=None):
        grens = settings.OPNIEUWTHUIS_API_MAX_BODY
        request = (parser_context or {}).get("request")
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0) if request else 0
        except ValueError:
            lengte = 0
        if lengte > grens:
            raise TeGroot(FOUT_TE_GROOT.format(grens=grens))
        inhoud = stream.read(grens + 1) if stream is not None else b""
        if len(inhoud) > grens:
            raise TeGroot(FOUT_TE_GROOT.format(grens=grens))
        try:
            tekst = inhoud.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(FOUT_CODERING) from None
        try:
            return json.loads(tekst, parse_constant=_geen_constante)
        except json.JSONDecodeError as fout:
            raise ParseError(FOUT_GEEN_JSON.format(regel=fout.lineno, kolom=fout.colno)) from None
        except ValueError:
            raise ParseError(FOUT_GEEN_JSON.format(regel=1, kolom=1)) from None
