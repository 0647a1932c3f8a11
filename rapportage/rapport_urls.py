"""The progress report's URLs, included in ``rapportage.urls`` (namespace ``rapportage``)."""

from django.urls import path

from . import rapport_views

urlpatterns = [
    path("rapport/", rapport_views.RapportView.as_view(), name="rapport"),
    path(
        "rapport/pdf/", rapport_views.RapportDownloadView.as_view(formaat="pdf"), name="rapport_pdf"
    ),
    path(
        "rapport/xlsx/",
        rapport_views.RapportDownloadView.as_view(formaat="xlsx"),
        name="rapport_xlsx",
    ),
    path(
        "rapport/csv/", rapport_views.RapportDownloadView.as_view(formaat="csv"), name="rapport_csv"
    ),
    path(
        "rapport/grafiek.svg",
        rapport_views.RapportGrafiekView.as_view(),
        name="rapport_grafiek",
    ),
]
