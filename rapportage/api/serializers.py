"""The shapes the API answers with. The stand's shape is built from the column lists of
``rapportage.uitvoer`` (the ones ``stand --format json`` writes), so it has one home."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from rapportage.berekening import LANDELIJKE_KOLOMMEN
from rapportage.uitvoer import GEMEENTE_KOLOMMEN, PROVINCIE_KOLOMMEN

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
    return serializers.IntegerField(allow_null=True)


def _kolommen(naam: str, kolommen: list[str]) -> type[serializers.Serializer]:
    """A serializer class (one schema component) with a field for each column."""
    return type(naam, (serializers.Serializer,), {k: _veld(k) for k in kolommen})


LandelijkSerializer = _kolommen("Landelijk", LANDELIJKE_KOLOMMEN)
ProvincieRijSerializer = _kolommen("ProvincieRij", PROVINCIE_KOLOMMEN)
GemeenteRijSerializer = _kolommen("GemeenteRij", GEMEENTE_KOLOMMEN)
HalfjaarVerloopSerializer = _kolommen("HalfjaarVerloop", VERLOOP_KOLOMMEN)

StandSerializer = inline_serializer(
    "Stand",
    fields={
        "peildatum": serializers.DateField(),
        "halfjaar": serializers.CharField(help_text="Bijvoorbeeld 2017-I."),
        "maanden_verstreken": serializers.IntegerField(),
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
