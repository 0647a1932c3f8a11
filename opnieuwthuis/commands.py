"""The shared shape of the import commands: read a file, check it whole, write it whole."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .bestanden import ImportFouten, lees_tabel


class ImportCommand(BaseCommand):
    """Subclasses set ``verplicht`` (and ``optioneel``) columns and implement ``importeer``."""

    verplicht: list[str] = []
    optioneel: list[str] = []
    onderwerp = "rijen"

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV (met , of ;) of XLSX")

    def importeer(self, tabel, **options):
        raise NotImplementedError

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"Het bestand {pad} bestaat niet.")
        try:
            tabel = lees_tabel(pad.read_bytes(), self.verplicht, self.optioneel)
            resultaat = self.importeer(tabel, **options)
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                self.stderr.write(f"{pad.name}: {fout}")
            raise CommandError(
                f"{len(fouten.fouten)} fout(en) in {pad.name}; er is niets gewijzigd."
            ) from None
        self.stdout.write(f"{pad.name}: {self.onderwerp} geïmporteerd: {resultaat}.")
        return None
