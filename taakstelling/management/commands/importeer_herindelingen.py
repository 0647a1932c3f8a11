from opnieuwthuis.commands import ImportCommand
from taakstelling.services import HERINDELING_KOLOMMEN, herindelingen_importeren


class Command(ImportCommand):
    help = (
        "Importeer herindelingen (datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;"
        "naar_provincie;aandeel): een rij per oude en nieuwe gemeente."
    )
    verplicht = HERINDELING_KOLOMMEN
    onderwerp = "herindelingen"

    def importeer(self, tabel, **options):
        return herindelingen_importeren(tabel=tabel)
