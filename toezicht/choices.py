from django.db import models


class Stapsoort(models.TextChoices):
    """The rungs of the province's intervention ladder (interbestuurlijk toezicht, domain.md), in
    the order a province climbs them, and the closing of the case."""

    SIGNAAL = "signaal", "signaal"
    AANSCHRIJVING = "aanschrijving", "aanschrijving"
    VOORAANKONDIGING = "vooraankondiging", "vooraankondiging"
    INDEPLAATSSTELLING = "indeplaatsstelling", "indeplaatsstelling"
    AFGESLOTEN = "afgesloten", "dossier gesloten"


# The ladder's rungs, lowest first (closing the case is not a rung).
LADDER = [
    Stapsoort.SIGNAAL,
    Stapsoort.AANSCHRIJVING,
    Stapsoort.VOORAANKONDIGING,
    Stapsoort.INDEPLAATSSTELLING,
]
TREDE = {soort: i + 1 for i, soort in enumerate(LADDER)}

UITLEG = {
    Stapsoort.SIGNAAL: "informeel: de provincie spreekt de gemeente aan",
    Stapsoort.AANSCHRIJVING: "formele brief met een termijn",
    Stapsoort.VOORAANKONDIGING: "de provincie kondigt aan dat zij ingrijpt",
    Stapsoort.INDEPLAATSSTELLING: "de provincie handelt in plaats van de gemeente, op haar kosten",
    Stapsoort.AFGESLOTEN: "het toezicht op deze gemeente is beëindigd",
}
