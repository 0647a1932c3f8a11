from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.scoping import RestrictedQuerySet
from taakstelling.models import Gemeente

from .choices import Bron, Maandstatus, Uploadbron, Uploadstatus


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
    bron = models.CharField(max_length=10, choices=Uploadbron.choices, default=Uploadbron.BESTAND)
    maand = models.DateField(
        null=True, blank=True, help_text="De maand van een API-aanlevering (eerste dag)."
    )
    idempotentiesleutel = models.CharField(
        max_length=200,
        blank=True,
        help_text="De Idempotency-Key van een API-aanlevering: dezelfde sleutel verandert niets "
        "nog eens.",
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
            models.UniqueConstraint(
                fields=["gebruiker", "idempotentiesleutel"],
                condition=~Q(idempotentiesleutel=""),
                name="upload_idempotentiesleutel_uniek",
                violation_error_message="Deze Idempotency-Key is al gebruikt.",
            ),
        ]

    def __str__(self) -> str:
        return f"Upload {self.pk}: {self.bestandsnaam}"


class Maand(models.Model):
    """The state of one month in the monthly cycle (domain.md): ``open`` while figures come in,
    ``vastgesteld`` once platform staff closed it. A month without a row is open.

    ``door`` is the name given (a username on the web, ``--door`` of a command); ``gebruiker`` the
    account when there is one.
    """

    maand = models.DateField(unique=True, help_text="De eerste dag van de maand.")
    status = models.CharField(max_length=12, choices=Maandstatus.choices, default=Maandstatus.OPEN)
    vastgesteld_door = models.CharField(max_length=150, blank=True)
    vastgesteld_gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "maand"
        verbose_name_plural = "maanden"
        ordering = ["maand"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maand__day=1),
                name="maand_eerste_dag",
                violation_error_message="Een maand begint op de eerste dag.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Maandstatus.VASTGESTELD) | Q(vastgesteld_op__isnull=False),
                name="maand_vastgesteld_heeft_tijd",
                violation_error_message="Een vastgestelde maand heeft een tijdstip van vaststellen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} ({self.get_status_display()})"


class Heropening(models.Model):
    """A closed month opened again, with the reason (kept for good)."""

    maand = models.ForeignKey(Maand, on_delete=models.PROTECT, related_name="heropeningen")
    reden = models.CharField(max_length=500)
    door = models.CharField(max_length=150)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField()

    class Meta:
        verbose_name = "heropening"
        verbose_name_plural = "heropeningen"
        ordering = ["maand", "op", "id"]

    def __str__(self) -> str:
        return f"{self.maand} heropend: {self.reden}"


class Waarschuwingsakkoord(models.Model):
    """A plausibility warning of a month, acknowledged before closing it: which rule, for which
    municipality (none: the national total), the text shown, and who acknowledged it."""

    maand = models.ForeignKey(Maand, on_delete=models.PROTECT, related_name="akkoorden")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regel = models.CharField(max_length=50)
    waarde = models.IntegerField(help_text="Het cijfer waarvoor de waarschuwing gold.")
    tekst = models.CharField(max_length=500)
    door = models.CharField(max_length=150)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField()

    class Meta:
        verbose_name = "akkoord op waarschuwing"
        verbose_name_plural = "akkoorden op waarschuwingen"
        ordering = ["maand", "regel", "gemeente", "id"]

    def __str__(self) -> str:
        return f"{self.maand}: {self.tekst}"


class Correctie(models.Model):
    """A figure of a closed month changed afterwards: old and new value, the reason, who, when,
    and the way it came in. Pages for a peildatum after that month say so."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="correcties")
    maand = models.DateField()
    oud = models.PositiveIntegerField(null=True, blank=True, help_text="Leeg: er was geen cijfer.")
    nieuw = models.PositiveIntegerField(null=True, blank=True, help_text="Leeg: cijfer verwijderd.")
    reden = models.CharField(max_length=500)
    bron = models.CharField(max_length=20, choices=Bron.choices)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField()

    gemeente_lookup = "gemeente"
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "correctie"
        verbose_name_plural = "correcties"
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m}: {self.oud} → {self.nieuw} ({self.reden})"
