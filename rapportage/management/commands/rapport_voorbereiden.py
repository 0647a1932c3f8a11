from opnieuwthuis.commands import Commando
from rapportage.voorbereiden import voorbereiden


class Command(Commando):
    help = (
        "Zet de landelijke rapportage (PDF en XLSX) van de laatste peildatum klaar in de cache. "
        "De applicatie doet dit zelf na elke wijziging; dit commando is voor na een herstart "
        "van de cache of na een migratie."
    )

    def handle(self, *args, **options):
        versie = voorbereiden()
        self.stdout.write(
            "Er is nog niets om te rapporteren."
            if versie is None
            else f"Landelijke rapportage klaargezet (gegevensversie {versie})."
        )
