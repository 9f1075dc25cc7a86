"""Shared fixtures: paths to test incidents, and an isolated TRIAGE_HOME for every test."""

from __future__ import annotations

import gc
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# Same as `triage` itself sets: one BLAS thread; series are bit-identical and two busy cores
# no longer thrash handing tiny matrix products between threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data directory, so no test touches the player's real history."""
    monkeypatch.setenv("TRIAGE_HOME", str(tmp_path_factory.mktemp("triage-home")))


TEST_EPOCH = datetime(2026, 3, 14, 9, 26, 53, tzinfo=timezone.utc)
"""The moment the wall clock reads at the start of every test (see `wall_clock`)."""


@pytest.fixture(autouse=True)
def wall_clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """No test may depend on the day it runs: in this process the wall clock (`utc_now`) starts
    at `TEST_EPOCH` and moves one second each time it is read, so every moment is known and two
    readings never tie by accident. Returns the moments handed out, in order.

    Subprocesses still read the real clock; CI runs the suite under faketime far in the past and
    far in the future to prove nothing there depends on it either."""
    from triage.store import clock

    handed: list[datetime] = []

    def ticking() -> datetime:
        handed.append(TEST_EPOCH + timedelta(seconds=len(handed)))
        return handed[-1]

    monkeypatch.setattr(clock, "utc_now", ticking)
    return handed


@pytest.fixture(autouse=True)
def gc_freezes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The TUI launchers call `gc.freeze()` just before the app runs; in the test process that
    would keep every earlier test's uncollected garbage for good. Record the calls instead."""
    calls: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    return calls


@pytest.fixture
def shapes_incident():
    """A small shape-only incident (llm_cost_latency) with a harmful remediation."""
    from triage.model.loader import load_incident

    return load_incident(FIXTURES / "shapes_only.yaml").incident
