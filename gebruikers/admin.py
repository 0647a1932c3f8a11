from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Gebruiker
from .services import _koppeling, rol_toepassen


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    """Platform staff manage users here. Roles are set with the role field; the group follows it,
    so group and permission fields are not offered."""

    list_display = ["username", "email", "rol", "gemeente", "provincie", "is_active", "last_login"]
    list_filter = ["rol", "is_active"]
    list_select_related = ["gemeente", "provincie"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "email")}),
        ("Rol", {"fields": ("rol", "gemeente", "provincie", "is_active")}),
        ("Datums", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "email",
                    "password1",
                    "password2",
                    "rol",
                    "gemeente",
                    "provincie",
                )
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        oud = _koppeling(Gebruiker.objects.get(pk=obj.pk)) if change else None
        obj.is_staff = obj.rol == "platform"
        super().save_model(request, obj, form, change)
        rol_toepassen(gebruiker=obj, oud=oud, door=request.user.get_username())
