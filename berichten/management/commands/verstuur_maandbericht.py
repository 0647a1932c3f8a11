from django.core.management.base import CommandError

from berichten.services import BerichtFout, laatste_maand, maandberichten_versturen
from opnieuwthuis.bestanden import parse_maand
from opnieuwthuis.commands import Commando


class Command(Commando):
    help = (
        "Stuur elke gebruiker het bericht over de stand na een vastgestelde maand (2017-01: de "
        "stand op 1 februari 2017). Opnieuw draaien verstuurt niets dubbel; zonder maand de "
        "laatste vastgestelde (voor cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "maand",
            nargs="?",
            type=parse_maand,
            help="de vastgestelde maand, JJJJ-MM (2017-01); standaard de laatste",
        )

    def handle(self, *args, **options):
        try:
            maand = options["maand"] or laatste_maand()
            verslag = maandberichten_versturen(maand=maand)
        except BerichtFout as fout:
            raise CommandError(str(fout)) from None
        self.stdout.write(verslag.samenvatting())
        for naam, fout in verslag.mislukt:
            self.stderr.write(f"Niet verstuurd aan {naam}: {fout}")
        if verslag.mislukt:
            raise CommandError("Niet alle berichten zijn verstuurd; draai het commando opnieuw.")
