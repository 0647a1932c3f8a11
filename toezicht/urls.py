from django.urls import path

from . import views

app_name = "toezicht"
urlpatterns = [
    path("gemeenten/<str:code>/", views.GemeenteToezichtView.as_view(), name="gemeente"),
    path("gemeenten/<str:code>/oordelen/", views.OordeelAddView.as_view(), name="oordeel_add"),
    path("gemeenten/<str:code>/stappen/", views.LadderstapAddView.as_view(), name="ladderstap_add"),
]
