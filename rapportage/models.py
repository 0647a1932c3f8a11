"""What the progress report keeps besides the figures: the platform's own words for a report,
the reports as published, and the national figures of half-years before the system's own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.scoping import RestrictedQuerySet


class LandelijkHalfjaar(models.Model):
    """A half-year known only nationally: the figures as published (legal quota, corrected quota,
    realisation) for a period before the system's municipal figures, with where they come from.

    The report's chart and its table draw these beside the half-years the calculation holds; a
    half-year the system holds is always drawn from the calculation. A figure that could not be
    found stays empty (unknown), never 0.
    """

    history = HistoricalRecords()

    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=[(1, "I"), (2, "II")])
    taakstelling = models.PositiveIntegerField("wettelijke taakstelling", null=True, blank=True)
    gecorrigeerde_taakstelling = models.IntegerField(
        "gecorrigeerde taakstelling", null=True, blank=True
    )
    realisatie = models.PositiveIntegerField(null=True, blank=True)
    bron = models.TextField(help_text="Waar de cijfers vandaan komen (een adres of een document).")

    class Meta:
        verbose_name = "landelijk halfjaar"
        verbose_name_plural = "landelijke halfjaren"
        ordering = ["jaar", "helft"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "helft"],
                name="landelijk_halfjaar_uniek",
                violation_error_message="Dit halfjaar heeft al landelijke cijfers.",
            ),
            models.CheckConstraint(
                condition=Q(helft__in=[1, 2]) & Q(jaar__gte=2000) & Q(jaar__lte=2100),
                name="landelijk_halfjaar_periode",
                violation_error_message="Een halfjaar is 2000-I tot en met 2100-II.",
            ),
            models.CheckConstraint(
                condition=Q(taakstelling__isnull=False)
                | Q(gecorrigeerde_taakstelling__isnull=False)
                | Q(realisatie__isnull=False),
                name="landelijk_halfjaar_een_cijfer",
                violation_error_message="Een landelijk halfjaar heeft minstens één cijfer.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.jaar}-{'I' if self.helft == 1 else 'II'}"


class Rapporttekst(models.Model):
    """The platform's own words in the report of one peildatum and area: the letter's head and
    sign-off and the narrative of each section, written on the report's edit page.

    Stored as plain text (paragraphs, ``*nadruk*``, ``**vet**``, lists and links; see
    ``rapportage.rapport.brief``); it is never markup to any renderer: the page escapes it and the
    PDF receives it as data.
    """

    history = HistoricalRecords()

    peildatum = models.DateField()
    gebied = models.CharField(max_length=6, help_text="NL, een provinciecode of een gemeentecode.")
    aan = models.TextField("aan", blank=True)
    plaats = models.CharField(max_length=100, blank=True)
    briefdatum = models.DateField("datum van de brief", null=True, blank=True)
    betreft = models.CharField(max_length=200, blank=True)
    aanhef = models.CharField(max_length=200, blank=True)
    ondertekenaar = models.CharField(max_length=200, blank=True)
    functie = models.CharField(max_length=200, blank=True)
    teksten = models.JSONField(
        default=dict, blank=True, help_text="Per onderdeel van de brief (inleiding, terugblik, …)."
    )
    versie = models.PositiveIntegerField(
        default=1, help_text="Telt op bij elke wijziging; een formulier met een oude versie botst."
    )
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "rapporttekst"
        verbose_name_plural = "rapportteksten"
        constraints = [
            models.UniqueConstraint(
                fields=["peildatum", "gebied"],
                name="rapporttekst_uniek",
                violation_error_message="Dit rapport heeft al een tekst.",
            ),
        ]

    def __str__(self) -> str:
        return f"Tekst voortgangsrapportage {self.gebied} {self.peildatum:%d-%m-%Y}"


class GepubliceerdRapport(models.Model):
    """A report as it was published: its PDF, XLSX and CSV exactly as sent, with their sha256,
    the data version they were made from, who published them and when.

    Never changed after it is stored: a correction later changes the live report, not this one;
    a corrected version is a new row beside it (``vervangt`` and ``notitie``), and both stay.
    Who may see it follows the live report's scope: the national report platform and ministry
    staff, a province's also its supervisors, a municipality's also its officials
    (``provincie`` and ``gemeente`` are the area's, for ``restrict``).
    """

    peildatum = models.DateField()
    gebied = models.CharField(max_length=6)
    gebied_naam = models.CharField(max_length=100)
    provincie = models.ForeignKey(
        "taakstelling.Provincie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gemeente = models.ForeignKey(
        "taakstelling.Gemeente", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    volgnummer = models.PositiveSmallIntegerField(
        default=1,
        help_text="1 voor de eerste publicatie van dit rapport, 2 voor de eerste correctie.",
    )
    vervangt = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correcties"
    )
    notitie = models.TextField(blank=True, help_text="Wat deze versie corrigeert.")
    gegevensversie = models.CharField(max_length=64)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    door_naam = models.CharField(max_length=150)
    gepubliceerd_op = models.DateTimeField()
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    xlsx = models.BinaryField()
    xlsx_sha256 = models.CharField(max_length=64)
    csv = models.BinaryField()
    csv_sha256 = models.CharField(max_length=64)

    objects = RestrictedQuerySet.as_manager()
    # restrict(user): a supervisor sees the reports of their province (its own and its
    # municipalities'), an official those of their municipality; the national report neither.
    gemeente_lookup = "gemeente"
    provincie_lookup = "provincie"

    FORMATEN = ("pdf", "xlsx", "csv")

    class Meta:
        verbose_name = "gepubliceerd rapport"
        verbose_name_plural = "gepubliceerde rapporten"
        ordering = ["-peildatum", "gebied", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["peildatum", "gebied", "volgnummer"],
                name="gepubliceerd_rapport_uniek",
                violation_error_message="Deze versie van dit rapport is al gepubliceerd.",
            ),
            models.CheckConstraint(
                condition=Q(volgnummer=1, vervangt__isnull=True)
                | Q(volgnummer__gt=1, vervangt__isnull=False),
                name="gepubliceerd_rapport_correctie",
                violation_error_message="Een correctie vervangt een eerder gepubliceerd rapport.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"Voortgangsrapportage {self.gebied_naam} {self.peildatum:%d-%m-%Y} ({self.volgnummer})"
        )

    @property
    def bestandsnaam(self) -> str:
        gebied = "" if self.gebied == "NL" else f"-{self.gebied}"
        versie = "" if self.volgnummer == 1 else f"-versie{self.volgnummer}"
        return f"voortgangsrapportage-{self.peildatum.isoformat()}{gebied}{versie}"

    def bestand(self, formaat: str) -> bytes:
        return bytes(getattr(self, formaat))

    def sha256(self, formaat: str) -> str:
        return getattr(self, f"{formaat}_sha256")
