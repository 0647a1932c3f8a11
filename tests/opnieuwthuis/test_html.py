"""opnieuwthuis.html, the one helper for HTML built in Python, and every place that uses it: a
municipality's name, a typed value, a warning or a file's text can never become markup."""

import re
from datetime import date
from types import SimpleNamespace
from xml.etree import ElementTree

from django.utils.safestring import SafeString, mark_safe

from opnieuwthuis.html import opmaak, samen, tekst

KWAAD = "<script>alert(\"x\")</script> & 'Co'"
ONTSNAPT = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"


def test_text_is_escaped_html_is_kept_and_none_is_empty():
    assert tekst(KWAAD) == ONTSNAPT
    assert tekst(mark_safe("<b>vet</b>")) == "<b>vet</b>"
    assert tekst(None) == ""
    assert tekst(1234) == "1234"
    assert tekst(3.5) == "3.5"

    class MetHtml:
        def __html__(self):
            return "<i>al HTML</i>"

    assert tekst(MetHtml()) == "<i>al HTML</i>"


def test_every_value_is_escaped_in_content_and_in_attributes():
    uit = opmaak('<td class="{}" data-naam="{naam}">{}</td>', KWAAD, KWAAD, naam='"><img src=x>')
    assert uit == (
        f'<td class="{ONTSNAPT}" data-naam="&quot;&gt;&lt;img src=x&gt;">{ONTSNAPT}</td>'
    )
    assert isinstance(uit, SafeString)


def test_the_same_as_djangos_format_html():
    from django.utils.html import format_html

    for waarde in (KWAAD, mark_safe("<b>x</b>"), 12, "a\"b'c", "gewoon"):
        assert opmaak("<p title='{}'>{}</p>", waarde, waarde) == format_html(
            "<p title='{}'>{}</p>", waarde, waarde
        )


def test_pieces_nest_without_being_escaped_twice():
    cel = opmaak('<th scope="row"><a href="{}">{}</a></th>', "/g/?a=1&b=2", "A & B")
    uit = opmaak("<tr>{}</tr>", samen([cel, "<x>"]))
    assert uit == '<tr><th scope="row"><a href="/g/?a=1&amp;b=2">A &amp; B</a></th>&lt;x&gt;</tr>'
    assert isinstance(uit, SafeString)
    assert samen(["<a>", "<b>"], " ") == "&lt;a&gt; &lt;b&gt;"


# --- every builder, with a hostile name ---------------------------------------------------------


def _stand_rij(**meer):
    return {
        "gemeentenaam": KWAAD,
        "gemeentecode": "GM0363",
        "provincie": KWAAD,
        "inwoners": 862_965,
        "beginstand": 240,
        "taakstelling": 1_549,
        "te_huisvesten": 1_789,
        "realisatie": 56,
        "stand": 1_733,
        "percentage_gerealiseerd": 3.1,
        "status": "achter",
        "nodig_per_maand": 347,
        "gemiste_halfjaren": 2,
        "ladder": KWAAD,
        **meer,
    }


def _als_xml(html: str) -> ElementTree.Element:
    """Parse a fragment strictly: a stray '<' or '&' from a name would fail here. (HTML's void
    ``<input>`` is closed first; an escaped value holds no '>'.)"""
    gesloten = re.sub(r"<input([^>]*)>", r"<input\1/>", html)
    return ElementTree.fromstring(f"<wortel>{gesloten}</wortel>")


def test_the_list_of_municipalities_escapes_names_and_text(rf):
    from rapportage.berekening import STATUS_LABELS
    from rapportage.tables import GemeenteTable

    tabel = GemeenteTable([_stand_rij()])
    (uit,) = tabel.lean_rijen()
    assert "<script>" not in uit
    wortel = _als_xml(uit)
    th = wortel.find("tr/th")
    assert th.get("scope") == "row"
    assert th.find("a").text == KWAAD
    assert th.find("a").get("href") == "/gemeenten/GM0363/"
    cellen = [td.text for td in wortel.findall("tr/td")]
    assert cellen[:2] == ["GM0363", KWAAD]  # code, province
    assert {"862.965", "1.789", "1.733", "3,1 %", STATUS_LABELS["achter"]} <= set(cellen)


def _gemeente():
    return SimpleNamespace(id=7, naam=KWAAD, code="GM0363")


def _grid_rij(form=None, **meer):
    return {
        "gemeente": _gemeente(),
        "form": form,
        "initial": {
            "personen": 1234,
            "alleenstaanden": None,
            "gezinsleden": None,
            "nareizigers": None,
            "versie": 3,
        },
        "vorige": [5, None],
        "grenzen": [[100, KWAAD]],
        "waarschuwingen": [KWAAD],
        "stand_voor": 40,
        "stand_na": -1194,
        **meer,
    }


def test_the_entry_grid_escapes_the_name_the_warnings_and_the_thresholds():
    from realisatie.views import _rij_html

    uit = _rij_html(_grid_rij(), "/invoer/GM0000/")
    assert "<script>" not in uit
    tr = _als_xml(uit).find("tr")
    assert tr.get("data-gemeente") == "GM0363"
    assert tr.get("data-stand") == "40"
    assert tr.get("data-grenzen") == '[[100, "<script>alert(\\"x\\")</script> & \'Co\'"]]'
    assert tr.find("th/a").text == KWAAD
    assert tr.find("th/a").get("href") == "/invoer/GM0363/"
    labels = [label.text for label in tr.iter("label")]
    assert labels[0] == f"Personen {KWAAD}"
    invoer = {i.get("name"): i.get("value") for i in tr.iter("input")}
    assert invoer["g7-personen"] == "1.234"
    assert invoer["initial-g7-personen"] == "1.234"
    assert invoer["g7-alleenstaanden"] == ""
    assert invoer["g7-versie"] == "3"
    melding = tr.find("td[@class='rijmelding']")
    assert melding.text == KWAAD
    assert melding.get("data-server") == KWAAD
    assert tr.find("td[@id='stand-GM0363']").text == "\u22121.194"


def test_the_entry_grid_escapes_what_was_typed_and_names_the_error_field():
    from realisatie.forms import MaandcijferForm
    from realisatie.views import _rij_html

    getypt = '"><script>alert(1)</script>'
    data = {
        "g7-personen": getypt,
        "initial-g7-personen": "1.234",
        "g7-alleenstaanden": "",
        "g7-gezinsleden": "",
        "g7-nareizigers": "",
        "g7-versie": "3",
    }
    form = MaandcijferForm(data, prefix="g7", initial={"personen": 1234, "versie": 3})
    assert not form.is_valid()
    uit = _rij_html(_grid_rij(form=form), "/invoer/GM0000/")
    assert "<script>" not in uit
    tr = _als_xml(uit).find("tr")
    personen = next(i for i in tr.iter("input") if i.get("name") == "g7-personen")
    assert personen.get("value") == getypt
    assert personen.get("aria-invalid") == "true"
    assert personen.get("aria-describedby") == "id_g7-personen-fout melding-GM0363"
    fout = tr.find(".//span[@id='id_g7-personen-fout']")
    assert fout is not None and fout.text  # the form's Dutch message


def test_the_upload_preview_escapes_names_and_figures():
    from django.template.loader import render_to_string

    from realisatie.services import Actie, Regel
    from taakstelling.models import Gemeente

    regel = Regel(
        rij=1234,
        gemeente=Gemeente(naam=KWAAD, code="GM0363"),
        maand=date(2017, 1, 1),
        personen=1234,
        alleenstaanden=1000,
        gezinsleden=200,
        nareizigers=34,
        actie=Actie.NIEUW,
    )
    uit = render_to_string(
        "realisatie/_voorbeeld_rijen.html", {"plan": SimpleNamespace(regels=[regel, regel])}
    )
    assert "<script>" not in uit
    rijen = _als_xml(uit).findall("tr")
    assert len(rijen) == 2
    assert [c.text for c in rijen[0]] == [
        "1234",  # a row number, not a figure: no thousands separator
        f"{KWAAD} (GM0363)",
        "januari 2017",
        "nieuw",
        "–",
        "1.234 (1.000 + 200 + 34)",
    ]


def test_the_map_escapes_names_and_panel_figures():
    naam = KWAAD
    from rapportage import kaart

    rij_ = {
        "gemeentecode": "GM0363",
        "gemeentenaam": naam,
        "status": "achter",
        "realisatie": 56,
        "te_huisvesten": 1_789,
        "stand": 1_733,
        "nodig_per_maand": 347,
    }
    svg = kaart.teken_kaart([rij_], url={"GM0363": "/g/?a=1&b=2"}, label=naam)
    assert "<script>" not in svg
    wortel = ElementTree.fromstring(svg)
    assert wortel.get("aria-label") == naam
    a = next(wortel.iter("{http://www.w3.org/2000/svg}a"))
    assert a.get("href") == "/g/?a=1&b=2"
    assert a.get("data-naam") == naam
    assert a.get("data-te-huisvesten") == "1.789"
    assert naam in a.find("{http://www.w3.org/2000/svg}title").text


# --- one home ----------------------------------------------------------------------------------

# Where app code may mark text as HTML without opnieuwthuis.html, and why.
MARKEREN_TOEGESTAAN = {
    "opnieuwthuis/html.py": "the helper itself",
    # A page cached whole: the stored text is a rendered template's output.
    "rapportage/views.py": "rendered template output from the page cache",
    # The map's fill patterns: markup constants of the module (_PATROON), no value inside.
    "rapportage/kaart.py": "the map's own pattern constants",
}


def test_html_is_built_in_python_only_through_the_helper():
    """No second helper grows: mark_safe, SafeString(…) and format_html appear in app code only
    where MARKEREN_TOEGESTAAN says; everything else builds HTML with opnieuwthuis.html or a
    template."""
    from pathlib import Path

    wortel = Path(__file__).resolve().parents[2]
    apps = sorted(p.parent.name for p in wortel.glob("*/apps.py"))
    gevonden = {}
    for top in ["opnieuwthuis", *apps]:
        for pad in (wortel / top).rglob("*.py"):
            if "migrations" in pad.parts:
                continue
            bron = pad.read_text(encoding="utf-8")
            if re.search(r"\bmark_safe\(|\bSafeString\(|\bformat_html(_join)?\(", bron):
                gevonden[str(pad.relative_to(wortel))] = True
    assert set(gevonden) <= set(MARKEREN_TOEGESTAAN), sorted(
        set(gevonden) - set(MARKEREN_TOEGESTAAN)
    )
    # The list only shrinks: every allowed place still needs it.
    assert set(MARKEREN_TOEGESTAAN) <= set(gevonden), sorted(
        set(MARKEREN_TOEGESTAAN) - set(gevonden)
    )
