from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gebruikers.choices import Rol
from gebruikers.models import Gebruiker
from tests.factories import maak_wereld

pytestmark = pytest.mark.django_db


def maak(*args):
    uit = StringIO()
    call_command("maak_gebruiker", *args, stdout=uit)
    return uit.getvalue()


def test_creates_then_updates_a_user_with_role_and_group():
    maak_wereld(2)
    assert "Gemeenteambtenaar (Gemeente 0001)" in maak(
        "anna", "--rol", "gemeente", "--gemeente", "1", "--wachtwoord", "lang-genoeg-wachtwoord"
    )
    anna = Gebruiker.objects.get(username="anna")
    assert (anna.rol, anna.gemeente.code) == (Rol.GEMEENTE, "GM0001")
    assert list(anna.groups.values_list("name", flat=True)) == ["gemeente"]
    assert anna.check_password("lang-genoeg-wachtwoord")
    maak("anna", "--rol", "provincie", "--provincie", "PV20")
    anna.refresh_from_db()
    assert (anna.rol, anna.gemeente, anna.provincie.code) == (Rol.PROVINCIE, None, "PV20")
    assert list(anna.groups.values_list("name", flat=True)) == ["provincie"]
    assert anna.check_password("lang-genoeg-wachtwoord")  # kept when not given


@pytest.mark.parametrize(
    "args, melding",
    [
        (["--rol", "gemeente"], "geef --gemeente"),
        (["--rol", "gemeente", "--gemeente", "GM9999"], "bestaat niet"),
        (["--rol", "provincie"], "geef --provincie"),
        (["--rol", "platform", "--wachtwoord", "123"], "te algemeen"),
    ],
)
def test_refuses_incomplete_or_weak_users(args, melding):
    maak_wereld(2)
    with pytest.raises(CommandError, match=melding):
        maak("piet", *args)
    assert not Gebruiker.objects.filter(username="piet").exists()


def test_only_platform_staff_may_change_figures():
    from tests.factories import maak_gebruikers

    gebruikers = maak_gebruikers()
    assert [r for r, g in gebruikers.items() if g.mag_wijzigen] == [Rol.PLATFORM]
    assert gebruikers[Rol.PLATFORM].has_perm("realisatie.change_huisvesting")
    assert not gebruikers[Rol.MINISTERIE].has_perm("realisatie.change_huisvesting")
    assert gebruikers[Rol.MINISTERIE].has_perm("realisatie.view_huisvesting")


def test_demo_users_exist_only_with_development_settings(settings):
    settings.DEMO_GEBRUIKERS = False
    with pytest.raises(CommandError):
        call_command("maak_demo_gebruikers", stdout=StringIO())


def test_an_email_address_is_set_kept_and_checked():
    maak_wereld(2)
    maak("bert", "--rol", "provincie", "--provincie", "PV20", "--email", "Bert@Provincie.EXAMPLE")
    assert Gebruiker.objects.get(username="bert").email == "Bert@provincie.example"
    maak("bert", "--rol", "provincie", "--provincie", "PV20")  # not given: kept
    assert Gebruiker.objects.get(username="bert").email == "Bert@provincie.example"
    with pytest.raises(CommandError, match="e-mailadres"):
        maak("bert", "--rol", "provincie", "--provincie", "PV20", "--email", "geen-adres")
    assert Gebruiker.objects.get(username="bert").email == "Bert@provincie.example"
