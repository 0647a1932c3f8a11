import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import View

from .scoping import ScopedViewMixin

logger = logging.getLogger("opnieuwthuis")


def _database_gezond() -> tuple[bool, int | None]:
    """(answers, number of unapplied migrations)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        return True, len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return False, None


def _cache_gezond() -> bool:
    """Write and read back a value: a cache that is down raises (Redis) or loses it."""
    sleutel, waarde = "gezond:controle", uuid.uuid4().hex
    try:
        cache.set(sleutel, waarde, 10)
        return cache.get(sleutel) == waarde
    except Exception:  # every cache backend raises its own kind (redis.ConnectionError, OSError)
        logger.warning("cache_niet_bereikbaar", exc_info=True)
        return False


@never_cache
@require_GET
def gezond(request):
    """For a load balancer: 200 when the database answers with every migration applied and the
    cache works; 503 (with which of the two failed) otherwise.

    Public on purpose (a load balancer has no account); it tells nothing about any figure.
    """
    database, openstaand = _database_gezond()
    cache_ok = _cache_gezond()
    goed = database and openstaand == 0 and cache_ok
    gegevens = {"status": "ok" if goed else "fout", "database": database, "cache": cache_ok}
    if database:
        gegevens["migraties"] = openstaand
    return JsonResponse(gegevens, status=200 if goed else 503)


class PingView(ScopedViewMixin, View):
    """The trivial logged-in view: what the framework itself costs (middleware, session, user).

    The benchmark (bench/) divides every page's time by this one's, measured in the same run.
    """

    def get(self, request, *args, **kwargs):
        antwoord = HttpResponse("ok", content_type="text/plain; charset=utf-8")
        antwoord["Cache-Control"] = "no-store"
        return antwoord


def niet_gevonden(request, exception=None):
    """The 404 page; it shows the reason only when the view gave one meant for people."""
    from .fouten import Melding404, pagina_niet_gevonden

    return pagina_niet_gevonden(
        request, str(exception) if isinstance(exception, Melding404) else ""
    )
