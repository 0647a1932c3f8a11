import json
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def bestand(tmp_path):
    """Write a CSV (with ;) and return its path."""

    def schrijf(naam: str, regels: list[str]) -> str:
        pad = tmp_path / naam
        pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
        return str(pad)

    return schrijf


def commando(*args, **opties) -> str:
    uit = StringIO()
    call_command(*args, stdout=uit, stderr=StringIO(), **opties)
    return uit.getvalue()


def stand_json(peildatum: str) -> dict:
    return json.loads(commando("stand", "--peildatum", peildatum, "--format", "json"))
