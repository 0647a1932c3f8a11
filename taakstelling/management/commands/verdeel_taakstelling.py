from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from opnieuwthuis.bestanden import parse_aantal, parse_datum, parse_halfjaar
from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import getal
from taakstelling.choices import Afrondingsmethode
from taakstelling.services import taakstelling_verdelen
from taakstelling.verdeling import METHODEN, VerdelingFout


class Command(Commando):
    help = (
        "Verdeel een landelijke taakstelling naar inwonertal over de gemeenten "
        "(art. 29 Huisvestingswet 2014) en sla de taakstellingen op."
    )

    def add_arguments(self, parser):
        parser.add_argument("halfjaar", type=parse_halfjaar, help="bijvoorbeeld 2017-I")
        parser.add_argument(
            "--landelijk", required=True, type=parse_aantal, help="bijvoorbeeld 13000"
        )
        parser.add_argument(
            "--methode",
            choices=[str(m) for m in METHODEN],
            default=Afrondingsmethode.WETTELIJK.value,
            help="wettelijk (naar boven afgerond, standaard) of grootste-overschot (telt exact op)",
        )
        parser.add_argument(
            "--inwoners-peildatum",
            type=parse_datum,
            help="standaard 1 januari van het jaar vóór het halfjaar",
        )
        parser.add_argument(
            "--vanaf",
            type=parse_datum,
            help="herziening tijdens het halfjaar: de nieuwe taakstellingen gelden vanaf deze datum",
        )
        parser.add_argument(
            "--toon", action="store_true", help="toon de taakstelling van elke gemeente"
        )

    def handle(self, *args, **options):
        jaar, helft = options["halfjaar"]
        try:
            verdeling = taakstelling_verdelen(
                jaar=jaar,
                helft=helft,
                landelijk=options["landelijk"],
                methode=options["methode"],
                inwoners_peildatum=options["inwoners_peildatum"],
                vanaf=options["vanaf"],
            )
        except (VerdelingFout, ValidationError) as fout:
            melding = fout.messages[0] if isinstance(fout, ValidationError) else str(fout)
            raise CommandError(melding) from None
        if options["toon"]:
            for regel in verdeling.regels:
                self.stdout.write(
                    f"{regel.gemeente.code}  {regel.gemeente.naam:<32} "
                    f"{getal(regel.inwoners):>9}  {getal(regel.personen):>6}"
                )
        soort = f"herzien per {options['vanaf']:%d-%m-%Y}" if options["vanaf"] else "verdeeld"
        self.stdout.write(
            f"{verdeling.label} {soort}: landelijk {getal(verdeling.landelijk)}, "
            f"{len(verdeling.regels)} gemeenten, som gemeenten {getal(verdeling.som)} "
            f"({verdeling.methode_label.lower()}; inwoners op "
            f"{verdeling.inwoners_peildatum:%d-%m-%Y}: {getal(verdeling.inwoners)})."
        )
