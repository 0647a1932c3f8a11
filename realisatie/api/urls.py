from django.urls import path

from . import views

urlpatterns = [
    path("realisatie/", views.AanleveringListView.as_view(), name="aanlevering_list"),
    path("realisatie/<int:pk>/", views.AanleveringView.as_view(), name="aanlevering"),
]
