from opnieuwthuis.commands import ImportCommand
from realisatie.choices import Bron
from realisatie.services import REALISATIE_KOLOMMEN, UITSPLITSING, huisvestingen_importeren


class Command(ImportCommand):
    help = (
        "Importeer de realisatie per gemeente en maand (gemeentecode;maand;personen), met "
        "optioneel alleenstaanden;gezinsleden;nareizigers. Een bestand dat een vastgestelde "
        "maand wijzigt vraagt --reden (anders verandert er niets)."
    )
    verplicht = REALISATIE_KOLOMMEN
    optioneel = UITSPLITSING
    onderwerp = "maandcijfers"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--reden", default="", help="Reden van de correctie van een vastgestelde maand"
        )

    def importeer(self, tabel, **options):
        return huisvestingen_importeren(
            tabel=tabel,
            reden="Commando importeer_realisatie",
            correctiereden=options["reden"],
            bron=Bron.COMMANDO,
        )
