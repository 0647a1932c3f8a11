from django.urls import path

from . import views

app_name = "berichten"
urlpatterns = [
    path("profiel/", views.ProfielView.as_view(), name="profiel"),
    path("berichten/", views.MaandberichtListView.as_view(), name="maandbericht_list"),
]
