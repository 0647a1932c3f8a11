"""Version 1 of the API, mounted at /api/v1/ (URL names ``api:…``). Each app brings its routes
from its own ``api/urls.py``; the schema and its documentation are served beside them."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

FOUT_ONBEKENDE_ROUTE = "Deze route bestaat niet; zie /api/v1/docs/ voor wat er is."


class OnbekendeRoute(APIView):
    """Anything under /api/v1/ that is not a route: a 404 as problem details, not an HTML page."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound(FOUT_ONBEKENDE_ROUTE)

    post = put = patch = delete = get


class Documentatie(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar (our own static files: no CDN, strict CSP);
    the page template is ours (Dutch, no inline style)."""

    permission_classes = [AllowAny]
    url_name = "api:schema"


urlpatterns = [
    path("", include("rapportage.api.urls")),
    path("", include("taakstelling.api.urls")),
    path("", include("realisatie.api.urls")),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", Documentatie.as_view(), name="docs"),
    re_path(r"^.*$", OnbekendeRoute.as_view()),
]
