"""Production-safe settings. Every value that differs per environment comes from the environment.

dev.py and test.py import this module and only add defaults; nothing exists only in production.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"De omgevingsvariabele {name} ontbreekt.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "ja", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gebruikers",
    "taakstelling",
    "realisatie",
    "rapportage",
    "toezicht",
    "berichten",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "opnieuwthuis.fouten.MeldingMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opnieuwthuis.urls"
WSGI_APPLICATION = "opnieuwthuis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {{ n|getal }} and {{ p|percentage }} in every template (opnieuwthuis/sjabloon.py).
            "builtins": ["opnieuwthuis.sjabloon"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opnieuwthuis.context_processors.gebruiker",
            ],
        },
    },
]


def database(url: str, *, conn_max_age: int = 600) -> dict:
    """The settings of one database from its URL, with what keeps it working under faults."""
    instellingen = dj_database_url.parse(
        url,
        conn_max_age=conn_max_age,
        # A persistent connection is checked before a request reuses it: after a database
        # restart the first request reconnects instead of failing on the dead connection.
        conn_health_checks=True,
    )
    opties = instellingen.setdefault("OPTIONS", {})
    if instellingen["ENGINE"] == "django.db.backends.postgresql":
        # Our backend retries a refused connection for a few seconds, so a request that arrives
        # while PostgreSQL restarts waits for it instead of failing (opnieuwthuis/db/postgresql).
        instellingen["ENGINE"] = "opnieuwthuis.db.postgresql"
        opties.setdefault("connect_timeout", 5)
    elif instellingen["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers and one writer work at the same time; a writer that finds the
        # database busy waits up to `timeout` seconds instead of failing with "database is
        # locked"; IMMEDIATE takes the write lock when a transaction begins (a lock upgrade
        # halfway through a transaction cannot wait and would fail at once).
        opties.update(
            {
                "timeout": int(env("DATABASE_SQLITE_TIMEOUT", "20")),
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            }
        )
    return instellingen


DATABASES = {
    "default": database(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'opnieuwthuis.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "600")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The entry screen for all 390 municipalities posts ~3.500 fields (Django's default allows 1.000).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

AUTH_USER_MODEL = "gebruikers.Gebruiker"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "rapportage:thuis"  # each role lands where its work is
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security (production values; dev.py relaxes what plain http on 127.0.0.1 needs).
HTTPS = env_bool("DJANGO_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_SECONDS", str(8 * 60 * 60)))  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Content security policy: only our own files; no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling: five failures for one user name from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "geblokkeerd.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0")) or None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Dutch for what Django's admin and django-simple-history leave in English (locale/nl/).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "opnieuwthuis",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Mail (the monthly message, berichten/): EMAIL_URL, or the EMAIL_* variables one by one.
#   smtp://gebruiker:wachtwoord@smtp.example.nl:25   plain SMTP
#   smtp+tls://…:587   STARTTLS        smtps://…:465   SMTP over TLS
#   console://   print to the console (dev.py's default)
#   file:///var/lib/opnieuwthuis/berichten   one file per message     locmem://   in memory (tests)
# Without either: SMTP on localhost:25, Django's default (a local MTA relays).
def email_instellingen(url: str) -> dict:
    from urllib.parse import unquote, urlsplit

    deel = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if deel.scheme in backends:
        uit = {"EMAIL_BACKEND": backends[deel.scheme]}
        if deel.scheme == "file":
            if not deel.path or deel.path == "/":
                raise ImproperlyConfigured("EMAIL_URL=file:///map noemt de map voor de berichten.")
            uit["EMAIL_FILE_PATH"] = unquote(deel.path)
        return uit
    if deel.scheme not in ("smtp", "smtp+tls", "smtps"):
        raise ImproperlyConfigured(
            f"EMAIL_URL begint met smtp://, smtp+tls://, smtps://, console://, file:// of "
            f"locmem://, niet met {deel.scheme}://."
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": deel.hostname or "localhost",
        "EMAIL_PORT": deel.port or {"smtp": 25, "smtp+tls": 587, "smtps": 465}[deel.scheme],
        "EMAIL_HOST_USER": unquote(deel.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(deel.password or ""),
        "EMAIL_USE_TLS": deel.scheme == "smtp+tls",
        "EMAIL_USE_SSL": deel.scheme == "smtps",
    }


if os.environ.get("EMAIL_URL"):
    globals().update(email_instellingen(os.environ["EMAIL_URL"]))
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = env("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if os.environ.get("EMAIL_FILE_PATH"):
        EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Opnieuw Thuis <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site in links of messages (no request to take it from).
SITE_URL = env(
    "OPNIEUWTHUIS_SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "http://127.0.0.1:8000",
).rstrip("/")

# Domain settings (domain.md: "configurable" rules), each with the default the sources give.
OPNIEUWTHUIS = {
    # Rule 3: does a lead (negative closing balance) carry into the next half-year?
    "VOORSPRONG_MEENEMEN": env_bool("OPNIEUWTHUIS_VOORSPRONG_MEENEMEN", True),
    # Rule 6: below this fraction of the line a municipality is "achter op schema".
    "GRENS_ACHTER": float(env("OPNIEUWTHUIS_GRENS_ACHTER", "0.75")),
    # The one row whose token every cache key carries (opnieuwthuis/cache.py), as app_label.Model.
    "GEGEVENSVERSIE_MODEL": "taakstelling.Gegevensversie",
    # Each municipality's balance for the entry grid (realisatie/selectors.standen_voor): the
    # calculation sits above realisatie, which reaches it through this name, not an import.
    "STAND_PER_GEMEENTE": "rapportage.selectors.stand_per_gemeente",
    # The plausibility warnings and their thresholds for the grid and the upload preview
    # (realisatie/selectors.grenzen, waarschuwingen): they need the calculation, as above.
    "MAANDCONTROLE": "rapportage.maandcyclus",
    # The monthly cycle (domain.md): bounds of a figure and the plausibility warnings that must be
    # acknowledged before a month is closed (rapportage/maandcyclus.py).
    "MAX_PERSONEN_PER_MAAND": int(env("OPNIEUWTHUIS_MAX_PERSONEN_PER_MAAND", "100000")),
    # Warn when one month's figure exceeds the municipality's te_huisvesten for the half-year.
    "WAARSCHUWING_BOVEN_TE_HUISVESTEN": env_bool(
        "OPNIEUWTHUIS_WAARSCHUWING_BOVEN_TE_HUISVESTEN", True
    ),
    # Warn when a figure is above FACTOR times its average over the previous MAANDEN months with a
    # figure, and at least MINIMUM persons above that average.
    "WAARSCHUWING_FACTOR": float(env("OPNIEUWTHUIS_WAARSCHUWING_FACTOR", "3")),
    "WAARSCHUWING_MAANDEN": int(env("OPNIEUWTHUIS_WAARSCHUWING_MAANDEN", "6")),
    "WAARSCHUWING_MINIMUM": int(env("OPNIEUWTHUIS_WAARSCHUWING_MINIMUM", "25")),
    # Warn when the national month total differs more than this fraction from the month before.
    "WAARSCHUWING_LANDELIJK": float(env("OPNIEUWTHUIS_WAARSCHUWING_LANDELIJK", "0.5")),
    # The sender of the progress report: the platform's name, who it is, and its contact line
    # (printed in the letter's head and on every page).
    "AFZENDER": {
        "naam": env("OPNIEUWTHUIS_AFZENDER_NAAM", "Platform Opnieuw Thuis"),
        "regel": env(
            "OPNIEUWTHUIS_AFZENDER_REGEL",
            "Platform Opnieuw Thuis is een samenwerkingsverband van het Rijk, VNG, IPO, COA en "
            "Aedes.",
        ),
        "contact": env(
            "OPNIEUWTHUIS_AFZENDER_CONTACT", "www.opnieuwthuis.nl, postbus@opnieuwthuis.nl"
        ),
    },
    # Send the monthly message when a month is closed (berichten/; the command sends the same).
    "MAANDBERICHT_BIJ_VASTSTELLEN": env_bool("OPNIEUWTHUIS_MAANDBERICHT_BIJ_VASTSTELLEN", True),
    # The public pages under /openbaar/ (on and off with OPNIEUWTHUIS_OPENBAAR below): requests a
    # minute per address (0: no limit), and how long a proxy or CDN may serve a public page before
    # asking again (it revalidates with the ETag).
    "OPENBAAR_PER_MINUUT": int(env("OPNIEUWTHUIS_OPENBAAR_PER_MINUUT", "120")),
    "OPENBAAR_MAX_AGE": int(env("OPNIEUWTHUIS_OPENBAAR_MAX_AGE", "300")),
}

# Public pages and the anonymous API (published, closed months only); off: login everywhere.
OPNIEUWTHUIS_OPENBAAR = env_bool("OPNIEUWTHUIS_OPENBAAR", True)

# The API (/api/v1/, issue 17). Token first, so an unauthenticated call gets 401 with
# "WWW-Authenticate: Token"; a session works too, and DRF's SessionAuthentication enforces CSRF
# on every unsafe method. Throttles count on the default cache (Redis when REDIS_URL is set, so
# every process shares the count).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "gebruikers.api.authentication.TokenAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["opnieuwthuis.api.permissions.MagLezen"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["opnieuwthuis.api.parsers.BegrensdeJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "opnieuwthuis.api.throttling.PerAdres",
        "opnieuwthuis.api.throttling.PerToken",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "adres": env("OPNIEUWTHUIS_API_PER_ADRES", "300/min"),
        "token": env("OPNIEUWTHUIS_API_PER_TOKEN", "600/min"),
        "aanlevering": env("OPNIEUWTHUIS_API_AANLEVERINGEN", "60/hour"),
    },
    "NUM_PROXIES": int(env("AXES_PROXY_COUNT", "0")) or None,
    "DEFAULT_PAGINATION_CLASS": "opnieuwthuis.api.pagination.Paginering",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "opnieuwthuis.api.problemen.probleem_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Largest JSON body the API reads (a month for 400 municipalities is about 25 kB).
OPNIEUWTHUIS_API_MAX_BODY = int(env("OPNIEUWTHUIS_API_MAX_BODY", str(1024 * 1024)))
SPECTACULAR_SETTINGS = {
    "TITLE": "Opnieuw Thuis API",
    "DESCRIPTION": (
        "De taakstelling huisvesting vergunninghouders: de stand, gemeenten, provincies, "
        "halfjaren en maanden lezen, en maandcijfers aanleveren. Authenticatie met "
        "`Authorization: Token …`; fouten als application/problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed drf-spectacular-sidecar package, served as our own static
    # files: no CDN, so the documentation works offline and under the strict CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MaandstatusEnum": "realisatie.choices.Maandstatus",
        "UploadstatusEnum": "realisatie.choices.Uploadstatus",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "opnieuwthuis.logboek.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "opnieuwthuis.audit": {"level": "INFO"},
    },
}
DEMO_GEBRUIKERS = False  # dev/test settings create demo users in `make run`
