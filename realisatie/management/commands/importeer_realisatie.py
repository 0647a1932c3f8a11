from opnieuwthuis.commands import ImportCommand
from realisatie.services import REALISATIE_KOLOMMEN, UITSPLITSING, huisvestingen_importeren


class Command(ImportCommand):
    help = (
        "Importeer de realisatie per gemeente en maand (gemeentecode;maand;personen), met "
        "optioneel alleenstaanden;gezinsleden;nareizigers."
    )
    verplicht = REALISATIE_KOLOMMEN
    optioneel = UITSPLITSING
    onderwerp = "maandcijfers"

    def importeer(self, tabel, **options):
        return huisvestingen_importeren(tabel=tabel, reden="Commando importeer_realisatie")
