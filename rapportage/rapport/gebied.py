"""What a report covers: the country, one province or one municipality."""

from dataclasses import dataclass

LAND, PROVINCIE, GEMEENTE = "land", "provincie", "gemeente"


@dataclass(frozen=True)
class Gebied:
    soort: str
    code: str
    naam: str

    @property
    def is_land(self) -> bool:
        return self.soort == LAND


NEDERLAND = Gebied(LAND, "NL", "Nederland")


class GebiedOnbekend(LookupError):
    """The area does not exist or lies outside the user's scope (the view answers 404)."""
