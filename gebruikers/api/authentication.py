from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from gebruikers.tokens import token_voor_sleutel

FOUT_ONGELDIGE_TOKEN = "Deze token is onbekend, ingetrokken of van een inactieve gebruiker."
FOUT_VORM = "Schrijf de kop als 'Authorization: Token <sleutel>'."


class TokenAuthenticatie(authentication.BaseAuthentication):
    """``Authorization: Token <sleutel>``: the token acts as its user, with that user's role and
    scope. Only the hash of the key is looked up."""

    sleutelwoord = "Token"

    def authenticate(self, request):
        kop = authentication.get_authorization_header(request).split()
        if not kop or kop[0].lower() != self.sleutelwoord.lower().encode():
            return None
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(FOUT_VORM)
        try:
            sleutel = kop[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(FOUT_VORM) from None
        token = token_voor_sleutel(sleutel)
        if token is None:
            raise exceptions.AuthenticationFailed(FOUT_ONGELDIGE_TOKEN)
        return token.gebruiker, token

    def authenticate_header(self, request):
        return self.sleutelwoord


class TokenAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = TokenAuthenticatie
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Schrijf `Token <sleutel>`; een sleutel maakt u met "
            "`python manage.py maak_token NAAM --gebruiker GEBRUIKER`.",
        }
