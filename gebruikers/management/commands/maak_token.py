from django.core.management.base import CommandError

from gebruikers.tokens import TokenFout, token_intrekken_op_naam, token_maken
from opnieuwthuis.commands import Commando


class Command(Commando):
    help = (
        "Maak een API-token voor een gebruiker (de sleutel wordt één keer getoond en alleen als "
        "hash bewaard), of trek hem in met --intrekken."
    )

    def add_arguments(self, parser):
        parser.add_argument("naam", help="naam van de token, bijvoorbeeld coa-aanlevering")
        parser.add_argument(
            "--gebruiker", help="gebruikersnaam; de token handelt als deze gebruiker"
        )
        parser.add_argument("--intrekken", action="store_true", help="de geldige token intrekken")

    def handle(self, *args, **options):
        try:
            if options["intrekken"]:
                token = token_intrekken_op_naam(
                    naam=options["naam"], gebruikersnaam=options["gebruiker"], door="commando"
                )
                self.stdout.write(f"Token {token.naam} van {token.gebruiker.username} ingetrokken.")
                return
            if not options["gebruiker"]:
                raise CommandError("Geef --gebruiker: de token handelt als die gebruiker.")
            token, sleutel = token_maken(
                naam=options["naam"], gebruiker=options["gebruiker"], door="commando"
            )
        except TokenFout as fout:
            raise CommandError(str(fout)) from None
        self.stderr.write(
            f"Token {token.naam} voor {token.gebruiker.username} "
            f"({token.gebruiker.get_rol_display() or 'geen rol'}). Bewaar de sleutel nu: "
            "hij wordt niet nog eens getoond."
        )
        self.stdout.write(sleutel)
