"""Shared helpers for the hardening tests: a hang guard and running `triage` in-process."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

HANG_SECONDS = 10.0
"""Generous: a refusal takes milliseconds; only a hang or a runaway loop gets near this."""


class Hung(Exception):
    """Raised inside the test when a guarded call runs past its time."""


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail (rather than hang the suite) if the body runs longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `triage ARGV` in this process under the hang guard; return (exit code, out, err)."""
    from triage.cli import main

    with hang_guard():
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
