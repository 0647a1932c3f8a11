from pathlib import Path

from django.utils import timezone

from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import getal
from realisatie.backup import exporteren


class Command(Commando):
    help = (
        "Schrijf een volledige backup in één archief (ZIP met manifest, aantallen en SHA-256): "
        "gemeenten, inwonertallen, herindelingen, halfjaren met herzieningen en vervangen "
        "taakstellingen, uitwisselingen, beginstanden, maandcijfers, opvangstanden, uploads met "
        "hun bestanden, gebruikers (rol, koppeling, wachtwoordhash), toezicht, de historie en de "
        "inloggeschiedenis. Terugzetten: python manage.py importeer_alles BESTAND."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand", help="het archief (bijvoorbeeld backup.zip), of een map om het in te zetten"
        )

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if pad.is_dir():
            pad = pad / f"opnieuwthuis-backup-{timezone.localtime():%Y-%m-%d-%H%M%S}.zip"
        verslag = exporteren(pad)
        for model, aantal in verslag.items():
            if aantal:
                self.stdout.write(f"{model}: {getal(aantal)} rijen")
        self.stdout.write(
            f"{pad}: {getal(sum(verslag.values()))} rijen in {len(verslag)} onderdelen, "
            f"{getal(pad.stat().st_size)} bytes."
        )
