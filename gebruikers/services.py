from django.contrib.auth.models import Group, Permission
from django.db import transaction

from opnieuwthuis.logboek import gebeurtenis
from taakstelling.models import Gemeente, Provincie

from .choices import Rol
from .models import Gebruiker

FOUT_ONBEKENDE_ROL = "Onbekende rol '{rol}'. Kies uit: {keuzes}."
FOUT_GEMEENTE_NODIG = "Een gemeenteambtenaar hoort bij een gemeente: geef --gemeente."
FOUT_PROVINCIE_NODIG = "Een toezichthouder hoort bij een provincie: geef --provincie."
FOUT_ONBEKENDE_GEMEENTE = "Gemeente '{code}' bestaat niet."
FOUT_ONBEKENDE_PROVINCIE = "Provincie '{code}' bestaat niet."

# Which model permissions each role's group carries. Only platform staff write.
_SCHRIJVEN = ("add", "change", "delete", "view")
ROL_RECHTEN = {
    Rol.PLATFORM: {
        "taakstelling": _SCHRIJVEN,
        "realisatie": _SCHRIJVEN,
        "gebruikers": _SCHRIJVEN,
        "toezicht": ("view",),  # written on the supervision page only (toezicht.services)
    },
    Rol.MINISTERIE: {"taakstelling": ("view",), "realisatie": ("view",)},
    Rol.PROVINCIE: {"taakstelling": ("view",), "realisatie": ("view",)},
    Rol.GEMEENTE: {"taakstelling": ("view",), "realisatie": ("view",)},
    Rol.AANLEVERING: {},  # no model permission: it only posts through the API's services
}


class GebruikerFout(ValueError):
    pass


@transaction.atomic
def rollen_inrichten() -> dict[str, Group]:
    """Create or update the group of every role with its permissions. Idempotent."""
    groepen = {}
    for rol, per_app in ROL_RECHTEN.items():
        groep, _ = Group.objects.get_or_create(name=rol.value)
        rechten = []
        for app_label, acties in per_app.items():
            for perm in Permission.objects.filter(content_type__app_label=app_label):
                if perm.codename.split("_", 1)[0] in acties:
                    rechten.append(perm)
        groep.permissions.set(rechten)
        groepen[rol.value] = groep
    return groepen


@transaction.atomic
def gebruiker_opslaan(
    *,
    naam: str,
    rol: str,
    wachtwoord: str | None = None,
    gemeentecode: str | None = None,
    provinciecode: str | None = None,
    email: str | None = None,
) -> Gebruiker:
    """Create or update a user with a role and, where the role needs it, their link."""
    if rol not in Rol.values:
        raise GebruikerFout(FOUT_ONBEKENDE_ROL.format(rol=rol, keuzes=", ".join(Rol.values)))
    gemeente = provincie = None
    if rol == Rol.GEMEENTE:
        if not gemeentecode:
            raise GebruikerFout(FOUT_GEMEENTE_NODIG)
        from opnieuwthuis.bestanden import parse_gemeentecode

        try:
            code = parse_gemeentecode(gemeentecode)
        except ValueError:
            code = gemeentecode
        gemeente = Gemeente.objects.filter(code=code).first()
        if gemeente is None:
            raise GebruikerFout(FOUT_ONBEKENDE_GEMEENTE.format(code=gemeentecode))
    if rol == Rol.PROVINCIE:
        if not provinciecode:
            raise GebruikerFout(FOUT_PROVINCIE_NODIG)
        provincie = Provincie.objects.filter(code=provinciecode.strip().upper()).first()
        if provincie is None:
            raise GebruikerFout(FOUT_ONBEKENDE_PROVINCIE.format(code=provinciecode))

    gebruiker = Gebruiker.objects.filter(username=naam).first() or Gebruiker(username=naam)
    oud = _koppeling(gebruiker) if gebruiker.pk else None
    gebruiker.rol = rol
    gebruiker.gemeente = gemeente
    gebruiker.provincie = provincie
    gebruiker.is_staff = rol == Rol.PLATFORM
    if email is not None:  # None keeps the address it has; "" removes it
        gebruiker.email = Gebruiker.objects.normalize_email(email.strip())
    if wachtwoord is not None:
        from django.contrib.auth.password_validation import validate_password

        validate_password(wachtwoord, gebruiker)
        gebruiker.set_password(wachtwoord)
    elif not gebruiker.password:
        gebruiker.set_unusable_password()
    gebruiker.full_clean()
    gebruiker.save()
    rol_toepassen(gebruiker=gebruiker, oud=oud)
    return gebruiker


def _koppeling(gebruiker: Gebruiker) -> tuple:
    return (gebruiker.rol, gebruiker.gemeente_id, gebruiker.provincie_id)


@transaction.atomic
def rol_toepassen(*, gebruiker: Gebruiker, oud: tuple | None, door: str | None = None) -> None:
    """Put the user in the group of their role (and no other) and log a change of role or link.

    Called by every path that sets a role: the command, the service above and the admin.
    """
    groepen = rollen_inrichten()
    gebruiker.groups.set([groepen[gebruiker.rol]] if gebruiker.rol in groepen else [])
    nieuw = _koppeling(gebruiker)
    if oud != nieuw:
        gebeurtenis(
            "rol_gewijzigd",
            gebruiker=gebruiker.username,
            rol=gebruiker.rol,
            gemeente=gebruiker.gemeente.code if gebruiker.gemeente else None,
            provincie=gebruiker.provincie.code if gebruiker.provincie else None,
            vorige_rol=oud[0] if oud else None,
            door=door,
        )
