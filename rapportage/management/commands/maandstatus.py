import json

from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import maand_lang
from rapportage.maandcyclus import maandoverzicht

from ._maand import maand_argument


class Command(Commando):
    help = (
        "De stand van een maand in de maandcyclus: open of vastgesteld, hoeveel gemeenten een "
        "cijfer hebben, welke niet, en de waarschuwingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("maand", help="bijvoorbeeld 2017-02")
        parser.add_argument("--format", choices=["tabel", "json"], default="tabel")

    def handle(self, *args, **options):
        overzicht = maandoverzicht(maand_argument(options["maand"]))
        if options["format"] == "json":
            self.stdout.write(json.dumps(overzicht.als_json(), ensure_ascii=False, indent=2))
            return
        regels = [
            f"{maand_lang(overzicht.maand)}: {overzicht.status}",
            f"ingevoerd: {overzicht.ingevoerd} van {overzicht.verwacht} gemeenten",
        ]
        if overzicht.vastgesteld_op:
            regels.append(
                f"vastgesteld door {overzicht.vastgesteld_door} op "
                f"{overzicht.vastgesteld_op:%d-%m-%Y %H:%M}"
            )
        if overzicht.ontbrekend:
            regels.append("niet ingevoerd:")
            regels += [f"  {code} {naam}" for code, naam in overzicht.ontbrekend]
        if overzicht.waarschuwingen:
            regels.append("waarschuwingen:")
            regels += [
                f"  [{'akkoord ' + w.akkoord_door if w.akkoord else 'open'}] {w.tekst}"
                for w in overzicht.waarschuwingen
            ]
        self.stdout.write("\n".join(regels))
