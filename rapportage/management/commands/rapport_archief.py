import json
from pathlib import Path

from django.core.management.base import CommandError

from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import datum_lang
from rapportage.models import GepubliceerdRapport

from .rapport_publiceren import als_dict


class Command(Commando):
    help = (
        "De gepubliceerde voortgangsrapportages: id, peildatum, gebied, gepubliceerd_op en de "
        "sha256 per bestand. Met --haal ID --formaat pdf|xlsx|csv --output BESTAND haalt u een "
        "bestand op, byte voor byte zoals het is gepubliceerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["tabel", "json"], default="tabel")
        parser.add_argument("--haal", type=int, help="het id van een gepubliceerd rapport")
        parser.add_argument("--formaat", choices=list(GepubliceerdRapport.FORMATEN))
        parser.add_argument("--output", help="het bestand om te schrijven (met --haal)")

    def handle(self, *args, **options):
        if options["haal"] is not None:
            return self.haal(options)
        rijen = GepubliceerdRapport.objects.defer(*GepubliceerdRapport.FORMATEN).order_by(
            "peildatum", "gebied", "volgnummer"
        )
        lijst = [als_dict(p) for p in rijen]
        if options["format"] == "json":
            self.stdout.write(json.dumps(lijst, ensure_ascii=False, indent=2))
            return
        if not lijst:
            self.stdout.write("Er is nog geen rapportage gepubliceerd.")
        for p, rij in zip(rijen, lijst):
            self.stdout.write(
                f"{rij['id']:>5}  {datum_lang(p.peildatum):>18}  {p.gebied:<6} versie "
                f"{p.volgnummer}  {p.gepubliceerd_op:%Y-%m-%d %H:%M}  {p.door_naam}  "
                f"pdf {p.pdf_sha256[:12]}… xlsx {p.xlsx_sha256[:12]}… csv {p.csv_sha256[:12]}…"
            )

    def haal(self, options):
        if not options["formaat"] or not options["output"]:
            raise CommandError("Bij --haal horen --formaat (pdf, xlsx of csv) en --output.")
        publicatie = (
            GepubliceerdRapport.objects.filter(pk=options["haal"])
            .only("id", options["formaat"], f"{options['formaat']}_sha256")
            .first()
        )
        if publicatie is None:
            raise CommandError(f"Er is geen gepubliceerd rapport met id {options['haal']}.")
        inhoud = publicatie.bestand(options["formaat"])
        pad = Path(options["output"])
        pad.write_bytes(inhoud)
        self.stdout.write(
            f"{pad}: rapport {publicatie.pk} ({options['formaat']}), sha256 "
            f"{publicatie.sha256(options['formaat'])}"
        )
