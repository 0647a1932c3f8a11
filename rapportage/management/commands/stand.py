import json

from django.core.management.base import CommandError

from opnieuwthuis.bestanden import parse_datum, parse_gemeentecode
from opnieuwthuis.commands import Commando
from opnieuwthuis.export import csv_schrijven
from opnieuwthuis.nederlands import getal
from rapportage import selectors
from rapportage.berekening import LANDELIJKE_KOLOMMEN, BerekeningFout
from rapportage.uitvoer import GEMEENTE_KOLOMMEN, als_dict, records
from realisatie import maandcyclus


class Command(Commando):
    help = "De stand van de taakstelling op een peildatum (eerste dag van een maand)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--peildatum",
            type=parse_datum,
            help=(
                "bijvoorbeeld 2017-02-01; standaard de dag na de laatste vastgestelde maand. "
                "Een peildatum waarvan niet elke eerdere maand is vastgesteld is voorlopig."
            ),
        )
        parser.add_argument("--format", choices=["tabel", "csv", "json"], default="tabel")
        parser.add_argument("--gemeente", help="alleen deze gemeente (GM0363, 0363 of 363)")

    def handle(self, *args, **options):
        peildatum = options["peildatum"] or maandcyclus.standaard_peildatum()
        if peildatum is None:
            raise CommandError("Er zijn nog geen halfjaren; importeer eerst een taakstelling.")
        try:
            stand = selectors.stand_op(peildatum)
        except BerekeningFout as fout:
            raise CommandError(str(fout)) from None
        status = maandcyclus.peildatumstatus(peildatum)
        if options["gemeente"]:
            try:
                code = parse_gemeentecode(options["gemeente"])
            except ValueError as fout:
                raise CommandError(str(fout)) from None
            gemeenten = stand.gemeenten[stand.gemeenten["gemeentecode"] == code]
            if gemeenten.empty:
                raise CommandError(f"Gemeente {code} heeft geen taakstelling in {stand.halfjaar}.")
            stand.gemeenten = gemeenten

        if options["format"] == "json":
            self.stdout.write(json.dumps(als_dict(stand, status), ensure_ascii=False, indent=2))
        elif options["format"] == "csv":
            if status.voorlopig:
                self.stderr.write(f"VOORLOPIG: {status.tekst}")
            rijen = [list(rij.values()) for rij in records(stand.gemeenten, GEMEENTE_KOLOMMEN)]
            if not options["gemeente"]:
                landelijk = {
                    **stand.landelijk,
                    "gemeentecode": "",
                    "gemeentenaam": "Nederland",
                    "provincie": "",
                    "status": "",
                    "nodig_per_maand": "",
                    "gemiste_halfjaren": "",
                }
                # A column the national row lacks (a per-municipality figure) stays empty there.
                rijen.append([landelijk.get(k) for k in GEMEENTE_KOLOMMEN])
            # Names come from files and screens: a name like =HYPERLINK(…) must stay text.
            csv_schrijven(self.stdout, GEMEENTE_KOLOMMEN, rijen, regeleinde="\n")
        else:
            if status.voorlopig:
                self.stdout.write(f"VOORLOPIG: {status.tekst}")
            self._tabel(stand, toon_land=not options["gemeente"])

    def _tabel(self, stand, *, toon_land: bool) -> None:
        kop = ["", *LANDELIJKE_KOLOMMEN[1:]]
        breedte = [28] + [max(len(k), 9) for k in kop[1:]]
        regel = lambda cellen: "  ".join(  # noqa: E731
            str(c).ljust(b) if i == 0 else str(c).rjust(b)
            for i, (c, b) in enumerate(zip(cellen, breedte))
        )
        self.stdout.write(
            f"Stand op {stand.peildatum:%d-%m-%Y} (halfjaar {stand.halfjaar}, "
            f"{stand.maanden_verstreken} van 6 maanden verstreken)"
        )
        self.stdout.write(regel(kop))
        for rij in records(stand.gemeenten, GEMEENTE_KOLOMMEN):
            naam = f"{rij['gemeentenaam']} ({rij['gemeentecode']})"[:28]
            self.stdout.write(
                regel([naam, *(getal(rij[k], leeg="") for k in LANDELIJKE_KOLOMMEN[1:])])
            )
        if toon_land:
            land = stand.landelijk
            naam = f"Nederland ({land['aantal_gemeenten']} gemeenten)"
            self.stdout.write(
                regel([naam, *(getal(land[k], leeg="") for k in LANDELIJKE_KOLOMMEN[1:])])
            )
