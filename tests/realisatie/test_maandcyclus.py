"""The monthly cycle's rules on a small world: completeness, final peildata, the three warnings
with their configurable thresholds."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapportage import maandcyclus as controle
from realisatie import maandcyclus
from realisatie.models import Huisvesting
from tests.factories import maak_wereld, sluit_maanden

pytestmark = pytest.mark.django_db
FEB = date(2017, 2, 1)


def test_final_peildata_follow_the_closed_months(db):
    maak_wereld(3)
    assert maandcyclus.standaard_peildatum() == FEB
    assert maandcyclus.peildatum_definitief(FEB)
    assert not maandcyclus.peildatum_definitief(date(2017, 3, 1))
    assert maandcyclus.open_maanden_voor(date(2017, 4, 1)) == [FEB, date(2017, 3, 1)]
    # Closing March before February does not make 1 April final: its balance carries February.
    sluit_maanden([date(2017, 3, 1)])
    assert not maandcyclus.peildatum_definitief(date(2017, 4, 1))
    assert maandcyclus.standaard_peildatum() == FEB
    sluit_maanden([FEB])
    assert maandcyclus.standaard_peildatum() == date(2017, 4, 1)


def test_an_explicit_zero_is_a_figure_and_a_missing_one_is_not(db):
    gemeenten = maak_wereld(3)
    Huisvesting.objects.create(gemeente=gemeenten[0], maand=FEB, personen=0)
    telling = maandcyclus.volledigheid([FEB])[FEB]
    assert (telling.verwacht, telling.ingevoerd) == (3, 1)
    assert [code for code, _ in telling.ontbrekend] == ["GM0002", "GM0003"]
    assert telling.tekst == "februari 2017: 1 van 3 gemeenten ingevoerd"


@settings(max_examples=15, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=5)))
def test_completeness_adds_up(indices):
    from django.db import transaction

    with transaction.atomic():
        gemeenten = maak_wereld(6)
        for i in indices:
            Huisvesting.objects.create(gemeente=gemeenten[i], maand=FEB, personen=i)
        telling = maandcyclus.volledigheid([FEB])[FEB]
        assert telling.ingevoerd == len(indices)
        assert telling.ingevoerd + len(telling.ontbrekend) == telling.verwacht == 6
        transaction.set_rollback(True)


def test_warning_above_te_huisvesten(db):
    gemeenten = maak_wereld(2)
    # Gemeente 1: 10 + 100 - 6 × 15 = 20 left from 2016-II, + 50 = 70 to house in 2017-I.
    lijst = controle.waarschuwingen([FEB], nieuw={(gemeenten[0].id, FEB): 71})
    regels = [w for w in lijst if w.regel == controle.REGEL_BOVEN_TE_HUISVESTEN]
    assert [w.gemeentecode for w in regels] == ["GM0001"]
    assert "71 personen in februari 2017, meer dan de 70" in regels[0].tekst
    assert not [
        w
        for w in controle.waarschuwingen([FEB], nieuw={(gemeenten[0].id, FEB): 70})
        if w.regel == controle.REGEL_BOVEN_TE_HUISVESTEN
    ]


def test_warning_above_three_times_the_average(db, settings):
    gemeenten = maak_wereld(2)

    # Gemeente 2 housed 16 in each month of 2016-II and 1 in January: average of six months
    # with a figure (Aug–Jan) = (5 × 16 + 1) / 6 = 13,5; 3 × 13,5 = 40,5, and 25 above it.
    def gemiddelde(personen, **instellingen):
        settings.OPNIEUWTHUIS = {**settings.OPNIEUWTHUIS, **instellingen}
        return [
            w
            for w in controle.waarschuwingen([FEB], nieuw={(gemeenten[1].id, FEB): personen})
            if w.regel == controle.REGEL_BOVEN_GEMIDDELDE
        ]

    assert gemiddelde(41, WAARSCHUWING_BOVEN_TE_HUISVESTEN=False)
    assert "gemiddelde van 13,5 over de 6 maanden" in gemiddelde(41)[0].tekst
    assert not gemiddelde(40)
    assert not gemiddelde(41, WAARSCHUWING_MINIMUM=28)  # 41 - 13,5 = 27,5 < 28
    assert not gemiddelde(41, WAARSCHUWING_FACTOR=3.1)


def test_national_warning_on_a_big_swing(db, settings):
    gemeenten = maak_wereld(2)
    # January: 0 + 1 = 1 nationally. February 1 + 1 = 2 is +100 %.
    nieuw = {(gemeenten[0].id, FEB): 1, (gemeenten[1].id, FEB): 1}
    landelijk = [
        w for w in controle.waarschuwingen([FEB], nieuw=nieuw) if w.regel == "landelijk_verschil"
    ]
    assert len(landelijk) == 1 and landelijk[0].gemeentecode is None
    assert "(100 % verschil)" in landelijk[0].tekst
    settings.OPNIEUWTHUIS = {**settings.OPNIEUWTHUIS, "WAARSCHUWING_LANDELIJK": 1.0}
    assert not [
        w for w in controle.waarschuwingen([FEB], nieuw=nieuw) if w.regel == "landelijk_verschil"
    ]


def test_the_grid_thresholds_are_the_warnings_rules(db):
    gemeenten = maak_wereld(2)
    drempels = controle.grenzen(FEB)
    # Gemeente 1: 70 to house (warns above 70); gemeente 2: 3 × 13,5 = 40,5 (warns from 41).
    assert [d for d, _ in drempels[gemeenten[0].id]][0] == 70
    assert 40 in [d for d, _ in drempels[gemeenten[1].id]]
    for personen in (40, 41):
        gewaarschuwd = [
            w
            for w in controle.waarschuwingen([FEB], nieuw={(gemeenten[1].id, FEB): personen})
            if w.regel == controle.REGEL_BOVEN_GEMIDDELDE
        ]
        boven = [t for d, t in drempels[gemeenten[1].id] if personen > d and "gemiddelde" in t]
        assert bool(gewaarschuwd) == bool(boven)


def test_a_correction_in_a_wide_file_names_the_month_column(db, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    maak_wereld(2)  # July 2016 – January 2017 closed
    bestand = tmp_path / "breed.csv"
    bestand.write_text("gemeentecode;januari 2017\nGM0001;99\n", encoding="utf-8")
    fouten = StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_realisatie", str(bestand), stdout=StringIO(), stderr=fouten)
    melding = fouten.getvalue() or ""
    assert "kolom 'januari 2017'" in melding and "vraagt een reden" in melding, melding
    assert Huisvesting.objects.get(gemeente__code="GM0001", maand=date(2017, 1, 1)).personen == 0
