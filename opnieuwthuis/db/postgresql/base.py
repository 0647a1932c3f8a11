"""Django's PostgreSQL backend, with a new connection that waits for a restarting server.

With persistent connections and health checks (settings/base.py) a request after a PostgreSQL
restart notices the dead connection and opens a new one. A request that arrives *while* the
server restarts (about a second) would still fail at once with "connection refused"; this backend
retries that connection for ``DATABASE_CONNECT_RETRY_SECONDS`` (default 5) with a short backoff,
so the request waits for the server instead. Only requests that had a query running on the old
connection fail (they get the Dutch error page). Any other connection error (a wrong password, an
unknown database) is raised at once.
"""

import logging
import os
import time

from django.db.backends.postgresql import base

logger = logging.getLogger("opnieuwthuis.db")

# Messages of libpq while the server is down, shutting down or starting up.
TIJDELIJK = (
    "connection refused",
    "could not connect",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "server closed the connection unexpectedly",
    "no such file or directory",  # the Unix socket is gone during a restart
)


def _tijdelijk(fout: Exception) -> bool:
    tekst = str(fout).lower()
    return any(teken in tekst for teken in TIJDELIJK)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        wachten = float(os.environ.get("DATABASE_CONNECT_RETRY_SECONDS", "5"))
        einde = time.monotonic() + wachten
        pauze = 0.05
        while True:
            try:
                return super().get_new_connection(conn_params)
            except self.Database.OperationalError as fout:
                if not _tijdelijk(fout) or time.monotonic() + pauze > einde:
                    raise
                logger.warning("database_niet_bereikbaar", extra={"opnieuw_over_s": pauze})
                time.sleep(pauze)
                pauze = min(pauze * 2, 0.5)
