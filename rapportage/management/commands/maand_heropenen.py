from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import maand_lang
from rapportage.maandcyclus import MaandcyclusFout, maand_heropenen

from ._maand import maand_argument


class Command(Commando):
    help = "Heropen een vastgestelde maand, met een reden (die blijft bewaard)."

    def add_arguments(self, parser):
        parser.add_argument("maand", help="bijvoorbeeld 2017-02")
        parser.add_argument("--reden", required=True, help="waarom de maand weer open gaat")
        parser.add_argument("--door", required=True, help="wie de maand heropent")

    def handle(self, *args, **options):
        maand = maand_argument(options["maand"])
        gebruiker = get_user_model().objects.filter(username=options["door"]).first()
        try:
            maand_heropenen(
                maand=maand, reden=options["reden"], door=options["door"], gebruiker=gebruiker
            )
        except MaandcyclusFout as fout:
            raise CommandError(str(fout)) from None
        self.stdout.write(f"{maand_lang(maand)} is heropend: {options['reden']}")
