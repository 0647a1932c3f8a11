from django.db import models


class Rol(models.TextChoices):
    """The four roles of domain.md; each is also a Django group that carries its permissions."""

    PLATFORM = "platform", "Platformmedewerker"
    GEMEENTE = "gemeente", "Gemeenteambtenaar"
    PROVINCIE = "provincie", "Toezichthouder provincie"
    MINISTERIE = "ministerie", "Ministerie"
