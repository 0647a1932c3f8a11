"""A negative figure is written one way on every page: with the minus sign (U+2212) the report
uses, "−409", never Django's hyphen "-409" beside it (opnieuwthuis/sjabloon.py, |getal)."""

import re

from django.urls import reverse

from gebruikers.choices import Rol

VOOR = "GM0796"  # 's-Hertogenbosch: ahead in the demo (its stand is negative)


def _zichtbare_tekst(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_writes_a_negative_figure_with_a_hyphen(demo, rol_clients):
    paginas = {
        Rol.PLATFORM: [
            reverse("rapportage:start"),
            reverse("rapportage:gemeente_list"),
            reverse("rapportage:gemeente", kwargs={"code": VOOR}),
            reverse("rapportage:provincie", kwargs={"code": "PV30"}),
            reverse("rapportage:rapport") + f"?gebied={VOOR}",
            reverse("toezicht:gemeente", kwargs={"code": VOOR}),
            reverse("realisatie:huisvesting_edit") + "?maand=2017-01",
            reverse("taakstelling:halfjaar_list"),
            reverse("taakstelling:gemeente", kwargs={"code": VOOR}),
        ],
        None: [
            reverse("rapportage:openbaar"),
            reverse("rapportage:openbaar_gemeente", kwargs={"code": VOOR}),
            reverse("rapportage:openbaar_provincie", kwargs={"code": "PV30"}),
        ],
    }
    from django.test import Client

    gezien_min = 0
    for rol, urls in paginas.items():
        client = rol_clients[rol] if rol else Client()
        for url in urls:
            antwoord = client.get(url)
            assert antwoord.status_code == 200, url
            tekst = _zichtbare_tekst(antwoord.content.decode())
            koppeltekens = re.findall(r".{30}(?<![\w\-/])-\d.{5}", tekst)
            assert not koppeltekens, (url, koppeltekens[:3])
            gezien_min += tekst.count("\u2212")
    assert gezien_min > 0  # the pages do show negative figures: −409 nationally, and GM0796's


def test_the_national_and_province_rows_write_the_minus_sign(demo, rol_clients):
    html = rol_clients[Rol.PLATFORM].get(reverse("rapportage:start")).content.decode()
    rij = re.search(r'<th scope="row">Nederland</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", rij)[-1] == "\u2212409"
    assert ">Drenthe</a></th>" in html
    drenthe = re.search(r">Drenthe</a></th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", drenthe)[-1].startswith("\u2212")
