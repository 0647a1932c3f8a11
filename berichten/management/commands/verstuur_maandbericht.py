from django.core.management.base import CommandError

from berichten.services import BerichtFout, maandberichten_versturen
from opnieuwthuis.bestanden import parse_maand
from opnieuwthuis.commands import Commando


class Command(Commando):
    help = (
        "Stuur elke gebruiker het bericht over de stand na een vastgestelde maand (2017-01: de "
        "stand op 1 februari 2017). Opnieuw draaien verstuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "maand", type=parse_maand, help="de vastgestelde maand, JJJJ-MM (2017-01)"
        )

    def handle(self, *args, **options):
        try:
            verslag = maandberichten_versturen(maand=options["maand"])
        except BerichtFout as fout:
            raise CommandError(str(fout)) from None
        self.stdout.write(verslag.samenvatting())
        for naam, fout in verslag.mislukt:
            self.stderr.write(f"Niet verstuurd aan {naam}: {fout}")
        if verslag.mislukt:
            raise CommandError("Niet alle berichten zijn verstuurd; draai het commando opnieuw.")
