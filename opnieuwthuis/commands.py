"""The shared shape of every management command of the project.

``Commando`` is Django's ``BaseCommand`` that answers in Dutch: a wrong argument (unknown option,
missing value, a date that is no date) gives a Dutch message and exit code 2; a wrong value found
while working (a file that is not there, a folder that cannot be written, a refused record) a
Dutch message and exit code 1; never a traceback (``--traceback`` shows one to a developer).
Every command of the project inherits it; ``tests/opnieuwthuis/test_commandos.py`` finds every
command and runs it with bad arguments.

``ImportCommand`` adds the shape of the import commands: read a file, check it whole, write it
whole.
"""

import argparse
import errno
import re
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    handle_default_options,
)
from django.db import DatabaseError, connections

from .bestanden import ImportFouten, lees_tabel

FOUT_ONVERWACHT = (
    "Onverwachte fout ({soort}); de wijzigingen van dit commando zijn teruggedraaid waar het in "
    "één transactie werkte. Draai het opnieuw met --traceback voor de details."
)
FOUT_DATABASE = "De database weigerde dit: {melding}"
FOUT_BESTAND = {
    errno.ENOENT: "{pad} bestaat niet (of de map waarin het moet komen bestaat niet).",
    errno.EACCES: "Geen toegang tot {pad}.",
    errno.EPERM: "Geen toegang tot {pad}.",
    errno.EISDIR: "{pad} is een map, geen bestand.",
    errno.ENOTDIR: "{pad}: een deel van dit pad is geen map.",
    errno.EEXIST: "{pad} bestaat al.",
    errno.ENOSPC: "De schijf is vol; {pad} is niet (helemaal) geschreven.",
    errno.EROFS: "{pad} ligt op een schijf waarop niet geschreven mag worden.",
}
FOUT_BESTAND_ANDERS = "{pad} kan niet worden gelezen of geschreven (foutcode {code})."

# argparse's English messages (Python 3.11), as a Dutch sentence. Checked in order.
_ARGPARSE = [
    (r"^the following arguments are required: (.*)$", "Deze argumenten ontbreken: {0}."),
    (r"^unrecognized arguments: (.*)$", "Onbekende argumenten: {0}."),
    (r"^argument (.+?): (.*)$", None),  # the argument's name, then one of the messages below
    (r"^invalid choice: (.*) \(choose from (.*)\)$", "{0} is geen keuze (kies uit {1})."),
    (r"^invalid (.*) value: (.*)$", "{1} is geen geldige waarde."),
    (r"^expected one argument$", "hier hoort een waarde achter."),
    (r"^expected at most one argument$", "hier hoort hoogstens één waarde achter."),
    (r"^expected at least one argument$", "hier hoort minstens één waarde achter."),
    (r"^expected (\d+) arguments?$", "hier horen {0} waarden achter."),
    (r"^ignored explicit argument (.*)$", "deze optie neemt geen waarde ({0})."),
    (r"^not allowed with argument (.*)$", "niet samen met {0}."),
    (r"^one of the arguments (.*) is required$", "Eén van deze argumenten is nodig: {0}."),
    (r"^ambiguous option: (.*) could match (.*)$", "{0} is niet eenduidig: bedoelt u {1}?"),
    (r"^unexpected option string: (.*)$", "onverwachte optie {0}."),
]


def argparse_nederlands(melding: str) -> str:
    """argparse's English error message in Dutch (a message already in Dutch stays as it is)."""
    for patroon, vertaling in _ARGPARSE:
        gevonden = re.match(patroon, melding, flags=re.DOTALL)
        if not gevonden:
            continue
        if vertaling is None:
            naam, rest = gevonden.groups()
            return f"Bij {naam}: {argparse_nederlands(rest)}"
        return vertaling.format(*gevonden.groups())
    return melding


def _nederlands_type(soort):
    """Wrap an argument's ``type``: its ValueError (a Dutch message from our parsers) becomes the
    message argparse shows, instead of argparse's English "invalid ... value"."""
    if getattr(soort, "_nederlands", False):
        return soort
    omschrijving = {int: "geen geheel getal", float: "geen getal"}.get(soort)

    def omzetten(waarde):
        try:
            return soort(waarde)
        except (ValueError, TypeError) as fout:
            if omschrijving:
                raise argparse.ArgumentTypeError(f"'{waarde}' is {omschrijving}.") from None
            raise argparse.ArgumentTypeError(str(fout)) from None

    omzetten._nederlands = True
    omzetten.__name__ = getattr(soort, "__name__", "waarde")
    return omzetten


class NederlandseParser(CommandParser):
    """Django's command parser, speaking Dutch when an argument is wrong."""

    def format_usage(self):
        formatter = self._get_formatter()
        formatter.add_usage(
            self.usage, self._actions, self._mutually_exclusive_groups, prefix="Gebruik: "
        )
        return formatter.format_help()

    def error(self, message):
        melding = argparse_nederlands(str(message))
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"Fout: {melding}\nHulp: {self.prog} --help\n")
        raise CommandError(melding, returncode=2)


def _bestandsfout(fout: OSError) -> str:
    pad = fout.filename if fout.filename is not None else "het bestand"
    sjabloon = FOUT_BESTAND.get(fout.errno, FOUT_BESTAND_ANDERS)
    return sjabloon.format(pad=pad, code=fout.errno)


class Commando(BaseCommand):
    """A management command that answers bad input in Dutch, never with a traceback."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a CommandParser (no hook for another class); ours only adds behaviour,
        # so the finished parser becomes one, and every argument's type speaks Dutch.
        parser.__class__ = NederlandseParser
        for actie in parser._actions:
            if callable(actie.type):
                actie.type = _nederlands_type(actie.type)
        return parser

    def execute(self, *args, **options):
        """Turn the errors bad input causes into a ``CommandError`` with a Dutch message, also
        for ``call_command`` (so tests see what an operator sees)."""
        if options.get("traceback"):
            return super().execute(*args, **options)
        try:
            return super().execute(*args, **options)
        except CommandError:
            raise
        except ImportFouten as fouten:
            raise CommandError(
                "\n".join(str(f) for f in fouten.fouten)
                + f"\n{len(fouten.fouten)} fout(en); er is niets gewijzigd."
            ) from None
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        except OSError as fout:
            raise CommandError(_bestandsfout(fout)) from None
        except DatabaseError as fout:
            melding = str(fout).strip().splitlines()[0] if str(fout).strip() else type(fout)
            raise CommandError(FOUT_DATABASE.format(melding=melding)) from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as fout:  # the last line of defence: a Dutch message, not a traceback
            raise CommandError(FOUT_ONVERWACHT.format(soort=type(fout).__name__)) from None

    def run_from_argv(self, argv):
        """Django's, with the message in Dutch ("Fout: …" instead of "CommandError: …")."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as fout:
            if options.traceback:
                raise
            self.stderr.write(f"Fout: {fout}")
            sys.exit(fout.returncode)
        finally:
            try:
                connections.close_all()
            except ImproperlyConfigured:  # as Django's: no database configured at this point
                pass


class ImportCommand(Commando):
    """Subclasses set ``verplicht`` (and ``optioneel``) columns and implement ``importeer``."""

    verplicht: list[str] = []
    optioneel: list[str] = []
    onderwerp = "rijen"

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV (met , of ;) of XLSX")

    def importeer(self, tabel, **options):
        raise NotImplementedError

    def lees(self, inhoud: bytes, **options):
        """The file as the importer takes it; columns not asked for are named, never dropped
        quietly."""
        tabel = lees_tabel(inhoud, self.verplicht, self.optioneel)
        for kolom in tabel.onbekend:
            self.stdout.write(f"Kolom '{kolom}' wordt niet gebruikt (onbekende kolom).")
        return tabel

    def handle(self, *args, **options):
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"Het bestand {pad} bestaat niet.")
        try:
            tabel = self.lees(pad.read_bytes(), **options)
            resultaat = self.importeer(tabel, **options)
        except ImportFouten as fouten:
            for fout in fouten.fouten:
                self.stderr.write(f"{pad.name}: {fout}")
            if fouten.meer:
                self.stderr.write(f"{pad.name}: … en nog {fouten.meer} fouten.")
            raise CommandError(
                f"{fouten.totaal} fout(en) in {pad.name}; er is niets gewijzigd."
            ) from None
        self.stdout.write(f"{pad.name}: {self.onderwerp} geïmporteerd: {resultaat}.")
        return None
