from pathlib import Path

from django.core.management.base import CommandError

from opnieuwthuis.bestanden import ImportFouten
from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import getal
from realisatie.backup import herstellen


class Command(Commando):
    help = (
        "Zet een backup van exporteer_alles terug. Eerst wordt het hele archief tegen zijn "
        "manifest gecontroleerd; daarna alles of (bij een fout) niets. Alleen in een lege "
        "database, tenzij --forceer."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="het archief van exporteer_alles")
        parser.add_argument(
            "--forceer",
            action="store_true",
            help="vervang alles wat er in de database staat door de backup",
        )

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"Het bestand {pad} bestaat niet.")
        try:
            verslag = herstellen(pad, vervangen=options["forceer"])
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                self.stderr.write(str(fout))
            raise CommandError(f"{len(fouten.fouten)} fout(en); er is niets gewijzigd.") from None
        for model, aantal in verslag.items():
            if aantal:
                self.stdout.write(f"{model}: {getal(aantal)} rijen")
        self.stdout.write(f"Teruggezet: {getal(sum(verslag.values()))} rijen uit {pad}.")
