from django.db import models


class Afrondingsmethode(models.TextChoices):
    """How a national number becomes whole municipal numbers (domain rule 1)."""

    WETTELIJK = "wettelijk", "Wettelijk (art. 29: naar boven afgerond)"
    GROOTSTE_OVERSCHOT = "grootste-overschot", "Grootste overschot (telt exact op)"
    OVERGENOMEN = "overgenomen", "Overgenomen per gemeente (import)"


class Helft(models.IntegerChoices):
    EERSTE = 1, "I"
    TWEEDE = 2, "II"
