from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.perioden import Periode
from opnieuwthuis.scoping import RestrictedQuerySet

from .choices import Afrondingsmethode, Helft

# The forms of the CBS codes (ASCII digits only), for every check of a code: the model's
# validator, the URL converter, the report's area.
GEMEENTECODE = "GM[0-9]{4}"
PROVINCIECODE = "PV[0-9]{2}"


class Provincie(models.Model):
    """One of the twelve provinces; supervises its municipalities (interbestuurlijk toezicht)."""

    history = HistoricalRecords()

    code = models.CharField("provinciecode", max_length=4, unique=True)  # PV27
    naam = models.CharField(max_length=100, unique=True)

    gemeente_lookup = "gemeenten"
    gemeente_scope = False  # officials see their municipality, not its province
    objects = RestrictedQuerySet.as_manager()

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
        validators=[RegexValidator(f"^{GEMEENTECODE}$", "Een gemeentecode heeft de vorm GM0363.")],
    )
    naam = models.CharField(max_length=100)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="gemeenten")
    begindatum = models.DateField(null=True, blank=True, help_text="Leeg: bestond al.")
    einddatum = models.DateField(
        null=True,
        blank=True,
        help_text="Eerste dag waarop de gemeente geen cijfers meer draagt: de dag van de "
        "herindeling, of het eind van het halfjaar waarvan de taakstelling al vóór de herindeling "
        "over de oude gemeenten was verdeeld.",
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
    def periode(self) -> Periode:
        return Periode(self.jaar, self.helft)

    @property
    def label(self) -> str:
        return self.periode.label

    @property
    def begindatum(self) -> date:
        return self.periode.begin

    @property
    def einddatum(self) -> date:
        return self.periode.einde


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


class Herindeling(models.Model):
    """One predecessor→successor link of a municipal reorganisation (Huisvestingswet art. 30).

    A merger has one row per predecessor (aandeel 1), a split one row per successor (the share of
    the predecessor that goes there; together 1). From ``datum`` the successor exists and the
    predecessor ends, unless it is also one of its own successors. Balances move to the successors
    at the first half-year, on or after ``datum``, in which the predecessor no longer carries a
    quota: a quota distributed before the reorganisation stays with the old municipalities for its
    half-year (2017-I was still carried by the 390 municipalities of 2016).
    """

    history = HistoricalRecords()

    datum = models.DateField(help_text="De dag van de herindeling (1 januari).")
    van = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="herindelingen_uit", verbose_name="van"
    )
    naar = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="herindelingen_in", verbose_name="naar"
    )
    aandeel = models.DecimalField(
        max_digits=7,
        decimal_places=6,
        help_text="Het deel van de oude gemeente dat naar de nieuwe gaat (1 = helemaal).",
    )

    gemeente_lookup = "naar"
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "herindeling"
        verbose_name_plural = "herindelingen"
        ordering = ["datum", "naar__naam", "van__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["datum", "van", "naar"],
                name="herindeling_uniek",
                violation_error_message="Deze herindeling staat er al.",
            ),
            models.CheckConstraint(
                condition=Q(aandeel__gt=0) & Q(aandeel__lte=1),
                name="herindeling_aandeel",
                violation_error_message="Een aandeel ligt tussen 0 (niet meegerekend) en 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar} op {self.datum:%d-%m-%Y} ({self.aandeel})"


class Uitwisseling(models.Model):
    """An agreement between two municipalities to shift quota in a half-year (art. 29 lid 2).

    ``van`` houses ``personen`` fewer, ``naar`` as many more; their combined total stays equal.
    The quotas (``Taakstelling``) are changed when the agreement is recorded.
    """

    history = HistoricalRecords()

    halfjaar = models.ForeignKey(Halfjaar, on_delete=models.PROTECT, related_name="uitwisselingen")
    van = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="uitwisselingen_uit", verbose_name="van"
    )
    naar = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="uitwisselingen_in", verbose_name="naar"
    )
    personen = models.PositiveIntegerField()
    toelichting = models.CharField(max_length=300, blank=True)

    gemeente_lookup = "van"
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "uitwisseling"
        verbose_name_plural = "uitwisselingen"
        ordering = ["halfjaar", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(personen__gt=0),
                name="uitwisseling_positief",
                violation_error_message="Een uitwisseling verplaatst minstens één persoon.",
            ),
            models.CheckConstraint(
                condition=~Q(van=F("naar")),
                name="uitwisseling_twee_gemeenten",
                violation_error_message="Een gemeente wisselt niet met zichzelf uit.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.halfjaar}: {self.personen} van {self.van} naar {self.naar}"


class Herziening(models.Model):
    """A revision of a half-year's national number during the half-year (domain rule 5).

    From ``ingangsdatum`` the municipal quotas are the recomputed ones; for a peildatum before it
    the calculation uses the quotas as they were (``VervangenTaakstelling``).
    """

    history = HistoricalRecords()

    halfjaar = models.ForeignKey(Halfjaar, on_delete=models.PROTECT, related_name="herzieningen")
    ingangsdatum = models.DateField()
    landelijk_oud = models.PositiveIntegerField("landelijke taakstelling vóór")
    landelijk_nieuw = models.PositiveIntegerField("landelijke taakstelling na")
    afrondingsmethode = models.CharField(max_length=20, choices=Afrondingsmethode.choices)

    class Meta:
        verbose_name = "herziening"
        verbose_name_plural = "herzieningen"
        ordering = ["halfjaar", "ingangsdatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["halfjaar", "ingangsdatum"],
                name="herziening_uniek",
                violation_error_message="Dit halfjaar heeft al een herziening op die datum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.halfjaar}: {self.landelijk_oud} → {self.landelijk_nieuw} per {self.ingangsdatum:%d-%m-%Y}"


class VervangenTaakstelling(models.Model):
    """The quota of a municipality as it was before a revision: valid for peildata before it."""

    history = HistoricalRecords()

    herziening = models.ForeignKey(
        Herziening, on_delete=models.CASCADE, related_name="vervangen_taakstellingen"
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="vervangen_taakstellingen"
    )
    personen = models.PositiveIntegerField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "vervangen taakstelling"
        verbose_name_plural = "vervangen taakstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["herziening", "gemeente"],
                name="vervangen_taakstelling_uniek",
                violation_error_message="Deze gemeente staat al bij deze herziening.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} vóór {self.herziening}: {self.personen}"
