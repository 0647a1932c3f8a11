"""Entering figures (versions, conflicts), uploads (preview, confirm, idempotent, undo) and the
audit trail of every write path."""

from datetime import date

import pytest

from opnieuwthuis.bestanden import lees_tabel
from realisatie.choices import Uploadstatus
from realisatie.models import Huisvesting, Upload
from realisatie.services import (
    FOUT_UPLOAD_VEROUDERD,
    REALISATIE_KOLOMMEN,
    UITSPLITSING,
    Conflicten,
    Invoer,
    UploadFout,
    UploadVerouderd,
    huisvestingen_importeren,
    huisvestingen_invoeren,
    opvangstand_vastleggen,
    upload_terugdraaien,
    upload_toepassen,
    upload_voorbereiden,
)
from taakstelling.models import Taakstelling
from taakstelling.services import taakstellingen_importeren

from .conftest import csv_bytes

FEB = date(2017, 2, 1)
JAN = date(2017, 1, 1)


def _invoer(gemeente, maand, waarden, versie):
    return Invoer(gemeente=gemeente, maand=maand, waarden=waarden, versie=versie)


def test_entry_saves_with_history_and_bumps_the_version(wereld, platform):
    g = wereld[0]
    resultaat = huisvestingen_invoeren(
        invoer=[_invoer(g, FEB, (12, 5, 4, 3), 0)], gebruiker=platform
    )
    assert (resultaat.nieuw, resultaat.gewijzigd) == (1, 0)
    h = Huisvesting.objects.get(gemeente=g, maand=FEB)
    assert (h.personen, h.versie) == (12, 1)
    huisvestingen_invoeren(invoer=[_invoer(g, FEB, (20, None, None, None), 1)], gebruiker=platform)
    h.refresh_from_db()
    assert (h.personen, h.alleenstaanden, h.versie) == (20, None, 2)
    geschiedenis = list(h.history.order_by("history_id"))
    assert [r.history_type for r in geschiedenis] == ["+", "~"]
    assert [r.personen for r in geschiedenis] == [12, 20]
    assert all(r.history_user == platform for r in geschiedenis)


def test_second_of_two_edits_is_a_conflict_and_the_first_is_kept(wereld, gebruikers, platform):
    from gebruikers.services import gebruiker_opslaan

    collega = gebruiker_opslaan(naam="collega", rol="platform")
    g = wereld[0]
    h = Huisvesting.objects.get(gemeente=g, maand=JAN)
    gezien = h.versie
    huisvestingen_invoeren(
        invoer=[_invoer(g, JAN, (7, None, None, None), gezien)], gebruiker=collega
    )
    with pytest.raises(Conflicten) as botsing:
        huisvestingen_invoeren(
            invoer=[_invoer(g, JAN, (9, None, None, None), gezien)], gebruiker=platform
        )
    conflict = botsing.value.conflicten[0]
    assert conflict.opgeslagen_waarden[0] == 7
    assert conflict.jouw_waarden[0] == 9
    assert conflict.door == "collega"
    assert "7" in str(conflict) and "9" in str(conflict) and "collega" in str(conflict)
    h.refresh_from_db()
    assert h.personen == 7


def test_a_conflict_in_one_row_saves_none_of_the_rows(wereld, platform):
    a, b = wereld
    ha = Huisvesting.objects.get(gemeente=a, maand=JAN)
    with pytest.raises(Conflicten):
        huisvestingen_invoeren(
            invoer=[
                _invoer(b, FEB, (3, None, None, None), 0),
                _invoer(a, JAN, (99, None, None, None), ha.versie + 5),
            ],
            gebruiker=platform,
        )
    assert not Huisvesting.objects.filter(maand=FEB).exists()


def test_creating_a_figure_somebody_else_just_created_is_a_conflict(wereld, platform):
    g = wereld[0]
    huisvestingen_invoeren(invoer=[_invoer(g, FEB, (4, None, None, None), 0)], gebruiker=platform)
    with pytest.raises(Conflicten):
        huisvestingen_invoeren(
            invoer=[_invoer(g, FEB, (5, None, None, None), 0)], gebruiker=platform
        )


def test_an_empty_total_deletes_the_figure_with_history(wereld, platform):
    g = wereld[0]
    h = Huisvesting.objects.get(gemeente=g, maand=JAN)
    huisvestingen_invoeren(
        invoer=[_invoer(g, JAN, (None, None, None, None), h.versie)], gebruiker=platform
    )
    assert not Huisvesting.objects.filter(pk=h.pk).exists()
    laatste = Huisvesting.history.filter(id=h.pk).order_by("-history_id").first()
    assert laatste.history_type == "-" and laatste.history_user == platform


def _tabel(tekst):
    return lees_tabel(csv_bytes(tekst), REALISATIE_KOLOMMEN, UITSPLITSING)


def test_import_writes_history_rows_for_new_and_changed(wereld, platform):
    voor = Huisvesting.history.count()
    huisvestingen_importeren(
        tabel=_tabel("gemeentecode;maand;personen\nGM0001;2017-01;11\nGM0002;2017-02;1.234\n"),
        gebruiker=platform,
        reden="test",
    )
    nieuw = Huisvesting.history.order_by("history_id")[voor:]
    assert sorted((r.history_type, r.personen) for r in nieuw) == [("+", 1234), ("~", 11)]
    assert all(r.history_user == platform and r.history_change_reason == "test" for r in nieuw)


def test_taakstelling_import_keeps_history(wereld):
    voor = Taakstelling.history.count()
    tabel = lees_tabel(
        csv_bytes("gemeentecode;halfjaar;taakstelling\nGM0001;2017-I;60\n"),
        ["gemeentecode", "halfjaar", "taakstelling"],
    )
    taakstellingen_importeren(tabel=tabel)
    assert Taakstelling.history.count() == voor + 1
    assert Taakstelling.history.order_by("-history_id").first().personen == 60


BESTAND = (
    "gemeentecode;maand;personen;alleenstaanden;gezinsleden;nareizigers\n"
    "GM0001;2017-01;8;4;3;1\nGM0002;2017-02;5;;;\n"
)


def test_upload_preview_confirm_and_idempotent_reupload(wereld, platform):
    upload, plan = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    assert [r.actie for r in plan.regels] == ["gewijzigd", "nieuw"]
    assert not Huisvesting.objects.filter(maand=FEB).exists()  # a preview writes no figure
    resultaat = upload_toepassen(upload=upload, gebruiker=platform)
    assert (resultaat.nieuw, resultaat.gewijzigd) == (1, 1)
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.TOEGEPAST
    assert (upload.aantal_nieuw, upload.aantal_gewijzigd, upload.aantal_ongewijzigd) == (1, 1, 0)

    figuren = list(Huisvesting.objects.order_by("pk").values())
    geschiedenis = Huisvesting.history.count()
    tweede, plan2 = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    assert {r.actie for r in plan2.regels} == {"ongewijzigd"}
    upload_toepassen(upload=tweede, gebruiker=platform)
    assert list(Huisvesting.objects.order_by("pk").values()) == figuren
    assert Huisvesting.history.count() == geschiedenis
    assert tweede.checksum == upload.checksum


def test_confirm_refuses_when_figures_changed_after_the_preview(wereld, platform):
    upload, _ = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    h = Huisvesting.objects.get(gemeente=wereld[0], maand=JAN)
    huisvestingen_invoeren(
        invoer=[_invoer(wereld[0], JAN, (2, None, None, None), h.versie)], gebruiker=platform
    )
    with pytest.raises(UploadVerouderd, match=FOUT_UPLOAD_VEROUDERD[:20]):
        upload_toepassen(upload=upload, gebruiker=platform)
    h.refresh_from_db()
    assert h.personen == 2


def test_confirm_reads_the_stored_file_not_a_new_one(wereld, platform):
    upload, _ = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    Upload.objects.filter(pk=upload.pk).update(inhoud=csv_bytes(BESTAND.replace(";8;", ";80;")))
    with pytest.raises(UploadFout, match="checksum"):
        upload_toepassen(upload=upload, gebruiker=platform)
    assert Huisvesting.objects.get(gemeente=wereld[0], maand=JAN).personen != 80


def test_undo_returns_every_figure_and_is_itself_audited(wereld, platform):
    voor = {(h["gemeente_id"], h["maand"]): h["personen"] for h in Huisvesting.objects.values()}
    upload, _ = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    upload_toepassen(upload=upload, gebruiker=platform)
    upload_terugdraaien(upload=upload, gebruiker=platform)
    na = {(h["gemeente_id"], h["maand"]): h["personen"] for h in Huisvesting.objects.values()}
    assert na == voor
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.TERUGGEDRAAID and upload.teruggedraaid_door == platform
    reden = f"Upload {upload.pk} teruggedraaid"
    terug = Huisvesting.history.filter(history_change_reason=reden)
    assert sorted(r.history_type for r in terug) == ["-", "~"]
    with pytest.raises(UploadFout):
        upload_terugdraaien(upload=upload, gebruiker=platform)


def test_undo_is_refused_when_a_figure_changed_after_the_upload(wereld, platform):
    upload, _ = upload_voorbereiden(
        bestandsnaam="jan.csv", inhoud=csv_bytes(BESTAND), gebruiker=platform
    )
    upload_toepassen(upload=upload, gebruiker=platform)
    h = Huisvesting.objects.get(gemeente=wereld[1], maand=FEB)
    huisvestingen_invoeren(
        invoer=[_invoer(wereld[1], FEB, (6, None, None, None), h.versie)], gebruiker=platform
    )
    with pytest.raises(UploadFout, match="na deze upload nog gewijzigd"):
        upload_terugdraaien(upload=upload, gebruiker=platform)
    assert Huisvesting.objects.get(pk=h.pk).personen == 6
    assert Huisvesting.objects.get(gemeente=wereld[0], maand=JAN).personen == 8


def test_reception_figures_keep_history_and_skip_unchanged(db, platform):
    opvangstand_vastleggen(peildatum=FEB, wachtend=9900, alleenstaand=5445, gebruiker=platform)
    opvangstand_vastleggen(peildatum=FEB, wachtend=9900, alleenstaand=5445, gebruiker=platform)
    stand = opvangstand_vastleggen(
        peildatum=FEB, wachtend=9800, alleenstaand=5445, gebruiker=platform
    )
    assert [r.wachtend for r in stand.history.order_by("history_id")] == [9900, 9800]
    assert stand.history.first().history_user == platform


def test_command_import_leaves_history_with_its_reason(wereld, tmp_path):
    import io

    from django.core.management import call_command

    pad = tmp_path / "maart.csv"
    pad.write_text("gemeentecode;maand;personen\nGM0001;2017-03;9\n", encoding="utf-8")
    call_command("importeer_realisatie", str(pad), stdout=io.StringIO())
    record = Huisvesting.history.get(maand=date(2017, 3, 1))
    assert record.history_type == "+" and record.personen == 9
    assert record.history_user is None
    assert record.history_change_reason == "Commando importeer_realisatie"


def test_two_people_typing_the_same_value_is_no_conflict(wereld, platform):
    g = wereld[0]
    h = Huisvesting.objects.get(gemeente=g, maand=JAN)
    gezien = h.versie
    huisvestingen_invoeren(
        invoer=[_invoer(g, JAN, (7, None, None, None), gezien)], gebruiker=platform
    )
    resultaat = huisvestingen_invoeren(
        invoer=[_invoer(g, JAN, (7, None, None, None), gezien)], gebruiker=platform
    )
    assert resultaat.ongewijzigd == 1
