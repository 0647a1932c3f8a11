from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
