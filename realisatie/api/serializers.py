from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from realisatie.models import Upload


class AanleveringRegelSerializer(serializers.Serializer):
    gemeentecode = serializers.CharField(help_text="GM0363, 0363 of 363.")
    personen = serializers.IntegerField(min_value=0, max_value=100_000)
    alleenstaanden = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    gezinsleden = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    nareizigers = serializers.IntegerField(required=False, allow_null=True, min_value=0)


AanleveringInvoerSerializer = inline_serializer(
    "AanleveringInvoer",
    fields={
        "maand": serializers.CharField(help_text="JJJJ-MM, bijvoorbeeld 2017-02."),
        "regels": AanleveringRegelSerializer(many=True),
        "reden": serializers.CharField(
            allow_null=True,
            required=False,
            help_text="Verplicht als de maand al is vastgesteld (een correctie).",
        ),
    },
)


class AanleveringSerializer(serializers.ModelSerializer):
    """A delivery as the upload log keeps it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:aanlevering")
    maand = serializers.DateField(format="%Y-%m", allow_null=True)
    gebruiker = serializers.CharField(source="gebruiker.username")
    nieuw = serializers.IntegerField(source="aantal_nieuw")
    gewijzigd = serializers.IntegerField(source="aantal_gewijzigd")
    ongewijzigd = serializers.IntegerField(source="aantal_ongewijzigd")
    regels = serializers.IntegerField(source="aantal_rijen")

    class Meta:
        model = Upload
        fields = [
            "id",
            "url",
            "maand",
            "status",
            "gebruiker",
            "aangemaakt",
            "toegepast_op",
            "regels",
            "nieuw",
            "gewijzigd",
            "ongewijzigd",
            "checksum",
        ]


class AanleveringDetailSerializer(AanleveringSerializer):
    inhoud = serializers.SerializerMethodField()

    class Meta(AanleveringSerializer.Meta):
        fields = [*AanleveringSerializer.Meta.fields, "inhoud"]

    @extend_schema_field(AanleveringRegelSerializer(many=True))
    def get_inhoud(self, upload) -> list[dict]:
        from realisatie.aanlevering import aanlevering_regels

        return aanlevering_regels(upload)
