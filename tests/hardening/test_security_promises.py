"""SECURITY.md keeps its word: every section that promises something names the tests that hold
it, every test it names exists, and the one promise no other test covers (no network) is
checked here."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SECURITY = REPO / "SECURITY.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
NO_PROMISES = ("Reporting a problem", "Out of scope")
"""Sections that promise nothing testable: how to report, and what is out of scope."""


def sections() -> dict[str, str]:
    text = SECURITY.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^## ", text)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def test_every_section_names_its_tests() -> None:
    missing = [title for title, body in sections().items()
               if title not in NO_PROMISES and not REFERENCE.search(body)]
    assert missing == []


def test_every_named_test_exists() -> None:
    named = REFERENCE.findall(SECURITY.read_text(encoding="utf-8"))
    assert len(named) >= 40
    absent = []
    for path, name in sorted(set(named)):
        source = REPO / path
        tree = ast.parse(source.read_text()) if source.is_file() else ast.Module([], [])
        functions = {node.name for node in ast.walk(tree)
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if not name.startswith("test_") or name not in functions:
            absent.append(f"{path}::{name}")
    assert absent == []


NO_NETWORK = """
import socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network use in a test of SECURITY.md's promise")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from triage.cli import main
code = main(sys.argv[1:])
print(f"attempts={len(attempts)}", file=sys.stderr)
sys.exit(code)
"""


def test_no_command_opens_a_network_connection(tmp_path: Path) -> None:
    """Validating, previewing, exporting and playing an incident (and listing the history) never
    reach for the network: any attempt would be counted, and would fail the command."""
    incident = REPO / "tests" / "fixtures" / "shapes_only.yaml"
    actions = tmp_path / "a.actions.yaml"
    actions.write_text("- acknowledge\n- wait: 5m\n")
    for argv in (["validate", str(incident)], ["preview", str(incident)],
                 ["export", str(incident), "--format", "csv"],
                 ["play", str(incident), "--seed", "1", "--headless", "--actions", str(actions)],
                 ["history"], ["list"]):
        run = subprocess.run([sys.executable, "-c", NO_NETWORK, *argv], capture_output=True,
                             text=True, timeout=120,
                             env={"TRIAGE_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin",
                                  "HOME": str(tmp_path)})
        assert run.returncode == 0, (argv, run.stderr)
        assert run.stderr.rstrip().endswith("attempts=0"), (argv, run.stderr)
