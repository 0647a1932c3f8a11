from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from opnieuwthuis import scoping

from .choices import Rol


class Gebruiker(AbstractUser):
    """A person who logs in. The role decides what they see; the link decides where.

    ``rol`` is the source of truth for scoping (read without a query on every request); the
    service that sets it also puts the user in the Django group of that role, which carries the
    model permissions (the admin uses those).
    """

    rol = models.CharField(max_length=20, choices=Rol.choices, blank=True)
    gemeente = models.ForeignKey(
        "taakstelling.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )
    provincie = models.ForeignKey(
        "taakstelling.Provincie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        constraints = [
            models.CheckConstraint(
                condition=~Q(rol=Rol.GEMEENTE) | Q(gemeente__isnull=False),
                name="gebruiker_gemeente_bij_rol",
                violation_error_message="Een gemeenteambtenaar hoort bij een gemeente.",
            ),
            models.CheckConstraint(
                condition=~Q(rol=Rol.PROVINCIE) | Q(provincie__isnull=False),
                name="gebruiker_provincie_bij_rol",
                violation_error_message="Een toezichthouder hoort bij een provincie.",
            ),
            models.CheckConstraint(
                condition=Q(gemeente__isnull=True) | Q(rol=Rol.GEMEENTE),
                name="gebruiker_gemeente_alleen_bij_rol",
                violation_error_message="Alleen een gemeenteambtenaar hoort bij een gemeente.",
            ),
            models.CheckConstraint(
                condition=Q(provincie__isnull=True) | Q(rol=Rol.PROVINCIE),
                name="gebruiker_provincie_alleen_bij_rol",
                violation_error_message="Alleen een toezichthouder hoort bij een provincie.",
            ),
        ]

    @property
    def mag_wijzigen(self) -> bool:
        """Only platform staff change figures (the rule lives in opnieuwthuis.scoping)."""
        return scoping.mag_wijzigen(self)
