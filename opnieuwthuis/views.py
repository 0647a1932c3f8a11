from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import View

from .scoping import ScopedViewMixin


@never_cache
@require_GET
def gezond(request):
    """For a load balancer: 200 when the database answers and every migration is applied.

    Public on purpose (a load balancer has no account); it tells nothing about any figure.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        openstaand = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "fout", "database": False}, status=503)
    if openstaand:
        return JsonResponse(
            {"status": "fout", "database": True, "migraties": len(openstaand)}, status=503
        )
    return JsonResponse({"status": "ok", "database": True, "migraties": 0})


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
    from django.shortcuts import render

    from .fouten import Melding404

    melding = str(exception) if isinstance(exception, Melding404) else ""
    return render(request, "404.html", {"melding": melding}, status=404)
