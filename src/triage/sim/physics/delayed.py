"""Delayed-accuracy physics: concept drift lowers true accuracy; labels arrive `label_delay` late.

Each minute the service makes a Poisson number of predictions; a share `label_rate` of them will
get a ground-truth label, `label_delay` minutes later. The measured `accuracy` at minute `t` is
computed over the labels of predictions made in the `window` ending at `t - label_delay`, so it
trails the truth by the delay, and its noise grows as the labelled sample shrinks. Before minute 0
the service ran at the healthy accuracy, so the measurement is defined from the first minute.
Override: `retrain` (true accuracy climbs back to the healthy level over `recovery`).
"""

from __future__ import annotations

import numpy as np

from triage.model.physics import DelayedAccuracyPhysics
from triage.sim.physics._common import (
    Intervention,
    PhysicsResult,
    as_flag,
    draw,
    finite,
    ramp,
    read_overrides,
)

READERS = {"retrain": as_flag}
"""Overrides this system accepts, each with the function that reads its value."""


def _windowed_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum of each trailing run of `window` values (entry i covers values[i-window+1 .. i])."""
    total = np.cumsum(values, dtype=np.float64)
    total[window:] = total[window:] - total[:-window]
    return total


def run_delayed_accuracy(
    spec: DelayedAccuracyPhysics,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Simulate predictions, late labels and measured accuracy over the timeline."""
    healthy = draw(spec.accuracy, 0.0, rng)
    degraded = draw(spec.degraded_accuracy, 0.0, rng)
    start = draw(spec.start, 0.0, rng)
    degrade_over = draw(spec.degrade_over, 0.0, rng)
    delay = int(round(draw(spec.label_delay, 0.0, rng)))
    label_rate = draw(spec.label_rate, 0.0, rng)
    window = max(1, int(round(spec.window)))

    # Prediction minutes run from before the timeline, so every minute has a full label window.
    lead = delay + window
    times = np.arange(-lead, minutes, dtype=np.float64)
    predictions = rng.poisson(spec.predictions_per_minute, size=times.size)
    labelled = rng.binomial(predictions, label_rate).astype(np.float64)
    noise = rng.standard_normal(times.size)

    truth = healthy + (degraded - healthy) * ramp(times, onset + start, degrade_over)
    begin, overrides = read_overrides(intervention, minutes, READERS)
    if overrides.get("retrain") and begin < minutes:
        at = lead + begin
        recovering = truth[at] + (healthy - truth[at]) * ramp(
            times[at:], float(begin), spec.recovery
        )
        truth[at:] = recovering
    # Normal approximation of Binomial(labelled, truth), from pre-drawn noise so that changing the
    # truth after the intervention leaves every earlier draw untouched.
    spread = np.sqrt(labelled * truth * (1.0 - truth))
    correct = np.clip(np.round(labelled * truth + spread * noise), 0.0, labelled)

    labels_in_window = _windowed_sum(labelled, window)
    correct_in_window = _windowed_sum(correct, window)
    # Minute t sees predictions made up to t - delay: index (t - delay) + lead = t + window.
    seen = np.arange(minutes) + window
    count = labels_in_window[seen]
    measured = np.divide(
        correct_in_window[seen], count, out=np.full(minutes, np.nan), where=count > 0
    )
    valid = np.isfinite(measured)
    last_valid = np.maximum.accumulate(np.where(valid, np.arange(minutes), -1))
    measured = np.where(last_valid >= 0, measured[np.maximum(last_valid, 0)], healthy)

    series = {
        "accuracy": finite(measured),
        "true_accuracy": finite(truth[lead:]),
        "labels": finite(labelled[seen]),
        "labelled_window": finite(count),
        "predictions": finite(predictions[lead:].astype(np.float64)),
    }
    return PhysicsResult(series=series)
