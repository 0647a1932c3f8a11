from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from gebruikers.choices import Rol
from gebruikers.services import GebruikerFout, gebruiker_opslaan
from opnieuwthuis.commands import Commando


class Command(Commando):
    help = "Maak of wijzig een gebruiker met een rol (en gemeente of provincie waar de rol die vraagt)."

    def add_arguments(self, parser):
        parser.add_argument("naam")
        parser.add_argument("--rol", required=True, choices=Rol.values)
        parser.add_argument("--gemeente", help="gemeentecode, bij rol gemeente (GM0363)")
        parser.add_argument("--provincie", help="provinciecode, bij rol provincie (PV27)")
        parser.add_argument("--wachtwoord", help="laat weg om het bestaande wachtwoord te houden")
        parser.add_argument(
            "--email", help="e-mailadres voor het maandbericht; laat weg om het bestaande te houden"
        )

    def handle(self, *args, **options):
        try:
            gebruiker = gebruiker_opslaan(
                naam=options["naam"],
                rol=options["rol"],
                wachtwoord=options["wachtwoord"],
                gemeentecode=options["gemeente"],
                provinciecode=options["provincie"],
                email=options["email"],
            )
        except GebruikerFout as fout:
            raise CommandError(str(fout)) from None
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        koppeling = gebruiker.gemeente or gebruiker.provincie
        self.stdout.write(
            f"Gebruiker {gebruiker.username}: {gebruiker.get_rol_display()}"
            + (f" ({koppeling})" if koppeling else "")
        )
