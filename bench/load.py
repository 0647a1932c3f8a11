"""The Python half of ``make load`` (bench/load.sh does the processes):

    python -m bench.load voorbereiden        database, migrations, demo data, the load user
    python -m bench.load inloggen URL        log in through the login page; print the Cookie header
    python -m bench.load paden URL COOKIE    the mix's paths that exist and answer 200
    python -m bench.load rapport MIX PING    bench/load.json and a table; exit 1 on any error
    python -m bench.load storing URL COOKIE UITVOER PAD…
                                             the fault test: steady load while PostgreSQL
                                             restarts; errors before, during and after (after
                                             must be 0); exit 1 otherwise

Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
GEBRUIKER = "belasting"
WACHTWOORD = "alleen-lokaal-belasting-127"  # a local throwaway database; never a real account


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _alleen_loopback(url: str) -> str:
    if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
        raise SystemExit(f"Weigering: de belastingstest praat alleen met 127.0.0.1, niet {url}.")
    return url.rstrip("/")


def voorbereiden() -> None:
    """Create the load database when it is missing, migrate it, load the demo once, and (re)set
    the load user's password."""
    import psycopg2
    from psycopg2 import sql

    url = os.environ["BENCH_DATABASE_URL"]
    delen = urllib.parse.urlsplit(url)
    if not delen.scheme.startswith("postgres"):
        raise SystemExit("make load meet op PostgreSQL: zet BENCH_DATABASE_URL op postgres://…")
    naam = delen.path.lstrip("/")
    beheer = psycopg2.connect(urllib.parse.urlunsplit(delen._replace(path="/postgres")))
    beheer.autocommit = True
    with beheer.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
            print(f"Database {naam} aangemaakt.")
    beheer.close()

    _django()
    from django.core.management import call_command

    from gebruikers.choices import Rol
    from gebruikers.services import gebruiker_opslaan
    from taakstelling.models import Gemeente

    call_command("migrate", verbosity=0, interactive=False)
    if not Gemeente.objects.exists():
        print("Demodata laden (eenmalig) …", flush=True)
        call_command("laad_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    gebruiker_opslaan(naam=GEBRUIKER, rol=Rol.PLATFORM, wachtwoord=WACHTWOORD)
    print(f"Database {naam} klaar: {Gemeente.objects.count()} gemeenten.")


def _opener(jar=None):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def inloggen(basis: str) -> str:
    """Log in as a browser does (login form with its CSRF token) and return the Cookie header."""
    basis = _alleen_loopback(basis)
    jar = http.cookiejar.CookieJar()
    opener = _opener(jar)
    pagina = opener.open(f"{basis}/inloggen/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)
    gegevens = urllib.parse.urlencode(
        {"username": GEBRUIKER, "password": WACHTWOORD, "csrfmiddlewaretoken": token}
    ).encode()
    antwoord = opener.open(f"{basis}/inloggen/", data=gegevens, timeout=30)
    koekjes = {c.name: c.value for c in jar}
    if "sessionid" not in koekjes or antwoord.status != 200:
        raise SystemExit("Inloggen mislukt: geen sessie.")
    return "; ".join(f"{k}={v}" for k, v in sorted(koekjes.items()))


def paden(basis: str, cookie: str) -> list[str]:
    """The paths of LOAD_MIX that exist in this project and answer 200 to the logged-in user."""
    basis = _alleen_loopback(basis)
    _django()
    from django.urls import NoReverseMatch, reverse

    from bench.paginas import LOAD_MIX, PAGINAS, VOORBEELD_DEMO

    kwargs = {p.url_naam: p.kwargs for p in PAGINAS}
    uit = []
    for naam in [*LOAD_MIX]:
        try:
            pad = reverse(
                naam,
                kwargs={k: v.format(**VOORBEELD_DEMO) for k, v in kwargs.get(naam, {}).items()},
            )
        except NoReverseMatch:
            print(f"  {naam}: niet aanwezig, niet in de mix", file=sys.stderr)
            continue
        verzoek = urllib.request.Request(basis + pad, headers={"Cookie": cookie})
        try:
            status = _opener().open(verzoek, timeout=60).status
        except urllib.error.HTTPError as fout:
            status = fout.code
        if status != 200:
            raise SystemExit(f"{pad} gaf {status} vóór de belastingstest; gestopt.")
        uit.append(pad)
    if not uit:
        raise SystemExit("Geen enkele pagina van de mix bestaat.")
    return uit


def rapport(mix_pad: str, ping_pad: str, uitvoer: str, instellingen: dict) -> int:
    def lees(pad):
        regels = [r for r in Path(pad).read_text().splitlines() if r.startswith("{")]
        gegevens = json.loads(regels[-1])
        gegevens["per_seconde"] = round(gegevens["verzoeken"] / gegevens["duur_s"], 1)
        gegevens["fouten"] = gegevens["niet_2xx"] + sum(gegevens["socketfouten"].values())
        return gegevens

    mix, ping = lees(mix_pad), lees(ping_pad)
    resultaat = {
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        **instellingen,
        "mix": mix,
        "triviaal": ping,
        "verhouding_per_seconde": round(mix["per_seconde"] / ping["per_seconde"], 3),
        "geslaagd": mix["fouten"] == 0 and ping["fouten"] == 0,
    }
    Path(uitvoer).write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{'':24} {'verzoeken':>10} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'fouten':>7}")
    for naam, r in (("mix " + " ".join(instellingen["paden"]), mix), ("triviaal /ping/", ping)):
        lat = r["latentie_ms"]
        print(
            f"{naam[:24]:24} {r['verzoeken']:>10} {r['per_seconde']:>8} {lat['p50']:>8} "
            f"{lat['p99']:>8} {r['fouten']:>7}"
        )
    print(f"\nResultaten: {uitvoer}")
    if not resultaat["geslaagd"]:
        print("FOUTEN tijdens de belastingstest (niet-2xx of socketfouten).")
        return 1
    print("Nul fouten.")
    return 0


def storing(basis: str, cookie: str, uitvoer: str, paden_: list[str]) -> int:
    """Bounded load (``LOAD_STORING_CLIENTS`` clients, default 4, each one request at a time)
    on the mix for ``LOAD_STORING_DUUR`` seconds (default 20); after a third of it PostgreSQL is
    restarted (``LOAD_PG_HERSTART``). Every request is counted by when it ran: before the
    restart, overlapping it (in flight, or waiting for the server), or after it. Only the last
    must be free of errors: a restart nobody notices once it is over.

    The clients are threads of this measuring process, never of the web server."""
    import shlex
    import subprocess
    import threading
    import time

    basis = _alleen_loopback(basis)
    clients = int(os.environ.get("LOAD_STORING_CLIENTS", "4"))
    duur = float(os.environ.get("LOAD_STORING_DUUR", "20"))
    herstart = shlex.split(os.environ["LOAD_PG_HERSTART"])
    opener = _opener()
    metingen: list[tuple[float, float, int | str]] = []
    slot = threading.Lock()
    stop = time.monotonic() + duur

    def client(nummer: int) -> None:
        i = nummer
        while time.monotonic() < stop:
            pad = paden_[i % len(paden_)]
            i += 1
            begin = time.monotonic()
            try:
                verzoek = urllib.request.Request(basis + pad, headers={"Cookie": cookie})
                with opener.open(verzoek, timeout=30) as antwoord:
                    antwoord.read()
                    uitkomst: int | str = antwoord.status
            except urllib.error.HTTPError as fout:
                uitkomst = fout.code
            except (urllib.error.URLError, OSError) as fout:
                uitkomst = type(fout).__name__
            with slot:
                metingen.append((begin, time.monotonic(), uitkomst))

    draden = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.monotonic()
    for draad in draden:
        draad.start()
    time.sleep(duur / 3)
    herstart_begin = time.monotonic()
    proces = subprocess.run(herstart, capture_output=True, text=True, timeout=120)
    herstart_einde = time.monotonic()
    for draad in draden:
        draad.join()
    if proces.returncode != 0:
        print(f"Herstart mislukt ({' '.join(herstart)}): {proces.stderr.strip()}", file=sys.stderr)
        return 2

    def fase(begin: float, einde: float) -> str:
        if einde < herstart_begin:
            return "voor"
        if begin > herstart_einde:
            return "na"
        return "tijdens"

    telling = {f: {"verzoeken": 0, "fouten": 0, "langste_ms": 0} for f in ("voor", "tijdens", "na")}
    soorten: dict[str, int] = {}
    for begin, einde, uitkomst in metingen:
        t = telling[fase(begin, einde)]
        t["verzoeken"] += 1
        t["langste_ms"] = max(t["langste_ms"], round((einde - begin) * 1000))
        if uitkomst != 200:
            t["fouten"] += 1
            soorten[str(uitkomst)] = soorten.get(str(uitkomst), 0) + 1
    resultaat = {
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        "clients": clients,
        "duur_s": duur,
        "herstart": " ".join(herstart),
        "herstart_na_s": round(herstart_begin - start, 2),
        "herstart_duur_s": round(herstart_einde - herstart_begin, 2),
        "paden": paden_,
        **telling,
        "foutsoorten": soorten,
        "geslaagd": telling["na"]["fouten"] == 0 and telling["na"]["verzoeken"] > 0,
    }
    Path(uitvoer).write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\nPostgreSQL-herstart na {resultaat['herstart_na_s']} s, duurde "
        f"{resultaat['herstart_duur_s']} s ({clients} clients, {duur:g} s belasting):"
    )
    print(f"{'':10} {'verzoeken':>10} {'fouten':>7} {'langste ms':>11}")
    for naam in ("voor", "tijdens", "na"):
        t = telling[naam]
        print(f"{naam:10} {t['verzoeken']:>10} {t['fouten']:>7} {t['langste_ms']:>11}")
    if soorten:
        print(f"Soorten fouten: {soorten}")
    print(f"Resultaten: {uitvoer}")
    if not resultaat["geslaagd"]:
        print("FOUTEN na de herstart: de applicatie herstelde niet vanzelf.")
        return 1
    print("Na de herstart nul fouten.")
    return 0


def main(argv: list[str]) -> int:
    opdracht, *rest = argv
    if opdracht == "voorbereiden":
        voorbereiden()
    elif opdracht == "inloggen":
        print(inloggen(rest[0]))
    elif opdracht == "paden":
        print(" ".join(paden(rest[0], rest[1])))
    elif opdracht == "rapport":
        mix, ping, uitvoer, *paden_ = rest
        return rapport(
            mix,
            ping,
            uitvoer,
            {
                "gunicorn_workers": int(os.environ.get("LOAD_WORKERS", "2")),
                "wrk": os.environ.get("LOAD_WRK", ""),
                "database": "postgresql",
                "paden": paden_,
            },
        )
    elif opdracht == "storing":
        basis, cookie, uitvoer, *paden_ = rest
        return storing(basis, cookie, uitvoer, paden_)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
