"""What the benchmark and the load test measure, and the budgets they are held to: one place.

Adding a page is one line in ``PAGINAS``. A page whose URL name does not resolve (its branch is
not merged yet) is reported as "niet aanwezig", never as a failure. Keyword values may name the
data set's example municipality or province as ``{gemeente}`` / ``{provincie}``.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pagina:
    naam: str
    url_naam: str
    kwargs: dict = field(default_factory=dict)
    budget: float | None = None  # at most this many times the trivial view; None: only measured
    query: str = ""


TRIVIAAL = "ping"

PAGINAS = [
    Pagina("Landelijk dashboard (start)", "rapportage:start", budget=5),
    Pagina("Gemeentelijst, alle gemeenten", "rapportage:gemeente_list", budget=25),
    Pagina("Gemeentepagina", "rapportage:gemeente", {"code": "{gemeente}"}, budget=5),
    Pagina("Provinciepagina", "rapportage:provincie", {"code": "{provincie}"}),
    Pagina("Rapportpagina", "rapportage:rapport", budget=5),
    Pagina("Kaart", "rapportage:kaart"),
]


@dataclass(frozen=True)
class Download:
    naam: str
    url_naam: str  # measured through the page when it exists
    formaat: str  # else through `manage.py rapport --format …` when that command exists
    budget_s: float


DOWNLOADS = [
    Download("PDF landelijke rapportage", "rapportage:rapport_pdf", "pdf", budget_s=3.0),
    Download("XLSX landelijke rapportage", "rapportage:rapport_xlsx", "xlsx", budget_s=1.0),
]

BUDGET_BEREKENING_MS = 200  # bereken_stand, ten years, 400 municipalities, no cache; CPU time
BUDGET_IMPORT_MAAND_S = 1.0  # the 400-row monthly file through the import command
# The cold national PDF as a whole process, at most this many times the cold `stand` (issue 14:
# "renders cold in about the time stand takes").
BUDGET_PDF_TEGEN_STAND = 2.0
# Rows built in Python (opnieuwthuis.html) rather than by a template only where the template costs
# more than this for 390 rows and at least HTML_WINST times the Python rows (bench/html_rijen.py).
HTML_SJABLOON_MS = 50
HTML_WINST = 3
BUDGET_UPLOAD_S = 2.0  # preview, and confirmation, of an upload: 390 rows, or 390 × 6 months

# The load test's mix (make load): URL names of PAGINAS, on the demo data set. Names that do not
# resolve are left out, so the mix grows by itself as pages are merged.
LOAD_MIX = ["rapportage:start", "rapportage:gemeente_list", "rapportage:gemeente"]
VOORBEELD_DEMO = {"gemeente": "GM0363", "provincie": "PV27"}  # Amsterdam, Noord-Holland
