"""The small things a new user hit (issue 15, point 5): month abbreviations, the singular, a
capital at the start of a sentence, shares as percentages, errors once, Dutch in the admin, a
favicon."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gebruikers.choices import Rol
from opnieuwthuis.nederlands import maand_kort
from rapportage.grafieken import maandgrafiek_svg, maandreeks, maandzin


def test_the_dutch_month_abbreviations():
    assert [maand_kort(date(2017, m, 1)) for m in range(1, 13)] == [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ]  # fmt: skip


def test_the_chart_says_mrt_and_a_sentence_starts_with_a_capital():
    reeks = maandreeks(
        date(2017, 4, 1),
        te_huisvesten=600,
        stand=300,
        per_maand=[(date(2017, 1, 1), 100), (date(2017, 2, 1), 100), (date(2017, 3, 1), 100)],
    )
    svg = maandgrafiek_svg(reeks, "Realisatie").decode()
    assert ">mrt<" in svg and ">maa<" not in svg
    zin = maandzin(reeks, "Nederland")
    assert "halen. Januari 2017: 100 gehuisvest; februari 2017" in zin
    assert not re.search(r"\. [a-z]", zin), zin


def test_one_remaining_month_is_singular():
    reeks = maandreeks(date(2017, 6, 1), te_huisvesten=6_000, stand=1_234, per_maand=[])
    zin = maandzin(reeks, "Nederland")
    assert "In de laatste maand is nog 1.234 per maand nodig." in zin
    assert "1 resterende maanden" not in zin


@pytest.mark.django_db
def test_a_share_reads_as_a_percentage(rol_clients):
    from taakstelling.models import Gemeente, Herindeling

    een, twee = Gemeente.objects.order_by("code")[:2]
    nieuw = Gemeente.objects.create(
        code="GM0100", naam="Nieuwstad", provincie=een.provincie, begindatum=date(2018, 1, 1)
    )
    Herindeling.objects.create(datum=date(2018, 1, 1), van=een, naar=nieuw, aandeel="0.32")
    Herindeling.objects.create(datum=date(2018, 1, 1), van=een, naar=twee, aandeel="0.68")
    html = rol_clients[Rol.PLATFORM].get(reverse("taakstelling:herindeling_list")).content.decode()
    assert "<td>32 %</td>" in html and "<td>68 %</td>" in html
    assert "0,320000" not in html
    pagina = rol_clients[Rol.PLATFORM].get(reverse("taakstelling:gemeente", args=["GM0001"]))
    assert "(aandeel 32 %)" in pagina.content.decode()


@pytest.mark.django_db
def test_a_form_error_is_shown_once_in_the_summary(rol_clients):
    from taakstelling.models import Gemeente, Halfjaar

    halfjaar = Halfjaar.objects.get(jaar=2017, helft=1)
    een, twee = Gemeente.objects.order_by("code")[:2]
    html = (
        rol_clients[Rol.PLATFORM]
        .post(
            reverse("taakstelling:uitwisseling_list"),
            {"halfjaar": halfjaar.id, "van": een.id, "naar": twee.id, "personen": "nul"},
        )
        .content.decode()
    )
    samenvatting = re.search(r'<div class="foutmelding".*?</div>', html, re.S).group(0)
    assert 'href="#id_personen"' in samenvatting
    melding = re.search(r'href="#id_personen">[^<]+</a>: ([^<]+)</li>', samenvatting).group(1)
    assert html.count(melding) == 1
    assert 'class="errorlist' not in html


@pytest.mark.django_db
def test_the_admin_speaks_dutch_in_its_own_templates(rol_clients):
    from realisatie.models import Huisvesting

    c = rol_clients[Rol.PLATFORM]
    index = c.get("/beheer/").content.decode()
    for engels in ["Model name", "Add link", "Change or view list link"]:
        assert engels not in index
    h = Huisvesting.objects.first()
    assert "doesn" not in c.get(f"/beheer/realisatie/huisvesting/{h.pk}/history/").content.decode()
    h.personen += 1
    h.save()  # one history row, so the page shows its table
    geschiedenis = c.get(f"/beheer/realisatie/huisvesting/{h.pk}/history/").content.decode()
    for engels in ["Choose a date", "Changed by", "Change reason", ">Comment<", "entries"]:
        assert engels not in geschiedenis, engels
    assert "Gewijzigd door" in geschiedenis and "Kies hieronder een datum" in geschiedenis


@pytest.mark.django_db
def test_every_page_has_a_favicon(client, rol_clients):
    for c, url in [(client, reverse("login")), (rol_clients[Rol.PLATFORM], "/landelijk/")]:
        html = c.get(url).content.decode()
        icoon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
        assert icoon and icoon.group(1).endswith("favicon.svg")
