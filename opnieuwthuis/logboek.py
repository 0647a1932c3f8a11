"""Structured logging: one JSON object per line, and the audit events operations watch for
(logins, failed logins, uploads, role changes)."""

import json
import logging
from datetime import UTC, datetime

audit = logging.getLogger("opnieuwthuis.audit")

_STANDAARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None)))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        gegevens = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        gegevens.update(
            {k: v for k, v in vars(record).items() if k not in _STANDAARD and not k.startswith("_")}
        )
        if record.exc_info:
            gegevens["uitzondering"] = self.formatException(record.exc_info)
        return json.dumps(gegevens, ensure_ascii=False, default=str)


def gebeurtenis(soort: str, **velden) -> None:
    """Log an audit event; ``velden`` become JSON fields. Never log passwords or persons."""
    audit.info(soort, extra={"gebeurtenis": soort, **velden})


def _adres(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def bij_inloggen(sender, request, user, **kwargs):
    gebeurtenis("inloggen", gebruiker=user.get_username(), rol=user.rol, adres=_adres(request))


def bij_uitloggen(sender, request, user, **kwargs):
    if user is not None:
        gebeurtenis("uitloggen", gebruiker=user.get_username(), adres=_adres(request))


def bij_mislukt_inloggen(sender, credentials, request=None, **kwargs):
    gebeurtenis("inloggen_mislukt", gebruiker=credentials.get("username"), adres=_adres(request))
