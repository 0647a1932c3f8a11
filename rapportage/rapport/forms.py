"""The form on which platform staff write the letter's words for one report."""

from django import forms

from .brief import TEKSTVELDEN, TITELS

HULP_TEKST = (
    "Alinea's scheidt u met een lege regel. Een regel die met '- ' begint is een opsommingsteken, "
    "met '1. ' een genummerde lijst. *schuin*, **vet**, [tekst](https://adres) of een los "
    "https://adres voor een link."
)


class RapporttekstForm(forms.Form):
    aan = forms.CharField(
        label="Aan", widget=forms.Textarea(attrs={"rows": 2}), max_length=500, required=False
    )
    plaats = forms.CharField(label="Plaats", max_length=100, required=False)
    briefdatum = forms.DateField(
        label="Datum van de brief",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leeg: de datum van publiceren.",
    )
    betreft = forms.CharField(label="Betreft", max_length=200, required=False)
    aanhef = forms.CharField(label="Aanhef", max_length=200, required=False)
    ondertekenaar = forms.CharField(label="Ondertekenaar", max_length=200, required=False)
    functie = forms.CharField(label="Functie", max_length=200, required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for sleutel in TEKSTVELDEN:
            self.fields[f"tekst_{sleutel}"] = forms.CharField(
                label=TITELS[sleutel],
                widget=forms.Textarea(attrs={"rows": 6}),
                max_length=20_000,
                required=False,
                help_text=HULP_TEKST if sleutel == "inleiding" else "",
            )

    def clean(self):
        data = super().clean()
        data["teksten"] = {
            sleutel: data.pop(f"tekst_{sleutel}", "").strip() for sleutel in TEKSTVELDEN
        }
        data["teksten"] = {k: v for k, v in data["teksten"].items() if v}
        return data

    def tekstvelden(self):
        return [self[f"tekst_{sleutel}"] for sleutel in TEKSTVELDEN]
