"""The month argument of the monthly-cycle commands (``2017-02``)."""

from django.core.management.base import CommandError

from opnieuwthuis.bestanden import parse_maand


def maand_argument(tekst: str):
    try:
        return parse_maand(tekst)
    except ValueError as fout:
        raise CommandError(str(fout)) from None
