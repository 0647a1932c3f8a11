from django.conf import settings
from django.core.management.base import CommandError

from gebruikers.services import gebruiker_opslaan
from opnieuwthuis.commands import Commando

DEMO_WACHTWOORD = "opnieuwthuis-demo"
DEMO_GEBRUIKERS = [
    ("platform", "platform", None, None),
    ("ministerie", "ministerie", None, None),
    ("provincie", "provincie", None, "PV27"),  # Noord-Holland
    ("gemeente", "gemeente", "GM0363", None),  # Amsterdam
]


class Command(Commando):
    help = "Maak een demogebruiker per rol (alleen met ontwikkelinstellingen)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_GEBRUIKERS", False):
            raise CommandError("Demogebruikers bestaan alleen met ontwikkel- of testinstellingen.")
        for naam, rol, gemeente, provincie in DEMO_GEBRUIKERS:
            gebruiker_opslaan(
                naam=naam,
                rol=rol,
                wachtwoord=DEMO_WACHTWOORD,
                gemeentecode=gemeente,
                provinciecode=provincie,
                email=f"{naam}@example.org",  # RFC 2606: reserved, never delivered
            )
            self.stdout.write(f"{naam} / {DEMO_WACHTWOORD} ({rol})")
