from pathlib import Path

from django.core.management.base import CommandError

from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.commands import Commando
from opnieuwthuis.nederlands import getal
from rapportage import selectors
from rapportage.berekening import BerekeningFout
from rapportage.rapport import bestanden, pdf, status
from rapportage.rapport.brief import brieftekst
from rapportage.rapport.gebied import NEDERLAND, GebiedOnbekend
from rapportage.rapport.samenstelling import maak_rapport

from ._beheer import Beheerder


def _pdf(rapport):
    """The letter as it stands, with the platform's words written for it (a draft)."""
    tekst = brieftekst(rapport.peildatum, rapport.gebied.code)
    return pdf.pdf_bytes(rapport, tekst.brief, let_op=status.meldingen(rapport.peildatum))


MAKERS = {"pdf": _pdf, "xlsx": bestanden.xlsx_bytes, "csv": bestanden.csv_bytes}


class Command(Commando):
    help = "De voortgangsrapportage voor een peildatum als PDF, XLSX of CSV."

    def add_arguments(self, parser):
        parser.add_argument(
            "--peildatum", type=parse_datum, help="bijvoorbeeld 2017-02-01; standaard de laatste"
        )
        parser.add_argument("--format", choices=sorted(MAKERS), required=True)
        parser.add_argument("--output", required=True, help="het bestand om te schrijven")
        parser.add_argument(
            "--gebied",
            default=NEDERLAND.code,
            help="NL (standaard), een provincie (PV27) of een gemeente (GM0363)",
        )

    def handle(self, *args, **options):
        peildatum = options["peildatum"] or selectors.laatste_peildatum()
        if peildatum is None:
            raise CommandError("Er zijn nog geen halfjaren; importeer eerst een taakstelling.")
        try:
            gebied = selectors.gebied_voor(Beheerder(), options["gebied"])
            rapport = maak_rapport(selectors.stand_op(peildatum), gebied)
        except GebiedOnbekend:
            raise CommandError(f"Onbekend gebied: {options['gebied']}.") from None
        except BerekeningFout as fout:
            raise CommandError(str(fout)) from None
        inhoud = MAKERS[options["format"]](rapport)
        pad = Path(options["output"])
        pad.write_bytes(inhoud)
        self.stdout.write(
            f"{pad}: voortgangsrapportage {gebied.naam} op {peildatum.isoformat()} "
            f"({options['format']}, {getal(len(inhoud))} bytes)"
        )
