"""Tables of municipalities: declared with django-tables2, rendered lean.

django-tables2 declares the columns, their headings and which are shown, and sorts the rows
(``?sort=-stand``). Its own row rendering costs about 0,33 ms a row (stack.md): 130 ms for the 390
municipalities, far over the page budget. So ``lean_rijen`` turns the sorted records into plain
HTML rows once (``opnieuwthuis.html``, which escapes), and the template writes them with a plain
loop; the view caches the result on the data version. The rows are records of
``berekening.Stand.gemeenten`` (dicts), never model instances, so a table never queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils.http import urlencode

from opnieuwthuis.html import opmaak, samen
from opnieuwthuis.nederlands import getal, percentage

from .berekening import ACHTER, ENIGSZINS_ACHTER, OP_SCHEMA, STATUS_LABELS

# "Those behind first": the order of the statuses from worst to best.
STATUS_VOLGORDE = {ACHTER: 0, ENIGSZINS_ACHTER: 1, OP_SCHEMA: 2}


def gemeente_url(
    code: str, peildatum: date | None = None, naam: str = "rapportage:gemeente"
) -> str:
    url = reverse(naam, kwargs={"code": code})
    return f"{url}?peildatum={peildatum.isoformat()}" if peildatum else url


class GetalColumn(tables.Column):
    """A whole number, right-aligned, Dutch thousands separator."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"th": {"class": "getal"}, "td": {"class": "getal"}})
        super().__init__(*args, **kwargs)


class PercentageColumn(GetalColumn):
    """A share with one decimal: "8,7 %" (``berekening.percentage_gerealiseerd``)."""


@dataclass(frozen=True)
class Kop:
    naam: str
    tekst: str
    klasse: str
    url: str  # the query string that sorts by this column (or reverses it)
    aria_sort: str  # "ascending", "descending" or ""


class GemeenteTable(tables.Table):
    """Municipalities with the figures of the stand; every column can be sorted."""

    gemeentenaam = tables.Column("Gemeente")
    gemeentecode = tables.Column("Code")
    provincie = tables.Column("Provincie")
    inwoners = GetalColumn("Inwoners")
    beginstand_vorig = GetalColumn("Stand begin vorig halfjaar")
    taakstelling_vorig = GetalColumn("Taakstelling vorig halfjaar")
    realisatie_vorig = GetalColumn("Realisatie vorig halfjaar")
    beginstand = GetalColumn("Stand begin halfjaar")
    taakstelling = GetalColumn("Taakstelling")
    te_huisvesten = GetalColumn("Taakstelling inclusief achter/voor")
    realisatie = GetalColumn("Realisatie")
    stand = GetalColumn("Achter/voor")
    percentage_gerealiseerd = PercentageColumn("Percentage gerealiseerd")
    status = tables.Column("Status", order_by=("status_volgorde", "-stand"))
    nodig_per_maand = GetalColumn("Nog nodig per maand")
    gemiste_halfjaren = GetalColumn("Halfjaren op rij gemist")
    # The province's intervention ladder (toezicht): the latest step of an open case.
    ladder = tables.Column("Toezicht", order_by=("ladder_volgorde", "gemeentenaam"))

    class Meta:
        orderable = True
        order_by_field = "sort"

    # Where a municipality's name links to (the public list links to the public page).
    gemeente_url_naam = "rapportage:gemeente"

    # Shown on the page; the download has every column.
    standaard_kolommen = (
        "gemeentenaam",
        "gemeentecode",
        "provincie",
        "inwoners",
        "beginstand",
        "taakstelling",
        "te_huisvesten",
        "realisatie",
        "stand",
        "percentage_gerealiseerd",
        "status",
        "nodig_per_maand",
        "gemiste_halfjaren",
        "ladder",
    )

    def __init__(
        self,
        data,
        *,
        koppen: dict[str, str] | None = None,
        peildatum: date | None = None,
        alle_kolommen: bool = False,
        exclude=(),
        **kwargs,
    ):
        for rij in data:
            rij.setdefault("status_volgorde", STATUS_VOLGORDE.get(rij.get("status"), 3))
        if not alle_kolommen:
            exclude = [
                *exclude,
                *(n for n in self.base_columns if n not in self.standaard_kolommen),
            ]
        super().__init__(data, exclude=exclude, **kwargs)
        self.peildatum = peildatum
        for naam, tekst in (koppen or {}).items():
            if naam in self.columns:
                self.columns[naam].column.verbose_name = tekst

    # --- lean rendering ------------------------------------------------------------------------

    def koppen(self, querystring: dict[str, str]) -> list[Kop]:
        """Column headings with a link that sorts by the column (again: the other way round)."""
        uit = []
        for kolom in self.columns:
            volgende = kolom.order_by_alias.next
            parameters = {**querystring, self.order_by_field: str(volgende)}
            aria = ""
            if kolom.is_ordered:
                aria = "descending" if kolom.order_by_alias.is_descending else "ascending"
            uit.append(
                Kop(
                    naam=kolom.name,
                    tekst=str(kolom.header),
                    klasse=kolom.attrs.get("th", {}).get("class", ""),
                    url="?" + urlencode(parameters),
                    aria_sort=aria,
                )
            )
        return uit

    def lean_rijen(self) -> list[str]:
        """Every row as a ready ``<tr>`` (``opnieuwthuis.html``: escaped there), numbers in Dutch
        notation. A template loop over the cells costs many times more (``make bench``,
        "HTML-rijen")."""
        namen = [kolom.name for kolom in self.columns]
        getallen = {n for n in namen if isinstance(self.columns[n].column, GetalColumn)}
        procenten = {n for n in namen if isinstance(self.columns[n].column, PercentageColumn)}
        # One reverse() for all rows: each row's link differs only in its code.
        voorbeeld = "GM0000"
        basis = gemeente_url(voorbeeld, self.peildatum, self.gemeente_url_naam)
        rijen = []
        for rij in self.data:
            cellen = []
            for naam in namen:
                waarde = rij.get(naam)
                if naam == "gemeentenaam":
                    url = basis.replace(voorbeeld, rij["gemeentecode"], 1)
                    cellen.append(opmaak('<th scope="row"><a href="{}">{}</a></th>', url, waarde))
                elif naam == "status":
                    cellen.append(
                        opmaak(
                            '<td class="status status--{}">{}</td>',
                            waarde,
                            STATUS_LABELS.get(waarde, ""),
                        )
                    )
                elif naam in procenten:
                    cellen.append(opmaak('<td class="getal">{}</td>', percentage(waarde)))
                elif naam in getallen:
                    cellen.append(opmaak('<td class="getal">{}</td>', getal(waarde)))
                else:
                    cellen.append(opmaak('<td class="tekst">{}</td>', waarde))
            rijen.append(opmaak("<tr>{}</tr>", samen(cellen)))
        return rijen

    # --- download ------------------------------------------------------------------------------

    def export_koppen(self) -> list[str]:
        return [str(kolom.header) for kolom in self.columns]

    def export_rijen(self) -> list[list]:
        """Raw values: numbers stay numbers, the status as its label."""
        namen = [kolom.name for kolom in self.columns]
        return [
            [
                STATUS_LABELS.get(rij.get(n), rij.get(n)) if n == "status" else rij.get(n)
                for n in namen
            ]
            for rij in self.data
        ]
