"""The access matrix, built from the URL configuration itself.

Every named URL of the project must have an entry in MATRIX: a list of cases, each with the URL's
arguments (from the test world), the method, and the status each role gets. A URL without an entry
fails ``test_every_url_is_in_the_matrix``. Outside a user's scope the answer is 404; writing is
refused (403) to every role but platform staff; anonymous users go to the login page.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gebruikers.choices import Rol
from tests.factories import maak_gebruikers, maak_wereld

pytestmark = pytest.mark.django_db

ROLLEN = ["anoniem", Rol.PLATFORM, Rol.MINISTERIE, Rol.PROVINCIE, Rol.GEMEENTE, "andere_gemeente"]
LOGIN = "login"  # expected: a redirect to the login page

# Shorthands for the usual rows.
IEDEREEN = {r: 200 for r in ROLLEN}
INGELOGD = {"anoniem": LOGIN, **{r: 200 for r in ROLLEN[1:]}}
ALLEEN_PLATFORM = {"anoniem": LOGIN, Rol.PLATFORM: 200, **{r: 403 for r in ROLLEN[2:]}}


@dataclass
class Geval:
    verwacht: dict
    kwargs: object = field(default_factory=dict)  # dict, or callable(wereld) -> dict
    methode: str = "get"
    data: object = None
    query: str = ""
    api: bool = False  # an API route: token clients, and anonymous with the public switch off


def gemeente_kwargs(sleutel):
    return lambda w: {"code": w[sleutel].code}


def provincie_kwargs(sleutel):
    return lambda w: {"code": w[sleutel].provincie.code}


def scope(*, platform=200, ministerie=200, provincie=200, gemeente=200, andere=200):
    return {
        "anoniem": LOGIN,
        Rol.PLATFORM: platform,
        Rol.MINISTERIE: ministerie,
        Rol.PROVINCIE: provincie,
        Rol.GEMEENTE: gemeente,
        "andere_gemeente": andere,
    }


# The official's own municipality (GM0001, PV20), a neighbour in the same province (GM0003) and a
# municipality elsewhere (GM0002, PV21), where the "other official" works.
EIGEN = scope(andere=404)
BUUR = scope(gemeente=404, andere=404)
ELDERS = scope(provincie=404, gemeente=404)
NIEMAND = scope(platform=404, ministerie=404, provincie=404, gemeente=404, andere=404)


def per_gemeente():
    return [
        Geval(EIGEN, gemeente_kwargs("eigen")),
        Geval(BUUR, gemeente_kwargs("buur")),
        Geval(ELDERS, gemeente_kwargs("elders")),
        Geval(NIEMAND, {"code": "GM9999"}),
    ]


def _archief(gebied: str, formaat: str):
    """A published report of an area of the test world (its files are stand-ins: only who may
    fetch them is tested here; tests/rapportage/test_rapport_archief.py publishes real ones)."""

    def kwargs(w):
        from datetime import date

        from django.utils import timezone

        from rapportage.models import GepubliceerdRapport
        from taakstelling.models import Gemeente, Provincie

        gemeente = Gemeente.objects.filter(code=gebied).select_related("provincie").first()
        provincie = (
            gemeente.provincie if gemeente else Provincie.objects.filter(code=gebied).first()
        )
        bestanden = {f: f"{gebied} {f}".encode() for f in GepubliceerdRapport.FORMATEN}
        rij = GepubliceerdRapport.objects.filter(gebied=gebied).first()
        rij = rij or GepubliceerdRapport.objects.create(
            peildatum=date(2017, 2, 1),
            gebied=gebied,
            gebied_naam=gemeente.naam if gemeente else gebied,
            provincie=provincie,
            gemeente=gemeente,
            gegevensversie="test",
            door_naam="platform",
            gepubliceerd_op=timezone.now(),
            **bestanden,
            **{f"{f}_sha256": "0" * 64 for f in bestanden},
        )
        return {"pk": rij.pk, "formaat": formaat}

    return kwargs


def toezicht_schrijven():
    """A form of the supervision page, posted empty: a writer in scope gets the form back (400),
    a reader in scope 403, anyone outside 404."""
    post = {"methode": "post", "data": {}}
    return [
        Geval(
            scope(platform=400, provincie=400, ministerie=403, gemeente=403, andere=404),
            gemeente_kwargs("eigen"),
            **post,
        ),
        Geval(
            scope(platform=400, provincie=400, ministerie=403, gemeente=404, andere=404),
            gemeente_kwargs("buur"),
            **post,
        ),
        Geval(
            scope(platform=400, provincie=404, ministerie=403, gemeente=404, andere=403),
            gemeente_kwargs("elders"),
            **post,
        ),
        Geval(NIEMAND, {"code": "GM9999"}, **post),
    ]


MATRIX: dict[str, list[Geval]] = {
    "login": [Geval(IEDEREEN)],
    "logout": [Geval({r: 302 for r in ROLLEN}, methode="post")],
    "gezond": [Geval(IEDEREEN)],
    "ping": [Geval(INGELOGD)],
    # Issue 3: reading half-years is open to every role; distributing, exchanges and
    # reorganisations are platform work; a municipality's page is scoped.
    "taakstelling:halfjaar_list": [Geval(INGELOGD)],
    "taakstelling:verdeling_add": [Geval(ALLEEN_PLATFORM), Geval(ALLEEN_PLATFORM, methode="post")],
    "taakstelling:uitwisseling_list": [
        Geval(ALLEEN_PLATFORM),
        Geval(ALLEEN_PLATFORM, methode="post"),
    ],
    "taakstelling:herindeling_list": [
        Geval(ALLEEN_PLATFORM),
        Geval(ALLEEN_PLATFORM, methode="post"),
    ],
    "taakstelling:gemeente": per_gemeente(),
    # Issue 15: "/" sends each role to where its work is (test_landing.py checks where).
    "rapportage:thuis": [Geval({"anoniem": LOGIN, **{r: 302 for r in ROLLEN[1:]}})],
    "rapportage:start": [
        Geval(INGELOGD),
        Geval({"anoniem": LOGIN, **{r: 404 for r in ROLLEN[1:]}}, query="?peildatum=2031-01-01"),
        # Issue 11: February 2017 is open, so 1 March 2017 is provisional: platform staff only.
        Geval(
            scope(ministerie=404, provincie=404, gemeente=404, andere=404),
            query="?peildatum=2017-03-01",
        ),
    ],
    # Issue 11: the monthly cycle is platform work; closing an incomplete month is refused (400).
    "rapportage:maand_list": [Geval(ALLEEN_PLATFORM)],
    "rapportage:maand": [
        Geval(ALLEEN_PLATFORM, {"maand": "2017-01"}),
        Geval({**ALLEEN_PLATFORM, Rol.PLATFORM: 400}, {"maand": "2017-02"}, methode="post"),
        Geval({**ALLEEN_PLATFORM, Rol.PLATFORM: 404}, {"maand": "2031-01"}),
    ],
    "rapportage:gemeente_list": [
        Geval(INGELOGD),
        Geval(INGELOGD, query="?export=csv"),
        Geval(INGELOGD, query="?export=xlsx"),
    ],
    "rapportage:gemeente": per_gemeente(),
    "rapportage:grafiek_gemeente": per_gemeente(),
    "rapportage:provincie": [
        Geval(scope(gemeente=404, andere=404), provincie_kwargs("eigen")),
        Geval(scope(provincie=404, gemeente=404, andere=404), provincie_kwargs("elders")),
        Geval(scope(gemeente=404, andere=404), provincie_kwargs("eigen"), query="?export=csv"),
        Geval(NIEMAND, {"code": "PV99"}),
    ],
    "rapportage:kaart": [Geval(INGELOGD)],
    **{
        naam: [
            Geval(INGELOGD),  # the report of the user's own scope
            Geval(scope(provincie=404, gemeente=404, andere=404), query="?gebied=NL"),
            Geval(scope(gemeente=404, andere=404), query="?gebied=PV20"),
            Geval(scope(provincie=404, gemeente=404, andere=404), query="?gebied=PV21"),
            Geval(EIGEN, query="?gebied=GM0001"),
            Geval(BUUR, query="?gebied=GM0003"),
            Geval(NIEMAND, query="?gebied=GM9999"),
        ]
        for naam in [
            "rapportage:rapport",
            "rapportage:rapport_pdf",
            "rapportage:rapport_xlsx",
            "rapportage:rapport_csv",
            "rapportage:rapport_grafiek",
        ]
    },
    "rapportage:grafiek_landelijk": [Geval(INGELOGD)],
    # Issue 14: the letter's words are platform work; the archive follows the live report's scope.
    "rapportage:rapport_tekst": [
        Geval(ALLEEN_PLATFORM, query="?peildatum=2017-02-01"),
        Geval({**ALLEEN_PLATFORM, Rol.PLATFORM: 404}, query="?gebied=GM9999"),
        Geval(
            {**ALLEEN_PLATFORM, Rol.PLATFORM: 302},
            methode="post",
            query="?peildatum=2017-02-01&gebied=PV20",
            data={"versie": 0, "tekst_inleiding": "Dit is de *vierde* rapportage."},
        ),
    ],
    "rapportage:rapport_publiceren": [
        Geval(
            {**ALLEEN_PLATFORM, Rol.PLATFORM: 302},
            methode="post",
            data={"peildatum": "2017-02-01", "gebied": "PV20"},
        ),
        Geval(
            {**ALLEEN_PLATFORM, Rol.PLATFORM: 404},
            methode="post",
            data={"peildatum": "2017-02-01", "gebied": "GM9999"},
        ),
    ],
    "rapportage:rapport_archief": [Geval(INGELOGD)],
    "rapportage:rapport_archief_bestand": [
        Geval(scope(provincie=404, gemeente=404, andere=404), kwargs=_archief("NL", "pdf")),
        Geval(scope(gemeente=404, andere=404), kwargs=_archief("PV20", "xlsx")),
        Geval(ELDERS | {"andere_gemeente": 404}, kwargs=_archief("PV21", "csv")),
        Geval(EIGEN, kwargs=_archief("GM0001", "pdf")),
        Geval(BUUR, kwargs=_archief("GM0003", "csv")),
        Geval(NIEMAND, kwargs=_archief("GM0001", "docx")),
        Geval(NIEMAND, kwargs={"pk": 999_999, "formaat": "pdf"}),
    ],
    # Realisatie (issue 4): writing is for platform staff; a municipality's history is scoped.
    "realisatie:huisvesting_edit": [
        Geval(ALLEEN_PLATFORM, query="?maand=2017-01"),
        Geval({**ALLEEN_PLATFORM, Rol.PLATFORM: 302}, methode="post", data={"maand": "2017-01"}),
    ],
    "realisatie:upload_list": [Geval(ALLEEN_PLATFORM)],
    "realisatie:upload_add": [
        Geval(ALLEEN_PLATFORM),
        Geval({**ALLEEN_PLATFORM, Rol.PLATFORM: 400}, methode="post", data={}),
    ],
    "realisatie:upload": [Geval(ALLEEN_PLATFORM, kwargs=lambda w: {"pk": _upload(w).pk})],
    "realisatie:upload_toepassen": [
        Geval(
            {**ALLEEN_PLATFORM, Rol.PLATFORM: 302},
            kwargs=lambda w: {"pk": _upload(w).pk},
            methode="post",
        )
    ],
    "realisatie:upload_terugdraaien": [
        Geval(
            {**ALLEEN_PLATFORM, Rol.PLATFORM: 302},
            kwargs=lambda w: {"pk": _upload(w).pk},
            methode="post",
        )
    ],
    "realisatie:opvangstand_list": [Geval(ALLEEN_PLATFORM)],
    "realisatie:gemeente_history": per_gemeente(),
    "realisatie:wijziging_list": [Geval(ALLEEN_PLATFORM)],
    # Toezicht (issue 18): read as the municipality is; written by its province and platform.
    "toezicht:gemeente": per_gemeente(),
    "toezicht:oordeel_add": toezicht_schrijven(),
    "toezicht:ladderstap_add": toezicht_schrijven(),
    # Messages (issue 18): everyone's own profile; what was sent to whom is for platform staff.
    "berichten:profiel": [
        Geval(INGELOGD),
        Geval({"anoniem": LOGIN, **{r: 302 for r in ROLLEN[1:]}}, methode="post", data={}),
    ],
    "berichten:maandbericht_list": [Geval(ALLEEN_PLATFORM)],
}


# The API (issue 17), called with a token of each role; "anoniem" with the public switch on,
# "anoniem_dicht" with it off (401, never a login page); the delivery account reads nothing.
API_ROLLEN = [*ROLLEN, "anoniem_dicht", Rol.AANLEVERING]


def api_scope(
    *,
    anoniem=200,
    dicht=401,
    platform=200,
    ministerie=200,
    provincie=200,
    gemeente=200,
    andere=200,
    aanlevering=403,
):
    return {
        "anoniem": anoniem,
        "anoniem_dicht": dicht,
        Rol.PLATFORM: platform,
        Rol.MINISTERIE: ministerie,
        Rol.PROVINCIE: provincie,
        Rol.GEMEENTE: gemeente,
        "andere_gemeente": andere,
        Rol.AANLEVERING: aanlevering,
    }


API_LEZEN = api_scope()
API_NIEMAND = api_scope(
    anoniem=404, platform=404, ministerie=404, provincie=404, gemeente=404, andere=404
)
API_VOORLOPIG = api_scope(anoniem=404, ministerie=404, provincie=404, gemeente=404, andere=404)
API_AANLEVEREN = api_scope(
    anoniem=401, ministerie=403, provincie=403, gemeente=403, andere=403, aanlevering=200
)
API_DOCUMENTATIE = {r: 200 for r in API_ROLLEN}
FEBRUARI = {
    "maand": "2017-02",
    "regels": [
        {"gemeentecode": "GM0001", "personen": 3},
        {"gemeentecode": "GM0002", "personen": 4},
    ],
    "reden": None,
}

MATRIX.update(
    {
        "api:stand": [
            Geval(API_LEZEN, api=True),
            Geval(API_LEZEN, api=True, query="?peildatum=2017-02-01"),
            Geval(API_NIEMAND, api=True, query="?peildatum=2031-01-01"),
            # February 2017 is still open: provisional, for platform staff only.
            Geval(API_VOORLOPIG, api=True, query="?peildatum=2017-03-01"),
        ],
        "api:maand_list": [Geval(API_LEZEN, api=True)],
        "api:gemeente_list": [Geval(API_LEZEN, api=True)],
        "api:gemeente": [
            Geval(api_scope(andere=404), gemeente_kwargs("eigen"), api=True),
            Geval(api_scope(gemeente=404, andere=404), gemeente_kwargs("buur"), api=True),
            Geval(api_scope(provincie=404, gemeente=404), gemeente_kwargs("elders"), api=True),
            Geval(API_NIEMAND, {"code": "GM9999"}, api=True),
            Geval(API_VOORLOPIG, gemeente_kwargs("eigen"), api=True, query="?peildatum=2017-03-01"),
        ],
        "api:provincie": [
            Geval(api_scope(gemeente=404, andere=404), provincie_kwargs("eigen"), api=True),
            Geval(
                api_scope(provincie=404, gemeente=404, andere=404),
                provincie_kwargs("elders"),
                api=True,
            ),
            Geval(API_NIEMAND, {"code": "PV99"}, api=True),
        ],
        "api:halfjaar_list": [Geval(API_LEZEN, api=True)],
        "api:aanlevering_list": [
            Geval(API_AANLEVEREN, api=True),
            Geval(
                {**API_AANLEVEREN, Rol.PLATFORM: 201, Rol.AANLEVERING: 201},
                methode="post",
                data=FEBRUARI,
                api=True,
            ),
        ],
        "api:aanlevering": [
            # A delivery of the delivery account: its own; platform staff see every delivery.
            Geval(
                API_AANLEVEREN, kwargs=lambda w: {"pk": _aanlevering(w, Rol.AANLEVERING)}, api=True
            ),
            # A delivery by platform staff is not the delivery account's: 404.
            Geval(
                {**API_AANLEVEREN, Rol.AANLEVERING: 404},
                kwargs=lambda w: {"pk": _aanlevering(w, Rol.PLATFORM)},
                api=True,
            ),
        ],
        "api:schema": [Geval(API_DOCUMENTATIE, api=True)],
        "api:docs": [Geval(API_DOCUMENTATIE, api=True)],
    }
)


def _aanlevering(w, rol) -> int:
    from realisatie.aanlevering import aanlevering_verwerken

    return aanlevering_verwerken(gegevens=FEBRUARI, gebruiker=w["gebruikers"][rol]).upload.pk


def _upload(w):
    from realisatie.services import upload_voorbereiden

    upload, _ = upload_voorbereiden(
        bestandsnaam="toegang.csv",
        inhoud=b"gemeentecode;maand;personen\nGM0001;2017-02;3\n",
        gebruiker=w["gebruikers"][Rol.PLATFORM],
    )
    return upload


def alle_namen(patronen=None, prefix=""):
    patronen = get_resolver().url_patterns if patronen is None else patronen
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "admin":
                continue  # the admin has its own test below
            naam = f"{prefix}{patroon.namespace}:" if patroon.namespace else prefix
            yield from alle_namen(patroon.url_patterns, naam)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{prefix}{patroon.name}"


def test_every_url_is_in_the_matrix():
    ontbrekend = sorted(set(alle_namen()) - set(MATRIX))
    assert not ontbrekend, f"URL's zonder regel in de toegangsmatrix: {ontbrekend}"
    verouderd = sorted(set(MATRIX) - set(alle_namen()))
    assert not verouderd, f"Regels voor URL's die niet meer bestaan: {verouderd}"


@pytest.fixture
def wereld():
    from gebruikers.services import gebruiker_opslaan
    from gebruikers.tokens import token_maken

    gemeenten = maak_wereld(4, provincies=2)  # GM0001, GM0003 in PV20; GM0002, GM0004 in PV21
    gebruikers = maak_gebruikers()
    gebruikers[Rol.AANLEVERING] = gebruiker_opslaan(naam="coa", rol=Rol.AANLEVERING)
    return {
        "sleutels": {r: token_maken(naam=str(r), gebruiker=g)[1] for r, g in gebruikers.items()},
        "gemeenten": gemeenten,
        "gebruikers": gebruikers,
        "eigen": gemeenten[0],
        "buur": gemeenten[2],
        "elders": gemeenten[1],
    }


def _client(rol, wereld):
    from django.test import Client

    c = Client()
    if rol != "anoniem":
        c.force_login(wereld["gebruikers"][rol])
    return c


def _api_client(rol, wereld):
    from django.test import Client

    if rol in ("anoniem", "anoniem_dicht"):
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Token {wereld['sleutels'][rol]}")


def _api_verzoek(geval, rol, url, wereld):
    from django.test import override_settings

    client = _api_client(rol, wereld)
    extra = {"content_type": "application/json"} if geval.methode == "post" else {}
    with override_settings(OPNIEUWTHUIS_OPENBAAR=rol != "anoniem_dicht"):
        return getattr(client, geval.methode)(url, data=geval.data, **extra)


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_access(naam, wereld):
    for geval in MATRIX[naam]:
        kwargs = geval.kwargs(wereld) if callable(geval.kwargs) else geval.kwargs
        url = reverse(naam, kwargs=kwargs) + geval.query
        if geval.api:
            assert set(geval.verwacht) == set(API_ROLLEN), naam  # every role, every route
        for rol, verwacht in geval.verwacht.items():
            if geval.api:
                antwoord = _api_verzoek(geval, rol, url, wereld)
                assert antwoord.status_code == verwacht, (naam, rol, url, antwoord.status_code)
                if verwacht >= 400:
                    assert antwoord["Content-Type"] == "application/problem+json", (naam, rol)
                continue
            antwoord = getattr(_client(rol, wereld), geval.methode)(url, data=geval.data)
            if verwacht == LOGIN:
                assert antwoord.status_code == 302, (naam, rol, url)
                assert antwoord["Location"].startswith(reverse("login")), (naam, rol, url)
            else:
                assert antwoord.status_code == verwacht, (naam, rol, url, antwoord.status_code)


def test_the_delivery_account_reads_no_page(wereld):
    """The delivery account posts figures through the API and nothing else: every page behind
    the login answers 403, or 404 where the page looks its object up in the scope first (and the
    admin sends it to its login)."""
    client = _client(Rol.AANLEVERING, wereld)
    for naam, gevallen in MATRIX.items():
        for geval in gevallen:
            if geval.api or geval.verwacht.get("anoniem") != LOGIN:
                continue
            kwargs = geval.kwargs(wereld) if callable(geval.kwargs) else geval.kwargs
            url = reverse(naam, kwargs=kwargs) + geval.query
            antwoord = getattr(client, geval.methode)(url, data=geval.data)
            assert antwoord.status_code in (403, 404), (naam, url, antwoord.status_code)
    assert client.get("/beheer/").status_code == 302


def test_only_platform_staff_reach_the_admin(wereld):
    for rol in ROLLEN:
        antwoord = _client(rol, wereld).get("/beheer/")
        if rol == Rol.PLATFORM:
            assert antwoord.status_code == 200
        else:
            assert antwoord.status_code == 302 and "/beheer/login/" in antwoord["Location"], rol


def test_admin_changes_are_refused_to_other_roles(wereld):
    from realisatie.models import Huisvesting

    h = Huisvesting.objects.first()
    url = f"/beheer/realisatie/huisvesting/{h.pk}/change/"
    for rol in ROLLEN[2:]:
        antwoord = _client(rol, wereld).post(url, {"personen": 999})
        assert antwoord.status_code == 302, rol
    h.refresh_from_db()
    assert h.personen != 999


# Every CSV download, fetched by an official: only their own municipality's rows are in it.
CSV_DOWNLOADS = [
    ("rapportage:gemeente_list", "?export=csv"),
    ("rapportage:rapport_csv", ""),
]


@pytest.mark.parametrize("naam, query", CSV_DOWNLOADS)
def test_an_officials_download_holds_only_their_rows(naam, query, wereld):
    inhoud = _client(Rol.GEMEENTE, wereld).get(reverse(naam) + query).content.decode("utf-8-sig")
    assert wereld["eigen"].code in inhoud
    for andere in wereld["gemeenten"][1:]:
        assert andere.code not in inhoud and andere.naam not in inhoud, (naam, andere.code)
