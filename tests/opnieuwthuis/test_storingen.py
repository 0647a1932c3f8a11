"""Faults: a database or cache that is down, a request that fails halfway, concurrent saves on
SQLite. The PostgreSQL restart under load is measured by ``make load`` (bench/load.sh)."""

import threading
import time

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError
from django.db.utils import ConnectionHandler
from django.urls import reverse

from gebruikers.choices import Rol
from opnieuwthuis import views
from opnieuwthuis.db.postgresql.base import _tijdelijk
from opnieuwthuis.settings.base import database


@pytest.mark.django_db
def test_health_reports_a_database_that_is_down(client, monkeypatch):
    def weg():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", weg)
    antwoord = client.get(reverse("gezond"))
    assert antwoord.status_code == 503
    assert antwoord.json() == {"status": "fout", "database": False, "cache": True}


@pytest.mark.django_db
def test_health_reports_a_cache_that_is_down(client, monkeypatch):
    # Redis on a port where nothing listens: every cache call raises.
    weg = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    monkeypatch.setattr(views, "cache", weg)
    antwoord = client.get(reverse("gezond"))
    assert antwoord.status_code == 503
    assert antwoord.json() == {"status": "fout", "database": True, "cache": False, "migraties": 0}


def test_a_request_that_loses_the_database_gets_the_dutch_error_page(rol_clients, monkeypatch):
    """A request whose query meets a restarting server: the Dutch 500 page, no traceback."""

    def kapot(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views.PingView, "get", kapot)
    client = rol_clients[Rol.PLATFORM]
    client.raise_request_exception = False
    antwoord = client.get(reverse("ping"))
    assert antwoord.status_code == 500
    tekst = antwoord.content.decode()
    assert '<html lang="nl">' in tekst
    assert "Er ging iets mis" in tekst
    assert "Traceback" not in tekst and "OperationalError" not in tekst


def test_the_postgresql_backend_retries_only_what_a_restart_causes():
    assert _tijdelijk(
        OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )
    )
    assert _tijdelijk(OperationalError("FATAL:  the database system is starting up"))
    assert not _tijdelijk(OperationalError('FATAL:  password authentication failed for user "x"'))
    assert not _tijdelijk(OperationalError('FATAL:  database "bestaat_niet" does not exist'))
    instellingen = database("postgres://postgres@127.0.0.1:5432/ot")
    assert instellingen["ENGINE"] == "opnieuwthuis.db.postgresql"
    assert instellingen["CONN_HEALTH_CHECKS"] is True and instellingen["CONN_MAX_AGE"] == 600


def _gelijktijdig_opslaan(instellingen: dict, aantal: int = 4) -> list[str]:
    """``aantal`` threads, each its own connection, each a transaction that reads, waits a
    little and then writes: what a save through a service does. Returns the failures."""
    verbindingen = ConnectionHandler({"default": instellingen})
    with verbindingen["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (n integer)")
    verbindingen["default"].close()
    start = threading.Barrier(aantal)
    fouten: list[str] = []

    def opslaan(n: int) -> None:
        verbinding = verbindingen["default"]  # one per thread
        try:
            start.wait()
            # What transaction.atomic() does on SQLite (atomic itself only knows the project's
            # own connections): BEGIN in the configured transaction mode, then commit.
            verbinding.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with verbinding.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM t")
                time.sleep(0.2)
                cursor.execute("INSERT INTO t VALUES (%s)", [n])
            verbinding.commit()
        except OperationalError as fout:
            fouten.append(str(fout))
        finally:
            verbinding.close()

    draden = [threading.Thread(target=opslaan, args=(n,)) for n in range(aantal)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    return fouten


def test_sqlite_concurrent_saves_wait_instead_of_failing(tmp_path, django_db_blocker):
    instellingen = database(f"sqlite:///{tmp_path / 'samen.sqlite3'}")
    with django_db_blocker.unblock():  # a database file of its own, not the test database
        assert _gelijktijdig_opslaan(instellingen) == []
        verbinding = ConnectionHandler({"default": instellingen})["default"]
        cursor = verbinding.cursor()
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone()[0] == 4
        verbinding.close()


def test_without_these_settings_sqlite_saves_fail(tmp_path, django_db_blocker):
    """The control: Django's defaults lose concurrent saves with "database is locked"."""
    instellingen = database(f"sqlite:///{tmp_path / 'kaal.sqlite3'}")
    instellingen["OPTIONS"] = {}
    with django_db_blocker.unblock():
        fouten = _gelijktijdig_opslaan(instellingen)
    assert fouten and all("locked" in f for f in fouten)
