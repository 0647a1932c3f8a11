from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.commands import ImportCommand
from taakstelling.services import GEMEENTEN_KOLOMMEN, gemeenten_importeren


class Command(ImportCommand):
    help = "Importeer provincies, gemeenten en hun inwonertal (CBS) op een peildatum."
    verplicht = GEMEENTEN_KOLOMMEN
    optioneel = ["inwoners*"]  # named after its date, e.g. inwoners_1jan2016
    onderwerp = "gemeenten"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--peildatum",
            required=True,
            type=parse_datum,
            help="datum van het inwonertal, bijvoorbeeld 2016-01-01",
        )

    def importeer(self, tabel, **options):
        return gemeenten_importeren(tabel=tabel, peildatum=options["peildatum"])
