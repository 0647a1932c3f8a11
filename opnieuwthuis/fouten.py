"""Errors whose message is meant for the person who asked (Dutch, shown on the error page)."""

from django.http import Http404


class Melding404(Http404):
    """A 404 that tells why: 'De cijfers op 1 maart 2017 zijn nog niet definitief: …'. Django's
    own 404s (English, technical) are never shown; this one's text is."""


class MeldingMiddleware:
    """Answers a ``Melding404`` with the project's Dutch 404 page, also with DEBUG on (where
    Django would show its English technical page): a refused provisional peildatum is an answer
    to the user, not a developer's error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Melding404):
            return pagina_niet_gevonden(request, str(exception))
        return None


def pagina_niet_gevonden(request, melding: str = ""):
    """The Dutch 404 page, with the reason when there is one meant for people."""
    from django.shortcuts import render

    return render(request, "404.html", {"melding": melding}, status=404)
