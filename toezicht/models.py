from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from opnieuwthuis.scoping import RestrictedQuerySet
from taakstelling.models import Gemeente, Halfjaar

from .choices import Stapsoort


class Oordeel(models.Model):
    """The province's judgement of one municipality over one closed half-year: did it house its
    quota including the carried balance (domain rule 7)?

    The figures propose it (``voorstel_gehaald``: the half-year's closing balance ``eindstand``
    from the calculation was at most 0); a supervisor of the municipality's province, or platform
    staff, confirms or overrules it with a note. Both the figure and the proposal are kept as they
    were when the judgement was given: a later correction of a closed month changes the
    calculation, not what the province decided on.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="oordelen")
    halfjaar = models.ForeignKey(Halfjaar, on_delete=models.PROTECT, related_name="oordelen")
    eindstand = models.IntegerField(help_text="De eindstand van het halfjaar bij het oordeel.")
    voorstel_gehaald = models.BooleanField("voorstel: gehaald")
    gehaald = models.BooleanField("oordeel: gehaald")
    toelichting = models.TextField(max_length=2000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField()

    history = HistoricalRecords()

    gemeente_lookup = "gemeente"
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "oordeel"
        verbose_name_plural = "oordelen"
        ordering = ["gemeente__naam", "-halfjaar__jaar", "-halfjaar__helft"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "halfjaar"],
                name="oordeel_uniek",
                violation_error_message="Deze gemeente heeft al een oordeel over dit halfjaar.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.halfjaar}: {'gehaald' if self.gehaald else 'niet gehaald'}"


class Ladderstap(models.Model):
    """One step of the province's intervention ladder for a municipality (signaal, aanschrijving,
    vooraankondiging, indeplaatsstelling) or the closing of its case, with the date it was taken,
    a note and who recorded it. Steps are never changed: the ladder is their sequence, and a
    municipality's position is its latest step (none, or a closed case: not on the ladder)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="ladderstappen")
    soort = models.CharField(max_length=20, choices=Stapsoort.choices)
    datum = models.DateField(help_text="De dag waarop de stap is gezet (bijvoorbeeld de brief).")
    toelichting = models.TextField(max_length=2000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField()

    history = HistoricalRecords()

    gemeente_lookup = "gemeente"
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "stap op de interventieladder"
        verbose_name_plural = "stappen op de interventieladder"
        ordering = ["gemeente__naam", "datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Stapsoort.values),
                name="ladderstap_soort",
                violation_error_message="Onbekende stap op de interventieladder.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.get_soort_display()} op {self.datum:%d-%m-%Y}"
