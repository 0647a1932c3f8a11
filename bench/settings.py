"""Settings for the benchmark and the load test: the production settings (DEBUG off, full
middleware, persistent connections), with only what a measurement on 127.0.0.1 needs changed.

The database is never the project's own: ``BENCH_DATABASE_URL`` or ``bench/bench.sqlite3``.
"""

import os
import warnings

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-alleen-voor-metingen")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client and wrk speak plain http
os.environ["DJANGO_DEBUG"] = "false"  # measure what production runs, never the debug toolbar path

from opnieuwthuis.settings.base import *  # noqa: E402,F403
from opnieuwthuis.settings.base import BASE_DIR, database  # noqa: E402

BENCH_SQLITE = BASE_DIR / "bench" / "bench.sqlite3"

# The same connection settings as production (health checks, PostgreSQL reconnect, SQLite WAL).
DATABASES = {
    "default": database(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_SQLITE}")
}

# Static files from the app folders, so no collectstatic (and no manifest) is needed to measure.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Only warnings: one JSON line per request would measure the log, not the page.
LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")  # noqa: F405
LOGGING["loggers"]["opnieuwthuis.audit"]["level"] = "WARNING"  # noqa: F405  the bench user's login

# No collectstatic for a measurement: whitenoise serves through the finders and need not warn.
warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
