from rest_framework import generics

from taakstelling import selectors

from .serializers import HalfjaarSerializer


class HalfjaarListView(generics.ListAPIView):
    """De halfjaren met het landelijke aantal, de som over de gemeenten en de afrondingsmethode."""

    serializer_class = HalfjaarSerializer

    def get_queryset(self):
        return selectors.halfjaren_met_sommen()
