"""Errors whose message is meant for the person who asked (Dutch, shown on the error page)."""

from django.http import Http404


class Melding404(Http404):
    """A 404 that tells why: 'De cijfers op 1 maart 2017 zijn nog niet definitief: …'. Django's
    own 404s (English, technical) are never shown; this one's text is."""
