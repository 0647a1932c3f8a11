from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Gebruiker
from .services import _koppeling, rol_toepassen
from .tokens import FOUT_INACTIEF, FOUT_NAAM_BEZET, token_intrekken, token_maken


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


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["naam", "gebruiker"]

    def clean(self):
        gegevens = super().clean()
        naam, gebruiker = gegevens.get("naam"), gegevens.get("gebruiker")
        if naam and ApiToken.objects.filter(naam=naam, ingetrokken_op__isnull=True).exists():
            self.add_error("naam", FOUT_NAAM_BEZET.format(naam=naam))
        if gebruiker and not gebruiker.is_active:
            self.add_error("gebruiker", FOUT_INACTIEF.format(naam=gebruiker.username))
        return gegevens


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Platform staff make and revoke API tokens here. The key is shown once, right after it is
    made (only its hash is stored); a token is never edited, only revoked."""

    list_display = ["naam", "gebruiker", "voorvoegsel", "aangemaakt", "laatst_gebruikt", "geldig"]
    list_filter = [("ingetrokken_op", admin.EmptyFieldListFilter)]
    list_select_related = ["gebruiker"]
    search_fields = ["naam", "gebruiker__username", "voorvoegsel"]
    actions = ["intrekken"]
    form = ApiTokenForm
    fields = ["naam", "gebruiker"]
    readonly_fields_wijzigen = [
        "naam",
        "gebruiker",
        "voorvoegsel",
        "aangemaakt",
        "laatst_gebruikt",
        "ingetrokken_op",
    ]

    @admin.display(boolean=True, description="geldig")
    def geldig(self, obj):
        return obj.geldig

    def get_fields(self, request, obj=None):
        return self.readonly_fields_wijzigen if obj else self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields_wijzigen if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        # The form checked what token_maken refuses, so this does not raise.
        token, sleutel = token_maken(
            naam=obj.naam, gebruiker=obj.gebruiker, door=request.user.get_username()
        )
        obj.pk, obj.sleutel_hash, obj.voorvoegsel = token.pk, token.sleutel_hash, token.voorvoegsel
        obj.aangemaakt = token.aangemaakt
        messages.warning(
            request,
            f"De sleutel van token {token.naam} is: {sleutel} — bewaar hem nu, hij wordt niet "
            "nog eens getoond.",
        )

    def delete_model(self, request, obj):
        token_intrekken(token=obj, door=request.user.get_username())

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the token stays as a record of who had access

    @admin.action(description="Geselecteerde tokens intrekken")
    def intrekken(self, request, queryset):
        for token in queryset.filter(ingetrokken_op__isnull=True).select_related("gebruiker"):
            token_intrekken(token=token, door=request.user.get_username())
        messages.success(request, "De geselecteerde tokens zijn ingetrokken.")
