from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.scoping import RestrictedQuerySet

from .choices import Afrondingsmethode, Helft


class Provincie(models.Model):
    """One of the twelve provinces; supervises its municipalities (interbestuurlijk toezicht)."""

    history = HistoricalRecords()

    code = models.CharField("provinciecode", max_length=4, unique=True)  # PV27
    naam = models.CharField(max_length=100, unique=True)

    gemeente_lookup = "gemeenten"

    class Meta:
        verbose_name = "provincie"
        verbose_name_plural = "provincies"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    """A municipality, known by its CBS code; it may begin or end through a reorganisation."""

    history = HistoricalRecords()

    code = models.CharField(
        "gemeentecode",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM[0-9]{4}$", "Een gemeentecode heeft de vorm GM0363.")],
    )
    naam = models.CharField(max_length=100)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="gemeenten")
    begindatum = models.DateField(null=True, blank=True, help_text="Leeg: bestond al.")
    einddatum = models.DateField(
        null=True, blank=True, help_text="Eerste dag waarop de gemeente niet meer bestaat."
    )

    gemeente_lookup = ""
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith="GM"),
                name="gemeente_code_cbs",
                violation_error_message="Een gemeentecode heeft de vorm GM0363.",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(begindatum__isnull=True)
                | Q(einddatum__gt=F("begindatum")),
                name="gemeente_einde_na_begin",
                violation_error_message="De einddatum ligt na de begindatum.",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Inwonertal(models.Model):
    """The CBS population of a municipality on a reference date (1 January)."""

    history = HistoricalRecords()

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="inwonertallen")
    peildatum = models.DateField()
    aantal = models.PositiveIntegerField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "inwonertal"
        verbose_name_plural = "inwonertallen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "peildatum"],
                name="inwonertal_uniek",
                violation_error_message="Deze gemeente heeft al een inwonertal op die datum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aantal} inwoners op {self.peildatum:%d-%m-%Y}"


class Halfjaar(models.Model):
    """A taakstelling period: 1 January–30 June (2017-I) or 1 July–31 December (2017-II).

    Storing year and half (not dates) makes a period that starts elsewhere impossible.
    """

    history = HistoricalRecords()

    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=Helft.choices)
    landelijke_taakstelling = models.PositiveIntegerField(
        "landelijke taakstelling", help_text="Het landelijke aantal dat de minister vaststelt."
    )
    afrondingsmethode = models.CharField(
        max_length=20, choices=Afrondingsmethode.choices, default=Afrondingsmethode.WETTELIJK
    )
    illustratief = models.BooleanField(
        default=False,
        help_text="De cijfers per gemeente zijn illustratief (demodata): alleen de landelijke "
        "totalen komen uit een bron.",
    )

    class Meta:
        verbose_name = "halfjaar"
        verbose_name_plural = "halfjaren"
        ordering = ["jaar", "helft"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "helft"],
                name="halfjaar_uniek",
                violation_error_message="Dit halfjaar bestaat al.",
            ),
            models.CheckConstraint(
                condition=Q(helft__in=[1, 2]),
                name="halfjaar_helft",
                violation_error_message="Een halfjaar is de eerste (I) of tweede (II) helft.",
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=2000) & Q(jaar__lte=2100),
                name="halfjaar_jaar",
                violation_error_message="Het jaar ligt tussen 2000 en 2100.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.jaar}-{'I' if self.helft == 1 else 'II'}"

    @property
    def begindatum(self) -> date:
        return date(self.jaar, 1 if self.helft == 1 else 7, 1)

    @property
    def einddatum(self) -> date:
        return date(self.jaar, 6, 30) if self.helft == 1 else date(self.jaar, 12, 31)


class Taakstelling(models.Model):
    """The number of persons a municipality must house in a half-year."""

    history = HistoricalRecords()

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="taakstellingen")
    halfjaar = models.ForeignKey(Halfjaar, on_delete=models.PROTECT, related_name="taakstellingen")
    personen = models.PositiveIntegerField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "taakstelling"
        verbose_name_plural = "taakstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "halfjaar"],
                name="taakstelling_uniek",
                violation_error_message="Deze gemeente heeft al een taakstelling in dit halfjaar.",
            ),
            models.CheckConstraint(
                condition=Q(personen__gte=0),
                name="taakstelling_niet_negatief",
                violation_error_message="Een taakstelling is nooit negatief.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.halfjaar}: {self.personen}"


class Startstand(models.Model):
    """Opening balance of a municipality in the first half-year the system holds for it.

    Positive is a backlog (achterstand), negative a lead (voorsprong). Every later opening balance
    is computed by the carry-forward calculation, never typed in.
    """

    history = HistoricalRecords()

    gemeente = models.OneToOneField(Gemeente, on_delete=models.PROTECT, related_name="startstand")
    halfjaar = models.ForeignKey(Halfjaar, on_delete=models.PROTECT, related_name="startstanden")
    personen = models.IntegerField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "startstand"
        verbose_name_plural = "startstanden"

    def __str__(self) -> str:
        return f"{self.gemeente} begin {self.halfjaar}: {self.personen}"


class Gegevensversie(models.Model):
    """One row whose token is replaced with every change of a figure, in the same transaction.

    Caches (the calculation, charts, reports) are keyed on it, so every process sees a change at
    once, whatever cache backend it has (stateless processes, one database). A random token rather
    than a counter: a restored or recreated database never meets the cache entries of another.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "gegevensversie"
        verbose_name_plural = "gegevensversie"

    def __str__(self) -> str:
        return self.token
