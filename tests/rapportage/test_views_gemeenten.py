"""The municipality list: scope, filters, sorting, downloads."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gebruikers.choices import Rol

from .conftest import PEILDATUM, STATUS_GEVALLEN

LIJST = reverse("rapportage:gemeente_list")


def _codes(html: str) -> list[str]:
    """The codes in the table, in the order of its rows."""
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="/gemeenten/(GM\d{4})/', tbody)


def _get(client, query=""):
    antwoord = client.get(LIJST + query)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        (Rol.PLATFORM, ["GM0001", "GM0002"]),
        (Rol.MINISTERIE, ["GM0001", "GM0002"]),
        (Rol.PROVINCIE, ["GM0001"]),
        (Rol.GEMEENTE, ["GM0001"]),
        ("andere_gemeente", ["GM0002"]),
    ],
)
def test_each_role_sees_its_own_municipalities(wereld, rol_clients, rol, verwacht):
    assert _codes(_get(rol_clients[rol])) == verwacht


def test_the_figures_of_a_row(wereld, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM])
    rij = re.search(r"<tr><th scope=\"row\"><a href=\"/gemeenten/GM0001/.*?</tr>", html).group(0)
    cellen = re.findall(r"<td[^>]*>([^<]*)</td>", rij)
    # code, provincie, inwoners, beginstand, taakstelling, incl. achter/voor, realisatie, stand,
    # percentage gerealiseerd, status, nodig per maand, halfjaren gemist (maak_wereld: 10 + 100
    # - 90 = 20 carried in), step on the intervention ladder (none).
    assert cellen == [
        "GM0001",
        "Provincie 0",
        "–",
        "20",
        "50",
        "70",
        "0",
        "70",
        "0,0 %",
        "achter op schema",
        "14",
        "1",
        "",
    ]
    assert 'href="/gemeenten/GM0001/?peildatum=2017-02-01"' in rij


def test_status_boundaries_show_in_the_list(status_wereld, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM])
    for code, _naam, _pv, _pvn, _jan, status, _inw in STATUS_GEVALLEN:
        rij = re.search(rf'href="/gemeenten/{code}/.*?</tr>', html).group(0)
        assert f'class="status status--{status}"' in rij, code


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("?status=op_schema", ["GM0003", "GM0014"]),
        ("?status=enigszins_achter", ["GM0363", "GM0344"]),
        ("?status=achter", ["GM0599", "GM0518"]),
        ("?provincie=PV28", ["GM0599", "GM0518"]),
        ("?zoek=dam", ["GM0363", "GM0003", "GM0599"]),
        ("?zoek=gm0599", ["GM0599"]),
        ("?grootte=tot-20000", ["GM0003"]),
        ("?grootte=vanaf-100000&provincie=PV20", ["GM0014"]),
        ("?grootte=50000-100000", []),
        ("?gemist=1", []),
    ],
)
def test_filters(status_wereld, rol_clients, query, verwacht):
    assert sorted(_codes(_get(rol_clients[Rol.PLATFORM], query))) == sorted(verwacht)


def test_missed_half_years_filter(wereld, rol_clients):
    # maak_wereld: both closed 2016-II with a backlog.
    assert _codes(_get(rol_clients[Rol.PLATFORM], "?gemist=1")) == ["GM0001", "GM0002"]
    assert _codes(_get(rol_clients[Rol.PLATFORM], "?gemist=2")) == []


def test_an_unknown_filter_value_shows_an_error_and_no_rows(status_wereld, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM], "?provincie=PV99")
    assert _codes(html) == []
    assert "foutmelding" in html


def test_supervisor_can_only_choose_their_own_province(status_wereld, rol_clients):
    html = _get(rol_clients[Rol.PROVINCIE])
    keuzes = re.findall(r'<option value="(PV\d\d)"', html)
    assert keuzes == ["PV20"]
    # Asking for another province gives nothing, not that province's municipalities.
    assert _codes(_get(rol_clients[Rol.PROVINCIE], "?provincie=PV28")) == []


@pytest.mark.parametrize(
    ("sort", "verwacht"),
    [
        ("stand", ["GM0003", "GM0014", "GM0344", "GM0363", "GM0518", "GM0599"]),
        ("-stand", ["GM0599", "GM0518", "GM0363", "GM0344", "GM0014", "GM0003"]),
        ("status", ["GM0599", "GM0518", "GM0363", "GM0344", "GM0014", "GM0003"]),
        ("gemeentenaam", ["GM0518", "GM0363", "GM0003", "GM0014", "GM0599", "GM0344"]),
        ("-gemeentecode", ["GM0599", "GM0518", "GM0363", "GM0344", "GM0014", "GM0003"]),
    ],
)
def test_sorting(status_wereld, rol_clients, sort, verwacht):
    assert _codes(_get(rol_clients[Rol.PLATFORM], f"?sort={sort}")) == verwacht


def test_sort_links_keep_the_filters_and_mark_the_sorted_column(status_wereld, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM], "?provincie=PV28&sort=-stand")
    assert 'aria-sort="descending"' in html
    assert 'href="?provincie=PV28&amp;sort=stand"' in html  # the next click reverses it


def test_no_thousands_separator_in_years_codes_or_urls(demo, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM], f"?peildatum={PEILDATUM}")
    assert len(_codes(html)) == 390
    for attribuut in re.findall(r'(?:href|value|src)="([^"]*)"', html):
        assert not re.search(r"\d\.\d{3}", attribuut), attribuut
    assert "2.017" not in html.replace("<td", "\n<td").split("<tbody>")[0]
    assert re.search(r'<td class="getal">\d{1,3}\.\d{3}</td>', html)  # thousands do get a dot


def _csv(client, query=""):
    antwoord = client.get(LIJST + "?export=csv" + query)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_download_has_the_filtered_rows_with_every_column(status_wereld, rol_clients):
    rijen = _csv(rol_clients[Rol.PLATFORM], "&provincie=PV28&sort=-stand")
    kop, *data = rijen
    assert kop[:3] == ["Gemeente", "Code", "Provincie"]
    assert "Stand op 1 juli 2016" in kop  # the previous half-year's columns are in the download
    assert [r[1] for r in data] == ["GM0599", "GM0518"]
    stand = kop.index("Achter/voor tot 1 februari 2017")
    assert [r[stand] for r in data] == ["120", "106"]


def test_xlsx_download_keeps_numbers_numeric(status_wereld, rol_clients):
    antwoord = rol_clients[Rol.PLATFORM].get(LIJST + "?export=xlsx&status=achter")
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    kop = [c.value for c in blad[1]]
    rijen = list(blad.iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in rijen) == ["GM0518", "GM0599"]
    assert all(isinstance(r[kop.index("Inwoners")], int) for r in rijen)
    assert all(isinstance(r[kop.index("Taakstelling 1e helft 2017")], int) for r in rijen)


def test_downloads_hold_only_the_users_rows(wereld, rol_clients):
    assert [r[1] for r in _csv(rol_clients[Rol.GEMEENTE])[1:]] == ["GM0001"]
    assert [r[1] for r in _csv(rol_clients["andere_gemeente"])[1:]] == ["GM0002"]
    assert [r[1] for r in _csv(rol_clients[Rol.PROVINCIE])[1:]] == ["GM0001"]


def test_download_escapes_a_name_that_looks_like_a_formula(wereld, rol_clients):
    from taakstelling.models import Gemeente

    Gemeente.objects.filter(code="GM0002").update(naam='=HYPERLINK("http://x")')
    from opnieuwthuis.cache import gegevens_gewijzigd

    gegevens_gewijzigd()
    namen = [r[0] for r in _csv(rol_clients[Rol.PLATFORM])[1:]]
    assert '\'=HYPERLINK("http://x")' in namen


def test_download_links_carry_the_current_selection(status_wereld, rol_clients):
    html = _get(rol_clients[Rol.PLATFORM], "?status=achter&sort=-stand")
    assert 'href="?sort=-stand&amp;status=achter&amp;export=xlsx"' in html
    assert 'href="?sort=-stand&amp;status=achter&amp;export=csv"' in html
