from django.urls import path

from . import views

app_name = "realisatie"
urlpatterns = [
    path("maandcijfers/", views.MaandInvoerView.as_view(), name="huisvesting_edit"),
    path("uploads/", views.UploadListView.as_view(), name="upload_list"),
    path("uploads/nieuw/", views.UploadToevoegenView.as_view(), name="upload_add"),
    path("uploads/<int:pk>/", views.UploadDetailView.as_view(), name="upload"),
    path(
        "uploads/<int:pk>/bevestigen/",
        views.UploadActieView.as_view(actie="toepassen"),
        name="upload_toepassen",
    ),
    path(
        "uploads/<int:pk>/terugdraaien/",
        views.UploadActieView.as_view(actie="terugdraaien"),
        name="upload_terugdraaien",
    ),
    path("opvang/", views.OpvangstandView.as_view(), name="opvangstand_list"),
    path(
        "gemeenten/<str:code>/geschiedenis/",
        views.GemeenteGeschiedenisView.as_view(),
        name="gemeente_history",
    ),
    path("wijzigingen/", views.WijzigingListView.as_view(), name="wijziging_list"),
]
