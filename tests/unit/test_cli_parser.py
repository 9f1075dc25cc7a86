"""The CLI builds only the subparser of the command being run, and parses exactly as before."""

from __future__ import annotations

import contextlib
import io
import sys

import pytest

from triage.cli import build_parser, command_on_line

CASES = [
    ["list", "--help"], ["validate", "--help"], ["--player", "x", "list", "--format", "json"],
    ["--player=x", "validate", "a.yaml", "--format", "github"], ["gameday", "--help"],
    ["play", "x", "--seed", "3"], ["list", "--bogus"], ["check"], ["listing"], ["valdiate"],
    ["-h"], [],
]


def _outcome(parser, argv):  # noqa: ANN001, ANN202
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result = sorted((k, repr(v)) for k, v in vars(parser.parse_args(argv)).items())
    except SystemExit as stop:
        result = [("exit", repr(stop.code))]
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_one_subparser_parses_like_all_of_them(argv: list[str]) -> None:
    assert _outcome(build_parser(command_on_line(argv)), argv) == _outcome(build_parser(), argv)


def test_the_command_is_found_after_the_global_option() -> None:
    assert command_on_line(["--player", "ana", "list"]) == "listing"
    assert command_on_line(["listing"]) is None  # a module name is not a command
    assert command_on_line(["-h", "list"]) is None


def test_validate_imports_no_other_command(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith("triage.commands.")]:
        monkeypatch.delitem(sys.modules, name)
    build_parser(command_on_line(["validate", "x.yaml"]))
    loaded = {m for m in sys.modules if m.startswith("triage.commands.")}
    assert loaded == {"triage.commands.validate", "triage.commands.common"}
