from django.contrib import admin

from .models import Huisvesting, Opvangstand


@admin.register(Huisvesting)
class HuisvestingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers"]
    list_filter = ["maand"]
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__code"]


@admin.register(Opvangstand)
class OpvangstandAdmin(admin.ModelAdmin):
    list_display = ["peildatum", "wachtend", "alleenstaand"]
