from rest_framework import serializers

from taakstelling.models import Halfjaar


class HalfjaarSerializer(serializers.ModelSerializer):
    label = serializers.CharField(help_text="Bijvoorbeeld 2017-I.")
    begindatum = serializers.DateField()
    einddatum = serializers.DateField()
    som_gemeenten = serializers.IntegerField(
        allow_null=True,
        help_text="De som van de taakstellingen van de gemeenten (bij naar boven afronden "
        "meestal hoger dan het landelijke aantal).",
    )
    aantal_gemeenten = serializers.IntegerField(help_text="Gemeenten met een taakstelling.")

    class Meta:
        model = Halfjaar
        fields = [
            "label",
            "jaar",
            "helft",
            "begindatum",
            "einddatum",
            "landelijke_taakstelling",
            "som_gemeenten",
            "aantal_gemeenten",
            "afrondingsmethode",
            "illustratief",
        ]
