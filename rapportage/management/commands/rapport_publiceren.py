import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from opnieuwthuis.bestanden import parse_datum
from opnieuwthuis.commands import Commando
from rapportage import selectors
from rapportage.models import GepubliceerdRapport
from rapportage.rapport.gebied import NEDERLAND, GebiedOnbekend
from rapportage.rapport.publiceren import rapport_publiceren

from ._beheer import Beheerder


def als_dict(p: GepubliceerdRapport) -> dict:
    return {
        "id": p.pk,
        "peildatum": p.peildatum.isoformat(),
        "gebied": p.gebied,
        "gebied_naam": p.gebied_naam,
        "versie": p.volgnummer,
        "vervangt": p.vervangt_id,
        "notitie": p.notitie,
        "gepubliceerd_op": p.gepubliceerd_op.isoformat(),
        "gepubliceerd_door": p.door_naam,
        "gegevensversie": p.gegevensversie,
        **{f"{f}_sha256": p.sha256(f) for f in GepubliceerdRapport.FORMATEN},
    }


class Command(Commando):
    help = (
        "Publiceer de voortgangsrapportage van een definitieve peildatum: PDF, XLSX en CSV worden "
        "bewaard zoals ze nu zijn, met hun sha256. Met --notitie een gecorrigeerde versie naast "
        "de eerdere. Schrijft JSON met het id en de sha256 van elk bestand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", type=parse_datum, required=True, help="2017-02-01")
        parser.add_argument(
            "--gebied", default=NEDERLAND.code, help="NL (standaard), PV27 of GM0363"
        )
        parser.add_argument("--door", default="", help="wie publiceert (voor het archief)")
        parser.add_argument(
            "--notitie", default="", help="voor een gecorrigeerde versie: wat er is gecorrigeerd"
        )

    def handle(self, *args, **options):
        try:
            gebied = selectors.gebied_voor(Beheerder(), options["gebied"])
        except GebiedOnbekend:
            raise CommandError(f"Onbekend gebied: {options['gebied']}.") from None
        try:
            publicatie = rapport_publiceren(
                peildatum=options["peildatum"],
                gebied=gebied,
                door=options["door"] or "Commando rapport_publiceren",
                notitie=options["notitie"],
            )
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        self.stdout.write(json.dumps(als_dict(publicatie), ensure_ascii=False, indent=2))
