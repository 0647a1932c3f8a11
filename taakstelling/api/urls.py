from django.urls import path

from . import views

urlpatterns = [
    path("halfjaren/", views.HalfjaarListView.as_view(), name="halfjaar_list"),
]
