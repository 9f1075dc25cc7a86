"""The headless core never imports Textual: proven in a fresh interpreter per module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEADLESS = [
    "triage.model.incident", "triage.model.loader", "triage.model.pack", "triage.sim.world",
    "triage.engine.session", "triage.engine.debrief", "triage.engine.debrief_text",
    "triage.stats", "triage.store", "triage.gameday", "triage.cli",
]


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
