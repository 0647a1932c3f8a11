from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Huisvesting, Opvangstand, Upload
from .services import volgende_versies


@admin.register(Huisvesting)
class HuisvestingAdmin(SimpleHistoryAdmin):
    list_display = ["gemeente", "maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers"]
    list_filter = ["maand"]
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__code"]
    readonly_fields = ["versie"]

    def save_model(self, request, obj, form, change):
        # Every change raises the version above any it ever had, so an entry screen opened before
        # this edit conflicts instead of overwriting it. A revert from the history (which saves
        # the old instance, old version included) and a figure added again after a delete count
        # as changes too. History (who, when) comes from the request middleware.
        huidig = Huisvesting.objects.filter(pk=obj.pk).values_list("versie", flat=True).first()
        volgende = volgende_versies({(obj.gemeente_id, obj.maand)})[(obj.gemeente_id, obj.maand)]
        obj.versie = max(volgende, (huidig or 0) + 1)
        super().save_model(request, obj, form, change)


@admin.register(Opvangstand)
class OpvangstandAdmin(SimpleHistoryAdmin):
    list_display = ["peildatum", "wachtend", "alleenstaand"]


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Read-only: uploads are confirmed and rolled back on their own pages, never edited."""

    list_display = ["pk", "bestandsnaam", "gebruiker", "aangemaakt", "status", "aantal_nieuw"]
    list_filter = ["status"]
    exclude = ["inhoud", "voor", "versies_voorbeeld", "versies_na"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
