import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM calls
# in the test body. Test process only, never in production.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def demo(db):
    """The demo data set of the February 2017 report, loaded through the import services."""
    from rapportage.demo import laad_demo

    laad_demo()


@pytest.fixture
def gebruikers(db):
    """One user per role, plus an official of another municipality, on two small municipalities
    that ``maak_wereld`` created (or the demo's, when loaded first)."""
    from tests.factories import maak_gebruikers

    return maak_gebruikers()


def _client(client_class, gebruiker):
    c = client_class()
    c.force_login(gebruiker)
    return c


@pytest.fixture
def rol_clients(gebruikers):
    from django.test import Client

    return {rol: _client(Client, g) for rol, g in gebruikers.items()}


@pytest.fixture(autouse=True)
def _lege_cache():
    """Each test starts with an empty cache, as a fresh process would."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
