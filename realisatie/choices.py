from django.db import models


class Uploadstatus(models.TextChoices):
    """Where an uploaded realisation file is in its life: checked, applied, rolled back."""

    VOORBEELD = "voorbeeld", "Voorbeeld (nog niet toegepast)"
    TOEGEPAST = "toegepast", "Toegepast"
    TERUGGEDRAAID = "teruggedraaid", "Teruggedraaid"


class Actie(models.TextChoices):
    """What applying one row of a file does to the stored figure."""

    NIEUW = "nieuw", "nieuw"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    ONGEWIJZIGD = "ongewijzigd", "ongewijzigd"


class Maandstatus(models.TextChoices):
    """Where a month is in the monthly cycle: figures still coming in, or closed by platform staff
    (domain.md, "The monthly cycle"). Only closed months count for anyone but platform staff."""

    OPEN = "open", "open"
    VASTGESTELD = "vastgesteld", "vastgesteld"


class Bron(models.TextChoices):
    """The way a figure came in; kept with every correction of a closed month."""

    INVOER = "invoer", "invoerscherm"
    UPLOAD = "upload", "upload"
    COMMANDO = "commando", "commando"
    BEHEER = "beheer", "beheerscherm"
    API = "api", "API"
    TERUGDRAAIEN = "terugdraaien", "upload teruggedraaid"


class Uploadbron(models.TextChoices):
    """How figures came in: a file on the upload page, or a delivery through the API."""

    BESTAND = "bestand", "Bestand"
    API = "api", "API-aanlevering"
