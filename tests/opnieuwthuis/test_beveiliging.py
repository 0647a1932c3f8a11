"""Production security settings, headers, login throttling, health and audit logging."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
WACHTWOORD = "beveiliging-test-wachtwoord"


def productie_omgeving(**extra):
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="opnieuwthuis.settings.base",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="opnieuwthuis.example.nl",
        **extra,
    )
    return omgeving


def test_check_deploy_passes_with_production_settings():
    uitvoer = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=productie_omgeving(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr


def test_production_settings_refuse_to_start_without_a_secret():
    omgeving = productie_omgeving()
    del omgeving["DJANGO_SECRET_KEY"]
    uitvoer = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitvoer.returncode != 0
    assert "DJANGO_SECRET_KEY" in uitvoer.stderr


def test_production_defaults_are_safe():
    uitvoer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS)",
        ],
        cwd=ROOT,
        env=productie_omgeving(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert uitvoer.stdout.split() == ["False", "True", "True", "True", "31536000", "True", "DENY"]


def test_security_headers_on_the_main_pages(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    gebruiker = gebruiker_opslaan(naam="m", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    client.force_login(gebruiker)
    for url in [reverse("login"), reverse("rapportage:start")]:
        antwoord = client.get(url, secure=True)
        csp = antwoord["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert antwoord["X-Frame-Options"] == "DENY"
        assert antwoord["Referrer-Policy"] == "same-origin"
        assert antwoord["X-Content-Type-Options"] == "nosniff"
        assert antwoord["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_httponly_and_secure_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    gebruiker_opslaan(naam="m", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    antwoord = client.post(reverse("login"), {"username": "m", "password": WACHTWOORD})
    cookie = antwoord.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"]
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_templates_have_no_inline_scripts_styles_or_handlers():
    for pad in (ROOT / "templates").rglob("*.html"):
        tekst = pad.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", tekst), pad
        assert not re.search(r"\son[a-z]+\s*=", tekst), pad
        assert not re.search(r"\sstyle\s*=", tekst), pad
        assert "<style" not in tekst, pad


def test_login_is_throttled_with_a_dutch_lockout_page(client):
    gebruiker_opslaan(naam="doelwit", rol=Rol.PLATFORM, wachtwoord=WACHTWOORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        antwoord = client.post(reverse("login"), {"username": "doelwit", "password": "fout"})
        assert antwoord.status_code == 200
    antwoord = client.post(reverse("login"), {"username": "doelwit", "password": "fout"})
    assert antwoord.status_code == 429
    assert "Tijdelijk geblokkeerd" in antwoord.content.decode()
    # Even the right password does not get in while locked.
    antwoord = client.post(reverse("login"), {"username": "doelwit", "password": WACHTWOORD})
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client.session


def test_health_endpoint(client):
    antwoord = client.get(reverse("gezond"))
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok", "database": True, "cache": True, "migraties": 0}
    assert "no-cache" in antwoord["Cache-Control"]


def test_logins_failures_and_role_changes_are_logged(client, caplog):
    import json
    import logging

    from opnieuwthuis.logboek import JsonFormatter

    caplog.set_level(logging.INFO, logger="opnieuwthuis.audit")
    gebruiker_opslaan(naam="anna", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    client.post(reverse("login"), {"username": "anna", "password": "fout"})
    client.post(reverse("login"), {"username": "anna", "password": WACHTWOORD})
    gebruiker_opslaan(naam="anna", rol=Rol.PLATFORM)
    soorten = [r.gebeurtenis for r in caplog.records if hasattr(r, "gebeurtenis")]
    assert soorten == ["rol_gewijzigd", "inloggen_mislukt", "inloggen", "rol_gewijzigd"]
    regel = json.loads(JsonFormatter().format(caplog.records[-1]))
    assert regel["gebruiker"] == "anna" and regel["rol"] == "platform"
    assert regel["vorige_rol"] == "ministerie"
    assert WACHTWOORD not in caplog.text


def test_write_refusal_is_a_dutch_403_page(rf):
    from django.views.generic import View

    from opnieuwthuis.scoping import ScopedViewMixin

    class Schrijf(ScopedViewMixin, View):
        schrijven = True

        def get(self, request):
            raise AssertionError("mag niet bereikt worden")

    from django.core.exceptions import PermissionDenied

    verzoek = rf.get("/")
    verzoek.user = gebruiker_opslaan(naam="m", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    with pytest.raises(PermissionDenied, match="Alleen platformmedewerkers"):
        Schrijf.as_view()(verzoek)
