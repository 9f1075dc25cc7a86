"""Without a terminal the TUI commands say so in one line and exit 2, instead of hanging.

`triage play ID < /dev/null > out` started the game, which then waited for keys that could
never come. Textual reads standard input and draws on standard error, so both must be a
terminal; a browser tab (textual-serve's driver) needs neither.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

PROBE = ("import sys; from triage.cli import main; code = main(sys.argv[1:]); "
         "print('textual' in sys.modules, code)")


def run_without_terminal(*args: str, env: dict[str, str] | None = None):  # noqa: ANN201
    return subprocess.run([sys.executable, "-c", PROBE, *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("args", [["play", "training-lr-config-push"], [], ["shift"]])
def test_a_tui_command_without_a_terminal_says_so_and_exits_2(args: list[str]) -> None:
    done = run_without_terminal(*args)
    assert done.stdout.split() == ["False", "2"], (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], done.stderr
    assert "--headless" in lines[0]


def test_a_bad_incident_is_still_reported_first() -> None:
    done = run_without_terminal("play", "no-such-incident-anywhere")
    assert "needs a terminal" not in done.stderr and "no-such-incident-anywhere" in done.stderr


def test_a_terminal_or_a_browser_driver_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    from triage.terminal import missing_terminal

    main, side = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from triage.terminal import missing_terminal as m; "
             "import sys; print(m(), file=sys.__stdout__)"],
            stdin=side, stdout=subprocess.PIPE, stderr=side, text=True, timeout=60)
    finally:
        os.close(main)
        os.close(side)
    assert done.stdout.strip() == "[]", "standard output may be redirected"
    assert missing_terminal() == ["standard input", "standard error"] or sys.stdin.isatty()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert missing_terminal() == []
