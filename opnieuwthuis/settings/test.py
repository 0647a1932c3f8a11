"""Tests: fast password hashing, in-memory cache; the database follows DATABASE_URL like everywhere."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-niet-voor-productie")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client and live_server speak http
os.environ.setdefault("EMAIL_URL", "locmem://")  # django.core.mail.outbox
os.environ.setdefault("OPNIEUWTHUIS_SITE_URL", "http://testserver")
# live_server answers each request in a thread of its own: a kept connection would outlive its
# thread, and PostgreSQL would then refuse to drop the test database at the end of the run.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEMO_GEBRUIKERS = True
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic needed
