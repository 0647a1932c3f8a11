from django.apps import AppConfig


class TaakstellingConfig(AppConfig):
    name = "taakstelling"
    verbose_name = "Taakstelling"

    def ready(self):
        from opnieuwthuis.cache import volg_wijzigingen

        from .models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling

        volg_wijzigingen(Provincie, Gemeente, Inwonertal, Halfjaar, Taakstelling, Startstand)
