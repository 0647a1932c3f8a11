from django.apps import AppConfig


def _na_wijziging(**_kwargs) -> None:
    """A committed change of figures: prepare the national report (rapportage/voorbereiden.py)."""
    from .voorbereiden import na_wijziging

    na_wijziging()


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Rapportage"

    def ready(self):
        from opnieuwthuis.signals import gegevens_gewijzigd

        gegevens_gewijzigd.connect(_na_wijziging, dispatch_uid="rapportage-voorbereiden")
