from opnieuwthuis.commands import Commando
from rapportage.demo import laad_demo


class Command(Commando):
    help = (
        "Laad de demodata: 390 gemeenten van 2016 met cijfers die de landelijke rij van de "
        "voortgangsrapportage van 20 februari 2017 exact reproduceren (verdeling illustratief)."
    )

    def handle(self, *args, **options):
        for onderwerp, resultaat in laad_demo().items():
            self.stdout.write(f"{onderwerp}: {resultaat}")
