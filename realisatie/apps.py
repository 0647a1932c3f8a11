from django.apps import AppConfig


class RealisatieConfig(AppConfig):
    name = "realisatie"
    verbose_name = "Realisatie"

    def ready(self):
        from opnieuwthuis.cache import volg_wijzigingen

        from .models import Huisvesting, Opvangstand

        volg_wijzigingen(Huisvesting, Opvangstand)
