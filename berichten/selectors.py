"""Reads for the pages about the monthly message (the views read through here, never the ORM)."""

from datetime import date

from .models import Berichtvoorkeur, Maandbericht


def ontvangt_maandbericht(gebruiker) -> bool:
    """Whether the user gets the monthly message (on unless they turned it off)."""
    return not Berichtvoorkeur.objects.filter(gebruiker=gebruiker, maandbericht=False).exists()


def berichten_aan(gebruiker, aantal: int = 12):
    """The last messages sent to the user, newest first."""
    return Maandbericht.objects.filter(gebruiker=gebruiker).order_by("-maand")[:aantal]


def verzonden(maand: date | None = None):
    """What was sent to whom, newest first; ``maand`` narrows to the messages about one month."""
    rijen = Maandbericht.objects.select_related("gebruiker").order_by(
        "-maand", "-verzonden_op", "gebruiker__username"
    )
    return rijen if maand is None else rijen.filter(maand=maand)


def maanden_met_berichten() -> list[date]:
    """Every month a message was sent about, newest first."""
    return sorted(
        set(Maandbericht.objects.order_by().values_list("maand", flat=True)), reverse=True
    )
