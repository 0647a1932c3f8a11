"""Turning a ``Stand`` into plain records for JSON, CSV and tables (used by the command and views)."""

import pandas as pd

from .berekening import LANDELIJKE_KOLOMMEN, STATUS_LABELS, Stand

GEMEENTE_KOLOMMEN = [
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    *LANDELIJKE_KOLOMMEN[1:],
    "status",
    "nodig_per_maand",
    "gemiste_halfjaren",
    "percentage_gerealiseerd",
]
PROVINCIE_KOLOMMEN = ["provinciecode", "provincie", *LANDELIJKE_KOLOMMEN]


def _waarde(v):
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def records(frame: pd.DataFrame, kolommen: list[str]) -> list[dict]:
    return [
        {k: _waarde(v) for k, v in zip(kolommen, rij)}
        for rij in frame[kolommen].itertuples(index=False, name=None)
    ]


def als_dict(stand: Stand, status=None) -> dict:
    """The stand as ``stand --format json`` (and the API) give it. With ``status`` (a
    ``realisatie.maandcyclus.Peildatumstatus``) also whether it is provisional and the months it
    counts, each with its state and completeness."""
    uit = {
        "peildatum": stand.peildatum.isoformat(),
        "halfjaar": stand.halfjaar,
        "maanden_verstreken": stand.maanden_verstreken,
    }
    if status is not None:
        uit["voorlopig"] = status.voorlopig
        uit["maanden"] = status.als_json()
    uit.update(
        {
            "landelijk": {k: stand.landelijk[k] for k in LANDELIJKE_KOLOMMEN},
            "provincies": records(stand.provincies, PROVINCIE_KOLOMMEN),
            "gemeenten": records(stand.gemeenten, GEMEENTE_KOLOMMEN),
        }
    )
    return uit


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)
