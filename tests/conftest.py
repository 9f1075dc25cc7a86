"""Shared fixtures: paths to test incidents, and an isolated TRIAGE_HOME for every test."""

from __future__ import annotations

import gc
import os
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
