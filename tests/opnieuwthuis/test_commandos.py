"""Every management command of the project answers bad arguments with a Dutch message and a
non-zero exit code, never a traceback.

The commands are discovered (every app under the project folder), and the bad arguments are
made from each command's own parser: an unknown option, nothing at all when something is
required, a nonsense value for every option that has a type or choices, and a path that does not
exist for the positional arguments. A new command is covered the day it is added.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import ManagementUtility, get_commands, load_command_class

from opnieuwthuis.commands import Commando, argparse_nederlands

PROJECT = Path(settings.BASE_DIR).resolve()
# Django's own options on every command; they are the same everywhere, one check is enough.
DJANGO_OPTIES = {
    "help",
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}
ONZIN = "§onzin§"
# Under a file, so it can be neither read nor created (the tests may run as root).
NIET_BESTAAND = "/dev/null/§onzin§"
# What argparse and Django say in English when an argument is wrong.
ENGELS = ("usage:", "error:", "invalid", "required", "unrecognized", "CommandError", "expected")


def _projectcommandos() -> dict[str, str]:
    uit = {}
    for naam, app in get_commands().items():
        if app.startswith("django.") or "." in app:
            continue
        pad = Path(__import__(app).__file__).resolve()
        if PROJECT in pad.parents and ".venv" not in pad.parts:
            uit[naam] = app
    return dict(sorted(uit.items()))


COMMANDOS = _projectcommandos()


def _gevallen():
    for naam, app in COMMANDOS.items():
        commando = load_command_class(app, naam)
        parser = commando.create_parser("manage.py", naam)
        eigen = [a for a in parser._actions if a.dest not in DJANGO_OPTIES]
        positioneel = [a for a in eigen if not a.option_strings]
        verplicht = [a for a in eigen if a.option_strings and a.required]
        yield naam, ["--bestaat-niet"]
        if positioneel or verplicht:
            yield naam, []
        basis = [ONZIN for _ in positioneel]
        for optie in verplicht:
            basis += [optie.option_strings[-1], ONZIN]
        for actie in eigen:
            if actie.option_strings and (actie.type is not None or actie.choices):
                if actie.nargs == 0:
                    continue
                yield naam, [*basis, actie.option_strings[-1], ONZIN]
        if positioneel:
            yield naam, [NIET_BESTAAND for _ in positioneel]


GEVALLEN = list(_gevallen())


def test_the_project_has_commands_and_each_speaks_dutch():
    assert {"stand", "importeer_gemeenten", "exporteer_alles", "importeer_alles"} <= set(COMMANDOS)
    for naam, app in COMMANDOS.items():
        klasse = type(load_command_class(app, naam))
        assert issubclass(klasse, Commando), (
            f"{app}.management.commands.{naam} erft niet van opnieuwthuis.commands.Commando; "
            "doe dat, dan antwoordt het in het Nederlands en zonder traceback."
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "argv"), GEVALLEN, ids=[f"{n} {' '.join(a)}" for n, a in GEVALLEN]
)
def test_bad_arguments_give_a_dutch_message_and_a_non_zero_exit(naam, argv, capsys, monkeypatch):
    # run_from_argv closes every connection at the end, as it should in a process of its own;
    # here it would close the test's transaction.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as einde:
        ManagementUtility(["manage.py", naam, *argv]).execute()
    uitvoer = capsys.readouterr()
    assert einde.value.code not in (0, None), uitvoer
    assert "Traceback" not in uitvoer.err
    assert "Fout: " in uitvoer.err
    melding = uitvoer.err.split("Fout: ", 1)[1]
    assert not any(woord in melding for woord in ENGELS), melding


def test_argparse_messages_in_dutch():
    assert argparse_nederlands("the following arguments are required: bestand, --peildatum") == (
        "Deze argumenten ontbreken: bestand, --peildatum."
    )
    assert argparse_nederlands(
        "argument --format: invalid choice: 'x' (choose from 'csv', 'json')"
    ) == ("Bij --format: 'x' is geen keuze (kies uit 'csv', 'json').")
    assert argparse_nederlands("argument --peildatum: expected one argument") == (
        "Bij --peildatum: hier hoort een waarde achter."
    )


def test_a_real_process_exits_non_zero_without_a_traceback():
    """The same, through manage.py in a process of its own (exit codes as the shell sees them)."""
    proces = subprocess.run(
        [sys.executable, "manage.py", "stand", "--peildatum", "morgen"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "opnieuwthuis.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert proces.returncode == 2
    assert "Traceback" not in proces.stderr
    assert "Fout: Bij --peildatum: 'morgen' is geen datum" in proces.stderr
    assert proces.stderr.startswith("Gebruik: manage.py stand")
