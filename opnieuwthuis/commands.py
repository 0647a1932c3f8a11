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

    def lees(self, inhoud: bytes, **options):
        """The file as the importer takes it; columns not asked for are named, never dropped
        quietly."""
        tabel = lees_tabel(inhoud, self.verplicht, self.optioneel)
        for kolom in tabel.onbekend:
            self.stdout.write(f"Kolom '{kolom}' wordt niet gebruikt (onbekende kolom).")
        return tabel

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"Het bestand {pad} bestaat niet.")
        try:
            tabel = self.lees(pad.read_bytes(), **options)
            resultaat = self.importeer(tabel, **options)
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                self.stderr.write(f"{pad.name}: {fout}")
            if fouten.meer:
                self.stderr.write(f"{pad.name}: … en nog {fouten.meer} fouten.")
            raise CommandError(
                f"{fouten.totaal} fout(en) in {pad.name}; er is niets gewijzigd."
            ) from None
        self.stdout.write(f"{pad.name}: {self.onderwerp} geïmporteerd: {resultaat}.")
        return None
