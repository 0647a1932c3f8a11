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


class Uploadbron(models.TextChoices):
    """How figures came in: a file on the upload page, or a delivery through the API."""

    BESTAND = "bestand", "Bestand"
    API = "api", "API-aanlevering"
