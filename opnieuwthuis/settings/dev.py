"""Development: debug on, a throwaway secret, the SQLite file in the project folder."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-niet-voor-productie")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "false")  # runserver speaks plain http on 127.0.0.1
os.environ.setdefault("EMAIL_URL", "console://")  # messages on the console, never sent
os.environ.setdefault("OPNIEUWTHUIS_SITE_URL", "http://127.0.0.1:8000")

from .base import *  # noqa: E402,F403

DEMO_GEBRUIKERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Readable log lines on the developer's console; production and tests keep JSON.
LOGGING["formatters"]["leesbaar"] = {"format": "%(levelname)s %(name)s %(message)s"}  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = "leesbaar"  # noqa: F405
