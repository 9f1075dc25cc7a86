"""The headless core never imports Textual: proven in a fresh interpreter per module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEADLESS = [
    "triage.model.incident", "triage.model.loader", "triage.model.pack", "triage.sim.world",
    "triage.engine.session", "triage.engine.debrief", "triage.engine.debrief_text",
    "triage.stats", "triage.sim.stats", "triage.text.plot", "triage.text.safe", "triage.text.clock",
    "triage.engine.record", "triage.store", "triage.store.recording", "triage.cli",
    # game days: the logic, and the commands that run without the TUI
    "triage.gameday", "triage.gameday.runner", "triage.gameday.report", "triage.gameday.actionsdir",
    "triage.gameday.example", "triage.gameday.clock", "triage.commands.exporting",
    "triage.commands.gameday", "triage.commands.gameday_plan", "triage.commands.serve",
    "triage.commands.export",
    # practice: history, replay, shifts, and their commands
    "triage.practice.coach", "triage.practice.history", "triage.practice.replay",
    "triage.practice.storeaccess", "triage.practice.shift", "triage.practice.shiftfile",
    "triage.practice.shiftscore", "triage.practice.shifttext", "triage.commands.history",
    "triage.commands.replay", "triage.commands.shift",
]
"""Modules that must load without Textual: the headless core, and what commands that show no
TUI import (each in a fresh interpreter, so one module's imports cannot hide another's)."""


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("argv", [["list"], ["--help"]])
def test_commands_without_tui_do_not_import_textual(argv: list[str]) -> None:
    code = ("import sys\nfrom triage.cli import main\n"
            "try:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('textual' in sys.modules, file=sys.stderr)" % argv)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_validate_skips_pydantic_plugin_discovery_but_a_library_user_keeps_it() -> None:
    """The command never reads every installed package's metadata looking for pydantic plugins
    (a twentieth of `triage validate ONE.yaml`); importing triage as a library changes nothing."""
    fixture = str(Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml")
    code = ("import sys\nfrom triage.cli import main\ncode = main(['validate', %r])\n"
            "print(code, 'importlib.metadata' in sys.modules, file=sys.stderr)" % fixture)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "0 False"
    library = ("import sys, triage.model.incident\n"
               "from pydantic.plugin._loader import get_plugins\n"
               "print(get_plugins.__module__ == 'pydantic.plugin._loader')")
    result = subprocess.run([sys.executable, "-c", library], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "True"


def test_the_documented_triage_stats_offers_every_public_statistic() -> None:
    """`triage.stats` is the public name (README, DESIGN); the code lives in `triage.sim.stats`.
    A statistic added there but not re-exported would be missing for players' notebooks."""
    import triage.sim.stats as implementation
    import triage.stats as public

    offered = {name for name, value in vars(implementation).items() if not name.startswith("_")
               and (name.isupper() or getattr(value, "__module__", "") == implementation.__name__)}
    assert {"psi", "js_distance", "ks_statistic", "ece", "reliability", "PSI_FLOOR"} <= offered
    missing = sorted(name for name in offered if getattr(public, name, None)
                     is not getattr(implementation, name))
    assert not missing, f"triage.stats does not re-export {missing} from triage.sim.stats"
