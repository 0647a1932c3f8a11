from django.db import models


class Rol(models.TextChoices):
    """The four roles of domain.md, and the reception agency's delivery account (issue 17); each
    is also a Django group that carries its permissions."""

    PLATFORM = "platform", "Platformmedewerker"
    GEMEENTE = "gemeente", "Gemeenteambtenaar"
    PROVINCIE = "provincie", "Toezichthouder provincie"
    MINISTERIE = "ministerie", "Ministerie"
    # Delivery only: posts monthly figures through the API and reads back its own deliveries.
    AANLEVERING = "aanlevering", "Aanlevering (COA)"
