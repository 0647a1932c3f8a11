from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Rapportage"

    def ready(self):
        from opnieuwthuis.cache import volg_wijzigingen

        from .models import LandelijkHalfjaar

        # The national-only half-years are figures the report shows: a change makes it new.
        volg_wijzigingen(LandelijkHalfjaar)
