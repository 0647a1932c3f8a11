from django.apps import AppConfig


class TaakstellingConfig(AppConfig):
    name = "taakstelling"
    verbose_name = "Taakstelling"

    def ready(self):
        from opnieuwthuis.cache import volg_wijzigingen

        from .models import (
            Gemeente,
            Halfjaar,
            Herindeling,
            Herziening,
            Inwonertal,
            Provincie,
            Startstand,
            Taakstelling,
            Uitwisseling,
            VervangenTaakstelling,
        )

        volg_wijzigingen(
            Provincie,
            Gemeente,
            Inwonertal,
            Halfjaar,
            Taakstelling,
            Startstand,
            Herindeling,
            Uitwisseling,
            Herziening,
            VervangenTaakstelling,
        )
