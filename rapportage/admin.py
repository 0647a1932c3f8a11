from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LandelijkHalfjaar


@admin.register(LandelijkHalfjaar)
class LandelijkHalfjaarAdmin(SimpleHistoryAdmin):
    """Platform staff correct the national-only half-years here (the import is
    ``importeer_landelijke_cijfers``); every change is kept in the history."""

    list_display = ["label", "taakstelling", "gecorrigeerde_taakstelling", "realisatie", "bron"]
