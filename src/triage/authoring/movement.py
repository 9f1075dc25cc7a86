"""Do the decisive panels really move? A check of `triage check`, on the ideal plays' worlds.

A decisive panel must leave its pre-onset range, widened by its own noise, for at least
`MOVE_MINUTES` minutes after the onset; otherwise the evidence the player is asked to cite is not
there to see.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from triage.authoring.checkresult import HIDDEN, CheckResult

MOVE_MINUTES = 3
MIN_BASELINE_MINUTES = 10


def _noise(values: np.ndarray) -> float:
    """The noise of a series, from the median absolute one-minute change (robust to trends)."""
    if len(values) < 3:
        return 0.0
    changes = np.abs(np.diff(values))
    return float(np.median(changes) / 0.6745 / np.sqrt(2))


def _moves(values: np.ndarray, onset: int) -> tuple[bool, str]:
    """Does a series leave its pre-onset range, widened by its noise, for long enough?"""
    before, after = values[:onset], values[onset:]
    if len(before) < MIN_BASELINE_MINUTES:
        return False, f"onset at minute {onset} leaves no baseline to compare against"
    finite = before[np.isfinite(before)]
    if len(finite) == 0:
        return False, "no finite values before onset"
    noise = _noise(finite)
    low, high = float(finite.min()) - noise, float(finite.max()) + noise
    outside = ~np.isfinite(after) | (after < low) | (after > high)
    count = int(outside.sum())
    if count >= MOVE_MINUTES:
        return True, f"outside its pre-onset range [{low:.4g}, {high:.4g}] for {count} minutes"
    return False, (f"stays within its pre-onset range [{low:.4g}, {high:.4g}] (noise "
                   f"{noise:.3g}) but for {count} minute(s) after onset")


def decisive_moves(runs: Sequence[Any]) -> Iterator[CheckResult]:
    """Each decisive panel (of the variant each run played) leaves its pre-onset range after the
    onset, for every seed; `runs` are the ideal plays (`.seed`, `.ideal`)."""
    # Each run is checked against the evidence of the variant it played.
    panels = list(dict.fromkeys(item for run in runs for item in _decisive_panels(run)))
    if not panels:
        yield CheckResult("decisive panels move", True,
                          "no decisive panel (the decisive evidence is a report, logs or changes)")
        return
    for panel in panels:
        failures = []
        detail = ""
        for run in runs:
            if panel not in _decisive_panels(run):
                continue
            world = run.ideal.world
            moved, detail_for_seed = _moves(world.series[panel], int(world.onset))
            if not moved:
                failures.append(f"seed {run.seed}: {detail_for_seed}")
            elif not detail:
                detail = f"{detail_for_seed} (seed {run.seed})"
        name = f"decisive panel {panel} moves"
        public = ("a decisive panel moves", HIDDEN)
        if failures:
            yield CheckResult(name, False, "; ".join(failures[:2]), public=public)
        else:
            yield CheckResult(name, True, detail, public=public)


def _decisive_panels(run: Any) -> list[str]:
    """The decisive panels that must move: not those declared `expect: flat` (an independent
    sample that stays put is decisive for a false alarm; `triage.authoring.curves` checks it)."""
    played = run.ideal.incident
    signals = {s.id for s in played.signals if getattr(s, "expect", None) != "flat"}
    return [item for item in played.evidence.decisive if item in signals]
