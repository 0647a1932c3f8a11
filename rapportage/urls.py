from django.urls import path

from . import views
from .rapport_urls import urlpatterns as rapport_urlpatterns

app_name = "rapportage"
urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    *rapport_urlpatterns,
]
