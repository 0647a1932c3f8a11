"""The shapes the API answers with. The stand's shape is built from the column lists of
``rapportage.uitvoer`` (the ones ``stand --format json`` writes), so it has one home."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from rapportage.berekening import LANDELIJKE_KOLOMMEN
from rapportage.uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN
from realisatie.choices import Maandstatus

TEKST_KOLOMMEN = {
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "provinciecode",
    "status",
    "halfjaar",
}
VERLOOP_KOLOMMEN = [
    "halfjaar",
    "beginstand",
    "taakstelling",
    "te_huisvesten",
    "realisatie",
    "eindstand",
    "afgesloten",
    "gehaald",
]


def _veld(naam: str):
    if naam in TEKST_KOLOMMEN:
        return serializers.CharField(allow_null=naam == "status")
    if naam in ("afgesloten", "gehaald"):
        return serializers.BooleanField()
    if naam.startswith("percentage"):
        return serializers.FloatField(allow_null=True, help_text="Procent, één decimaal.")
    return serializers.IntegerField(allow_null=True)


def _kolommen(naam: str, kolommen: list[str]) -> type[serializers.Serializer]:
    """A serializer class (one schema component) with a field for each column."""
    return type(naam, (serializers.Serializer,), {k: _veld(k) for k in kolommen})


LandelijkSerializer = _kolommen("Landelijk", LANDELIJKE_KOLOMMEN)
ProvincieRijSerializer = _kolommen("ProvincieRij", PROVINCIE_KOLOMMEN)
GemeenteRijSerializer = _kolommen("GemeenteRij", GEMEENTE_KOLOMMEN)
HalfjaarVerloopSerializer = _kolommen("HalfjaarVerloop", VERLOOP_KOLOMMEN)


class StandMaandSerializer(serializers.Serializer):
    maand = serializers.CharField(help_text="JJJJ-MM")
    status = serializers.ChoiceField(choices=Maandstatus.choices)
    ingevoerd = serializers.IntegerField(help_text="Gemeenten met een cijfer.")
    verwacht = serializers.IntegerField(help_text="Gemeenten met een taakstelling.")


StandSerializer = inline_serializer(
    "Stand",
    fields={
        "peildatum": serializers.DateField(),
        "halfjaar": serializers.CharField(help_text="Bijvoorbeeld 2017-I."),
        "maanden_verstreken": serializers.IntegerField(),
        "voorlopig": serializers.BooleanField(
            help_text="Waar als een maand vóór de peildatum nog niet is vastgesteld (alleen "
            "platformmedewerkers krijgen zo'n peildatum)."
        ),
        "maanden": StandMaandSerializer(many=True, help_text="De maanden die de stand telt."),
        "landelijk": LandelijkSerializer(),
        "provincies": ProvincieRijSerializer(many=True),
        "gemeenten": GemeenteRijSerializer(many=True),
    },
)


class GemeenteSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code, bijvoorbeeld GM0363.")
    naam = serializers.CharField()
    provinciecode = serializers.CharField(source="provincie.code")
    provincie = serializers.CharField(source="provincie.naam")
    begindatum = serializers.DateField(allow_null=True, help_text="Leeg: bestond al.")
    einddatum = serializers.DateField(allow_null=True, help_text="Leeg: bestaat nog.")
    url = serializers.HyperlinkedIdentityField(
        view_name="api:gemeente", lookup_field="code", lookup_url_kwarg="code"
    )


class MaandcijferSerializer(serializers.Serializer):
    maand = serializers.CharField(help_text="JJJJ-MM")
    status = serializers.ChoiceField(choices=Maandstatus.choices)
    personen = serializers.IntegerField()
    alleenstaanden = serializers.IntegerField(allow_null=True)
    gezinsleden = serializers.IntegerField(allow_null=True)
    nareizigers = serializers.IntegerField(allow_null=True)


GemeenteDetailSerializer = inline_serializer(
    "GemeenteDetail",
    fields={
        "code": serializers.CharField(),
        "naam": serializers.CharField(),
        "provinciecode": serializers.CharField(),
        "provincie": serializers.CharField(),
        "begindatum": serializers.DateField(allow_null=True),
        "einddatum": serializers.DateField(allow_null=True),
        "peildatum": serializers.DateField(),
        "voorlopig": serializers.BooleanField(),
        "stand": GemeenteRijSerializer(
            allow_null=True, help_text="Leeg als de gemeente geen taakstelling heeft."
        ),
        "halfjaren": HalfjaarVerloopSerializer(many=True),
        "maanden": MaandcijferSerializer(many=True),
    },
)

ProvincieDetailSerializer = inline_serializer(
    "ProvincieDetail",
    fields={
        "code": serializers.CharField(),
        "naam": serializers.CharField(),
        "peildatum": serializers.DateField(),
        "totaal": ProvincieRijSerializer(allow_null=True),
        "gemeenten": GemeenteRijSerializer(many=True),
    },
)


class MaandSerializer(serializers.Serializer):
    """A month of the cycle. The fields after ``ingevoerd`` are for platform staff only."""

    maand = serializers.CharField(help_text="JJJJ-MM")
    status = serializers.ChoiceField(choices=Maandstatus.choices)
    verwacht = serializers.IntegerField(help_text="Gemeenten met een taakstelling.")
    ingevoerd = serializers.IntegerField(help_text="Gemeenten met een cijfer (een 0 telt mee).")
    ontbrekend = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Gemeentecodes zonder cijfer."
    )
    waarschuwingen = serializers.ListField(child=serializers.DictField(), required=False)
    vastgesteld_door = serializers.CharField(required=False, allow_null=True)
    vastgesteld_op = serializers.DateTimeField(required=False, allow_null=True)
    heropeningen = serializers.ListField(child=serializers.DictField(), required=False)
