"""The commands of this issue, end to end through the database: distribution, revision,
official figures, exchanges and reorganisations."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from taakstelling.models import (
    Gemeente,
    Halfjaar,
    Herindeling,
    Taakstelling,
    Uitwisseling,
    VervangenTaakstelling,
)
from taakstelling.selectors import FOUT_ONTBREKENDE_INWONERS
from taakstelling.services import (
    FOUT_AANDELEN_SOM,
    FOUT_HERINDELING_DATUM,
    FOUT_ONBEKENDE_PROVINCIE,
    FOUT_UITWISSELING_TE_GROOT,
    uitwisseling_vastleggen,
)
from tests.taakstelling.conftest import commando, stand_json

pytestmark = pytest.mark.django_db

GEMEENTEN_2016 = "fixtures/gemeenten_2016.csv"


def _som(halfjaar: Halfjaar) -> int:
    return sum(halfjaar.taakstellingen.values_list("personen", flat=True))


def test_verdeel_taakstelling_over_the_390_municipalities_of_2016():
    commando("importeer_gemeenten", GEMEENTEN_2016, "--peildatum", "2016-01-01")
    uit = commando("verdeel_taakstelling", "2017-I", "--landelijk", "13000")
    assert "som gemeenten 13.196" in uit
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=1)
    assert (halfjaar.landelijke_taakstelling, halfjaar.afrondingsmethode) == (13_000, "wettelijk")
    assert _som(halfjaar) == 13_196
    assert Taakstelling.objects.get(halfjaar=halfjaar, gemeente__code="GM0363").personen == 639

    uit = commando(
        "verdeel_taakstelling", "2017-I", "--landelijk", "13.000", "--methode", "grootste-overschot"
    )
    assert "som gemeenten 13.000" in uit
    halfjaar.refresh_from_db()
    assert halfjaar.afrondingsmethode == "grootste-overschot"
    assert _som(halfjaar) == 13_000
    amsterdam = Taakstelling.objects.get(halfjaar=halfjaar, gemeente__code="GM0363")
    assert amsterdam.personen == 638
    # Every write left history: created with 639, changed to 638.
    assert list(amsterdam.history.order_by("history_id").values_list("personen", flat=True)) == [
        639,
        638,
    ]
    assert Taakstelling.objects.get(halfjaar=halfjaar, gemeente__code="GM0088").personen == 1


def test_distribution_without_population_is_a_clear_dutch_error(bestand):
    commando("importeer_gemeenten", GEMEENTEN_2016, "--peildatum", "2016-01-01")
    with pytest.raises(CommandError) as fout:
        commando("verdeel_taakstelling", "2018-I", "--landelijk", "6000")
    verwacht = FOUT_ONTBREKENDE_INWONERS.split("{")[0]
    assert str(fout.value).startswith(verwacht.format())
    assert "1 januari 2017" in str(fout.value)
    assert "Appingedam (GM0003)" in str(fout.value) and "en nog 380" in str(fout.value)
    assert not Halfjaar.objects.filter(jaar=2018).exists()


def test_distribution_over_zero_inhabitants(bestand):
    pad = bestand(
        "leeg.csv",
        ["gemeentecode;gemeentenaam;provincie;provinciecode;inwoners", "GM0001;Leeg;P;PV20;0"],
    )
    commando("importeer_gemeenten", pad, "--peildatum", "2016-01-01")
    with pytest.raises(CommandError, match="samen 0 inwoners"):
        commando("verdeel_taakstelling", "2017-I", "--landelijk", "10")


def test_revision_keeps_earlier_reports_reproducible(bestand):
    commando("importeer_gemeenten", GEMEENTEN_2016, "--peildatum", "2016-01-01")
    commando(
        "verdeel_taakstelling", "2017-I", "--landelijk", "8000", "--methode", "grootste-overschot"
    )
    voor = stand_json("2017-03-01")
    assert voor["landelijk"]["taakstelling"] == 8_000
    uit = commando(
        "verdeel_taakstelling",
        "2017-I",
        "--landelijk",
        "6000",
        "--methode",
        "grootste-overschot",
        "--vanaf",
        "2017-03-26",
    )
    assert "herzien per 26-03-2017" in uit
    # A peildatum before the revision: the report as it was; from the revision: the new numbers.
    assert stand_json("2017-03-01") == voor
    assert stand_json("2017-04-01")["landelijk"]["taakstelling"] == 6_000
    amsterdam = Taakstelling.objects.get(gemeente__code="GM0363", halfjaar__jaar=2017)
    assert amsterdam.personen == 295
    assert VervangenTaakstelling.objects.get(gemeente__code="GM0363").personen == 393
    assert list(amsterdam.history.order_by("history_id").values_list("personen", flat=True)) == [
        393,
        295,
    ]
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=1)
    assert halfjaar.history.count() == 2
    with pytest.raises(CommandError, match="al herzien per 26 maart 2017"):
        commando("verdeel_taakstelling", "2017-I", "--landelijk", "5000", "--vanaf", "2017-03-01")
    with pytest.raises(CommandError, match="ligt niet in halfjaar 2017-I"):
        commando("verdeel_taakstelling", "2017-I", "--landelijk", "5000", "--vanaf", "2017-07-01")


def test_importeer_taakstelling_reports_differences_from_the_method(bestand):
    commando("importeer_gemeenten", GEMEENTEN_2016, "--peildatum", "2016-01-01")
    commando("verdeel_taakstelling", "2017-I", "--landelijk", "13000")
    pad = bestand(
        "officieel.csv",
        ["gemeentecode;halfjaar;taakstelling", "GM0363;2017-I;650", "0088;2017-I;1"],
    )
    uit = commando("importeer_taakstelling", pad)
    assert "2017-I: vergeleken met wettelijk over landelijk 13.000: 1 gemeente(n) wijken af" in uit
    assert "GM0363 Amsterdam: geïmporteerd 650, volgens de methode 639 (+11)" in uit
    assert "GM0088" not in uit


def _kleine_wereld(bestand):
    """Three municipalities, 2016-II distributed by law, opening balances and July figures."""
    commando(
        "importeer_gemeenten",
        bestand(
            "gemeenten.csv",
            [
                "gemeentecode;gemeentenaam;provincie;provinciecode;inwoners",
                "GM0001;Aadorp;Provincie A;PV20;1000",
                "GM0002;Beedorp;Provincie A;PV20;3000",
                "GM0003;Ceestad;Provincie B;PV21;6000",
            ],
        ),
        "--peildatum",
        "2015-01-01",
    )
    commando("verdeel_taakstelling", "2016-II", "--landelijk", "100")
    commando(
        "importeer_startstand",
        bestand(
            "start.csv",
            ["gemeentecode;halfjaar;beginstand", "1;2016-II;5", "2;2016-II;-3", "3;2016-II;7"],
        ),
    )
    commando(
        "importeer_realisatie",
        bestand(
            "real.csv",
            ["gemeentecode;maand;personen", "1;2016-07;8", "2;2016-07;20", "3;2016-07;71"],
        ),
    )
    commando(
        "importeer_gemeenten",
        bestand(
            "gemeenten2016.csv",
            [
                "gemeentecode;gemeentenaam;provincie;provinciecode;inwoners",
                "GM0001;Aadorp;Provincie A;PV20;1100",
                "GM0002;Beedorp;Provincie A;PV20;2900",
                "GM0003;Ceestad;Provincie B;PV21;6001",
            ],
        ),
        "--peildatum",
        "2016-01-01",
    )


def test_merger_and_split_keep_the_national_balance_to_the_person(bestand):
    _kleine_wereld(bestand)
    voor = stand_json("2016-12-01")
    # 5 + 10 - 8 = 7, -3 + 30 - 20 = 7, 7 + 60 - 71 = -4
    eind = {g["gemeentecode"]: g["stand"] for g in voor["gemeenten"]}
    assert eind == {"GM0001": 7, "GM0002": 7, "GM0003": -4}
    uit = commando(
        "importeer_herindelingen",
        bestand(
            "herindeling.csv",
            [
                "datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;naar_provincie;aandeel",
                "2017-01-01;GM0001;GM0100;Samenstad;Provincie A;1",
                "2017-01-01;GM0002;GM0100;Samenstad;PV20;1",
                "2017-01-01;GM0003;GM0101;Ceestad-Noord;Provincie B;0,4",
                "2017-01-01;GM0003;GM0102;Ceestad-Zuid;Provincie B;0,6",
            ],
        ),
    )
    assert "4 nieuw" in uit
    assert set(
        Gemeente.objects.filter(einddatum=date(2017, 1, 1)).values_list("code", flat=True)
    ) == {
        "GM0001",
        "GM0002",
        "GM0003",
    }
    samenstad = Gemeente.objects.get(code="GM0100")
    assert samenstad.begindatum == date(2017, 1, 1) and samenstad.history.count() == 1

    uit = commando("verdeel_taakstelling", "2017-I", "--landelijk", "50", "--toon")
    # Art. 30: the successors' population is the sum of the parts (1.100 + 2.900; 6.001 split).
    assert "GM0100  Samenstad" in uit and "4.000" in uit
    assert "3 gemeenten" in uit and "inwoners op 01-01-2016: 10.001" in uit

    na = stand_json("2017-01-01")
    assert na["landelijk"]["aantal_gemeenten"] == 3
    assert na["landelijk"]["beginstand"] == voor["landelijk"]["stand"] == 10
    begin = {g["gemeentecode"]: g["beginstand"] for g in na["gemeenten"]}
    assert begin == {"GM0100": 14, "GM0101": -2, "GM0102": -2}


def test_predecessor_with_quota_in_the_half_year_keeps_its_balance_until_the_next(bestand):
    """Like 2017-I: the quota was distributed before the reorganisation, over the old
    municipalities; the successor takes over their balances from the next half-year."""
    _kleine_wereld(bestand)
    commando("verdeel_taakstelling", "2017-I", "--landelijk", "50")
    commando(
        "importeer_herindelingen",
        bestand(
            "herindeling.csv",
            [
                "datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;naar_provincie;aandeel",
                "2017-01-01;1;100;Samenstad;Provincie A;1",
                "2017-01-01;2;100;Samenstad;Provincie A;1",
            ],
        ),
    )
    assert stand_json("2017-01-01")["landelijk"]["aantal_gemeenten"] == 3
    # Their 2017-I figures stay valid: in the bookkeeping they end on 1 July 2017 ...
    assert Gemeente.objects.get(code="GM0001").einddatum == date(2017, 7, 1)
    assert Gemeente.objects.get(code="GM0100").begindatum == date(2017, 1, 1)
    # ... but a new distribution of 2017-I goes to the successor, never to both.
    from taakstelling.selectors import verdeling_berekenen

    opnieuw = verdeling_berekenen(jaar=2017, helft=1, landelijk=50)
    assert sorted(opnieuw.per_code()) == ["GM0003", "GM0100"]
    assert opnieuw.inwoners == 10_001
    commando("verdeel_taakstelling", "2017-II", "--landelijk", "20")
    juni, juli = stand_json("2017-06-01"), stand_json("2017-07-01")
    assert juli["landelijk"]["aantal_gemeenten"] == 2
    assert juli["landelijk"]["beginstand"] == juni["landelijk"]["stand"]
    eind = {g["gemeentecode"]: g["stand"] for g in juni["gemeenten"]}
    begin = {g["gemeentecode"]: g["beginstand"] for g in juli["gemeenten"]}
    assert begin["GM0100"] == eind["GM0001"] + eind["GM0002"]


def test_reorganisation_import_is_all_or_nothing_with_dutch_messages(bestand):
    _kleine_wereld(bestand)
    pad = bestand(
        "fout.csv",
        [
            "datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;naar_provincie;aandeel",
            "2017-01-01;GM0001;GM0100;Samenstad;Provincie A;1",
            "2017-03-01;GM0002;GM0100;Samenstad;Provincie A;1",
            "2017-01-01;GM0003;GM0101;Noord;Utopia;0,4",
            "2017-01-01;GM0003;GM0102;Zuid;Provincie B;0,5",
        ],
    )
    with pytest.raises(CommandError, match="er is niets gewijzigd"):
        commando("importeer_herindelingen", pad)
    assert not Herindeling.objects.exists()
    assert not Gemeente.objects.filter(einddatum__isnull=False).exists()
    from io import StringIO

    from django.core.management import call_command

    fouten = StringIO()
    with pytest.raises(CommandError):
        call_command("importeer_herindelingen", pad, stdout=StringIO(), stderr=fouten)
    meldingen = fouten.getvalue()
    assert (
        "Rij 3, kolom 'datum': " + FOUT_HERINDELING_DATUM.format(datum="1 maart 2017") in meldingen
    )
    assert (
        "Rij 4, kolom 'naar_provincie': " + FOUT_ONBEKENDE_PROVINCIE.format(waarde="Utopia")
        in meldingen
    )
    assert FOUT_AANDELEN_SOM.split("{")[0] in meldingen


def test_exchange_preserves_the_sum(bestand):
    _kleine_wereld(bestand)
    halfjaar = Halfjaar.objects.get(jaar=2016, helft=2)
    voor = _som(halfjaar)
    a, c = Gemeente.objects.get(code="GM0001"), Gemeente.objects.get(code="GM0003")
    uitwisseling_vastleggen(halfjaar=halfjaar, van=c, naar=a, personen=15, toelichting="afspraak")
    assert _som(halfjaar) == voor
    taak = dict(halfjaar.taakstellingen.values_list("gemeente__code", "personen"))
    assert taak == {"GM0001": 25, "GM0002": 30, "GM0003": 45}
    assert stand_json("2016-12-01")["landelijk"]["taakstelling"] == voor
    with pytest.raises(ValidationError) as fout:
        uitwisseling_vastleggen(halfjaar=halfjaar, van=a, naar=c, personen=26)
    assert fout.value.messages == [
        FOUT_UITWISSELING_TE_GROOT.format(
            gemeente=a, halfjaar=halfjaar, taakstelling=25, personen=26
        )
    ]
    # A redistribution applies the recorded exchange again.
    commando("verdeel_taakstelling", "2016-II", "--landelijk", "100")
    assert dict(halfjaar.taakstellingen.values_list("gemeente__code", "personen")) == taak
    assert Uitwisseling.objects.count() == 1


def test_no_person_is_lost_when_a_half_year_without_quota_lies_between(bestand):
    """The successor's first quota comes a half-year later: the predecessors keep carrying their
    balances until then, and the successor takes over all of them."""
    _kleine_wereld(bestand)
    commando(
        "importeer_herindelingen",
        bestand(
            "herindeling.csv",
            [
                "datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;naar_provincie;aandeel",
                "2017-01-01;1;100;Samenstad;Provincie A;1",
                "2017-01-01;2;100;Samenstad;Provincie A;1",
            ],
        ),
    )
    commando(
        "verdeel_taakstelling", "2017-II", "--landelijk", "20", "--inwoners-peildatum", "2016-01-01"
    )
    voor, na = stand_json("2016-12-01"), stand_json("2017-07-01")
    assert na["landelijk"]["beginstand"] == voor["landelijk"]["stand"] == 10
    begin = {g["gemeentecode"]: g["beginstand"] for g in na["gemeenten"]}
    assert begin == {"GM0100": 14, "GM0003": -4}
