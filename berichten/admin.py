from django.contrib import admin

from .models import Berichtvoorkeur, Maandbericht


@admin.register(Maandbericht)
class MaandberichtAdmin(admin.ModelAdmin):
    """What was sent is kept as sent: the admin shows it and changes nothing."""

    list_display = ["maand", "gebruiker", "rol", "adres", "onderwerp", "verzonden_op"]
    list_filter = ["maand", "rol"]
    list_select_related = ["gebruiker"]
    search_fields = ["gebruiker__username", "adres", "onderwerp"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Berichtvoorkeur)
class BerichtvoorkeurAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "maandbericht", "gewijzigd_op"]
    list_filter = ["maandbericht"]
