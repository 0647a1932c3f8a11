from django.apps import AppConfig


class ToezichtConfig(AppConfig):
    name = "toezicht"
    verbose_name = "Toezicht"
