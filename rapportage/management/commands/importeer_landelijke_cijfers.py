from opnieuwthuis.commands import ImportCommand
from rapportage.landelijk import KOLOMMEN, landelijke_halfjaren_importeren


class Command(ImportCommand):
    help = (
        "Importeer landelijke cijfers van halfjaren vóór de cijfers per gemeente "
        "(halfjaar;taakstelling;gecorrigeerde_taakstelling;realisatie;bron). Een cijfer dat niet "
        "te vinden is, blijft leeg; elke rij noemt haar bron."
    )
    verplicht = KOLOMMEN
    onderwerp = "landelijke halfjaren"

    def importeer(self, tabel, **options):
        return landelijke_halfjaren_importeren(tabel=tabel)
