"""Factories with Dutch fakes, and small worlds built through the real import services."""

import factory
from factory.django import DjangoModelFactory

from gebruikers.choices import Rol
from realisatie.models import Huisvesting
from taakstelling.models import Gemeente, Halfjaar, Provincie, Startstand, Taakstelling

WACHTWOORD = "test-wachtwoord-opnieuwthuis"


class ProvincieFactory(DjangoModelFactory):
    class Meta:
        model = Provincie
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"PV{n % 90 + 10:02d}")
    naam = factory.Sequence(lambda n: f"Provincie {n}")


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"GM{n + 1:04d}")
    naam = factory.Faker("city", locale="nl_NL")
    provincie = factory.SubFactory(ProvincieFactory)

    class Params:
        opgeheven = factory.Trait(einddatum=factory.Faker("date_object"))


class HalfjaarFactory(DjangoModelFactory):
    class Meta:
        model = Halfjaar
        django_get_or_create = ["jaar", "helft"]

    jaar = 2017
    helft = 1
    landelijke_taakstelling = 13000


class TaakstellingFactory(DjangoModelFactory):
    class Meta:
        model = Taakstelling

    gemeente = factory.SubFactory(GemeenteFactory)
    halfjaar = factory.SubFactory(HalfjaarFactory)
    personen = 100


class StartstandFactory(DjangoModelFactory):
    class Meta:
        model = Startstand

    gemeente = factory.SubFactory(GemeenteFactory)
    halfjaar = factory.SubFactory(HalfjaarFactory)
    personen = 0


class HuisvestingFactory(DjangoModelFactory):
    class Meta:
        model = Huisvesting

    gemeente = factory.SubFactory(GemeenteFactory)
    maand = factory.Faker("date_object")
    personen = 10


def maak_wereld(aantal: int = 2, *, provincies: int = 2, open_vanaf=None):
    """``aantal`` municipalities over ``provincies`` provinces with a quota in 2016-II and 2017-I,
    an opening balance and monthly figures July 2016 – January 2017, those months closed (the
    ones from ``open_vanaf`` on left open, as while they are being entered)."""
    from datetime import date

    provs = [ProvincieFactory(code=f"PV{20 + i}", naam=f"Provincie {i}") for i in range(provincies)]
    h1 = HalfjaarFactory(jaar=2016, helft=2, landelijke_taakstelling=100 * aantal)
    h2 = HalfjaarFactory(jaar=2017, helft=1, landelijke_taakstelling=50 * aantal)
    gemeenten = []
    huis = []
    for i in range(aantal):
        g = GemeenteFactory(
            code=f"GM{i + 1:04d}", naam=f"Gemeente {i + 1:04d}", provincie=provs[i % provincies]
        )
        gemeenten.append(g)
        StartstandFactory(gemeente=g, halfjaar=h1, personen=10 - i % 20)
        TaakstellingFactory(gemeente=g, halfjaar=h1, personen=100)
        TaakstellingFactory(gemeente=g, halfjaar=h2, personen=50)
        for m in range(7, 13):
            huis.append(Huisvesting(gemeente=g, maand=date(2016, m, 1), personen=15 + i % 5))
        huis.append(Huisvesting(gemeente=g, maand=date(2017, 1, 1), personen=i % 30))
    Huisvesting.objects.bulk_create(huis)
    # Closed as the demo's are, so 1 February 2017 is final (the monthly cycle).
    sluit_maanden(
        [
            m
            for m in [*(date(2016, m, 1) for m in range(7, 13)), date(2017, 1, 1)]
            if open_vanaf is None or m < open_vanaf
        ]
    )
    return gemeenten


def sluit_maanden(maanden) -> None:
    """Mark months closed (test set-up; the real way is ``rapportage.maandcyclus``)."""
    from django.utils import timezone

    from opnieuwthuis.cache import gegevens_gewijzigd
    from realisatie.choices import Maandstatus
    from realisatie.models import Maand

    for maand in maanden:
        Maand.objects.update_or_create(
            maand=maand,
            defaults={
                "status": Maandstatus.VASTGESTELD,
                "vastgesteld_door": "test",
                "vastgesteld_op": timezone.now(),
            },
        )
    gegevens_gewijzigd()


def maak_gebruikers() -> dict:
    """A user per role, and a second municipality official for the 'other municipality' case."""
    from gebruikers.services import gebruiker_opslaan

    gemeenten = list(Gemeente.objects.order_by("code")[:2])
    if len(gemeenten) < 2:
        gemeenten = maak_wereld(2)
    eigen, ander = gemeenten[0], gemeenten[1]
    return {
        Rol.PLATFORM: gebruiker_opslaan(naam="platform", rol=Rol.PLATFORM, wachtwoord=WACHTWOORD),
        Rol.MINISTERIE: gebruiker_opslaan(
            naam="ministerie", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD
        ),
        Rol.PROVINCIE: gebruiker_opslaan(
            naam="provincie",
            rol=Rol.PROVINCIE,
            wachtwoord=WACHTWOORD,
            provinciecode=eigen.provincie.code,
        ),
        Rol.GEMEENTE: gebruiker_opslaan(
            naam="gemeente", rol=Rol.GEMEENTE, wachtwoord=WACHTWOORD, gemeentecode=eigen.code
        ),
        "andere_gemeente": gebruiker_opslaan(
            naam="andere-gemeente",
            rol=Rol.GEMEENTE,
            wachtwoord=WACHTWOORD,
            gemeentecode=ander.code,
        ),
    }
