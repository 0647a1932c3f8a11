from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import maand_lang
from rapportage.maandcyclus import MaandcyclusFout, maand_vaststellen

from ._maand import maand_argument


class Command(Commando):
    help = (
        "Stel een maand vast: alleen als elke gemeente met een taakstelling in het halfjaar een "
        "cijfer heeft en elke waarschuwing is geaccordeerd (--akkoord accordeert de getoonde)."
    )

    def add_arguments(self, parser):
        parser.add_argument("maand", help="bijvoorbeeld 2017-02")
        parser.add_argument("--door", required=True, help="wie de maand vaststelt")
        parser.add_argument(
            "--akkoord", action="store_true", help="accordeer de waarschuwingen die er nu zijn"
        )

    def handle(self, *args, **options):
        maand = maand_argument(options["maand"])
        gebruiker = get_user_model().objects.filter(username=options["door"]).first()
        try:
            overzicht = maand_vaststellen(
                maand=maand, door=options["door"], gebruiker=gebruiker, akkoord=options["akkoord"]
            )
        except MaandcyclusFout as fout:
            raise CommandError(str(fout)) from None
        self.stdout.write(
            f"{maand_lang(maand)} is vastgesteld door {overzicht.vastgesteld_door} "
            f"({overzicht.ingevoerd} gemeenten, "
            f"{len(overzicht.waarschuwingen)} waarschuwing(en) geaccordeerd)."
        )
