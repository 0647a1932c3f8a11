from django.contrib import admin

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
)


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


class AlleenLezenAdmin(admin.ModelAdmin):
    """Written only through the services (pages and commands), which keep quotas and balances
    consistent; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Herindeling)
class HerindelingAdmin(AlleenLezenAdmin):
    list_display = ["datum", "van", "naar", "aandeel"]
    list_select_related = ["van", "naar"]


@admin.register(Uitwisseling)
class UitwisselingAdmin(AlleenLezenAdmin):
    list_display = ["halfjaar", "van", "naar", "personen", "toelichting"]
    list_select_related = ["halfjaar", "van", "naar"]


@admin.register(Herziening)
class HerzieningAdmin(AlleenLezenAdmin):
    list_display = ["halfjaar", "ingangsdatum", "landelijk_oud", "landelijk_nieuw"]
