from pathlib import Path

from django.core.management.base import CommandError

from opnieuwthuis.bestanden import ImportFouten
from opnieuwthuis.commands import Commando
from realisatie.backup import herstellen


class Command(Commando):
    help = (
        "Zet een backup van exporteer_alles terug: alle bestanden in MAP, alles of (bij een "
        "fout) niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("map", help="de map met de bestanden van exporteer_alles")

    def handle(self, *args, **options):
        map_ = Path(options["map"])
        if not map_.is_dir():
            raise CommandError(f"De map {map_} bestaat niet.")
        try:
            verslag = herstellen(map_)
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                self.stderr.write(str(fout))
            raise CommandError(f"{len(fouten.fouten)} fout(en); er is niets gewijzigd.") from None
        for naam, resultaat in verslag.items():
            self.stdout.write(f"{naam}: {resultaat}")
