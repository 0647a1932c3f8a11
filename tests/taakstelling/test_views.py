"""The pages: who may open them, the preview-then-confirm flow, uploads, scoping and queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gebruikers.choices import Rol
from taakstelling.models import Gemeente, Halfjaar, Herindeling, Inwonertal, Uitwisseling

pytestmark = pytest.mark.django_db

SCHRIJFPAGINAS = ["verdeling_add", "uitwisseling_list", "herindeling_list"]


def _inwoners(*aantallen):
    from datetime import date

    for gemeente, aantal in zip(Gemeente.objects.order_by("code"), aantallen):
        Inwonertal.objects.create(gemeente=gemeente, peildatum=date(2016, 1, 1), aantal=aantal)


@pytest.mark.parametrize("pagina", SCHRIJFPAGINAS + ["halfjaar_list"])
def test_platform_staff_open_every_page(rol_clients, pagina):
    antwoord = rol_clients[Rol.PLATFORM].get(reverse(f"taakstelling:{pagina}"))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert '<html lang="nl">' in inhoud and "2.017" not in inhoud and "2.016" not in inhoud


@pytest.mark.parametrize("pagina", SCHRIJFPAGINAS)
@pytest.mark.parametrize("rol", [Rol.MINISTERIE, Rol.PROVINCIE, Rol.GEMEENTE])
def test_other_roles_may_not_write(rol_clients, rol, pagina):
    assert rol_clients[rol].get(reverse(f"taakstelling:{pagina}")).status_code == 403
    assert rol_clients[rol].post(reverse(f"taakstelling:{pagina}"), {}).status_code == 403


def test_anonymous_goes_to_login(client):
    antwoord = client.get(reverse("taakstelling:verdeling_add"))
    assert antwoord.status_code == 302 and "inloggen" in antwoord["Location"]


def test_menu_item_only_for_platform_staff(rol_clients):
    url = reverse("taakstelling:halfjaar_list")
    assert url in rol_clients[Rol.PLATFORM].get(reverse("rapportage:start")).content.decode()
    assert url not in rol_clients[Rol.GEMEENTE].get(reverse("rapportage:start")).content.decode()


def test_preview_then_confirm(rol_clients):
    _inwoners(1000, 3000)
    c = rol_clients[Rol.PLATFORM]
    url = reverse("taakstelling:verdeling_add")
    gegevens = {"halfjaar": "2017-II", "landelijk": "1.001", "methode": "wettelijk"}
    voorbeeld = c.post(url, {**gegevens, "voorbeeld": ""})
    inhoud = voorbeeld.content.decode()
    assert voorbeeld.status_code == 200
    assert "Voorbeeld 2017-II" in inhoud and "Som van de gemeenten" in inhoud
    assert "<dd>1.002</dd>" in inhoud  # 250,25 → 251 and 750,75 → 751
    assert not Halfjaar.objects.filter(jaar=2017, helft=2).exists()
    assert 'name="landelijk" value="1.001"' in inhoud  # the confirm form repeats the input

    bevestigd = c.post(url, {**gegevens, "landelijk": "1001", "bevestigen": ""}, follow=True)
    assert "som gemeenten 1.002" in bevestigd.content.decode()
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=2)
    assert sorted(halfjaar.taakstellingen.values_list("personen", flat=True)) == [251, 751]
    lijst = bevestigd.content.decode()
    assert "Wettelijk (art. 29: naar boven afgerond)" in lijst and "t.o.v. landelijk" in lijst


def test_preview_shows_a_dutch_error_without_population(rol_clients):
    antwoord = rol_clients[Rol.PLATFORM].post(
        reverse("taakstelling:verdeling_add"),
        {"halfjaar": "2017-II", "landelijk": "100", "methode": "wettelijk", "voorbeeld": ""},
    )
    assert antwoord.status_code == 200
    assert "geen inwonertal op 1 januari 2016" in antwoord.content.decode()


def test_exchange_form(rol_clients):
    c = rol_clients[Rol.PLATFORM]
    halfjaar = Halfjaar.objects.get(jaar=2017, helft=1)
    een, twee = Gemeente.objects.order_by("code")
    antwoord = c.post(
        reverse("taakstelling:uitwisseling_list"),
        {"halfjaar": halfjaar.id, "van": een.id, "naar": twee.id, "personen": "10"},
        follow=True,
    )
    assert "Uitwisseling vastgelegd" in antwoord.content.decode()
    assert sorted(halfjaar.taakstellingen.values_list("personen", flat=True)) == [40, 60]
    te_veel = c.post(
        reverse("taakstelling:uitwisseling_list"),
        {"halfjaar": halfjaar.id, "van": een.id, "naar": twee.id, "personen": "41"},
    )
    assert "daarvan kunnen geen 41 personen" in te_veel.content.decode()
    assert Uitwisseling.objects.count() == 1


def test_reorganisation_upload(rol_clients):
    c = rol_clients[Rol.PLATFORM]
    url = reverse("taakstelling:herindeling_list")
    kop = "datum;van_gemeentecode;naar_gemeentecode;naar_gemeentenaam;naar_provincie;aandeel\n"
    fout = SimpleUploadedFile("h.csv", (kop + "2017-01-01;GM0001;GM0100;Nieuw;PV99;1\n").encode())
    antwoord = c.post(url, {"bestand": fout})
    assert "Rij 2, kolom &#x27;naar_provincie&#x27;" in antwoord.content.decode()
    assert "Er is niets gewijzigd." in antwoord.content.decode()
    goed = SimpleUploadedFile(
        "h.csv", (kop + "2018-01-01;GM0001;GM0100;Nieuwstad;PV20;1\n").encode()
    )
    antwoord = c.post(url, {"bestand": goed}, follow=True)
    assert (
        "1 nieuw" in antwoord.content.decode() and "Nieuwstad (GM0100)" in antwoord.content.decode()
    )
    assert Herindeling.objects.count() == 1


def test_municipality_pages_show_where_it_went_and_where_it_came_from(rol_clients):
    from datetime import date

    een = Gemeente.objects.get(code="GM0001")
    nieuw = Gemeente.objects.create(
        code="GM0100", naam="Nieuwstad", provincie=een.provincie, begindatum=date(2018, 1, 1)
    )
    Herindeling.objects.create(datum=date(2018, 1, 1), van=een, naar=nieuw, aandeel=1)
    c = rol_clients[Rol.PLATFORM]
    oud = c.get(reverse("taakstelling:gemeente", args=["GM0001"])).content.decode()
    assert "Opgegaan in" in oud and reverse("taakstelling:gemeente", args=["GM0100"]) in oud
    opvolger = c.get(reverse("taakstelling:gemeente", args=["GM0100"])).content.decode()
    assert "Voorgangers" in opvolger and "Gemeente 0001" in opvolger
    assert '<th scope="row">2016-II</th><td>100</td>' in opvolger


def test_municipality_page_is_scoped(rol_clients, gebruikers):
    eigen = gebruikers[Rol.GEMEENTE].gemeente
    ander = gebruikers["andere_gemeente"].gemeente
    c = rol_clients[Rol.GEMEENTE]
    assert c.get(reverse("taakstelling:gemeente", args=[eigen.code])).status_code == 200
    assert c.get(reverse("taakstelling:gemeente", args=[ander.code])).status_code == 404
    provincie = rol_clients[Rol.PROVINCIE]
    assert provincie.get(reverse("taakstelling:gemeente", args=[eigen.code])).status_code == 200
    assert provincie.get(reverse("taakstelling:gemeente", args=[ander.code])).status_code == 404
    assert (
        rol_clients[Rol.MINISTERIE]
        .get(reverse("taakstelling:gemeente", args=[ander.code]))
        .status_code
        == 200
    )


def _meer_gegevens(aantal: int) -> None:
    """``aantal`` predecessors merged into GM0001, each with quotas, exchanges and a revision."""
    from datetime import date

    from taakstelling.models import Herziening, Taakstelling, VervangenTaakstelling

    een = Gemeente.objects.get(code="GM0001")
    halfjaren = list(Halfjaar.objects.all())
    extra = Halfjaar.objects.create(jaar=2015, helft=1, landelijke_taakstelling=5)
    herziening = Herziening.objects.create(
        halfjaar=extra,
        ingangsdatum=date(2015, 3, 1),
        landelijk_oud=10,
        landelijk_nieuw=5,
        afrondingsmethode="wettelijk",
    )
    for i in range(aantal):
        g = Gemeente.objects.create(
            code=f"GM{500 + i:04d}", naam=f"Oud {i}", provincie=een.provincie
        )
        Herindeling.objects.create(datum=date(2018, 1, 1), van=g, naar=een, aandeel=1)
        for h in halfjaren:
            Taakstelling.objects.create(gemeente=g, halfjaar=h, personen=i)
        Uitwisseling.objects.create(halfjaar=halfjaren[0], van=een, naar=g, personen=1)
        VervangenTaakstelling.objects.create(
            herziening=herziening, gemeente=een if i == 0 else g, personen=1
        )


@pytest.mark.parametrize("pagina", ["halfjaar_list", "gemeente"])
def test_queries_do_not_grow_with_the_number_of_municipalities(rol_clients, pagina):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel():
        args = ["GM0001"] if pagina == "gemeente" else []
        with CaptureQueriesContext(connection) as q:
            antwoord = rol_clients[Rol.PLATFORM].get(reverse(f"taakstelling:{pagina}", args=args))
            assert antwoord.status_code == 200
        return len(q)

    weinig = tel()
    _meer_gegevens(40)
    assert tel() == weinig


def test_admin_shows_reorganisations_read_only(rol_clients, gebruikers):
    from datetime import date

    een, twee = Gemeente.objects.order_by("code")
    Herindeling.objects.create(datum=date(2018, 1, 1), van=een, naar=twee, aandeel=1)
    c = rol_clients[Rol.PLATFORM]
    gebruikers[Rol.PLATFORM].is_staff = True
    gebruikers[Rol.PLATFORM].is_superuser = True
    gebruikers[Rol.PLATFORM].save()
    assert c.get("/beheer/taakstelling/herindeling/").status_code == 200
    assert c.get("/beheer/taakstelling/herindeling/add/").status_code == 403


def test_preview_queries_do_not_grow_with_the_number_of_municipalities(rol_clients):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tel():
        with CaptureQueriesContext(connection) as q:
            antwoord = rol_clients[Rol.PLATFORM].post(
                reverse("taakstelling:verdeling_add"),
                {
                    "halfjaar": "2017-II",
                    "landelijk": "500",
                    "methode": "wettelijk",
                    "voorbeeld": "",
                },
            )
        assert "Voorbeeld 2017-II" in antwoord.content.decode()
        return len(q)

    _inwoners(1000, 3000)
    weinig = tel()
    een = Gemeente.objects.get(code="GM0001")
    for i in range(50):
        g = Gemeente.objects.create(
            code=f"GM{700 + i:04d}", naam=f"Extra {i}", provincie=een.provincie
        )
        Inwonertal.objects.create(gemeente=g, peildatum=date(2016, 1, 1), aantal=100 + i)
    assert tel() == weinig
