from django.urls import include, path, register_converter

from taakstelling.models import GEMEENTECODE, PROVINCIECODE

from . import maand_views, views
from .rapport.urls import urlpatterns as rapport_urlpatterns


class CodeConverter:
    """CBS codes: GM0363, PV27. Anything else is not a page (404)."""

    regex = f"(?:{GEMEENTECODE}|{PROVINCIECODE})"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "cbscode")

app_name = "rapportage"
urlpatterns = [
    path("", views.ThuisView.as_view(), name="thuis"),
    path("landelijk/", views.StartView.as_view(), name="start"),
    path("gemeenten/", views.GemeenteListView.as_view(), name="gemeente_list"),
    path("gemeenten/<cbscode:code>/", views.GemeenteView.as_view(), name="gemeente"),
    path("provincies/<cbscode:code>/", views.ProvincieView.as_view(), name="provincie"),
    path("kaart/", views.KaartView.as_view(), name="kaart"),
    path(
        "grafieken/landelijk.svg",
        views.LandelijkeGrafiekView.as_view(),
        name="grafiek_landelijk",
    ),
    path(
        "grafieken/gemeenten/<cbscode:code>.svg",
        views.GemeenteGrafiekView.as_view(),
        name="grafiek_gemeente",
    ),
    path("maanden/", maand_views.MaandListView.as_view(), name="maand_list"),
    path("maanden/<str:maand>/", maand_views.MaandView.as_view(), name="maand"),
    path("openbaar/", include("rapportage.openbaar_urls")),
    *rapport_urlpatterns,
]
