"""exporteer_alles writes every figure in the import formats; importing those files into an empty
database gives the same stand for every peildatum."""

import io
import json
from datetime import date

from django.core.cache import cache
from django.core.management import call_command

from rapportage import selectors
from realisatie.models import Huisvesting, Opvangstand, Upload
from taakstelling.models import (
    Gemeente,
    Halfjaar,
    Inwonertal,
    Provincie,
    Startstand,
    Taakstelling,
)


def _standen() -> dict[str, dict]:
    uit = {}
    for peildatum in selectors.beschikbare_peildata():
        tekst = io.StringIO()
        call_command(
            "stand", "--peildatum", peildatum.isoformat(), "--format", "json", stdout=tekst
        )
        uit[peildatum.isoformat()] = json.loads(tekst.getvalue())
    return uit


def _leeg_maken():
    from gebruikers.models import Gebruiker

    Gebruiker.objects.filter(gemeente__isnull=False).delete()
    Gebruiker.objects.filter(provincie__isnull=False).delete()
    from taakstelling.models import Herindeling

    Herindeling.objects.all().delete()
    from realisatie.models import Correctie, Heropening, Maand, Waarschuwingsakkoord

    for model in (Correctie, Waarschuwingsakkoord, Heropening, Maand):
        model.objects.all().delete()
    for model in (Upload, Huisvesting, Opvangstand, Startstand, Taakstelling, Halfjaar):
        model.objects.all().delete()
    Inwonertal.objects.all().delete()
    Gemeente.objects.all().delete()
    Provincie.objects.all().delete()
    cache.clear()


def test_backup_round_trip_on_the_demo(demo, tmp_path):
    # A reorganised municipality and an entered breakdown must survive too.
    g = Gemeente.objects.get(code="GM0003")
    g.einddatum = date(2018, 1, 1)
    g.save()
    voor = _standen()
    assert len(voor) >= 8  # July 2016 – February 2017, and later with the demo's 2017-II
    assert voor["2017-02-01"]["landelijk"]["stand"] == 15101
    figuren = sorted(
        Huisvesting.objects.values_list(
            "gemeente__code", "maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers"
        )
    )
    opvang = sorted(Opvangstand.objects.values_list("peildatum", "wachtend", "alleenstaand"))
    halfjaren = sorted(
        Halfjaar.objects.values_list(
            "jaar", "helft", "landelijke_taakstelling", "afrondingsmethode", "illustratief"
        )
    )

    uit = io.StringIO()
    call_command("exporteer_alles", str(tmp_path), stdout=uit)
    assert "realisatie.csv: 2730 rijen" in uit.getvalue()
    assert {p.name for p in tmp_path.iterdir()} >= {
        "gemeenten_2016-01-01.csv",
        "halfjaren.csv",
        "taakstelling.csv",
        "beginstand.csv",
        "realisatie.csv",
        "opvangstand.csv",
        "herindelingen.csv",
    }

    _leeg_maken()
    assert not Gemeente.objects.exists() and selectors.beschikbare_peildata() == []
    call_command("importeer_alles", str(tmp_path), stdout=io.StringIO())

    assert _standen() == voor
    assert (
        sorted(
            Huisvesting.objects.values_list(
                "gemeente__code",
                "maand",
                "personen",
                "alleenstaanden",
                "gezinsleden",
                "nareizigers",
            )
        )
        == figuren
    )
    assert (
        sorted(Opvangstand.objects.values_list("peildatum", "wachtend", "alleenstaand")) == opvang
    )
    assert (
        sorted(
            Halfjaar.objects.values_list(
                "jaar", "helft", "landelijke_taakstelling", "afrondingsmethode", "illustratief"
            )
        )
        == halfjaren
    )
    assert Gemeente.objects.get(code="GM0003").einddatum == date(2018, 1, 1)


def test_the_backup_files_import_through_the_ordinary_commands(wereld, tmp_path):
    call_command("exporteer_alles", str(tmp_path), stdout=io.StringIO())
    voor = _standen()
    # The same files through the single-file commands a user knows (into the same database they
    # change nothing, which shows that their format is the import format).
    for commando, bestand in [
        ("importeer_taakstelling", "taakstelling.csv"),
        ("importeer_startstand", "beginstand.csv"),
        ("importeer_realisatie", "realisatie.csv"),
    ]:
        uit = io.StringIO()
        call_command(commando, str(tmp_path / bestand), stdout=uit)
        assert "0 nieuw, 0 gewijzigd" in uit.getvalue()
    assert _standen() == voor


def test_a_broken_backup_restores_nothing(wereld, tmp_path):
    call_command("exporteer_alles", str(tmp_path), stdout=io.StringIO())
    _leeg_maken()
    realisatie = tmp_path / "realisatie.csv"
    realisatie.write_bytes(realisatie.read_bytes() + b"GM0001;2017-01;-1;;;\r\n")
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="niets gewijzigd"):
        call_command("importeer_alles", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Gemeente.objects.exists() and not Taakstelling.objects.exists()


def test_upload_reupload_undo_backup_and_restore_compare_the_stand_at_each_step(
    wereld, platform, tmp_path
):
    from realisatie.services import upload_terugdraaien, upload_toepassen, upload_voorbereiden

    begin = _standen()
    bestand = b"gemeentecode;maand;personen\nGM0001;2017-01;25\nGM0002;2017-02;4\n"

    eerste, _ = upload_voorbereiden(bestandsnaam="a.csv", inhoud=bestand, gebruiker=platform)
    upload_toepassen(upload=eerste, gebruiker=platform)
    na_upload = _standen()
    assert na_upload != begin
    assert "2017-03-01" in na_upload  # February's figure made March a peildatum

    tweede, plan = upload_voorbereiden(bestandsnaam="a.csv", inhoud=bestand, gebruiker=platform)
    assert plan.resultaat.ongewijzigd == 2
    upload_toepassen(upload=tweede, gebruiker=platform)
    assert _standen() == na_upload

    call_command("exporteer_alles", str(tmp_path / "na_upload"), stdout=io.StringIO())
    upload_terugdraaien(upload=eerste, gebruiker=platform)
    assert _standen() == begin

    _leeg_maken()
    call_command("importeer_alles", str(tmp_path / "na_upload"), stdout=io.StringIO())
    assert _standen() == na_upload
