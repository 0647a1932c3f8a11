"""Filters of the municipality list (django-filter).

The queryset is ``Gemeente`` restricted to the user and annotated with its latest population.
Status and half-years missed in a row are not columns in the database but results of the
calculation: those two filters take the ids from the ``Stand`` the view passes in, so filtering
stays one query whatever the number of municipalities.
"""

import django_filters
from django import forms
from django.db.models import OuterRef, Subquery

from taakstelling.models import Gemeente, Inwonertal, Provincie
from toezicht.selectors import STAP_KEUZES, gemeenten_met_stap

from . import zoeken
from .berekening import STATUS_LABELS, Stand

# Population classes (CBS uses similar bands in its municipal statistics).
GROOTTEKLASSEN = {
    "tot-20000": ("tot 20.000 inwoners", 0, 20_000),
    "20000-50000": ("20.000 tot 50.000 inwoners", 20_000, 50_000),
    "50000-100000": ("50.000 tot 100.000 inwoners", 50_000, 100_000),
    "vanaf-100000": ("100.000 inwoners of meer", 100_000, None),
}
GEMIST_KEUZES = [
    ("1", "1 of meer"),
    ("2", "2 of meer"),
    ("3", "3 of meer"),
    ("4", "4 of meer"),  # a national filter names no single province's rule
]


def gemeenten_met_inwoners(user):
    """The municipalities the user may see, each with ``inwoners``: its latest CBS population."""
    laatste = (
        Inwonertal.objects.filter(gemeente=OuterRef("pk")).order_by("-peildatum").values("aantal")
    )
    return (
        Gemeente.objects.restrict(user)
        .annotate(inwoners=Subquery(laatste[:1]))
        .order_by("naam", "code")
    )


class GemeenteFilterSet(django_filters.FilterSet):
    zoek = django_filters.CharFilter(
        label="Zoek op naam of code", method="filter_zoek", widget=forms.TextInput()
    )
    provincie = django_filters.ModelChoiceFilter(
        label="Provincie",
        queryset=Provincie.objects.all(),
        to_field_name="code",
        empty_label="Alle provincies",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=list(STATUS_LABELS.items()),
        empty_label="Alle statussen",
        method="filter_status",
    )
    gemist = django_filters.ChoiceFilter(
        label="Halfjaren op rij gemist",
        choices=GEMIST_KEUZES,
        empty_label="Alle gemeenten",
        method="filter_gemist",
    )
    stap = django_filters.ChoiceFilter(
        label="Stap op de interventieladder",
        choices=STAP_KEUZES,
        empty_label="Alle gemeenten",
        method="filter_stap",
    )
    grootte = django_filters.ChoiceFilter(
        label="Grootte",
        choices=[(k, v[0]) for k, v in GROOTTEKLASSEN.items()],
        empty_label="Alle groottes",
        method="filter_grootte",
    )

    class Meta:
        model = Gemeente
        fields = ["zoek", "provincie", "status", "gemist", "stap", "grootte"]

    def __init__(self, *args, stand: Stand, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.stand = stand
        # Only the provinces the user has municipalities in (one for a supervisor or official).
        self.filters["provincie"].queryset = Provincie.objects.filter(
            id__in=Gemeente.objects.restrict(user).values("provincie_id")
        )

    def filter_zoek(self, queryset, name, value):
        # Names as people write them (rapportage/zoeken.py), matched on the stand's names (as the
        # status filter: no query of its own).
        if not zoeken.compact(value):
            return queryset
        frame = self.stand.gemeenten
        rijen = zip(frame["gemeente_id"], frame["gemeentenaam"], frame["gemeentecode"])
        return queryset.filter(id__in=[int(i) for i in zoeken.gemeente_ids(value, rijen)])

    def _ids(self, masker) -> list[int]:
        return [int(i) for i in self.stand.gemeenten.loc[masker, "gemeente_id"]]

    def filter_status(self, queryset, name, value):
        return queryset.filter(id__in=self._ids(self.stand.gemeenten["status"] == value))

    def filter_gemist(self, queryset, name, value):
        minimaal = int(value)
        return queryset.filter(
            id__in=self._ids(self.stand.gemeenten["gemiste_halfjaren"] >= minimaal)
        )

    def filter_stap(self, queryset, name, value):
        houden, ids = gemeenten_met_stap(value)
        return queryset.filter(id__in=ids) if houden else queryset.exclude(id__in=ids)

    def filter_grootte(self, queryset, name, value):
        _label, van, tot = GROOTTEKLASSEN[value]
        queryset = queryset.filter(inwoners__gte=van)
        return queryset.filter(inwoners__lt=tot) if tot is not None else queryset
