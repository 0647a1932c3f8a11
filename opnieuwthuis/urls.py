from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Opnieuw Thuis – beheer"
admin.site.site_title = "Opnieuw Thuis"

urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("taakstelling/", include("taakstelling.urls")),
    path("gezond/", views.gezond, name="gezond"),
    path("ping/", views.PingView.as_view(), name="ping"),
    path("realisatie/", include("realisatie.urls")),
    path("api/v1/", include(("opnieuwthuis.api.urls", "api"))),
    path("toezicht/", include("toezicht.urls")),
    path("", include("berichten.urls")),
    path("", include("rapportage.urls")),
]
handler404 = "opnieuwthuis.views.niet_gevonden"
