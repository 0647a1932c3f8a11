from django.contrib import admin

from .models import Gemeente, Halfjaar, Inwonertal, Provincie, Startstand, Taakstelling


@admin.register(Provincie)
class ProvincieAdmin(admin.ModelAdmin):
    list_display = ["code", "naam"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "provincie", "begindatum", "einddatum"]
    list_filter = ["provincie"]
    search_fields = ["code", "naam"]


@admin.register(Inwonertal)
class InwonertalAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "peildatum", "aantal"]
    list_select_related = ["gemeente"]


@admin.register(Halfjaar)
class HalfjaarAdmin(admin.ModelAdmin):
    list_display = ["__str__", "landelijke_taakstelling", "afrondingsmethode", "illustratief"]


@admin.register(Taakstelling)
class TaakstellingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "halfjaar", "personen"]
    list_filter = ["halfjaar"]
    list_select_related = ["gemeente", "halfjaar"]
    search_fields = ["gemeente__naam", "gemeente__code"]


@admin.register(Startstand)
class StartstandAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "halfjaar", "personen"]
    list_select_related = ["gemeente", "halfjaar"]
