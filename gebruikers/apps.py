from django.apps import AppConfig


class GebruikersConfig(AppConfig):
    name = "gebruikers"
    verbose_name = "Gebruikers"
