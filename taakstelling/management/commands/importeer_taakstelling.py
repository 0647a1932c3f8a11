from opnieuwthuis.bestanden import parse_halfjaar
from opnieuwthuis.commands import ImportCommand
from opnieuwthuis.nederlands import getal
from taakstelling.models import Halfjaar
from taakstelling.selectors import vergelijk_met_methode
from taakstelling.services import TAAKSTELLING_KOLOMMEN, taakstellingen_importeren

MAX_REGELS = 20


class Command(ImportCommand):
    help = (
        "Importeer taakstellingen per gemeente en halfjaar (gemeentecode;halfjaar;taakstelling) "
        "en meld waar ze afwijken van wat de methode van het halfjaar zou berekenen."
    )
    verplicht = TAAKSTELLING_KOLOMMEN
    onderwerp = "taakstellingen"

    def importeer(self, tabel, **options):
        resultaat = taakstellingen_importeren(tabel=tabel)
        perioden = set()
        for _rij, cellen in tabel.rijen:
            try:
                perioden.add(parse_halfjaar(cellen["halfjaar"]))
            except ValueError:  # pragma: no cover - the import has rejected such a file
                continue
        self.vergelijkingen = [
            vergelijk_met_methode(h)
            for h in Halfjaar.objects.filter(jaar__in={j for j, _ in perioden})
            if (h.jaar, h.helft) in perioden
        ]
        return resultaat

    def handle(self, *args, **options):
        super().handle(*args, **options)
        for v in self.vergelijkingen:
            kop = (
                f"{v.halfjaar}: vergeleken met {v.methode} over landelijk "
                f"{getal(v.halfjaar.landelijke_taakstelling)}"
            )
            if v.fout:
                self.stdout.write(f"{kop}: niet te vergelijken. {v.fout}")
                continue
            if not v.verschillen:
                self.stdout.write(
                    f"{kop}: alle gemeenten gelijk (som {getal(v.som_geimporteerd)})."
                )
                continue
            self.stdout.write(
                f"{kop}: {len(v.verschillen)} gemeente(n) wijken af; som geïmporteerd "
                f"{getal(v.som_geimporteerd)}, volgens de methode {getal(v.som_methode)}."
            )
            for verschil in v.verschillen[:MAX_REGELS]:
                self.stdout.write(
                    f"  {verschil.gemeente.code} {verschil.gemeente.naam}: geïmporteerd "
                    f"{getal(verschil.geimporteerd)}, volgens de methode "
                    f"{getal(verschil.volgens_methode)} ({'+' if verschil.verschil > 0 else ''}"
                    f"{getal(verschil.verschil)})"
                )
            if len(v.verschillen) > MAX_REGELS:
                self.stdout.write(f"  … en nog {len(v.verschillen) - MAX_REGELS} gemeente(n).")
