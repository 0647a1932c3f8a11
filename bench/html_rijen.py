"""Do the rows built in Python (opnieuwthuis.html) earn their exception to "a template is the rule"?

The same rows for 390 municipalities are built both ways in one run, interleaved, and compared:

- the list of municipalities: ``GemeenteTable.lean_rijen`` (Python) against a template loop over
  the same cells (the numbers handed to the template already formatted: only the loop counts);
- the entry grid: ``realisatie.views._rij_html`` (Python) against what Django renders without
  it, a ``MaandcijferForm`` a row with its labels and widgets (and hidden initial values);
- an upload's preview: ``templates/realisatie/_voorbeeld_rijen.html`` (a template) against the
  same rows through ``opnieuwthuis.html``.

The rule (``paginas.HTML_SJABLOON_MS``, ``paginas.HTML_WINST``): rows are built in Python only
where the template costs more than that many milliseconds for 390 rows and at least that many
times the Python rows; everywhere else the template is used. The benchmark fails when a place is
on the wrong side. No database: the rows are records of the shape the views pass, unsaved.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from types import SimpleNamespace

TABEL_SJABLOON = (
    '{% for r in rijen %}<tr><th scope="row"><a href="{{ r.url }}">{{ r.naam }}</a></th>'
    '{% for c in r.cellen %}<td class="{{ c.0 }}">{{ c.1 }}</td>{% endfor %}</tr>{% endfor %}'
)
RASTER_SJABLOON = (
    '{% for r in rijen %}<tr data-gemeente="{{ r.code }}"><th scope="row">{{ r.naam }}</th>'
    "{% for veld in r.form.visible_fields %}<td>{{ veld.label_tag }}{{ veld }}{{ veld.errors }}"
    "</td>{% endfor %}<td>{{ r.stand }}{{ r.form.versie }}</td>"
    '<td class="rijmelding">{{ r.melding }}</td></tr>{% endfor %}'
)


def _tabelrecords(n: int) -> list[dict]:
    return [
        {
            "gemeentenaam": f"Gemeente {i} & zonen",
            "gemeentecode": f"GM{i:04d}",
            "provincie": "Noord-Holland",
            "inwoners": 20_000 + i * 97,
            "beginstand": i % 40 - 10,
            "taakstelling": 30 + i % 50,
            "te_huisvesten": 40 + i % 70,
            "realisatie": i % 60,
            "stand": i % 50 - 20,
            "percentage_gerealiseerd": (i % 100) + 0.5,
            "status": ("achter", "enigszins_achter", "op_schema")[i % 3],
            "nodig_per_maand": i % 12,
            "gemiste_halfjaren": i % 3,
            "ladder": "",
        }
        for i in range(n)
    ]


def _rasterrijen(n: int) -> list[dict]:
    return [
        {
            "gemeente": SimpleNamespace(id=i, naam=f"Gemeente {i}", code=f"GM{i:04d}"),
            "form": None,
            "initial": {
                "personen": i % 30,
                "alleenstaanden": None,
                "gezinsleden": None,
                "nareizigers": None,
                "versie": 1,
            },
            "vorige": [i % 20, i % 25],
            "grenzen": [[40, "Meer dan 40 personen in één maand."]],
            "waarschuwingen": [],
            "stand_voor": 40 - i % 30,
            "stand_na": 10,
        }
        for i in range(n)
    ]


def _voorbeeldregels(n: int) -> list:
    from realisatie.services import Regel
    from taakstelling.models import Gemeente

    return [
        Regel(
            rij=i + 2,
            gemeente=Gemeente(naam=f"Gemeente {i}", code=f"GM{i:04d}"),
            maand=date(2017, 1, 1),
            personen=i % 30,
            alleenstaanden=None,
            gezinsleden=None,
            nareizigers=None,
        )
        for i in range(n)
    ]


def _meet(a, b, herhalingen: int) -> tuple[float, float]:
    a(), b()  # warm-up: compiled templates, imported modules
    ta, tb = [], []
    for _ in range(herhalingen):
        t = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t)
        t = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def meet_html_rijen(*, rijen: int = 390, herhalingen: int = 7) -> dict:
    from django.template import Context, Engine

    from opnieuwthuis.html import opmaak, samen
    from opnieuwthuis.nederlands import getal, percentage
    from rapportage.tables import GemeenteTable, PercentageColumn
    from realisatie.forms import MaandcijferForm
    from realisatie.services import WAARDEVELDEN
    from realisatie.views import _rij_html

    engine = Engine.get_default()
    uit = {}

    # The list of municipalities.
    tabel = GemeenteTable(_tabelrecords(rijen))
    namen = [k.name for k in tabel.columns][1:]
    sjabloon = engine.from_string(TABEL_SJABLOON)

    def tabel_sjabloon():
        records = [
            {
                "url": f"/gemeenten/{r['gemeentecode']}/",
                "naam": r["gemeentenaam"],
                "cellen": [
                    (
                        "getal",
                        percentage(r[n])
                        if isinstance(tabel.columns[n].column, PercentageColumn)
                        else getal(r[n])
                        if isinstance(r[n], int)
                        else r[n],
                    )
                    for n in namen
                ],
            }
            for r in tabel.data
        ]
        return sjabloon.render(Context({"rijen": records}))

    uit["gemeentelijst"] = _meet(tabel.lean_rijen, tabel_sjabloon, herhalingen)

    # The entry grid.
    raster = _rasterrijen(rijen)
    sjabloon = engine.from_string(RASTER_SJABLOON)

    def raster_helper():
        return [_rij_html(r, "/realisatie/gemeenten/GM0000/") for r in raster]

    def raster_sjabloon():
        records = [
            {
                "code": r["gemeente"].code,
                "naam": r["gemeente"].naam,
                "form": MaandcijferForm(prefix=f"g{r['gemeente'].id}", initial=r["initial"]),
                "stand": getal(r["stand_na"]),
                "melding": "",
            }
            for r in raster
        ]
        return sjabloon.render(Context({"rijen": records}))

    uit["invoerscherm"] = _meet(raster_helper, raster_sjabloon, herhalingen)

    # An upload's preview.
    plan = SimpleNamespace(regels=_voorbeeldregels(rijen))
    sjabloon = engine.get_template("realisatie/_voorbeeld_rijen.html")

    def voorbeeld_helper():
        return samen(
            opmaak(
                '<tr><td>{}</td><th scope="row">{} ({})</th><td>{}</td><td class="actie--{}">'
                "{}</td><td>{}</td><td>{}</td></tr>\n",
                r.rij,
                r.gemeente.naam,
                r.gemeente.code,
                r.maand_tekst,
                r.actie,
                r.actie,
                r.oude_tekst,
                r.tekst,
            )
            for r in plan.regels
        )

    uit["uploadvoorbeeld"] = _meet(
        voorbeeld_helper, lambda: sjabloon.render(Context({"plan": plan})), herhalingen
    )

    assert len(WAARDEVELDEN) == 4  # the grid's template renders the four figures of a row
    return {
        naam: {
            "rijen": rijen,
            "in_python": naam in IN_PYTHON,
            "python_ms": round(a * 1000, 2),
            "sjabloon_ms": round(b * 1000, 2),
            "winst": round(b / a, 1),
        }
        for naam, (a, b) in uit.items()
    }


# Where the code builds these rows today: in Python (opnieuwthuis.html), or in a template.
IN_PYTHON = {"gemeentelijst", "invoerscherm"}


def nodig(meting: dict, drempel_ms: float, winst: float) -> bool:
    """Whether rows built in Python are needed here (the rule in the module's docstring)."""
    return meting["sjabloon_ms"] > drempel_ms and meting["winst"] >= winst
