"""Whether the TUI can be shown here: `triage play ID < /dev/null > out` started the game and hung.

Textual reads keys from standard input and draws on standard error, so both must be a terminal
(standard output may be redirected). A browser tab of `triage serve` runs the game through
textual-serve's driver (`TEXTUAL_DRIVER`), which needs neither. Without them, the command says so
in one line and exits 2 (a usage error) before Textual is imported.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

HEADLESS_HINT = "to play without one, use 'triage play ID --headless --actions FILE'"


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed or detached stream
        return False


def missing_terminal() -> list[str]:
    """The streams the TUI needs that are not a terminal (empty when it can run here)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return []
    streams = (("standard input", sys.__stdin__), ("standard error", sys.__stderr__))
    return [name for name, stream in streams if not _is_terminal(stream)]


def refuse_without_terminal(command: str, hint: str = HEADLESS_HINT) -> int | None:
    """Print one line and return exit code 2 when `command` cannot show its TUI here; None
    when it can."""
    missing = missing_terminal()
    if not missing:
        return None
    verb = "is" if len(missing) == 1 else "are"
    print(f"triage: {command} needs a terminal, and {' and '.join(missing)} {verb} not one; "
          f"{hint}", file=sys.stderr)
    return 2
