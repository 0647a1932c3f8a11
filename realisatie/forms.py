from django import forms
from django.core.exceptions import ValidationError

from opnieuwthuis.bestanden import FOUT_LEEG, MAX_AANTAL, parse_aantal

from .services import FOUT_ALLEENSTAAND_TE_VEEL, WAARDEVELDEN, uitsplitsing_fout

FOUT_GEEN_BESTAND = "Kies een bestand om te uploaden."


class AantalField(forms.IntegerField):
    """A count as Dutch people type it: 5282 or 5.282, whole and not negative.

    Django's localized IntegerField alone would read '1.5' as 15; this uses the same strict parser
    as the imports (digits with optional groups of three after a dot), so screen and file agree.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AANTAL)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_aantal(str(value), maximum=self.max_value)
        except ValueError as fout:
            raise ValidationError(str(fout), code="invalid") from None


class FoutAttributenMixin:
    """Marks invalid fields for assistive technology and links them to their message."""

    def markeer_fouten(self) -> None:
        for naam in self.errors:
            if naam in self.fields:
                self.fields[naam].widget.attrs.update(
                    {
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[naam].auto_id}-fout",
                    }
                )


class MaandcijferForm(FoutAttributenMixin, forms.Form):
    """One municipality's row on the entry screen. The hidden initial values say what the user
    saw, so only rows the user changed count as changed (not rows somebody else changed)."""

    personen = AantalField(label="Personen", show_hidden_initial=True)
    alleenstaanden = AantalField(label="Alleenstaanden", show_hidden_initial=True)
    gezinsleden = AantalField(label="Gezinsleden", show_hidden_initial=True)
    nareizigers = AantalField(label="Nareizigers", show_hidden_initial=True)
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if any(naam in self.errors for naam in WAARDEVELDEN):
            return data
        fout = uitsplitsing_fout(tuple(data.get(k) for k in WAARDEVELDEN))
        if fout:
            self.add_error(*fout)
        return data

    @property
    def gewijzigd(self) -> bool:
        return any(naam in self.changed_data for naam in WAARDEVELDEN)

    @property
    def waarden(self) -> tuple:
        return tuple(self.cleaned_data.get(k) for k in WAARDEVELDEN)


class UploadForm(FoutAttributenMixin, forms.Form):
    bestand = forms.FileField(
        label="Bestand (CSV of XLSX, hoogstens 5 MB)",
        error_messages={"required": FOUT_GEEN_BESTAND, "empty": FOUT_LEEG},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    blad = forms.CharField(
        label="Blad (alleen bij een werkmap met meer dan één blad met gegevens)",
        required=False,
        max_length=31,
    )

    def bladen_kiezen(self, bladen: list[str]) -> None:
        """After a workbook with several filled sheets: offer them as a choice."""
        veld = self.fields["blad"]
        veld.label = "Blad (kies het blad, en kies daarna het bestand opnieuw)"
        veld.widget = forms.Select(choices=[("", "Kies een blad"), *((b, b) for b in bladen)])


class OpvangstandForm(FoutAttributenMixin, forms.Form):
    peildatum = forms.DateField(
        label="Peildatum",
        help_text="Bijvoorbeeld 1-2-2017.",
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 1-2-2017."},
    )
    wachtend = AantalField(label="Vergunninghouders in de opvang", required=True)
    alleenstaand = AantalField(label="Van wie alleenstaand", required=True)

    def clean(self):
        data = super().clean()
        wachtend, alleenstaand = data.get("wachtend"), data.get("alleenstaand")
        if wachtend is not None and alleenstaand is not None and alleenstaand > wachtend:
            self.add_error(
                "alleenstaand",
                FOUT_ALLEENSTAAND_TE_VEEL.format(alleenstaand=alleenstaand, wachtend=wachtend),
            )
        return data
