from django import forms

from opnieuwthuis.bestanden import MAX_AANTAL, melding_te_groot, parse_halfjaar

from .choices import Afrondingsmethode
from .models import Gemeente, Halfjaar
from .verdeling import METHODEN

TE_GROOT = {"max_value": melding_te_groot(MAX_AANTAL)}


class HalfjaarVeld(forms.CharField):
    """A half-year written as 2017-I or 2017-II; cleans to (jaar, helft)."""

    def to_python(self, value):
        tekst = super().to_python(value)
        if not tekst:
            return None
        try:
            return parse_halfjaar(tekst)
        except ValueError as fout:
            raise forms.ValidationError(str(fout)) from None

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return f"{value[0]}-{'I' if value[1] == 1 else 'II'}"
        return value


class VerdelingForm(forms.Form):
    halfjaar = HalfjaarVeld(label="Halfjaar", help_text="Bijvoorbeeld 2017-II.", max_length=10)
    landelijk = forms.IntegerField(
        label="Landelijke taakstelling",
        localize=True,
        min_value=0,
        max_value=MAX_AANTAL,
        error_messages=TE_GROOT,
        help_text="Bijvoorbeeld 10.000.",
    )
    methode = forms.ChoiceField(
        label="Methode",
        choices=[(m.value, m.label) for m in METHODEN],
        initial=Afrondingsmethode.WETTELIJK,
        widget=forms.RadioSelect,
    )
    inwoners_peildatum = forms.DateField(
        label="Inwonertal op (optioneel)",
        required=False,
        help_text="Standaard 1 januari van het jaar vóór het halfjaar (art. 29). Schrijf 2016-01-01.",
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )
    vanaf = forms.DateField(
        label="Herziening vanaf (optioneel)",
        required=False,
        help_text="Alleen bij een herziening tijdens het halfjaar: de datum waarop de nieuwe "
        "taakstellingen ingaan. Schrijf 2019-03-26.",
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class UitwisselingForm(forms.Form):
    halfjaar = forms.ModelChoiceField(label="Halfjaar", queryset=Halfjaar.objects.all())
    van = forms.ModelChoiceField(
        label="Van gemeente (huisvest minder)", queryset=Gemeente.objects.order_by("naam")
    )
    naar = forms.ModelChoiceField(
        label="Naar gemeente (huisvest meer)", queryset=Gemeente.objects.order_by("naam")
    )
    personen = forms.IntegerField(
        label="Aantal personen",
        localize=True,
        min_value=1,
        max_value=MAX_AANTAL,
        error_messages=TE_GROOT,
    )
    toelichting = forms.CharField(label="Toelichting (optioneel)", required=False, max_length=300)


class HerindelingenUploadForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand met herindelingen (CSV of XLSX)",
        help_text="Kolommen: datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;"
        "naar_provincie;aandeel.",
    )
