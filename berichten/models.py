from django.conf import settings
from django.db import models

from gebruikers.choices import Rol


class Maandbericht(models.Model):
    """The monthly message one user got after a month was closed: to which address, with which
    subject and text, and when. One per user and month: a second run finds it and sends nothing.

    It holds only figures per municipality, province or the country that the receiver may see,
    never anything about persons (domain rule 8).
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maandberichten"
    )
    maand = models.DateField(help_text="De vastgestelde maand (eerste dag).")
    peildatum = models.DateField(help_text="De stand in het bericht: de dag na de maand.")
    rol = models.CharField(max_length=20, choices=Rol.choices)
    adres = models.EmailField()
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField(help_text="Het tekstdeel zoals het is verstuurd.")
    verzonden_op = models.DateTimeField()

    class Meta:
        verbose_name = "maandbericht"
        verbose_name_plural = "maandberichten"
        ordering = ["-maand", "gebruiker__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "maand"],
                name="maandbericht_een_per_maand",
                violation_error_message="Deze gebruiker heeft het bericht over deze maand al.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} aan {self.adres}"


class Berichtvoorkeur(models.Model):
    """A user's choice about the monthly message (their profile page). Without a row: on."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="berichtvoorkeur"
    )
    maandbericht = models.BooleanField("maandelijks bericht met de stand", default=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "berichtvoorkeur"
        verbose_name_plural = "berichtvoorkeuren"

    def __str__(self) -> str:
        return f"{self.gebruiker}: {'aan' if self.maandbericht else 'uit'}"
