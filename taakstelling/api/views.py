from django.db.models import Count, Sum
from rest_framework import generics

from taakstelling.models import Halfjaar

from .serializers import HalfjaarSerializer


class HalfjaarListView(generics.ListAPIView):
    """De halfjaren met het landelijke aantal, de som over de gemeenten en de afrondingsmethode."""

    serializer_class = HalfjaarSerializer

    def get_queryset(self):
        return Halfjaar.objects.annotate(
            som_gemeenten=Sum("taakstellingen__personen"),
            aantal_gemeenten=Count("taakstellingen"),
        ).order_by("jaar", "helft")
