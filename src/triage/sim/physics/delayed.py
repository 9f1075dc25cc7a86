"""Delayed-accuracy physics: concept drift lowers true accuracy; labels arrive `label_delay` late.

Each minute the service makes a Poisson number of predictions; a share `label_rate` of them is
sampled for labelling, and its ground-truth labels arrive `label_delay` minutes later. The accuracy
job at minute `t` looks at the predictions made in the `window` ending at `t - label_delay` and
scores the labels that have arrived, so it trails the truth by the delay, and its noise grows as
the labelled sample shrinks. Before minute 0 the service ran at the healthy accuracy, so the
measurement is defined from the first minute.

The label feed can change at `onset + feed_change_after`: predictions from then on wait
`onset_label_delay` for their labels (a slow or stalled feed), and only `onset_label_rate` of them
get one (a lossy feed). A job with `unlabelled: skip` scores the labels that did arrive; one with
`unlabelled: negative` counts every sampled decision still without a label as wrong, so a stalled
feed reads as a collapsing model. Overrides: `retrain` (true accuracy climbs back to the healthy
level over `recovery`), `restore_feed` (labels flow at the old delay and rate again; those already
overdue arrive at once) and `skip_unlabelled` (the job stops counting missing labels as wrong).
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

READERS = {"retrain": as_flag, "restore_feed": as_flag, "skip_unlabelled": as_flag}
"""Overrides this system accepts, each with the function that reads its value."""


def _windowed_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum of each trailing run of `window` values (entry i covers values[i-window+1 .. i])."""
    total = np.cumsum(values, dtype=np.float64)
    total[window:] = total[window:] - total[:-window]
    return total


def _arrived_in_window(values: np.ndarray, arrival: np.ndarray, window: int,
                       minutes: int) -> np.ndarray:
    """Per job minute `t`, the sum of `values[j]` over its window (`j` in `t+1 .. t+window`) for
    the predictions whose label has arrived by `t` (`arrival[j] <= t`).

    Prediction `j` counts for the minutes `max(j - window, arrival[j]) .. j - 1`, one interval
    each, so a difference array adds them all in one pass.
    """
    index = np.arange(values.size)
    low = np.maximum(np.maximum(index - window, arrival), 0)
    high = np.minimum(index - 1, minutes - 1)
    keep = (low <= high) & (values != 0)
    delta = np.zeros(minutes + 1, dtype=np.float64)
    np.add.at(delta, low[keep], values[keep])
    np.add.at(delta, high[keep] + 1, -values[keep])
    return np.cumsum(delta[:minutes])


def _hold(measured: np.ndarray, start: float) -> np.ndarray:
    """NaN minutes (no label to score) keep the last value; `start` before the first one."""
    minutes = measured.size
    valid = np.isfinite(measured)
    last_valid = np.maximum.accumulate(np.where(valid, np.arange(minutes), -1))
    return np.where(last_valid >= 0, measured[np.maximum(last_valid, 0)], start)


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
    seen = np.arange(minutes) + window
    series = {"true_accuracy": finite(truth[lead:]),
              "predictions": finite(predictions[lead:].astype(np.float64))}
    feed_changes = (spec.onset_label_delay is not None or spec.onset_label_rate is not None
                    or spec.unlabelled == "negative")
    if not feed_changes:
        # Every label arrives on time: the job's window is complete at every minute.
        spread = np.sqrt(labelled * truth * (1.0 - truth))
        correct = np.clip(np.round(labelled * truth + spread * noise), 0.0, labelled)
        count = _windowed_sum(labelled, window)[seen]
        right = _windowed_sum(correct, window)[seen]
        measured = np.divide(right, count, out=np.full(minutes, np.nan), where=count > 0)
        series.update(accuracy=finite(_hold(measured, healthy)), labels=finite(labelled[seen]),
                      labelled_window=finite(count), awaiting_labels=np.zeros(minutes))
        return PhysicsResult(series=series)

    # The feed's change is drawn after every draw above, so it moves none of them.
    slow = int(round(draw(spec.onset_label_delay, delay, rng)))
    kept_rate = min(draw(spec.onset_label_rate, label_rate, rng), label_rate)
    changed_at = onset + draw(spec.feed_change_after, 0.0, rng)
    keep_share = kept_rate / label_rate if label_rate > 0 else 1.0
    kept = rng.binomial(labelled.astype(np.int64), min(1.0, keep_share)).astype(np.float64)
    after = times >= changed_at
    delivered = np.where(after, kept, labelled)
    arrival = (np.arange(times.size) - window + np.where(after, slow - delay, 0)).astype(np.int64)
    if overrides.get("restore_feed") and begin < minutes:
        restored = np.arange(times.size) >= lead + begin
        delivered = np.where(restored, labelled, delivered)
        on_time = np.arange(times.size) - window
        arrival = np.where(restored, on_time, np.minimum(arrival, np.maximum(begin, on_time)))
    spread = np.sqrt(delivered * truth * (1.0 - truth))
    correct = np.clip(np.round(delivered * truth + spread * noise), 0.0, delivered)

    count = _arrived_in_window(delivered, arrival, window, minutes)
    right = _arrived_in_window(correct, arrival, window, minutes)
    sampled = _windowed_sum(labelled, window)[seen]
    skipping = np.full(minutes, spec.unlabelled == "skip")
    if overrides.get("skip_unlabelled"):
        skipping[begin:] = True
    base = np.where(skipping, count, sampled)
    measured = np.divide(right, base, out=np.full(minutes, np.nan), where=base > 0)
    on_arrival = np.bincount(arrival[(arrival >= 0) & (arrival < minutes)],
                             weights=delivered[(arrival >= 0) & (arrival < minutes)],
                             minlength=minutes)
    series.update(accuracy=finite(_hold(measured, healthy)), labels=finite(on_arrival),
                  labelled_window=finite(count), awaiting_labels=finite(sampled - count))
    return PhysicsResult(series=series)
