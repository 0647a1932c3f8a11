from pathlib import Path

from opnieuwthuis.commands import Commando
from realisatie.backup import exporteren


class Command(Commando):
    help = (
        "Schrijf alle cijfers (gemeenten en inwonertallen, halfjaren, taakstellingen, "
        "beginstanden, maandcijfers, opvangstanden) als importbestanden in MAP. "
        "Terugzetten: python manage.py importeer_alles MAP."
    )

    def add_arguments(self, parser):
        parser.add_argument("map", help="de map voor de bestanden (wordt aangemaakt)")

    def handle(self, *args, **options):
        map_ = Path(options["map"])
        for naam, aantal in exporteren(map_).items():
            self.stdout.write(f"{map_ / naam}: {aantal} rijen")
