from django.urls import path

from rapportage.urls import CodeConverter  # noqa: F401 (registers the cbscode converter)

from . import views

urlpatterns = [
    path("stand/", views.StandView.as_view(), name="stand"),
    path("gemeenten/", views.GemeenteListView.as_view(), name="gemeente_list"),
    path("gemeenten/<cbscode:code>/", views.GemeenteView.as_view(), name="gemeente"),
    path("provincies/<cbscode:code>/", views.ProvincieView.as_view(), name="provincie"),
    path("maanden/", views.MaandListView.as_view(), name="maand_list"),
]
