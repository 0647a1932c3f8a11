"""The public pages (rapportage/openbaar_views.py), mounted at /openbaar/ in the rapportage namespace."""

from django.urls import path

from . import openbaar_views as openbaar

urlpatterns = [
    path("", openbaar.landelijk, name="openbaar"),
    path("gemeenten/", openbaar.gemeente_list, name="openbaar_gemeente_list"),
    path("gemeenten/<cbscode:code>/", openbaar.gemeente_view, name="openbaar_gemeente"),
    path("provincies/<cbscode:code>/", openbaar.provincie_view, name="openbaar_provincie"),
    path("kaart/", openbaar.kaart_view, name="openbaar_kaart"),
]
