"""The supervision page and its forms as each role, and the ladder on rapportage's pages: the
province page shows each municipality's step, the municipality page its own, the list filters
by step."""

from datetime import date

import pytest

from gebruikers.choices import Rol
from toezicht import services
from toezicht.choices import Stapsoort
from toezicht.models import Ladderstap, Oordeel


def _stap(gemeente, soort, gebruiker, datum=date(2017, 2, 10)):
    return services.ladderstap_vastleggen(
        gemeente=gemeente,
        soort=soort,
        datum=datum,
        toelichting="Brief 2017/12.",
        gebruiker=gebruiker,
    )


def test_the_page_shows_the_proposal_and_offers_forms_only_to_writers(wereld, rol_clients):
    url = "/toezicht/gemeenten/GM0001/"
    for rol in (Rol.PLATFORM, Rol.PROVINCIE):
        html = rol_clients[rol].get(url).content.decode()
        assert "Oordeel vastleggen" in html and "Stap vastleggen" in html, rol
    for rol in (Rol.MINISTERIE, Rol.GEMEENTE):
        antwoord = rol_clients[rol].get(url)
        html = antwoord.content.decode()
        assert antwoord.status_code == 200
        assert "Oordeel vastleggen" not in html and "Stap vastleggen" not in html, rol
        # 2016-II closed at 20: proposed "not met", not yet judged.
        assert '<th scope="row">2016-II</th>' in html
        assert '<td class="getal">20</td>' in html and "nog niet beoordeeld" in html
    assert rol_clients["andere_gemeente"].get(url).status_code == 404


def test_a_supervisor_records_a_judgement_and_a_step(wereld, rol_clients, gebruikers):
    client = rol_clients[Rol.PROVINCIE]
    antwoord = client.post(
        "/toezicht/gemeenten/GM0001/oordelen/",
        {"oordeel-halfjaar": "2016-II", "oordeel-gehaald": "nee", "oordeel-toelichting": "Achter."},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == "/toezicht/gemeenten/GM0001/"
    oordeel = Oordeel.objects.get()
    assert (oordeel.gehaald, oordeel.eindstand, oordeel.door) == (
        False,
        20,
        gebruikers[Rol.PROVINCIE],
    )
    antwoord = client.post(
        "/toezicht/gemeenten/GM0001/stappen/",
        {"stap-soort": "aanschrijving", "stap-datum": "15-02-2017", "stap-toelichting": "Brief."},
    )
    assert antwoord.status_code == 302
    stap = Ladderstap.objects.get()
    assert (stap.soort, stap.datum) == ("aanschrijving", date(2017, 2, 15))
    html = client.get("/toezicht/gemeenten/GM0001/").content.decode()
    assert "Vastgelegd: aanschrijving op 15 februari 2017." in html
    assert "staat op de trede <strong>aanschrijving</strong> (sinds 15 februari 2017)" in html


def test_a_refused_step_shows_the_reason_and_changes_nothing(wereld, rol_clients, gebruikers):
    _stap(wereld["GM0001"], Stapsoort.AANSCHRIJVING, gebruikers[Rol.PROVINCIE])
    antwoord = rol_clients[Rol.PROVINCIE].post(
        "/toezicht/gemeenten/GM0001/stappen/",
        {"stap-soort": "signaal", "stap-datum": "2017-02-20", "stap-toelichting": ""},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="foutoverzicht"' in html
    assert "staat al op de trede aanschrijving" in html
    assert services.FOUT_TOELICHTING_LEEG.replace("?", "") in html
    assert Ladderstap.objects.count() == 1


def test_reading_roles_cannot_write(wereld, rol_clients):
    data = {"stap-soort": "signaal", "stap-datum": "2017-02-20", "stap-toelichting": "Gesprek."}
    assert (
        rol_clients[Rol.MINISTERIE].post("/toezicht/gemeenten/GM0001/stappen/", data).status_code
        == 403
    )
    assert (
        rol_clients[Rol.GEMEENTE].post("/toezicht/gemeenten/GM0001/stappen/", data).status_code
        == 403
    )
    assert (
        rol_clients["andere_gemeente"].post("/toezicht/gemeenten/GM0001/stappen/", data).status_code
        == 404
    )
    # A supervisor outside the municipality's province does not find it.
    assert (
        rol_clients[Rol.PROVINCIE].post("/toezicht/gemeenten/GM0002/stappen/", data).status_code
        == 404
    )
    assert not Ladderstap.objects.exists()


def _rij(html: str, code: str) -> str:
    begin = html.index(f"/gemeenten/{code}/")
    return html[html.rindex("<tr>", 0, begin) : html.index("</tr>", begin)]


def test_the_province_page_shows_each_municipalitys_step(wereld, rol_clients, gebruikers):
    client = rol_clients[Rol.PROVINCIE]
    html = client.get("/provincies/PV20/?peildatum=2017-02-01").content.decode()  # now cached
    assert ">Toezicht<" in html and "aanschrijving" not in html
    _stap(wereld["GM0001"], Stapsoort.AANSCHRIJVING, gebruikers[Rol.PROVINCIE])
    html = client.get("/provincies/PV20/?peildatum=2017-02-01").content.decode()
    assert '<td class="tekst">aanschrijving</td>' in _rij(html, "GM0001")
    assert "aanschrijving" not in _rij(html, "GM0003")


def test_the_municipality_page_shows_its_own_step(wereld, rol_clients, gebruikers):
    _stap(wereld["GM0001"], Stapsoort.SIGNAAL, gebruikers[Rol.PLATFORM])
    html = rol_clients[Rol.GEMEENTE].get("/gemeenten/GM0001/").content.decode()
    assert "<strong>signaal</strong> sinds 10 februari 2017" in html
    assert 'href="/toezicht/gemeenten/GM0001/"' in html


@pytest.mark.parametrize(
    "stap, verwacht",
    [
        ("signaal", {"GM0001"}),
        ("aanschrijving", {"GM0002"}),
        ("ladder", {"GM0001", "GM0002"}),
        ("geen", {"GM0003", "GM0004"}),
        ("", {"GM0001", "GM0002", "GM0003", "GM0004"}),
    ],
)
def test_the_list_filters_by_step(stap, verwacht, wereld, rol_clients, gebruikers):
    _stap(wereld["GM0001"], Stapsoort.SIGNAAL, gebruikers[Rol.PLATFORM])
    _stap(wereld["GM0002"], Stapsoort.AANSCHRIJVING, gebruikers[Rol.PLATFORM])
    html = rol_clients[Rol.MINISTERIE].get(f"/gemeenten/?stap={stap}").content.decode()
    gevonden = {c for c in wereld if f"/gemeenten/{c}/" in html}
    assert gevonden == verwacht


def test_an_official_sees_only_their_own_step_in_the_list(wereld, rol_clients, gebruikers):
    _stap(wereld["GM0002"], Stapsoort.AANSCHRIJVING, gebruikers[Rol.PLATFORM])
    html = rol_clients[Rol.GEMEENTE].get("/gemeenten/?stap=ladder").content.decode()
    assert "/gemeenten/GM0002/" not in html
    assert '<td class="tekst">aanschrijving</td>' not in html
