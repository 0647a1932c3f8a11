from django import forms


class BerichtvoorkeurForm(forms.Form):
    maandbericht = forms.BooleanField(
        label="Stuur mij elke maand een bericht met de stand",
        required=False,
        help_text="Na het vaststellen van de cijfers van een maand, aan uw e-mailadres.",
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_maandbericht-hulp"}),
    )
