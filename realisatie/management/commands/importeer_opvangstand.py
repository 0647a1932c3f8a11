from opnieuwthuis.commands import ImportCommand
from realisatie.services import OPVANG_KOLOMMEN, opvangstanden_importeren


class Command(ImportCommand):
    help = "Importeer opvangstanden (peildatum;wachtend;alleenstaand), landelijk per peildatum."
    verplicht = OPVANG_KOLOMMEN
    onderwerp = "opvangstanden"

    def importeer(self, tabel, **options):
        return opvangstanden_importeren(tabel=tabel)
