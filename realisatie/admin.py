from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .choices import Bron
from .maandcyclus import vastgestelde_maanden
from .models import (
    Correctie,
    Heropening,
    Huisvesting,
    Maand,
    Opvangstand,
    Upload,
    Waarschuwingsakkoord,
)
from .services import WAARDEVELDEN, Cijferregels, Invoer, huisvestingen_invoeren

FOUT_REDEN_VEREIST = "Deze maand is vastgesteld: geef de reden van de correctie."
FOUT_MAAND_EERSTE_DAG = "Een maand is de eerste dag van de maand."


class HuisvestingAdminForm(forms.ModelForm):
    """Checked by the very rules of every other way in (``Cijferregels``), and a change of a
    closed month needs a reason, as on the grid."""

    correctiereden = forms.CharField(
        label="Reden van de correctie",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht als de maand al is vastgesteld.",
    )

    class Meta:
        model = Huisvesting
        fields = ["gemeente", "maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers"]

    def clean(self):
        cleaned = super().clean()
        gemeente = cleaned.get("gemeente") or getattr(self.instance, "gemeente", None)
        maand = cleaned.get("maand") or self.instance.maand
        if not gemeente or not maand or self.errors:
            return cleaned
        if maand.day != 1:
            self.add_error("maand", FOUT_MAAND_EERSTE_DAG)
            return cleaned
        waarden = tuple(cleaned.get(k) for k in WAARDEVELDEN)
        for veld, melding in Cijferregels().fouten(gemeente, maand, waarden):
            self.add_error(veld if veld in self.fields else None, melding)
        if maand in vastgestelde_maanden() and not cleaned.get("correctiereden", "").strip():
            self.add_error("correctiereden", FOUT_REDEN_VEREIST)
        return cleaned


@admin.register(Huisvesting)
class HuisvestingAdmin(SimpleHistoryAdmin):
    """Writes through ``huisvestingen_invoeren``, the service of the grid: the same checks,
    version, audit and corrections. Removing a figure is done on the grid (an empty total)."""

    form = HuisvestingAdminForm
    list_display = ["gemeente", "maand", "personen", "alleenstaanden", "gezinsleden", "nareizigers"]
    list_filter = ["maand"]
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__code"]
    readonly_fields = ["versie"]

    def get_readonly_fields(self, request, obj=None):
        # The key of a figure never changes: another municipality or month is another figure.
        return ["gemeente", "maand", "versie"] if obj is not None else ["versie"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        huidig = (
            Huisvesting.objects.filter(gemeente=obj.gemeente, maand=obj.maand)
            .values_list("versie", flat=True)
            .first()
        )
        huisvestingen_invoeren(
            invoer=[
                Invoer(
                    gemeente=obj.gemeente,
                    maand=obj.maand,
                    waarden=tuple(getattr(obj, k) for k in WAARDEVELDEN),
                    versie=huidig or 0,
                )
            ],
            gebruiker=request.user,
            reden=form.cleaned_data.get("correctiereden", ""),
            bron=Bron.BEHEER,
        )
        opgeslagen = Huisvesting.objects.get(gemeente=obj.gemeente, maand=obj.maand)
        obj.pk, obj.versie = opgeslagen.pk, opgeslagen.versie


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


class AlleenLezen(admin.ModelAdmin):
    """The monthly cycle's records are written by its services only (closing, reopening,
    corrections); the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Maand)
class MaandAdmin(AlleenLezen):
    list_display = ["maand", "status", "vastgesteld_door", "vastgesteld_op"]
    list_filter = ["status"]


@admin.register(Heropening)
class HeropeningAdmin(AlleenLezen):
    list_display = ["maand", "reden", "door", "op"]


@admin.register(Waarschuwingsakkoord)
class WaarschuwingsakkoordAdmin(AlleenLezen):
    list_display = ["maand", "gemeente", "regel", "door", "op"]
    list_filter = ["regel"]


@admin.register(Correctie)
class CorrectieAdmin(AlleenLezen):
    list_display = ["gemeente", "maand", "oud", "nieuw", "reden", "bron", "op"]
    list_filter = ["bron", "maand"]
    list_select_related = ["gemeente"]
