from django.urls import path

from . import views

app_name = "taakstelling"
urlpatterns = [
    path("", views.HalfjaarListView.as_view(), name="halfjaar_list"),
    path("verdelen/", views.VerdelingView.as_view(), name="verdeling_add"),
    path("uitwisselingen/", views.UitwisselingView.as_view(), name="uitwisseling_list"),
    path("herindelingen/", views.HerindelingView.as_view(), name="herindeling_list"),
    path("gemeenten/<str:code>/", views.GemeenteView.as_view(), name="gemeente"),
]
