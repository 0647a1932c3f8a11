"""The platform's narrative: plain text with a few conventions, read into blocks (pure), and shown
escaped on the report page."""

from datetime import date

import pytest
from django.urls import reverse

from gebruikers.choices import Rol
from rapportage.rapport.brief import lees_regel, lees_tekst


def test_paragraphs_lists_emphasis_and_links():
    tekst = (
        "Dit is de *vierde* voortgangsrapportage.\nHet Platform **werkt** door.\n\n"
        "- eerste punt\n- tweede met [een link](https://www.opnieuwthuis.nl/themas)\n"
        "1. stap een\n2. stap twee\n\n"
        "Zie http://www.opnieuwthuis.nl/themas/processen."
    )
    assert lees_tekst(tekst) == [
        {
            "soort": "alinea",
            "delen": [
                {"tekst": "Dit is de "},
                {"tekst": "vierde", "nadruk": True},
                {"tekst": " voortgangsrapportage. Het Platform "},
                {"tekst": "werkt", "sterk": True},
                {"tekst": " door."},
            ],
        },
        {
            "soort": "lijst",
            "genummerd": False,
            "items": [
                [{"tekst": "eerste punt"}],
                [
                    {"tekst": "tweede met "},
                    {"tekst": "een link", "link": "https://www.opnieuwthuis.nl/themas"},
                ],
            ],
        },
        {
            "soort": "lijst",
            "genummerd": True,
            "items": [[{"tekst": "stap een"}], [{"tekst": "stap twee"}]],
        },
        {
            "soort": "alinea",
            "delen": [
                {"tekst": "Zie "},
                {
                    "tekst": "http://www.opnieuwthuis.nl/themas/processen",
                    "link": "http://www.opnieuwthuis.nl/themas/processen",
                },
                {"tekst": "."},
            ],
        },
    ]


@pytest.mark.parametrize(
    "adres", ["javascript:alert(1)", "data:text/html,x", "/relatief", "ftp://x.nl"]
)
def test_only_web_and_mail_addresses_become_links(adres):
    assert all("link" not in d for d in lees_regel(f"[klik]({adres})"))


def test_a_mail_address_is_a_link():
    assert lees_regel("[mail](mailto:postbus@opnieuwthuis.nl)") == [
        {"tekst": "mail", "link": "mailto:postbus@opnieuwthuis.nl"}
    ]


def test_empty_text_has_no_blocks():
    assert lees_tekst("") == [] and lees_tekst("  \n\n ") == []


def test_the_page_shows_the_words_escaped_and_a_change_at_once(demo, rol_clients):
    from rapportage.rapport.publiceren import rapporttekst_opslaan

    client = rol_clients[Rol.MINISTERIE]
    url = reverse("rapportage:rapport") + "?peildatum=2017-02-01"
    voor = client.get(url).content.decode()
    assert "Geachte staatssecretaris," in voor and "1. Terugblik" in voor
    assert "Laatste fase" not in voor

    from gebruikers.models import Gebruiker

    rapporttekst_opslaan(
        peildatum=date(2017, 2, 1),
        gebied="NL",
        gebruiker=Gebruiker.objects.get(username="platform"),
        versie=0,
        teksten={
            "laatste_fase": "Het Platform <script>alert(1)</script> werkt **door**.",
            "inleiding": "Zie [dit](javascript:alert(1)).",
        },
    )
    na = client.get(url).content.decode()  # the cached page is new: the words' version changed
    assert "Laatste fase" in na
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in na and "<script>" not in na
    assert "<strong>door</strong>" in na
    assert 'href="javascript' not in na


def test_platform_staff_write_the_words_and_a_stale_form_is_refused(demo, rol_clients):
    client = rol_clients[Rol.PLATFORM]
    url = reverse("rapportage:rapport_tekst") + "?peildatum=2017-02-01&gebied=NL"
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert 'name="tekst_terugblik"' in formulier.content.decode()
    data = {
        "versie": 0,
        "aan": "Aan de staatssecretaris van Veiligheid en Justitie",
        "plaats": "Den Haag",
        "briefdatum": "2017-02-20",
        "betreft": "Vierde voortgangsrapportage Platform Opnieuw Thuis",
        "tekst_terugblik": "Gemeenten verdienen een stevig compliment.",
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    pagina = client.get(reverse("rapportage:rapport") + "?peildatum=2017-02-01").content.decode()
    assert "Den Haag, 20 februari 2017" in pagina
    assert "Gemeenten verdienen een stevig compliment." in pagina
    assert "Vierde voortgangsrapportage Platform Opnieuw Thuis" in pagina

    # A second writer with the form of before (versie 0) changes nothing.
    antwoord = client.post(url, {**data, "tekst_terugblik": "Iets anders."})
    assert antwoord.status_code == 200
    assert "intussen gewijzigd" in antwoord.content.decode()
    pagina = client.get(reverse("rapportage:rapport") + "?peildatum=2017-02-01").content.decode()
    assert "Iets anders." not in pagina
    # Other roles cannot write.
    assert rol_clients[Rol.MINISTERIE].post(url, data).status_code == 403
