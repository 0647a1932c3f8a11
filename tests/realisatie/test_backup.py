"""The complete backup: exporteer_alles → importeer_alles gives back everything, exactly.

After a revision, an exchange, uploads (and one rolled back), users with roles and logins,
supervision records and a name that begins with '=': every row of every table of the backup
(history included) is as before, every stand of every peildatum is the same, and every user
logs in with the same password. A damaged archive is refused and nothing changes, also with
--forceer. A model that is in neither list of realisatie/backup.py fails the coverage test.
"""

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gebruikers.choices import Rol
from gebruikers.services import gebruiker_opslaan
from rapportage import selectors
from realisatie import backup
from realisatie.models import Huisvesting, Upload
from realisatie.services import upload_terugdraaien, upload_toepassen, upload_voorbereiden
from taakstelling.models import Gemeente, Halfjaar, Herziening, Uitwisseling, VervangenTaakstelling
from taakstelling.services import uitwisseling_vastleggen
from tests.factories import WACHTWOORD

HYPERLINK = '=HYPERLINK("http://aanval.example/","klik")'


def _peildata() -> list[date]:
    """Every peildatum the system can answer: the first of every month of every half-year."""
    maanden = {
        date(h.jaar, m, 1)
        for h in Halfjaar.objects.all()
        for m in range(h.helft * 6 - 5, h.helft * 6 + 1)
    }
    return sorted(maanden | set(selectors.beschikbare_peildata()))


def _standen() -> dict[str, dict]:
    uit = {}
    for peildatum in _peildata():
        tekst = io.StringIO()
        call_command(
            "stand", "--peildatum", peildatum.isoformat(), "--format", "json", stdout=tekst
        )
        uit[peildatum.isoformat()] = json.loads(tekst.getvalue())
    return uit


def _permissie(pk: int) -> tuple:
    return Permission.objects.get(pk=pk).natural_key()


def momentopname() -> dict[str, list]:
    """Every row of every table of the backup, exactly; a reference to a permission by its name
    (migrate numbers permissions anew in another database)."""
    uit = {}
    for model in backup.modellen():
        rijen = list(model._base_manager.order_by("pk").values())
        for rij in rijen:
            if "permission_id" in rij:
                rij["permission_id"] = _permissie(rij["permission_id"])
            if "content_type_id" in rij and rij["content_type_id"] is not None:
                from django.contrib.contenttypes.models import ContentType

                rij["content_type_id"] = ContentType.objects.get(
                    pk=rij["content_type_id"]
                ).natural_key()
            for sleutel, waarde in rij.items():
                if isinstance(waarde, memoryview):
                    rij[sleutel] = bytes(waarde)
        uit[model._meta.label] = rijen
    return uit


def _logt_in(naam: str, wachtwoord: str = WACHTWOORD) -> bool:
    """Through the login form, as a person does (django-axes records it)."""
    client = Client()
    client.post(reverse("login"), {"username": naam, "password": wachtwoord})
    return "_auth_user_id" in client.session


@pytest.fixture
def alles(demo, tmp_path):
    """The demo with everything a person or a file adds to it."""
    call_command(
        "verdeel_taakstelling",
        "2017-II",
        "--landelijk",
        "11000",
        "--vanaf",
        "2017-10-01",
        stdout=io.StringIO(),
    )
    helft = Halfjaar.objects.get(jaar=2017, helft=1)
    amsterdam, groningen = Gemeente.objects.get(code="GM0363"), Gemeente.objects.get(code="GM0014")
    uitwisseling_vastleggen(
        halfjaar=helft, van=amsterdam, naar=groningen, personen=5, toelichting="=1+1 afgesproken"
    )
    platform = gebruiker_opslaan(naam="platform", rol=Rol.PLATFORM, wachtwoord=WACHTWOORD)
    gebruiker_opslaan(
        naam="ambtenaar", rol=Rol.GEMEENTE, gemeentecode="GM0363", wachtwoord=WACHTWOORD
    )
    gebruiker_opslaan(
        naam="toezicht", rol=Rol.PROVINCIE, provinciecode="PV27", wachtwoord=WACHTWOORD
    )
    bestand = b"gemeentecode;maand;personen\nGM0363;2017-02;25\nGM0014;2017-02;4\n"
    upload, _ = upload_voorbereiden(bestandsnaam="februari.csv", inhoud=bestand, gebruiker=platform)
    upload_toepassen(upload=upload, gebruiker=platform)
    terug, _ = upload_voorbereiden(
        bestandsnaam="=fout.csv",
        inhoud=b"gemeentecode;maand;personen\nGM0003;2017-02;7\n",
        gebruiker=platform,
    )
    upload_toepassen(upload=terug, gebruiker=platform)
    upload_terugdraaien(upload=terug, gebruiker=platform)
    # The monthly cycle: a correction of a closed month (with its reason), a month reopened and
    # closed again with its warnings acknowledged.
    from opnieuwthuis.bestanden import lees_tabel
    from rapportage.maandcyclus import maand_heropenen, maand_vaststellen
    from realisatie.services import huisvestingen_importeren

    huisvestingen_importeren(
        tabel=lees_tabel(
            b"gemeentecode;maand;personen\nGM0363;2017-01;61\n",
            ["gemeentecode", "maand", "personen"],
        ),
        gebruiker=platform,
        correctiereden="COA-telling gecorrigeerd",
    )
    maand_heropenen(
        maand=date(2016, 12, 1), reden="Nacontrole", door="platform", gebruiker=platform
    )
    maand_vaststellen(maand=date(2016, 12, 1), door="platform", gebruiker=platform, akkoord=True)
    # Supervision, through its services, and a message as the monthly run records it.
    from berichten.models import Berichtvoorkeur, Maandbericht
    from gebruikers.models import Gebruiker
    from toezicht.services import ladderstap_vastleggen, oordeel_vastleggen

    oordeel_vastleggen(
        gemeente=amsterdam,
        halfjaar=Halfjaar.objects.get(jaar=2016, helft=2),
        gehaald=False,
        toelichting="Achter; =gesprek gepland",
        gebruiker=platform,
    )
    ladderstap_vastleggen(
        gemeente=amsterdam,
        soort="signaal",
        datum=date(2017, 1, 16),
        toelichting="Brief gestuurd",
        gebruiker=platform,
    )
    ambtenaar = Gebruiker.objects.get(username="ambtenaar")
    Maandbericht.objects.create(
        gebruiker=ambtenaar,
        maand=date(2017, 1, 1),
        peildatum=date(2017, 2, 1),
        rol=Rol.GEMEENTE,
        adres="ambtenaar@amsterdam.example",
        onderwerp="Stand op 1 februari 2017",
        tekst="Amsterdam: …",
        verzonden_op=timezone.now(),
    )
    Berichtvoorkeur.objects.create(gebruiker=ambtenaar, maandbericht=False)
    # An API token (hashed) and a published report with a correction, as stored when sent.
    from gebruikers.tokens import token_maken
    from rapportage.models import GepubliceerdRapport

    token_maken(naam="coa", gebruiker=platform)
    eerste = None
    for volgnummer in (1, 2):
        bestanden = {
            soort: f"{soort} van 1 februari 2017, versie {volgnummer}".encode() + bytes(range(256))
            for soort in GepubliceerdRapport.FORMATEN
        }
        eerste = GepubliceerdRapport.objects.create(
            peildatum=date(2017, 2, 1),
            gebied="NL",
            gebied_naam="Nederland",
            volgnummer=volgnummer,
            vervangt=eerste,
            notitie="" if volgnummer == 1 else "Correctie Amsterdam januari",
            gegevensversie="v1",
            gepubliceerd_door=platform,
            door_naam="platform",
            gepubliceerd_op=timezone.now(),
            **bestanden,
            **{f"{s}_sha256": hashlib.sha256(b).hexdigest() for s, b in bestanden.items()},
        )
    g = Gemeente.objects.get(code="GM0003")
    g.naam = HYPERLINK  # a name as a file might bring it: kept exactly, never escaped
    g.save()
    assert _logt_in("ambtenaar") and _logt_in("platform")
    assert not _logt_in("toezicht", "fout")  # a failed login is part of the history too
    return tmp_path / "backup.zip"


def test_round_trip_after_revision_exchange_uploads_and_users(alles):
    standen, voor = _standen(), momentopname()
    # The case: 1 July 2017 keeps the quota as it was before the revision of 1 October.
    assert standen["2017-07-01"]["landelijk"]["taakstelling"] == 10200
    assert standen["2017-11-01"]["landelijk"]["taakstelling"] == 11184
    assert voor["taakstelling.VervangenTaakstelling"] and voor["taakstelling.Uitwisseling"]
    assert len(voor["realisatie.Upload"]) == 2 and voor["axes.AccessLog"]
    assert voor["toezicht.Oordeel"] and voor["toezicht.HistoricalLadderstap"]
    assert voor["berichten.Maandbericht"] and voor["berichten.Berichtvoorkeur"]
    assert voor["gebruikers.ApiToken"] and len(voor["rapportage.GepubliceerdRapport"]) == 2
    assert voor["realisatie.Maand"] and voor["realisatie.Heropening"]
    assert voor["realisatie.Waarschuwingsakkoord"]
    assert voor["realisatie.Correctie"] and voor["realisatie.HistoricalHuisvesting"]
    assert voor["taakstelling.HistoricalTaakstelling"] and voor["realisatie.HistoricalHuisvesting"]

    uit = io.StringIO()
    call_command("exporteer_alles", str(alles), stdout=uit)
    with zipfile.ZipFile(alles) as archief:
        manifest = json.loads(archief.read("manifest.json"))
    aantallen = {o["model"]: o["rijen"] for o in manifest["onderdelen"]}
    assert aantallen["taakstelling.Gemeente"] == Gemeente.objects.count()
    assert aantallen["realisatie.Huisvesting"] == Huisvesting.objects.count()
    assert aantallen["taakstelling.VervangenTaakstelling"] == 388
    assert all(len(o["sha256"]) == 64 for o in manifest["onderdelen"])

    # Afterwards the database moves on: another revision, an upload, a user gone.
    call_command(
        "verdeel_taakstelling",
        "2017-II",
        "--landelijk",
        "12000",
        "--vanaf",
        "2017-12-01",
        stdout=io.StringIO(),
    )
    Huisvesting.objects.filter(gemeente__code="GM0363", maand=date(2017, 2, 1)).update(personen=99)
    from gebruikers.models import Gebruiker

    Gebruiker.objects.filter(username="toezicht").delete()
    assert momentopname() != voor

    # Not into a database that holds something, unless told; refused means unchanged.
    tussen = momentopname()
    with pytest.raises(CommandError, match="niets gewijzigd"):
        call_command("importeer_alles", str(alles), stdout=io.StringIO(), stderr=io.StringIO())
    assert momentopname() == tussen

    call_command("importeer_alles", str(alles), "--forceer", stdout=io.StringIO())
    assert momentopname() == voor
    assert _standen() == standen
    assert Gemeente.objects.get(code="GM0003").naam == HYPERLINK
    assert Uitwisseling.objects.get().toelichting == "=1+1 afgesproken"
    assert Herziening.objects.count() == 1 and VervangenTaakstelling.objects.count() == 388
    upload = Upload.objects.get(bestandsnaam="februari.csv")
    assert bytes(upload.inhoud).startswith(b"gemeentecode;maand;personen\nGM0363;2017-02;25")
    assert all(_logt_in(naam) for naam in ("platform", "ambtenaar", "toezicht"))
    from rapportage.models import GepubliceerdRapport

    rapporten = list(GepubliceerdRapport.objects.order_by("volgnummer"))
    assert [r.volgnummer for r in rapporten] == [1, 2] and rapporten[1].vervangt == rapporten[0]
    for rapport in rapporten:
        for soort in GepubliceerdRapport.FORMATEN:
            assert hashlib.sha256(bytes(getattr(rapport, soort))).hexdigest() == rapport.sha256(
                soort
            )
    # New rows get new ids after a restore (the sequences moved past the restored ones).
    nieuw = gebruiker_opslaan(naam="nieuw", rol=Rol.MINISTERIE, wachtwoord=WACHTWOORD)
    assert nieuw.pk > max(r["id"] for r in voor["gebruikers.Gebruiker"])


def test_restore_into_an_empty_database(alles):
    call_command("exporteer_alles", str(alles), stdout=io.StringIO())
    standen, voor = _standen(), momentopname()
    # An empty database, as a fresh `migrate` leaves it (permissions and content types anew).
    connection.check_constraints()  # PostgreSQL truncates only without pending deferred checks
    call_command("flush", "--noinput", verbosity=0)
    assert not Gemeente.objects.exists() and _peildata() == []
    call_command("importeer_alles", str(alles), stdout=io.StringIO())
    assert momentopname() == voor
    assert _standen() == standen
    assert _logt_in("ambtenaar")


# Damaged archives: refused whole, nothing changes ---------------------------------------------


@pytest.fixture
def archief(db, tmp_path):
    from tests.factories import maak_wereld

    maak_wereld(2)
    gebruiker_opslaan(naam="platform", rol=Rol.PLATFORM, wachtwoord=WACHTWOORD)
    pad = tmp_path / "backup.zip"
    call_command("exporteer_alles", str(pad), stdout=io.StringIO())
    return pad


def _herschrijf(pad, wijzig) -> None:
    """Rewrite the archive with ``wijzig(naam, inhoud) -> inhoud | None`` (None: leave out)."""
    with zipfile.ZipFile(pad) as bron:
        delen = [(i.filename, bron.read(i.filename)) for i in bron.infolist()]
    with zipfile.ZipFile(pad, "w") as doel:
        for naam, inhoud in delen:
            nieuw = wijzig(naam, inhoud)
            if nieuw is not None:
                doel.writestr(naam, nieuw)


def _manifest(wijzig):
    def stap(naam, inhoud):
        if naam != "manifest.json":
            return inhoud
        manifest = json.loads(inhoud)
        wijzig(manifest)
        return json.dumps(manifest).encode()

    return stap


def _ander_getal(naam, inhoud):
    if naam == "gegevens/taakstelling.Taakstelling.json":
        return inhoud.replace(b",100]", b",101]", 1)
    return inhoud


def _rij_minder(manifest):
    for o in manifest["onderdelen"]:
        if o["model"] == "realisatie.Huisvesting":
            o["rijen"] -= 1


def _onbekend_model(manifest):
    huis = next(o for o in manifest["onderdelen"] if o["model"] == "realisatie.Huisvesting")
    manifest["onderdelen"].append(
        {
            "model": "weg.Verdwenen",
            "bestand": "gegevens/realisatie.Huisvesting.json",
            "rijen": 14,
            "sha256": huis["sha256"],
        }
    )


SCHADE = [
    ("een getal veranderd", _ander_getal, "beschadigd: de SHA-256 klopt niet"),
    (
        "een deel ontbreekt",
        lambda n, i: None if n == "gegevens/realisatie.Huisvesting.json" else i,
        "niet in het archief",
    ),
    ("het manifest ontbreekt", lambda n, i: None if n == "manifest.json" else i, "geen manifest"),
    ("een ander aantal rijen", _manifest(_rij_minder), "het manifest zegt 13"),
    ("een model van elders", _manifest(_onbekend_model), "weg.Verdwenen is hier onbekend"),
    (
        "een nieuwere versie",
        _manifest(lambda m: m["migraties"].append("realisatie.9999_toekomst")),
        "nieuwere versie",
    ),
]


@pytest.mark.parametrize(("wat", "wijzig", "melding"), SCHADE, ids=[s[0] for s in SCHADE])
def test_a_damaged_archive_is_refused_and_nothing_changes(archief, wat, wijzig, melding):
    _herschrijf(archief, wijzig)
    Huisvesting.objects.filter(maand=date(2017, 1, 1)).update(personen=77)  # differs from it
    voor = momentopname()
    fout = io.StringIO()
    with pytest.raises(CommandError, match="niets gewijzigd"):
        call_command(
            "importeer_alles", str(archief), "--forceer", stdout=io.StringIO(), stderr=fout
        )
    assert melding in fout.getvalue()
    assert momentopname() == voor


def test_a_truncated_or_foreign_file_is_refused(archief, tmp_path):
    voor = momentopname()
    half = tmp_path / "half.zip"
    half.write_bytes(archief.read_bytes()[:2000])
    ander = tmp_path / "ander.zip"
    ander.write_bytes(b"gemeentecode;maand;personen\n")
    for pad in (half, ander):
        fout = io.StringIO()
        with pytest.raises(CommandError, match="niets gewijzigd"):
            call_command("importeer_alles", str(pad), "--forceer", stderr=fout)
        assert "geen backup van Opnieuw Thuis" in fout.getvalue() or "beschadigd" in fout.getvalue()
    assert momentopname() == voor


def test_every_model_is_in_the_backup_or_left_out_with_a_reason():
    """A new model must be added to MODELLEN (or to NIET_IN_BACKUP with why): one line."""
    assert len(backup.MODELLEN) == len(set(backup.MODELLEN)), "een model staat er twee keer in"
    in_backup = {m._meta.label for m in backup.modellen()}
    vergeten = sorted(
        m._meta.label
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label not in in_backup and m._meta.label not in backup.NIET_IN_BACKUP
    )
    assert not vergeten, (
        f"Niet in de backup en niet uitgezonderd in realisatie/backup.py: {vergeten}"
    )
    assert not set(backup.MODELLEN) - {
        m._meta.label for m in apps.get_models(include_auto_created=True)
    }
