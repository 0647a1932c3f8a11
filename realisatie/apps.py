from django.apps import AppConfig


class RealisatieConfig(AppConfig):
    name = "realisatie"
    verbose_name = "Realisatie"
