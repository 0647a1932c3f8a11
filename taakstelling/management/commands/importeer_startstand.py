from opnieuwthuis.commands import ImportCommand
from taakstelling.services import STARTSTAND_KOLOMMEN, startstanden_importeren


class Command(ImportCommand):
    help = "Importeer de beginstand per gemeente in het eerste halfjaar (gemeentecode;halfjaar;beginstand)."
    verplicht = STARTSTAND_KOLOMMEN
    onderwerp = "beginstanden"

    def importeer(self, tabel, **options):
        return startstanden_importeren(tabel=tabel)
