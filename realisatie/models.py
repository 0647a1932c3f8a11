from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.scoping import RestrictedQuerySet
from taakstelling.models import Gemeente

from .choices import Uploadstatus


class Huisvesting(models.Model):
    """Persons housed by a municipality in one month (the realisation), counted by COA.

    ``maand`` is the first day of the month. The breakdown is optional; when given it adds up to
    the total. Only counts: nothing about individual persons is stored (domain rule 8).
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="huisvestingen")
    maand = models.DateField(help_text="De eerste dag van de maand.")
    personen = models.PositiveIntegerField()
    alleenstaanden = models.PositiveIntegerField(null=True, blank=True)
    gezinsleden = models.PositiveIntegerField(null=True, blank=True)
    nareizigers = models.PositiveIntegerField(null=True, blank=True)
    versie = models.PositiveIntegerField(
        default=1, help_text="Telt op bij elke wijziging; een formulier met een oude versie botst."
    )

    history = HistoricalRecords()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "huisvesting"
        verbose_name_plural = "huisvestingen"
        ordering = ["maand", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "maand"],
                name="huisvesting_uniek",
                violation_error_message="Deze gemeente heeft al een realisatie in die maand.",
            ),
            models.CheckConstraint(
                condition=Q(personen__gte=0)
                & (Q(alleenstaanden__isnull=True) | Q(alleenstaanden__gte=0))
                & (Q(gezinsleden__isnull=True) | Q(gezinsleden__gte=0))
                & (Q(nareizigers__isnull=True) | Q(nareizigers__gte=0)),
                name="huisvesting_niet_negatief",
                violation_error_message="Aantallen zijn nooit negatief.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(alleenstaanden__isnull=True)
                    & Q(gezinsleden__isnull=True)
                    & Q(nareizigers__isnull=True)
                )
                | (
                    Q(alleenstaanden__isnull=False)
                    & Q(gezinsleden__isnull=False)
                    & Q(nareizigers__isnull=False)
                    & Q(personen=F("alleenstaanden") + F("gezinsleden") + F("nareizigers"))
                ),
                name="huisvesting_uitsplitsing_telt_op",
                violation_error_message=(
                    "Geef alleenstaanden, gezinsleden en nareizigers alle drie of geen van drieën; "
                    "samen tellen ze op tot het totaal."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m}: {self.personen}"


class Opvangstand(models.Model):
    """National reception figures on a date: permit holders still waiting in COA reception."""

    peildatum = models.DateField(unique=True)
    wachtend = models.PositiveIntegerField("vergunninghouders in de opvang")
    alleenstaand = models.PositiveIntegerField("van wie alleenstaand")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "opvangstand"
        verbose_name_plural = "opvangstanden"
        ordering = ["peildatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alleenstaand__lte=F("wachtend")),
                name="opvangstand_alleenstaand_binnen_totaal",
                violation_error_message="Er zijn niet meer alleenstaanden dan wachtenden.",
            ),
        ]

    def __str__(self) -> str:
        return f"Opvang op {self.peildatum:%d-%m-%Y}: {self.wachtend}"


class Upload(models.Model):
    """A realisation file uploaded by platform staff: the log entry, and the file itself.

    The bytes are kept in the database so the preview and the confirmation read the very same file
    (a re-upload between the two cannot slip in, and any process can confirm). ``voor`` holds every
    figure the upload touched as it was before, so the upload can be rolled back; ``versies_na``
    the version each figure had right after it, so a rollback never overwrites a later edit;
    ``versies_voorbeeld`` the versions the preview was made against, so a confirmation never
    applies a file to figures that changed after the user looked at the preview.
    """

    bestandsnaam = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256", max_length=64)
    blad = models.CharField(
        max_length=31, blank=True, help_text="Het gekozen blad van een werkmap met meer bladen."
    )
    grootte = models.PositiveIntegerField("grootte in bytes")
    inhoud = models.BinaryField(editable=False)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uploads"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=Uploadstatus.choices, default=Uploadstatus.VOORBEELD
    )
    toegepast_op = models.DateTimeField(null=True, blank=True)
    teruggedraaid_op = models.DateTimeField(null=True, blank=True)
    teruggedraaid_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teruggedraaide_uploads",
    )
    aantal_rijen = models.PositiveIntegerField(default=0)
    aantal_nieuw = models.PositiveIntegerField(default=0)
    aantal_gewijzigd = models.PositiveIntegerField(default=0)
    aantal_ongewijzigd = models.PositiveIntegerField(default=0)
    voor = models.JSONField(default=list, blank=True, editable=False)
    versies_voorbeeld = models.JSONField(default=dict, blank=True, editable=False)
    versies_na = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = "upload"
        verbose_name_plural = "uploads"
        ordering = ["-aangemaakt", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Uploadstatus.VOORBEELD) | Q(toegepast_op__isnull=False),
                name="upload_toegepast_heeft_tijd",
                violation_error_message="Een toegepaste upload heeft een tijdstip van toepassen.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Uploadstatus.TERUGGEDRAAID) | Q(teruggedraaid_op__isnull=False),
                name="upload_teruggedraaid_heeft_tijd",
                violation_error_message="Een teruggedraaide upload heeft een tijdstip.",
            ),
        ]

    def __str__(self) -> str:
        return f"Upload {self.pk}: {self.bestandsnaam}"
