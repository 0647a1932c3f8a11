from opnieuwthuis.commands import ImportCommand
from taakstelling.services import TAAKSTELLING_KOLOMMEN, taakstellingen_importeren


class Command(ImportCommand):
    help = "Importeer taakstellingen per gemeente en halfjaar (gemeentecode;halfjaar;taakstelling)."
    verplicht = TAAKSTELLING_KOLOMMEN
    onderwerp = "taakstellingen"

    def importeer(self, tabel, **options):
        return taakstellingen_importeren(tabel=tabel)
