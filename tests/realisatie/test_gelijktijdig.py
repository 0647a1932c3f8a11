"""No half-said uploads: concurrent confirms of one upload (on PostgreSQL, with real row locks;
the threads run in the test process only), and versions that only ever go up."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from realisatie.choices import Uploadstatus
from realisatie.models import Huisvesting, Upload
from realisatie.services import (
    Conflicten,
    Invoer,
    UploadFout,
    UploadVerouderd,
    huisvestingen_invoeren,
    upload_terugdraaien,
    upload_toepassen,
    upload_voorbereiden,
    voorbeeld_kenmerk,
)

JAN, FEB = date(2017, 1, 1), date(2017, 2, 1)
TWEE = b"gemeentecode;maand;personen\nGM0001;2017-01;8\nGM0002;2017-02;5\n"
BESTAND = b"gemeentecode;maand;personen\nGM0001;2017-01;8\nGM0002;2017-02;5\nGM0003;2017-02;6\n"

postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: PostgreSQL (SQLite locks the file)"
)


def _tegelijk(aantal: int, werk) -> list:
    """Run ``werk(i)`` in ``aantal`` threads released together; each result or exception."""
    start = threading.Barrier(aantal)
    uitkomsten: list = [None] * aantal

    def draad(i):
        try:
            start.wait()
            uitkomsten[i] = werk(i)
        except Exception as fout:  # noqa: BLE001  the outcome is what the test looks at
            uitkomsten[i] = fout
        finally:
            connections.close_all()

    draden = [threading.Thread(target=draad, args=(i,)) for i in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    return uitkomsten


@pytest.fixture
def opzet(transactional_db):
    from gebruikers.choices import Rol
    from tests.factories import maak_gebruikers, maak_wereld

    gemeenten = maak_wereld(3, open_vanaf=JAN)
    return gemeenten, maak_gebruikers()[Rol.PLATFORM]


def _stand() -> dict:
    return {(h.gemeente.code, h.maand): h.personen for h in Huisvesting.objects.all()}


@postgres
def test_any_number_of_concurrent_confirms_apply_once_and_undo_works(opzet):
    gemeenten, platform = opzet
    voor = _stand()
    upload, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=BESTAND, gebruiker=platform)
    kenmerk = voorbeeld_kenmerk(upload)
    geschiedenis = Huisvesting.history.count()
    uitkomsten = _tegelijk(
        5, lambda i: upload_toepassen(upload=upload, gebruiker=platform, kenmerk=kenmerk)
    )
    geslaagd = [u for u in uitkomsten if not isinstance(u, Exception)]
    assert len(geslaagd) == 1, uitkomsten
    assert all(
        isinstance(u, UploadFout) and "al toegepast" in str(u)
        for u in uitkomsten
        if u not in geslaagd
    )
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.TOEGEPAST
    assert Huisvesting.history.count() == geschiedenis + 3  # one audit row a figure: applied once
    assert _stand()[("GM0001", JAN)] == 8 and _stand()[("GM0003", FEB)] == 6
    upload_terugdraaien(upload=upload, gebruiker=platform)
    assert _stand() == voor


@postgres
def test_concurrent_confirms_of_an_outdated_preview_apply_nothing_and_leave_a_true_preview(opzet):
    gemeenten, platform = opzet
    voor_upload = _stand()
    upload, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=BESTAND, gebruiker=platform)
    kenmerk = voorbeeld_kenmerk(upload)
    h = Huisvesting.objects.get(gemeente=gemeenten[0], maand=JAN)
    huisvestingen_invoeren(
        invoer=[
            Invoer(gemeente=gemeenten[0], maand=JAN, waarden=(2, None, None, None), versie=h.versie)
        ],
        gebruiker=platform,
    )
    stand = _stand()
    uitkomsten = _tegelijk(
        3, lambda i: upload_toepassen(upload=upload, gebruiker=platform, kenmerk=kenmerk)
    )
    assert all(isinstance(u, UploadVerouderd) for u in uitkomsten), uitkomsten
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.VOORBEELD and _stand() == stand
    assert upload.aantal_gewijzigd == 1 and upload.aantal_nieuw == 2  # the refreshed preview
    assert voorbeeld_kenmerk(upload) != kenmerk
    # Confirming what the refreshed page shows applies it, once, and it can be undone.
    uitkomsten = _tegelijk(
        3,
        lambda i: upload_toepassen(
            upload=upload, gebruiker=platform, kenmerk=voorbeeld_kenmerk(upload)
        ),
    )
    assert sum(not isinstance(u, Exception) for u in uitkomsten) == 1, uitkomsten
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.TOEGEPAST and _stand()[("GM0001", JAN)] == 8
    upload_terugdraaien(upload=upload, gebruiker=platform)
    assert _stand() == stand
    assert stand != voor_upload


@postgres
def test_confirm_and_undo_racing_leave_a_state_that_matches_the_figures(opzet):
    gemeenten, platform = opzet
    voor = _stand()
    upload, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=BESTAND, gebruiker=platform)
    kenmerk = voorbeeld_kenmerk(upload)

    def werk(i):
        if i % 2 == 0:
            return upload_toepassen(upload=upload, gebruiker=platform, kenmerk=kenmerk)
        return upload_terugdraaien(upload=upload, gebruiker=platform)

    _tegelijk(6, werk)
    upload.refresh_from_db()
    if upload.status == Uploadstatus.TOEGEPAST:
        assert _stand()[("GM0002", FEB)] == 5
        upload_terugdraaien(upload=upload, gebruiker=platform)
    assert _stand() == voor


def test_confirm_of_a_preview_that_was_refreshed_since_is_refused(db, wereld, platform):
    upload, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=TWEE, gebruiker=platform)
    oud = voorbeeld_kenmerk(upload)
    h = Huisvesting.objects.get(gemeente=wereld[0], maand=JAN)
    huisvestingen_invoeren(
        invoer=[
            Invoer(gemeente=wereld[0], maand=JAN, waarden=(3, None, None, None), versie=h.versie)
        ],
        gebruiker=platform,
    )
    with pytest.raises(UploadVerouderd):
        upload_toepassen(upload=upload, gebruiker=platform, kenmerk=oud)
    upload.refresh_from_db()
    assert upload.status == Uploadstatus.VOORBEELD and upload.aantal_gewijzigd == 1
    with pytest.raises(UploadVerouderd):  # the page the user saw is still the old one
        upload_toepassen(upload=upload, gebruiker=platform, kenmerk=oud)
    upload_toepassen(upload=upload, gebruiker=platform, kenmerk=voorbeeld_kenmerk(upload))
    assert Huisvesting.objects.get(gemeente=wereld[0], maand=JAN).personen == 8


# Versions only go up ---------------------------------------------------------------------------


def test_a_figure_deleted_and_entered_again_gets_a_higher_version(db, wereld, platform):
    g = wereld[0]
    huisvestingen_invoeren(
        invoer=[Invoer(gemeente=g, maand=FEB, waarden=(4, None, None, None), versie=0)],
        gebruiker=platform,
    )
    gezien = Huisvesting.objects.get(gemeente=g, maand=FEB).versie
    huisvestingen_invoeren(
        invoer=[Invoer(gemeente=g, maand=FEB, waarden=(None, None, None, None), versie=gezien)],
        gebruiker=platform,
    )
    huisvestingen_invoeren(
        invoer=[Invoer(gemeente=g, maand=FEB, waarden=(9, None, None, None), versie=0)],
        gebruiker=platform,
    )
    opnieuw = Huisvesting.objects.get(gemeente=g, maand=FEB)
    assert opnieuw.versie > gezien
    # A screen opened before the delete cannot save over the figure entered again.
    with pytest.raises(Conflicten):
        huisvestingen_invoeren(
            invoer=[Invoer(gemeente=g, maand=FEB, waarden=(5, None, None, None), versie=gezien)],
            gebruiker=platform,
        )
    assert Huisvesting.objects.get(gemeente=g, maand=FEB).personen == 9


def test_an_upload_undone_and_applied_again_raises_versions(db, wereld, platform):
    upload, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=TWEE, gebruiker=platform)
    upload_toepassen(upload=upload, gebruiker=platform)
    eerst = Huisvesting.objects.get(gemeente=wereld[1], maand=FEB).versie
    upload_terugdraaien(upload=upload, gebruiker=platform)
    tweede, _ = upload_voorbereiden(bestandsnaam="f.csv", inhoud=TWEE, gebruiker=platform)
    upload_toepassen(upload=tweede, gebruiker=platform)
    assert Huisvesting.objects.get(gemeente=wereld[1], maand=FEB).versie > eerst


def test_reverting_in_the_admin_history_raises_the_version(db, wereld, platform):
    from gebruikers.choices import Rol
    from gebruikers.services import gebruiker_opslaan

    beheerder = gebruiker_opslaan(naam="beheerder", rol=Rol.PLATFORM)
    beheerder.is_superuser = True
    beheerder.save()
    c = Client()
    c.force_login(beheerder)
    g = wereld[0]
    for personen in (4, 5, 6):
        h = Huisvesting.objects.filter(gemeente=g, maand=FEB).first()
        huisvestingen_invoeren(
            invoer=[
                Invoer(
                    gemeente=g,
                    maand=FEB,
                    waarden=(personen, None, None, None),
                    versie=h.versie if h else 0,
                )
            ],
            gebruiker=platform,
        )
    h = Huisvesting.objects.get(gemeente=g, maand=FEB)
    assert (h.personen, h.versie) == (6, 3)
    eerste = h.history.order_by("history_id").first()
    assert (eerste.personen, eerste.versie) == (4, 1)
    url = reverse("admin:realisatie_huisvesting_simple_history", args=[h.pk, eerste.history_id])
    formulier = c.get(url)
    assert formulier.status_code == 200
    antwoord = c.post(
        url,
        {
            "gemeente": g.pk,
            "maand": FEB.isoformat(),
            "personen": "4",
            "alleenstaanden": "",
            "gezinsleden": "",
            "nareizigers": "",
        },
    )
    assert antwoord.status_code == 302
    h.refresh_from_db()
    assert (h.personen, h.versie) == (4, 4)
    # The grid opened at version 3 now conflicts instead of saving over the revert.
    with pytest.raises(Conflicten):
        huisvestingen_invoeren(
            invoer=[Invoer(gemeente=g, maand=FEB, waarden=(7, None, None, None), versie=3)],
            gebruiker=platform,
        )
    with pytest.raises(Conflicten):
        huisvestingen_invoeren(
            invoer=[Invoer(gemeente=g, maand=FEB, waarden=(7, None, None, None), versie=1)],
            gebruiker=platform,
        )
    assert Upload.objects.count() == 0
