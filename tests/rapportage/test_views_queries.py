"""Every page issues the same number of queries with 2 and with 390 municipalities, both when
it is rendered (cold cache) and when it comes from the cache."""

from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebruikers.choices import Rol
from opnieuwthuis.cache import gegevens_gewijzigd
from realisatie.models import Huisvesting
from taakstelling.models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling

PAGINAS = [
    "/landelijk/",
    "/landelijk/?peildatum=2016-10-01",
    "/gemeenten/",
    "/gemeenten/?zoek=gem&provincie=PV20&status=achter&gemist=1&grootte=tot-20000&sort=-stand",
    "/gemeenten/?export=csv",
    "/gemeenten/?export=xlsx&sort=status",
    "/gemeenten/GM0001/",
    "/provincies/PV20/",
    "/provincies/PV20/?export=csv",
    "/kaart/",
    "/grafieken/landelijk.svg",
    "/grafieken/gemeenten/GM0001.svg",
]


def _groei_tot(aantal: int) -> None:
    """Add municipalities like maak_wereld's until there are ``aantal``."""
    provincies = list(Provincie.objects.order_by("code"))
    h1 = Halfjaar.objects.get(jaar=2016, helft=2)
    h2 = Halfjaar.objects.get(jaar=2017, helft=1)
    nieuw = Gemeente.objects.bulk_create(
        Gemeente(code=f"GM{i + 1:04d}", naam=f"Gemeente {i + 1:04d}", provincie=provincies[i % 2])
        for i in range(Gemeente.objects.count(), aantal)
    )
    nieuw = list(Gemeente.objects.filter(code__in=[g.code for g in nieuw]))
    Startstand.objects.bulk_create(Startstand(gemeente=g, halfjaar=h1, personen=5) for g in nieuw)
    Taakstelling.objects.bulk_create(
        Taakstelling(gemeente=g, halfjaar=h, personen=p)
        for g in nieuw
        for h, p in ((h1, 100), (h2, 50))
    )
    Inwonertal.objects.bulk_create(
        Inwonertal(gemeente=g, peildatum=date(2016, 1, 1), aantal=10_000 + g.id) for g in nieuw
    )
    Huisvesting.objects.bulk_create(
        Huisvesting(gemeente=g, maand=date(j, m, 1), personen=(g.id + m) % 25)
        for g in nieuw
        for j, m in [(2016, 7), (2016, 8), (2016, 9), (2016, 10), (2016, 11), (2016, 12), (2017, 1)]
    )
    gegevens_gewijzigd()


def _tellingen(rol_clients) -> dict:
    uit = {}
    for rol in (Rol.PLATFORM, Rol.PROVINCIE, Rol.GEMEENTE):
        client = rol_clients[rol]
        for url in PAGINAS:
            for keer in ("koud", "warm"):
                if keer == "koud":
                    cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    antwoord = client.get(url)
                assert antwoord.status_code in (200, 404), (rol, url)
                uit[(rol, url, keer)] = (antwoord.status_code, len(queries))
    return uit


def test_query_counts_do_not_grow_with_the_number_of_municipalities(wereld, rol_clients):
    klein = _tellingen(rol_clients)
    _groei_tot(390)
    assert Gemeente.objects.count() == 390
    groot = _tellingen(rol_clients)
    verschil = {k: (klein[k], groot[k]) for k in klein if klein[k] != groot[k]}
    assert not verschil
    # And small in absolute terms: from the cache a page is the login and the data version.
    warm = [
        n
        for (rol, url, keer), (_s, n) in groot.items()
        if keer == "warm" and ".svg" not in url and "export" not in url
    ]
    assert max(warm) <= 5, sorted(
        ((n, k) for k, (_s, n) in groot.items() if k[2] == "warm"), key=lambda x: -x[0]
    )[:5]
    # Rendering: login, data version, the calculation's five inputs, peildata, half-year, scope.
    # Rendering fresh: login, version, the calculation inputs (gemeenten, halfjaren, quotas and
    # their revisions, opening balances, monthly figures, reorganisations), the page itself, the
    # steps of the province's intervention ladder (toezicht, one query) and the monthly cycle
    # (months of the system, closed months, completeness, corrections).
    assert max(n for (_s, n) in groot.values()) <= 27
