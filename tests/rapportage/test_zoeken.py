"""Finding a municipality as people write it: common names, spellings, case and accents."""

import re

import pytest

from gebruikers.choices import Rol
from rapportage.zoeken import compact, gemeente_ids, past_bij

GEMEENTEN = [
    (1, "'s-Gravenhage", "GM0518"),
    (2, "Bergen (NH.)", "GM0373"),
    (3, "Bergen (L.)", "GM0893"),
    (4, "Bergen op Zoom", "GM0748"),
    (5, "Súdwest-Fryslân", "GM1900"),
    (6, "Den Helder", "GM0400"),
    (7, "'s-Hertogenbosch", "GM0796"),
    (8, "Amsterdam", "GM0363"),
]


@pytest.mark.parametrize(
    ("vraag", "gevonden"),
    [
        ("Den Haag", [1]),
        ("den haag", [1]),
        ("DEN HAAG", [1]),
        ("s-Gravenhage", [1]),
        ("'s-Gravenhage", [1]),
        ("sGravenhage", [1]),
        ("gravenhage", [1]),
        ("Bergen NH", [2]),
        ("Bergen (NH.)", [2]),
        ("bergen nh.", [2]),
        ("Bergen L", [3]),
        ("Bergen", [2, 3, 4]),
        ("Súdwest-Fryslân", [5]),
        ("sudwest fryslan", [5]),
        ("Sudwest-Friesland", [5]),
        ("Den Bosch", [7]),
        ("Den Helder", [6]),
        ("GM0363", [8]),
        ("363", [8]),
        ("gm0363", [8]),
        ("Rotterdam", []),
    ],
)
def test_common_names_and_spellings(vraag, gevonden):
    assert gemeente_ids(vraag, GEMEENTEN) == gevonden


def test_compact_form():
    assert compact("'s-Gravenhage") == "sgravenhage"
    assert compact("Bergen (NH.)") == "bergennh"
    assert compact("Súdwest-Fryslân") == "sudwestfryslan"
    assert compact("  ") == ""
    assert past_bij("   ", "Amsterdam")  # an empty query finds everything


@pytest.mark.parametrize(
    ("vraag", "namen"),
    [
        ("Den Haag", ["'s-Gravenhage"]),
        ("s-Gravenhage", ["'s-Gravenhage"]),
        ("AMSTERDAM", ["Amsterdam"]),
        ("gm0599", ["Rotterdam"]),
    ],
)
def test_the_list_and_the_map_find_them(status_wereld, rol_clients, vraag, namen):
    c = rol_clients[Rol.PLATFORM]
    for pad in ["/gemeenten/", "/kaart/"]:
        html = c.get(pad, {"zoek": vraag}).content.decode()
        tabel = html.split('class="cijfers cijfers--gemeenten"')[1]
        gevonden = re.findall(
            r'<th scope="row"><a href="/gemeenten/GM\d{4}/[^"]*">([^<]+)</a>', tabel
        )
        assert [n.replace("&#x27;", "'").replace("&#39;", "'") for n in gevonden] == namen, pad


def test_no_national_filter_names_a_single_province(status_wereld, rol_clients):
    html = rol_clients[Rol.PLATFORM].get("/gemeenten/").content.decode()
    filters = re.search(r'<form method="get" class="filters".*?</form>', html, re.S).group(0)
    keuzes = re.search(r'<select name="gemist".*?</select>', filters, re.S).group(0)
    for provincie in ["Zuid-Holland", "Noord-Holland", "Groningen", "Utrecht"]:
        assert provincie not in keuzes
    assert ">4 of meer<" in keuzes
