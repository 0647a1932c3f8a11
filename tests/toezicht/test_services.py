"""The supervision record's services: who may write, what the figures propose, and the order of
the ladder. Each refusal leaves the record as it was."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan
from taakstelling.models import Halfjaar
from toezicht import selectors, services
from toezicht.choices import Stapsoort
from toezicht.models import Ladderstap, Oordeel


@pytest.fixture
def toezichthouder_elders(gebruikers):
    return gebruiker_opslaan(naam="toezicht-pv21", rol=Rol.PROVINCIE, provinciecode="PV21")


def _halfjaar(label):
    jaar, helft = label.split("-")
    return Halfjaar.objects.get(jaar=int(jaar), helft=1 if helft == "I" else 2)


def test_a_judgement_keeps_the_figures_proposal_beside_the_decision(wereld, gebruikers):
    oordeel = services.oordeel_vastleggen(
        gemeente=wereld["GM0001"],
        halfjaar=_halfjaar("2016-II"),
        gehaald=False,
        toelichting="Achterstand van 20; gesprek met de wethouder gepland.",
        gebruiker=gebruikers[Rol.PROVINCIE],
    )
    assert (oordeel.eindstand, oordeel.voorstel_gehaald, oordeel.gehaald) == (20, False, False)
    assert oordeel.door == gebruikers[Rol.PROVINCIE]

    # Met by the figures (closing balance −1); platform staff may overrule, with a note.
    oordeel = services.oordeel_vastleggen(
        gemeente=wereld["GM0004"],
        halfjaar=_halfjaar("2016-II"),
        gehaald=False,
        toelichting="Cijfers januari nog in correctie.",
        gebruiker=gebruikers[Rol.PLATFORM],
    )
    assert (oordeel.eindstand, oordeel.voorstel_gehaald, oordeel.gehaald) == (-1, True, False)


def test_a_changed_judgement_stays_in_the_history(wereld, gebruikers):
    kwargs = dict(
        gemeente=wereld["GM0001"],
        halfjaar=_halfjaar("2016-II"),
        gebruiker=gebruikers[Rol.PROVINCIE],
    )
    services.oordeel_vastleggen(gehaald=False, toelichting="Eerste oordeel.", **kwargs)
    services.oordeel_vastleggen(gehaald=True, toelichting="Na hoor en wederhoor.", **kwargs)
    oordeel = Oordeel.objects.get()
    assert oordeel.gehaald is True
    assert [h.toelichting for h in oordeel.history.order_by("history_date")] == [
        "Eerste oordeel.",
        "Na hoor en wederhoor.",
    ]


def test_a_half_year_that_is_not_closed_cannot_be_judged(wereld, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.oordeel_vastleggen(
            gemeente=wereld["GM0001"],
            halfjaar=_halfjaar("2017-I"),
            gehaald=False,
            toelichting="Te vroeg.",
            gebruiker=gebruikers[Rol.PROVINCIE],
        )
    assert fout.value.message_dict["halfjaar"] == [
        services.FOUT_HALFJAAR_NIET_AFGESLOTEN.format(gemeente="Gemeente 0001", halfjaar="2017-I")
    ]
    assert not Oordeel.objects.exists()


def test_a_judgement_needs_a_note(wereld, gebruikers):
    with pytest.raises(ValidationError) as fout:
        services.oordeel_vastleggen(
            gemeente=wereld["GM0001"],
            halfjaar=_halfjaar("2016-II"),
            gehaald=False,
            toelichting="   ",
            gebruiker=gebruikers[Rol.PROVINCIE],
        )
    assert fout.value.message_dict["toelichting"] == [services.FOUT_TOELICHTING_LEEG]
    assert not Oordeel.objects.exists()


@pytest.mark.parametrize("wie", [Rol.MINISTERIE, Rol.GEMEENTE, "andere_gemeente", "elders"])
def test_only_the_province_and_platform_write(wie, wereld, gebruikers, toezichthouder_elders):
    gebruiker = toezichthouder_elders if wie == "elders" else gebruikers[wie]
    gemeente = wereld["GM0001"]
    with pytest.raises(ValidationError) as fout:
        services.ladderstap_vastleggen(
            gemeente=gemeente,
            soort=Stapsoort.SIGNAAL,
            datum=date(2017, 2, 10),
            toelichting="Gesprek.",
            gebruiker=gebruiker,
        )
    assert fout.value.messages == [
        services.FOUT_GEEN_RECHT.format(provincie=gemeente.provincie.naam, gemeente=gemeente.naam)
    ]
    with pytest.raises(ValidationError):
        services.oordeel_vastleggen(
            gemeente=gemeente,
            halfjaar=_halfjaar("2016-II"),
            gehaald=False,
            toelichting="Niet gehaald.",
            gebruiker=gebruiker,
        )
    assert not Ladderstap.objects.exists() and not Oordeel.objects.exists()


def _stap(gemeente, soort, datum, gebruiker, toelichting="Toelichting."):
    return services.ladderstap_vastleggen(
        gemeente=gemeente, soort=soort, datum=datum, toelichting=toelichting, gebruiker=gebruiker
    )


def test_the_ladder_is_climbed_and_the_case_closed(wereld, gebruikers):
    gemeente, wie = wereld["GM0001"], gebruikers[Rol.PROVINCIE]
    assert selectors.positie(gemeente) is None
    _stap(gemeente, Stapsoort.SIGNAAL, date(2017, 2, 10), wie)
    _stap(gemeente, Stapsoort.VOORAANKONDIGING, date(2017, 3, 1), wie)  # a rung may be skipped
    assert selectors.positie(gemeente) == selectors.Positie("vooraankondiging", date(2017, 3, 1))
    assert selectors.posities() == {gemeente.id: selectors.positie(gemeente)}

    with pytest.raises(ValidationError) as fout:
        _stap(gemeente, Stapsoort.AANSCHRIJVING, date(2017, 3, 2), wie)
    assert fout.value.message_dict["soort"] == [
        services.FOUT_STAP_NIET_HOGER.format(
            gemeente=gemeente.naam, huidig="vooraankondiging", hoger="indeplaatsstelling"
        )
    ]
    _stap(gemeente, Stapsoort.INDEPLAATSSTELLING, date(2017, 4, 3), wie)
    with pytest.raises(ValidationError) as fout:
        _stap(gemeente, Stapsoort.INDEPLAATSSTELLING, date(2017, 4, 4), wie)
    assert fout.value.message_dict["soort"] == [
        services.FOUT_STAP_HOOGSTE.format(gemeente=gemeente.naam, huidig="indeplaatsstelling")
    ]

    _stap(gemeente, Stapsoort.AFGESLOTEN, date(2017, 6, 1), gebruikers[Rol.PLATFORM])
    assert selectors.positie(gemeente) is None and selectors.posities() == {}
    # A closed case can open again, from the lowest rung.
    _stap(gemeente, Stapsoort.SIGNAAL, date(2017, 7, 3), wie)
    assert selectors.positie(gemeente).soort == "signaal"
    assert Ladderstap.objects.filter(gemeente=gemeente).count() == 5


def test_a_step_is_refused_with_a_reason_per_field(wereld, gebruikers):
    gemeente, wie = wereld["GM0001"], gebruikers[Rol.PROVINCIE]
    with pytest.raises(ValidationError) as fout:
        _stap(gemeente, Stapsoort.AFGESLOTEN, date(2017, 2, 1), wie)
    assert fout.value.message_dict["soort"] == [
        services.FOUT_NIETS_TE_SLUITEN.format(gemeente=gemeente.naam)
    ]
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        _stap(gemeente, "berisping", morgen, wie, toelichting="")
    assert set(fout.value.message_dict) == {"soort", "datum", "toelichting"}
    assert "berisping" in fout.value.message_dict["soort"][0]

    _stap(gemeente, Stapsoort.SIGNAAL, date(2017, 2, 10), wie)
    with pytest.raises(ValidationError) as fout:
        _stap(gemeente, Stapsoort.AANSCHRIJVING, date(2017, 2, 9), wie)
    assert fout.value.message_dict["datum"] == [
        services.FOUT_DATUM_VOOR_VORIGE.format(
            datum="9 februari 2017", vorige="signaal", vorige_datum="10 februari 2017"
        )
    ]
    assert Ladderstap.objects.count() == 1


def test_the_list_filter_finds_municipalities_by_step(wereld, gebruikers):
    wie = gebruikers[Rol.PLATFORM]
    _stap(wereld["GM0001"], Stapsoort.SIGNAAL, date(2017, 2, 10), wie)
    _stap(wereld["GM0002"], Stapsoort.AANSCHRIJVING, date(2017, 2, 10), wie)
    ids = {c: g.id for c, g in wereld.items()}
    assert selectors.gemeenten_met_stap("signaal") == (True, {ids["GM0001"]})
    assert selectors.gemeenten_met_stap("ladder") == (True, {ids["GM0001"], ids["GM0002"]})
    assert selectors.gemeenten_met_stap("geen") == (False, {ids["GM0001"], ids["GM0002"]})
    # Within a supervisor's scope only their own province's steps.
    assert selectors.posities(gebruikers[Rol.PROVINCIE]).keys() == {ids["GM0001"]}
