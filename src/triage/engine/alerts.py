"""Alert evaluation in the manner of Prometheus: a condition that holds for `for` minutes fires.

The rule is pending from the first minute its condition is true and fires once it has held for
the whole `for` duration; any minute where it is false resets it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from triage.model.incident import Alert, Incident


@dataclass(frozen=True)
class AlertState:
    """When one rule fires in a world (None: it never fires within the timeline)."""

    alert: Alert
    fires_at: int | None


def condition_holds(alert: Alert, values: np.ndarray) -> np.ndarray:
    """A boolean per minute: is the rule's condition true?"""
    if alert.above is not None:
        return values > alert.above
    return values < (alert.below if alert.below is not None else -np.inf)


def first_firing(alert: Alert, values: np.ndarray) -> int | None:
    """The first minute at which the rule has held for its `for` duration, or None."""
    holds = condition_holds(alert, values)
    if not holds.any():
        return None
    needed = int(np.ceil(alert.for_))
    if needed <= 0:
        return int(np.argmax(holds))
    # Length of the current run of true values at each minute.
    index = np.arange(len(holds))
    last_false = np.maximum.accumulate(np.where(~holds, index, -1))
    run = index - last_false
    fired = np.nonzero(run > needed)[0]
    return int(fired[0]) if len(fired) else None


def evaluate_alerts(incident: Incident, series: dict[str, np.ndarray]) -> list[AlertState]:
    """When every rule of the incident fires, in declaration order."""
    return [AlertState(a, first_firing(a, series[a.signal])) for a in incident.alerts]


def paging_alert(incident: Incident, states: list[AlertState]) -> AlertState | None:
    """The alert that pages the player: the named `page` alert, else the first to fire."""
    if incident.page:
        return next((s for s in states if s.alert.name == incident.page), None)
    fired = [s for s in states if s.fires_at is not None]
    return min(fired, key=lambda s: s.fires_at or 0) if fired else None
