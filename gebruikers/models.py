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


class ApiToken(models.Model):
    """A key for the API (``Authorization: Token …``) that acts as its user, with that user's role
    and scope. Only the SHA-256 of the key is stored: the key is shown once, when it is made.

    A token is random (256 bits), so a plain hash is enough to make a stolen table useless and
    lets the key be found with one indexed lookup (a password hash would need a scan).
    """

    naam = models.CharField(max_length=100, help_text="Waarvoor de token is, bijvoorbeeld 'coa'.")
    gebruiker = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="api_tokens")
    sleutel_hash = models.CharField("SHA-256 van de sleutel", max_length=64, unique=True)
    voorvoegsel = models.CharField(
        max_length=12, help_text="Het begin van de sleutel, om hem te herkennen (geen geheim)."
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    laatst_gebruikt = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["naam", "-aangemaakt"]
        constraints = [
            models.UniqueConstraint(
                fields=["naam"],
                condition=Q(ingetrokken_op__isnull=True),
                name="api_token_naam_uniek_zolang_geldig",
                violation_error_message="Er is al een geldige token met deze naam.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.voorvoegsel}…)"

    @property
    def geldig(self) -> bool:
        return self.ingetrokken_op is None
