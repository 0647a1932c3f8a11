from django.contrib import admin

from .models import Ladderstap, Oordeel


class _AlleenLezen(admin.ModelAdmin):
    """The record is written on the supervision page (toezicht.services), which checks who may
    and keeps the ladder's order; the admin shows it and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Oordeel)
class OordeelAdmin(_AlleenLezen):
    list_display = ["gemeente", "halfjaar", "voorstel_gehaald", "gehaald", "door", "vastgelegd_op"]
    list_filter = ["halfjaar", "gehaald", "gemeente__provincie"]
    list_select_related = ["gemeente", "halfjaar", "door"]
    search_fields = ["gemeente__naam", "gemeente__code"]


@admin.register(Ladderstap)
class LadderstapAdmin(_AlleenLezen):
    list_display = ["gemeente", "soort", "datum", "door", "vastgelegd_op"]
    list_filter = ["soort", "gemeente__provincie"]
    list_select_related = ["gemeente", "door"]
    search_fields = ["gemeente__naam", "gemeente__code"]
