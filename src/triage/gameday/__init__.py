"""triage.gameday: game-day plans, rounds and teams over the engine, scoreboards and reports.

No Textual here: the hot-seat screens (`triage.tui.gameday`), the browser `join` app, the
headless runner and the `board`/`report` commands all drive the same `GameDay`. The names below
are imported on first use, so `import triage.gameday` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "GamePlan": "triage.gameday.plan",
    "SCHEMA_ID": "triage.gameday.plan",
    "plan_json_schema": "triage.gameday.plan",
    "LoadedPlan": "triage.gameday.checks",
    "PlanError": "triage.gameday.checks",
    "load_plan": "triage.gameday.checks",
    "validate_plan_document": "triage.gameday.checks",
    "GameDay": "triage.gameday.runner",
    "GamedayError": "triage.gameday.runner",
    "Turn": "triage.gameday.runner",
    "run_plan_headless": "triage.gameday.runner",
    "Standings": "triage.gameday.scoreboard",
    "compute_standings": "triage.gameday.scoreboard",
    "render_board": "triage.gameday.scoreboard",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'triage.gameday' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
