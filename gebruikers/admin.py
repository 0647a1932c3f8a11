from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "rol", "gemeente", "provincie", "is_active"]
    list_filter = ["rol", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Rol", {"fields": ["rol", "gemeente", "provincie"]}),)
