from django.apps import AppConfig


class GebruikersConfig(AppConfig):
    name = "gebruikers"
    verbose_name = "Gebruikers"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from opnieuwthuis import logboek

        user_logged_in.connect(logboek.bij_inloggen, dispatch_uid="log-inloggen")
        user_logged_out.connect(logboek.bij_uitloggen, dispatch_uid="log-uitloggen")
        user_login_failed.connect(logboek.bij_mislukt_inloggen, dispatch_uid="log-mislukt")
