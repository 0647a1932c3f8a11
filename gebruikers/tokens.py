"""Making, revoking and recognising API tokens. Every way (command, admin) goes through here."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opnieuwthuis.logboek import gebeurtenis

from .models import ApiToken, Gebruiker

VOORVOEGSEL = "ot_"
FOUT_ONBEKENDE_GEBRUIKER = "Gebruiker '{naam}' bestaat niet."
FOUT_NAAM_BEZET = "Er is al een geldige token '{naam}'; trek die eerst in (--intrekken)."
FOUT_GEEN_TOKEN = "Er is geen geldige token '{naam}'."
FOUT_INACTIEF = "Gebruiker '{naam}' is niet actief."
# Writing "last used" on every request would make each API read a write; once a minute tells
# platform staff enough.
GEBRUIK_BIJWERKEN_NA = timedelta(minutes=1)


def sleutel_hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


class TokenFout(ValueError):
    pass


@transaction.atomic
def token_maken(
    *, naam: str, gebruiker: Gebruiker | str, door: str | None = None
) -> tuple[ApiToken, str]:
    """A new token for a user (object or user name). Returns the token and the key: the only
    time the key exists."""
    if isinstance(gebruiker, str):
        gevonden = Gebruiker.objects.filter(username=gebruiker).first()
        if gevonden is None:
            raise TokenFout(FOUT_ONBEKENDE_GEBRUIKER.format(naam=gebruiker))
        gebruiker = gevonden
    if not gebruiker.is_active:
        raise TokenFout(FOUT_INACTIEF.format(naam=gebruiker.username))
    if ApiToken.objects.filter(naam=naam, ingetrokken_op__isnull=True).exists():
        raise TokenFout(FOUT_NAAM_BEZET.format(naam=naam))
    sleutel = VOORVOEGSEL + secrets.token_urlsafe(32)
    token = ApiToken(
        naam=naam,
        gebruiker=gebruiker,
        sleutel_hash=sleutel_hash(sleutel),
        voorvoegsel=sleutel[:10],
    )
    token.full_clean()
    token.save()
    gebeurtenis(
        "token_gemaakt", token=naam, gebruiker=gebruiker.username, rol=gebruiker.rol, door=door
    )
    return token, sleutel


@transaction.atomic
def token_intrekken(*, token: ApiToken, door: str | None = None) -> ApiToken:
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
        gebeurtenis(
            "token_ingetrokken", token=token.naam, gebruiker=token.gebruiker.username, door=door
        )
    return token


def token_intrekken_op_naam(
    *, naam: str, gebruikersnaam: str | None = None, door: str | None = None
) -> ApiToken:
    tokens = ApiToken.objects.filter(naam=naam, ingetrokken_op__isnull=True)
    if gebruikersnaam:
        tokens = tokens.filter(gebruiker__username=gebruikersnaam)
    token = tokens.select_related("gebruiker").first()
    if token is None:
        raise TokenFout(FOUT_GEEN_TOKEN.format(naam=naam))
    return token_intrekken(token=token, door=door)


def token_voor_sleutel(sleutel: str) -> ApiToken | None:
    """The valid token of an active user for this key, or None. Marks it as used."""
    token = (
        ApiToken.objects.select_related("gebruiker", "gebruiker__gemeente", "gebruiker__provincie")
        .filter(sleutel_hash=sleutel_hash(sleutel), ingetrokken_op__isnull=True)
        .first()
    )
    if token is None or not token.gebruiker.is_active:
        return None
    nu = timezone.now()
    if token.laatst_gebruikt is None or nu - token.laatst_gebruikt > GEBRUIK_BIJWERKEN_NA:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt=nu)
    return token
