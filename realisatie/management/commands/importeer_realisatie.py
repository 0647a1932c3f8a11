from opnieuwthuis.bestanden import ImportFouten
from opnieuwthuis.commands import ImportCommand
from realisatie.bestandsvorm import lees_realisatie
from realisatie.choices import Bron
from realisatie.services import (
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    bestand_plannen,
    huisvestingen_importeren,
)


class Command(ImportCommand):
    help = (
        "Importeer de realisatie per gemeente en maand (gemeentecode;maand;personen), met "
        "optioneel alleenstaanden;gezinsleden;nareizigers. Ook: gemeenten bij naam (kolom "
        "gemeente), andere kolomnamen (code, periode, aantal) en de brede vorm met een kolom "
        "per maand (2017-02, feb 2017, februari 2017). Een bestand dat een vastgestelde maand "
        "wijzigt vraagt --reden (anders verandert er niets)."
    )
    verplicht = REALISATIE_KOLOMMEN
    optioneel = UITSPLITSING
    onderwerp = "maandcijfers"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--blad", help="het blad van een werkmap met meer dan één blad met gegevens"
        )
        parser.add_argument(
            "--reden", default="", help="reden van de correctie van een vastgestelde maand"
        )

    def lees(self, inhoud, **options):
        bestand = lees_realisatie(inhoud, blad=options.get("blad"))
        vorm = "een kolom per maand" if bestand.vorm == "breed" else "een rij per gemeente en maand"
        blad = f", blad '{bestand.blad}'" if bestand.blad else ""
        self.stdout.write(f"Gelezen als {vorm}{blad}:")
        for kolom in bestand.kolommen:
            self.stdout.write(f"  {kolom.letter} '{kolom.kop}': {kolom.betekenis}")
        return bestand

    def importeer(self, gelezen, **options):
        if gelezen.fouten:
            bestand_plannen(gelezen)  # raises with the import's errors added
        try:
            return huisvestingen_importeren(
                tabel=gelezen.tabel,
                reden="Commando importeer_realisatie",
                correctiereden=options["reden"],
                bron=Bron.COMMANDO,
            )
        except ImportFouten as fout:
            raise gelezen.samen_met(fout) from None
