"""Rate limits on the shared cache (Django's default cache: Redis when REDIS_URL is set, so every
process counts together). Rates in settings REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

from rest_framework.throttling import SimpleRateThrottle


class PerAdres(SimpleRateThrottle):
    """Every caller, by address (X-Forwarded-For only behind the configured proxies)."""

    scope = "adres"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _wie(request) -> str | None:
    token = getattr(request, "auth", None)
    if getattr(token, "pk", None) is not None:
        return f"t{token.pk}"
    if request.user and request.user.is_authenticated:
        return f"u{request.user.pk}"
    return None


class PerToken(SimpleRateThrottle):
    """An authenticated caller, by token (or by user for a session), wherever it calls from."""

    scope = "token"

    def get_cache_key(self, request, view):
        wie = _wie(request)
        return self.cache_format % {"scope": self.scope, "ident": wie} if wie else None


class Aanleveringen(PerToken):
    """Deliveries: a month at a time, so a low rate per token."""

    scope = "aanlevering"

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
