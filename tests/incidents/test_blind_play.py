"""Over the whole built-in pack, guessing fails and investigating earns an A.

The per-incident rule (no blind strategy averages a pass) is part of `triage check`, which
test_pack.py runs on every incident. This is the pack-level promise: over every incident and seeds
1-3, each blind strategy averages below 50 and passes in at most a tenth of the plays, and the ideal
path averages at least 90.
"""

from __future__ import annotations

from functools import cache

import pytest

from triage.authoring.blindplay import STRATEGIES, blind_results
from triage.model.loader import load_incident
from triage.model.pack import builtin_dir, incident_files

SEEDS = (1, 2, 3)


@cache
def table() -> dict[str, list[int]]:
    """Every strategy's scores over the pack and the seeds."""
    scores: dict[str, list[int]] = {}
    for path in incident_files([builtin_dir()]):
        for result in blind_results(load_incident(path).incident, SEEDS):
            scores.setdefault(result.name, []).extend(result.scores)
    return scores


def describe(name: str) -> str:
    scores = table()[name]
    passes = sum(1 for s in scores if s >= 50)
    return f"{name}: mean {sum(scores) / len(scores):.1f}, {passes}/{len(scores)} pass"


@pytest.mark.parametrize("strategy", list(STRATEGIES))
def test_a_strategy_that_does_not_investigate_fails(strategy: str) -> None:
    scores = table()[strategy]
    assert sum(scores) / len(scores) < 50, describe(strategy)
    assert sum(1 for s in scores if s >= 50) <= len(scores) / 10, describe(strategy)


def test_the_ideal_path_averages_at_least_90() -> None:
    scores = table()["ideal"]
    assert sum(scores) / len(scores) >= 90, describe("ideal")
    assert min(scores) >= 90, describe("ideal")
