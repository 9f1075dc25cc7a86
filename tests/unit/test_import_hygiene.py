"""The headless core never imports Textual: proven in a fresh interpreter per module."""

from __future__ import annotations

import subprocess
import sys

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
