"""The benchmark's synthetic data set, and the separate databases it lives in.

Deterministic (fixed seeds): the same size and generator version give the same figures every time.
It is benchmark data, not user data, so it is written with ``bulk_create`` straight into the
tables, without the import services' checks or history rows: building 400 municipalities × 20
half-years takes seconds instead of minutes. (The imports themselves are measured separately, on
top of this data set, through the real import command.)

A data set is reused as long as its key (generator version, size, the project's migrations) is
the same; anything else rebuilds it from scratch. Change ``GENERATOR_VERSIE`` when the generator
changes what it writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

GENERATOR_VERSIE = 4
EERSTE_JAAR = 2010
ZAAD = 20100101
BENCH_GEBRUIKER = "bench"

PROVINCIES = [
    ("PV20", "Groningen"),
    ("PV21", "Fryslân"),
    ("PV22", "Drenthe"),
    ("PV23", "Overijssel"),
    ("PV24", "Flevoland"),
    ("PV25", "Gelderland"),
    ("PV26", "Utrecht"),
    ("PV27", "Noord-Holland"),
    ("PV28", "Zuid-Holland"),
    ("PV29", "Zeeland"),
    ("PV30", "Noord-Brabant"),
    ("PV31", "Limburg"),
]
# Plausible national numbers per half-year from 2010-I (synthetic; repeated for longer series).
LANDELIJK = [
    5500, 5500, 5000, 5000, 5500, 5500, 7000, 7000, 9000, 10000,
    14000, 16000, 20000, 23000, 13000, 14000, 10000, 8000, 8000, 6000,
]  # fmt: skip
INWONERS_NEDERLAND = 17_000_000


@dataclass(frozen=True)
class Omvang:
    """How big a data set is: municipalities × half-years from 2010-I."""

    gemeenten: int = 400
    halfjaren: int = 20

    @property
    def perioden(self) -> list[tuple[int, int]]:
        return [(EERSTE_JAAR + i // 2, i % 2 + 1) for i in range(self.halfjaren)]

    @property
    def laatste_maand(self) -> date:
        """The last month with figures: the month before the end of the last half-year, so the
        'monthly file' of the benchmark brings the month after it (all rows new)."""
        jaar, helft = self.perioden[-1]
        return date(jaar, 5 if helft == 1 else 11, 1)

    @property
    def volgende_maand(self) -> date:
        return volgende_maand(self.laatste_maand)

    @property
    def peildatum(self) -> date:
        """The latest peildatum: the first of the month after the last figure."""
        return self.volgende_maand

    def maanden(self) -> list[date]:
        uit = []
        for jaar, helft in self.perioden:
            for maand in range(1 if helft == 1 else 7, 7 if helft == 1 else 13):
                uit.append(date(jaar, maand, 1))
        return [m for m in uit if m <= self.laatste_maand]


def volgende_maand(maand: date) -> date:
    return date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)


def gemeentecode(i: int) -> str:
    return f"GM{i + 1:04d}"


# --- Databases -----------------------------------------------------------------------------------


def klein_url(url: str) -> str:
    """The URL of the small data set next to a large one: another file or another database."""
    if not _is_postgres(url):
        pad = _sqlite_pad(url)
        return f"sqlite:///{pad.with_name(f'{pad.stem}-klein{pad.suffix}')}"
    delen = urlsplit(url)
    return urlunsplit(delen._replace(path=f"{delen.path}_klein"))


def _sqlite_pad(url: str) -> Path:
    import dj_database_url

    return Path(dj_database_url.parse(url)["NAME"])


def gebruik_database(url: str) -> None:
    """Point the ``default`` connection at another database, in this process."""
    import dj_database_url
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    nieuw = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    settings.DATABASES["default"] = nieuw
    connections.settings["default"] = connections.configure_settings({"default": dict(nieuw)})[
        "default"
    ]
    try:
        del connections["default"]
    except AttributeError:
        pass
    cache.clear()


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme.startswith("postgres")


def _controleer_naam(url: str) -> None:
    naam = urlsplit(url).path.lstrip("/")
    if _is_postgres(url) and "bench" not in naam:
        raise RuntimeError(
            f"Weigering: de benchmarkdatabase '{naam}' wordt bij een nieuwe generatorversie "
            "leeggemaakt, dus haar naam moet 'bench' bevatten (bijvoorbeeld opnieuwthuis_bench)."
        )


def _postgres_leeg(url: str) -> None:
    """Create the database when it is missing, and empty its public schema."""
    import psycopg2
    from psycopg2 import sql

    delen = urlsplit(url)
    naam = delen.path.lstrip("/")
    beheer = psycopg2.connect(urlunsplit(delen._replace(path="/postgres")))
    beheer.autocommit = True
    with beheer.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
    beheer.close()
    db = psycopg2.connect(url)
    db.autocommit = True
    with db.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    db.close()


def verwijder_postgres(url: str) -> None:
    """Drop a benchmark database (used by the harness test to leave nothing behind)."""
    import psycopg2
    from psycopg2 import sql

    _controleer_naam(url)
    delen = urlsplit(url)
    beheer = psycopg2.connect(urlunsplit(delen._replace(path="/postgres")))
    beheer.autocommit = True
    with beheer.cursor() as cur:
        cur.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(delen.path.lstrip("/")))
        )
    beheer.close()


def _migraties() -> str:
    from django.db.migrations.loader import MigrationLoader

    namen = sorted(f"{a}.{n}" for a, n in MigrationLoader(None).disk_migrations)
    return hashlib.sha256("\n".join(namen).encode()).hexdigest()[:12]


def sleutel(omvang: Omvang) -> str:
    return f"v{GENERATOR_VERSIE}-{omvang.gemeenten}x{omvang.halfjaren}-m{_migraties()}"


def _lees_sleutel() -> str | None:
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cur:
            cur.execute("SELECT waarde FROM bench_meta WHERE sleutel = 'dataset'")
            rij = cur.fetchone()
    except DatabaseError:
        connection.close()
        return None
    return rij[0] if rij else None


def _schrijf_sleutel(waarde: str) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta "
            "(sleutel VARCHAR(50) PRIMARY KEY, waarde VARCHAR(200) NOT NULL)"
        )
        cur.execute("DELETE FROM bench_meta WHERE sleutel = 'dataset'")
        cur.execute("INSERT INTO bench_meta (sleutel, waarde) VALUES ('dataset', %s)", [waarde])


def zorg_voor_dataset(url: str, omvang: Omvang, *, meld: Callable[[str], None] = print) -> bool:
    """Make ``url`` the current database holding a data set of this size; build it when it is
    missing or stale. Returns True when it was (re)built."""
    from django.core.management import call_command

    _controleer_naam(url)
    gebruik_database(url)
    gewenst = sleutel(omvang)
    if _lees_sleutel() == gewenst:
        meld(f"Dataset {omvang.gemeenten}×{omvang.halfjaren} hergebruikt ({gewenst}).")
        return False
    meld(f"Dataset {omvang.gemeenten}×{omvang.halfjaren} bouwen ({gewenst}) …")
    from django.db import connections

    connections.close_all()
    if _is_postgres(url):
        _postgres_leeg(url)
    else:
        pad = _sqlite_pad(url)
        pad.parent.mkdir(parents=True, exist_ok=True)
        for bestand in (pad, *(pad.with_name(pad.name + s) for s in ("-wal", "-shm", "-journal"))):
            bestand.unlink(missing_ok=True)
    gebruik_database(url)
    call_command("migrate", verbosity=0, interactive=False)
    aantallen = bouw(omvang, meld=meld)
    _schrijf_sleutel(gewenst)
    meld("  " + ", ".join(f"{k}: {v}" for k, v in aantallen.items()))
    return True


# --- The generator -------------------------------------------------------------------------------


def bouw(omvang: Omvang, *, meld: Callable[[str], None] = print) -> dict:
    """Write the data set into the current (empty, migrated) database."""
    import numpy as np
    from django.db import transaction

    from gebruikers.choices import Rol
    from gebruikers.services import gebruiker_opslaan
    from opnieuwthuis.cache import gegevens_gewijzigd
    from realisatie.models import Huisvesting
    from taakstelling.choices import Afrondingsmethode
    from taakstelling.models import (
        Gemeente,
        Halfjaar,
        Inwonertal,
        Provincie,
        Startstand,
        Taakstelling,
    )

    rng = np.random.default_rng(ZAAD)
    n = omvang.gemeenten
    batch = 2000
    with transaction.atomic():
        provincies = Provincie.objects.bulk_create(
            [Provincie(code=c, naam=naam) for c, naam in PROVINCIES]
        )
        # Every province has municipalities even in a small set: round robin.
        gemeenten = Gemeente.objects.bulk_create(
            [
                Gemeente(
                    code=gemeentecode(i),
                    naam=f"Benchgemeente {i + 1:04d}",
                    provincie=provincies[i % len(provincies)],
                )
                for i in range(n)
            ],
            batch_size=batch,
        )
        if not all(g.pk for g in gemeenten):  # backends without RETURNING
            gemeenten = list(Gemeente.objects.order_by("code"))

        # Populations: a long-tailed spread like the Dutch one, growing slowly year by year.
        basis = rng.lognormal(mean=10.3, sigma=0.75, size=n)
        basis = basis / basis.sum() * INWONERS_NEDERLAND
        jaren = sorted({jaar - 1 for jaar, _ in omvang.perioden})
        inwoners = {
            jaar: np.round(basis * (1 + 0.004 * (jaar - jaren[0]))).astype(np.int64)
            for jaar in jaren
        }
        Inwonertal.objects.bulk_create(
            [
                Inwonertal(gemeente=g, peildatum=date(jaar, 1, 1), aantal=int(inwoners[jaar][i]))
                for jaar in jaren
                for i, g in enumerate(gemeenten)
            ],
            batch_size=batch,
        )

        halfjaren = Halfjaar.objects.bulk_create(
            [
                Halfjaar(
                    jaar=jaar,
                    helft=helft,
                    landelijke_taakstelling=LANDELIJK[k % len(LANDELIJK)],
                    afrondingsmethode=Afrondingsmethode.WETTELIJK,
                )
                for k, (jaar, helft) in enumerate(omvang.perioden)
            ]
        )
        if not all(h.pk for h in halfjaren):
            halfjaren = list(Halfjaar.objects.order_by("jaar", "helft"))

        # Quotas by the law's rule (art. 29: vg × iG / iN, rounded up).
        taak = np.zeros((n, len(halfjaren)), dtype=np.int64)
        for k, h in enumerate(halfjaren):
            iG = inwoners[h.jaar - 1].astype(float)
            taak[:, k] = np.ceil(h.landelijke_taakstelling * iG / iG.sum()).astype(np.int64)
        Taakstelling.objects.bulk_create(
            [
                Taakstelling(gemeente=g, halfjaar=h, personen=int(taak[i, k]))
                for k, h in enumerate(halfjaren)
                for i, g in enumerate(gemeenten)
            ],
            batch_size=batch,
        )
        Startstand.objects.bulk_create(
            [
                Startstand(gemeente=g, halfjaar=halfjaren[0], personen=int(s))
                for g, s in zip(gemeenten, rng.integers(-20, 60, size=n))
            ],
            batch_size=batch,
        )

        # Monthly figures: 75–115 % of the quota, spread over the months with a per-half-year
        # pattern; about a third of the rows carry the optional breakdown.
        laatste = omvang.laatste_maand
        huisvestingen = []
        for k, (jaar, helft) in enumerate(omvang.perioden):
            doel = np.round(taak[:, k] * rng.uniform(0.75, 1.15, size=n)).astype(np.int64)
            per_maand = rng.multinomial(doel, rng.dirichlet(np.full(6, 4.0)))
            for m in range(6):
                maand = date(jaar, (1 if helft == 1 else 7) + m, 1)
                if maand > laatste:
                    break
                for i, g in enumerate(gemeenten):
                    personen = int(per_maand[i, m])
                    delen = (None, None, None)
                    if (i + m) % 3 == 0:
                        alleen = personen // 2
                        gezin = (personen - alleen) * 2 // 3
                        delen = (alleen, gezin, personen - alleen - gezin)
                    huisvestingen.append(
                        Huisvesting(
                            gemeente=g,
                            maand=maand,
                            personen=personen,
                            alleenstaanden=delen[0],
                            gezinsleden=delen[1],
                            nareizigers=delen[2],
                        )
                    )
        Huisvesting.objects.bulk_create(huisvestingen, batch_size=batch)
        # Every month with figures is closed (the monthly cycle), as in production: the pages
        # measured are the final ones every role sees.
        from django.utils import timezone

        from realisatie.choices import Maandstatus
        from realisatie.models import Maand

        Maand.objects.bulk_create(
            [
                Maand(
                    maand=m,
                    status=Maandstatus.VASTGESTELD,
                    vastgesteld_door="benchmark",
                    vastgesteld_op=timezone.now(),
                )
                for m in sorted({h.maand for h in huisvestingen})
            ]
        )

        extra = herindelingen_en_uitwisselingen(omvang, gemeenten, halfjaren, meld=meld)
        gebruiker_opslaan(naam=BENCH_GEBRUIKER, rol=Rol.PLATFORM)
        gegevens_gewijzigd()
    return {
        "gemeenten": n,
        "halfjaren": len(halfjaren),
        "taakstellingen": int(taak.size),
        "huisvestingen": len(huisvestingen),
        **extra,
    }


# Reorganisations: for every municipality i with i % 40 == HERINDELING_REST there is one more,
# older municipality that it absorbs on 1 January of the middle year (a third of it before then).
HERINDELING_ELKE = 40
HERINDELING_REST = 17
VOORGANGER_DEEL = 3
# Exchanges: about one per this many municipalities per half-year, of 1 to 5 persons.
UITWISSELING_ELKE = 20
UITWISSELING_MAX = 5


def herindelingsdatum(omvang: Omvang) -> date | None:
    """1 January of the middle year: the first 1 January at or after the middle half-year that
    has a half-year before it (so there is a balance to move); None when the set is too short."""
    perioden = omvang.perioden
    jaar, helft = perioden[len(perioden) // 2]
    jaar += helft == 2
    if (jaar, 1) not in perioden or perioden.index((jaar, 1)) == 0:
        return None
    return date(jaar, 1, 1)


def herindelingen_en_uitwisselingen(omvang: Omvang, gemeenten, halfjaren, *, meld) -> dict:
    """Reorganisations (domain rule 4) and exchanges (rule 2), deterministically, in bulk.

    - Reorganisations: for every municipality i with i % 40 == 17 an older neighbour (code
      ``gemeentecode(n + j)``, same province) that it absorbs on 1 January of the middle year
      (``herindelingsdatum``): one ``Herindeling`` (aandeel 1) and the neighbour's ``einddatum``
      on that day. Before that day the two split what the generator wrote for i (the neighbour a
      third of its populations, quotas, opening balance and monthly figures); from that day the
      neighbour has nothing and i carries on with its own figures. So the national figures are
      the same as without the reorganisation, the municipalities of the last half-year are still
      codes 1..n (the benchmark's import files write those), and since the neighbour carries no
      quota in the half-year that starts that day, the calculation moves its balance to i then
      (``rapportage.selectors.herindelingen``).
    - Per half-year about one exchange per 20 municipalities (at least one): an ``Uitwisseling``
      of 1–5 persons (never more than the giver's quota) between two municipalities with a quota
      in that half-year, with both ``Taakstelling`` rows changed by that number, as
      ``taakstelling.services.uitwisseling_vastleggen`` records it (no toelichting).
    Own random stream, so the rest of the data set is what it was without them.
    """
    from decimal import Decimal

    import numpy as np

    from realisatie.models import Huisvesting
    from taakstelling.models import (
        Gemeente,
        Herindeling,
        Inwonertal,
        Startstand,
        Taakstelling,
        Uitwisseling,
    )

    batch = 2000
    rng = np.random.default_rng(ZAAD + 4)
    n = len(gemeenten)
    periode = {h.pk: (h.jaar, h.helft) for h in halfjaren}

    # --- Reorganisations ------------------------------------------------------------------------
    datum = herindelingsdatum(omvang)
    opvolgers = [] if datum is None else list(gemeenten[HERINDELING_REST::HERINDELING_ELKE])
    voorgangers = Gemeente.objects.bulk_create(
        [
            Gemeente(
                code=gemeentecode(n + j),
                naam=f"Benchgemeente {n + j + 1:04d}",
                provincie_id=g.provincie_id,
                einddatum=datum,
            )
            for j, g in enumerate(opvolgers)
        ]
    )
    if voorgangers and not all(g.pk for g in voorgangers):
        voorgangers = list(Gemeente.objects.filter(code__gte=gemeentecode(n)).order_by("code"))
    if opvolgers:
        voorganger = {g.pk: v for g, v in zip(opvolgers, voorgangers)}
        voor = [h.pk for h in halfjaren if (h.jaar, h.helft) < (datum.year, 1)]

        def deel(x: int) -> int:
            return x // VOORGANGER_DEEL

        def splits(model, rijen, veld: str, **sleutels) -> None:
            nieuw = []
            for r in rijen:
                d = deel(getattr(r, veld))
                setattr(r, veld, getattr(r, veld) - d)
                nieuw.append(
                    model(
                        gemeente=voorganger[r.gemeente_id],
                        **{k: getattr(r, k) for k in sleutels},
                        **{veld: d},
                    )
                )
            model.objects.bulk_update(rijen, [veld], batch_size=batch)
            model.objects.bulk_create(nieuw, batch_size=batch)

        splits(
            Inwonertal,
            list(Inwonertal.objects.filter(gemeente__in=opvolgers, peildatum__lt=datum)),
            "aantal",
            peildatum=True,
        )
        splits(
            Taakstelling,
            list(Taakstelling.objects.filter(gemeente__in=opvolgers, halfjaar__in=voor)),
            "personen",
            halfjaar_id=True,
        )
        splits(
            Startstand,
            list(Startstand.objects.filter(gemeente__in=opvolgers, halfjaar__in=voor)),
            "personen",
            halfjaar_id=True,
        )
        delen = ("alleenstaanden", "gezinsleden", "nareizigers")
        rijen = list(Huisvesting.objects.filter(gemeente__in=opvolgers, maand__lt=datum))
        nieuw = []
        for r in rijen:
            kopie = Huisvesting(gemeente=voorganger[r.gemeente_id], maand=r.maand)
            if r.alleenstaanden is None:
                kopie.personen = deel(r.personen)
            else:
                for d in delen:
                    setattr(kopie, d, deel(getattr(r, d)))
                    setattr(r, d, getattr(r, d) - getattr(kopie, d))
                kopie.personen = sum(getattr(kopie, d) for d in delen)
            r.personen -= kopie.personen
            nieuw.append(kopie)
        Huisvesting.objects.bulk_update(rijen, ["personen", *delen], batch_size=batch)
        Huisvesting.objects.bulk_create(nieuw, batch_size=batch)

        Herindeling.objects.bulk_create(
            [
                Herindeling(datum=datum, van=voorganger[g.pk], naar=g, aandeel=Decimal(1))
                for g in opvolgers
            ]
        )

    # --- Exchanges ------------------------------------------------------------------------------
    volgorde = {g.pk: i for i, g in enumerate([*gemeenten, *voorgangers])}
    per_halfjaar: dict[int, list] = {}
    for t in Taakstelling.objects.all():
        per_halfjaar.setdefault(t.halfjaar_id, []).append(t)
    aantal = max(1, round(n / UITWISSELING_ELKE))
    uitwisselingen, gewijzigd = [], {}
    for h in sorted(per_halfjaar, key=periode.__getitem__):
        rijen = sorted(per_halfjaar[h], key=lambda t: volgorde[t.gemeente_id])
        for _ in range(aantal):
            gevers = [t for t in rijen if t.personen > 0]
            if not gevers or len(rijen) < 2:
                break
            van = gevers[int(rng.integers(len(gevers)))]
            anderen = [t for t in rijen if t is not van]
            naar = anderen[int(rng.integers(len(anderen)))]
            personen = min(int(rng.integers(1, UITWISSELING_MAX + 1)), van.personen)
            uitwisselingen.append(
                Uitwisseling(
                    halfjaar_id=h,
                    van_id=van.gemeente_id,
                    naar_id=naar.gemeente_id,
                    personen=personen,
                )
            )
            van.personen -= personen
            naar.personen += personen
            gewijzigd[van.pk], gewijzigd[naar.pk] = van, naar
    Uitwisseling.objects.bulk_create(uitwisselingen, batch_size=batch)
    Taakstelling.objects.bulk_update(list(gewijzigd.values()), ["personen"], batch_size=batch)

    if not opvolgers:
        meld(
            "  Let op: de dataset is te klein voor een herindeling (te weinig gemeenten/halfjaren)."
        )
    return {
        "taakstellingen": Taakstelling.objects.count(),
        "huisvestingen": Huisvesting.objects.count(),
        "herindelingen": len(opvolgers),
        "herindelingsdatum": datum.isoformat() if opvolgers else "–",
        "uitwisselingen": len(uitwisselingen),
    }
