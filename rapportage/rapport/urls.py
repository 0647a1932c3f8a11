"""The progress report's URLs, included in ``rapportage.urls`` (namespace ``rapportage``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rapport/", views.RapportView.as_view(), name="rapport"),
    path("rapport/pdf/", views.RapportDownloadView.as_view(formaat="pdf"), name="rapport_pdf"),
    path("rapport/xlsx/", views.RapportDownloadView.as_view(formaat="xlsx"), name="rapport_xlsx"),
    path("rapport/csv/", views.RapportDownloadView.as_view(formaat="csv"), name="rapport_csv"),
    path("rapport/grafiek.svg", views.RapportGrafiekView.as_view(), name="rapport_grafiek"),
    path("rapport/tekst/", views.RapporttekstView.as_view(), name="rapport_tekst"),
    path("rapport/publiceren/", views.RapportPublicerenView.as_view(), name="rapport_publiceren"),
    path("rapport/archief/", views.ArchiefView.as_view(), name="rapport_archief"),
    path(
        "rapport/archief/<int:pk>/<str:formaat>/",
        views.ArchiefDownloadView.as_view(),
        name="rapport_archief_bestand",
    ),
]
