"""The two forms of the supervision page. They only parse; the services decide (and word the
errors that matter: a missing note, a step down the ladder, a date in the future)."""

from django import forms

from .choices import Stapsoort

DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d %m %Y"]


class _Form(forms.Form):
    """Both forms sit on one page: a prefix keeps their ids apart, and each help text is tied to
    its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            if veld.help_text:
                veld.widget.attrs["aria-describedby"] = f"id_{self.add_prefix(naam)}-hulp"


class OordeelForm(_Form):
    prefix = "oordeel"
    halfjaar = forms.ChoiceField(label="Halfjaar")
    gehaald = forms.TypedChoiceField(
        label="Oordeel van de provincie",
        choices=[("ja", "Gehaald"), ("nee", "Niet gehaald")],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text="Verplicht. Waarop berust het oordeel? Wijkt het af van het voorstel, zeg waarom.",
    )

    def __init__(self, *args, halfjaren: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["halfjaar"].choices = halfjaren


class LadderstapForm(_Form):
    prefix = "stap"
    soort = forms.ChoiceField(label="Stap", choices=Stapsoort.choices)
    datum = forms.DateField(
        label="Datum van de stap",
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="De dag waarop de stap is gezet, bijvoorbeeld de datum van de brief.",
        error_messages={"invalid": "Schrijf een datum als 2017-03-15 of 15-03-2017."},
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text="Verplicht. Bijvoorbeeld: kenmerk van de brief, gestelde termijn, afspraken.",
    )

    def __init__(self, *args, stappen: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Every step parses, so the service can say why one is not possible now; the menu offers
        # only those that are.
        self.fields["soort"].widget.choices = [(s, Stapsoort(s).label) for s in stappen]
