"""A physics system under a schedule of interventions: the on-call loop's running world.

A player may apply one option, watch, apply another, or revert the first. Each system re-runs
once per change of the overrides in force, and the runs are spliced: minutes before the first
change come from the untouched run, minutes from each change on come from the run with the
overrides then in force, applied at that change. Every run draws from a fresh copy of the system's
random stream, so the parts before a change are exactly the untouched ones.

Known limit: a system's later run starts its overrides at its own change, so an override with a
recovery ramp (a retrain, a restored feed) that was already in force restarts its ramp when a
second option touching the *same* system is applied. Systems touched by one option at a time
(the pack's usual case) are exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from triage.sim.physics import Intervention, PhysicsResult, run_physics
from triage.sim.physics._common import first_minute

if TYPE_CHECKING:
    from triage.sim.world import Applied

Change = tuple[float, dict[str, Any]]
"""An absolute minute and the overrides in force from it on (empty: none)."""


def system_changes(system: str, chosen: Sequence[Any], applied: Sequence[Applied]
                   ) -> list[Change]:
    """The minutes at which the overrides on `system` change, with the overrides from then on.

    Options in force are merged in the order they were applied, so when two set the same
    parameter the later one wins; options applied at the same minute (one decision) merge in the
    order of `chosen`, as a single decision always did."""
    rank = {option.id: index for index, option in enumerate(chosen)}
    touching = {option.id for option in chosen if option.physics.get(system)}
    entries = sorted((entry for entry in applied if entry.option in touching),
                     key=lambda entry: (entry.at, rank[entry.option]))
    by_id = {option.id: option for option in chosen}
    moments = sorted({entry.at for entry in entries}
                     | {entry.until for entry in entries if entry.until is not None})
    changes: list[Change] = []
    for moment in moments:
        overrides: dict[str, Any] = {}
        for entry in entries:
            if entry.at <= moment and (entry.until is None or moment < entry.until):
                overrides.update(by_id[entry.option].physics.get(system, {}))
        if not changes or changes[-1][1] != overrides:
            changes.append((moment, overrides))
    return changes


def run_scheduled(spec: Any, rng: Callable[[], np.random.Generator], minutes: int,
                  onset: float, changes: Sequence[Change]) -> PhysicsResult:
    """Run `spec` under the schedule of `changes` (see the module docstring)."""
    def run(change: Change | None) -> PhysicsResult:
        intervention = Intervention(change[0], change[1]) if change and change[1] else None
        return run_physics(spec, rng=rng(), minutes=minutes, onset=onset,
                           intervention=intervention)

    if not changes:
        return run(None)
    if len(changes) == 1 and changes[0][1]:
        return run(changes[0])  # one change: its run repeats the untouched one before it
    runs = [run(None), *(run(change) for change in changes)]
    starts = [0, *(first_minute(at, minutes) for at, _ in changes)]
    series = {}
    for name in runs[0].series:
        spliced = runs[0].series[name].copy()
        for result, start in zip(runs[1:], starts[1:], strict=True):
            spliced[start:] = result.series[name][start:]
        series[name] = spliced

    def report(minute: int) -> Any:
        index = max(i for i, start in enumerate(starts) if start <= minute or i == 0)
        return runs[index].report(minute)

    has_report = any(result.reporter is not None for result in runs)
    return PhysicsResult(series, report if has_report else None)

