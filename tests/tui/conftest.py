"""TUI test fixtures: a small incident, a catalog, and an app factory with no clock tick."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
os.environ.setdefault("TRIAGE_HOME", tempfile.mkdtemp(prefix="triage-tui-tests-"))

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from triage.model.loader import LoadedIncident, load_incident  # noqa: E402
from triage.model.pack import Catalog  # noqa: E402
from triage.tui.app import PlayOptions, TriageApp, create_app  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
SEED = 7


@pytest.fixture(autouse=True)
def _in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`launch` refuses to start without a terminal (`triage.terminal`); pytest has none, and
    these tests stand in for one (Pilot, or a stubbed `run`)."""
    import triage.terminal

    monkeypatch.setattr(triage.terminal, "missing_terminal", lambda: [])


@pytest.fixture(scope="session")
def loaded() -> LoadedIncident:
    """The fixture incident (shape signals only, two dashboards, logs, changes, questions)."""
    return load_incident(FIXTURES / "checkout-drift.yaml")


@pytest.fixture
def catalog(loaded: LoadedIncident) -> Catalog:
    """A catalog holding only the fixture incident."""
    catalog = Catalog()
    catalog.add(loaded)
    return catalog


@pytest.fixture
def make_app(catalog: Catalog, loaded: LoadedIncident) -> Callable[..., TriageApp]:
    """Build the app like `triage play` does, but with no real-time tick and no saving."""

    def factory(**kwargs: Any) -> TriageApp:
        kwargs.setdefault("incident", loaded)
        kwargs.setdefault("seed", SEED)
        kwargs.setdefault("options", PlayOptions(save=False))
        kwargs.setdefault("tick_seconds", None)
        kwargs.setdefault("rng_seed", 1)
        return create_app(kwargs.pop("catalog", catalog), **kwargs)

    return factory
