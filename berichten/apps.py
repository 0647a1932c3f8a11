from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "berichten"
    verbose_name = "Berichten"

    def ready(self):
        from realisatie.signals import maand_vastgesteld

        from .signalen import na_vaststellen

        maand_vastgesteld.connect(na_vaststellen, dispatch_uid="berichten-na-vaststellen")
