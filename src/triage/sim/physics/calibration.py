"""Calibration physics: a classifier's confidence against how often it is right, per window.

For each prediction the true log-odds of the predicted class being right are `separation * |z|`
with `z` standard normal, so accuracy depends only on the separation. The model reports confidence
`sigmoid(separation * |z| / temperature)`: temperature 1 is perfectly calibrated, below 1 the
model is overconfident ("95% sure, right 60% of the time"), above 1 underconfident. Temperature
never changes which class is predicted, which is why temperature scaling repairs calibration
without moving accuracy. Overrides: `temperature` (temperature scaling; 1 restores calibration)
and `retrain` (a fresh model: calibrated again, with the separation it had before the onset).
"""

from __future__ import annotations

import numpy as np

from triage.model.physics import CalibrationPhysics
from triage.sim import stats
from triage.sim.physics._common import (
    Intervention,
    PhysicsResult,
    as_flag,
    as_positive,
    draw,
    finite,
    first_minute,
    read_overrides,
    window_index,
)
from triage.sim.physics.reports import Report, bar

READERS = {"temperature": as_positive, "retrain": as_flag}
"""Overrides this system accepts, each with the function that reads its value."""


def _window_outcomes(
    scores: np.ndarray, draws: np.ndarray, separation: np.ndarray, temperature: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Confidence and correctness (0/1) per prediction, one window per row."""
    log_odds = scores * separation[:, None]
    correct = (draws * (1.0 + np.exp(-log_odds)) < 1.0).astype(np.float64)
    confidence = 1.0 / (1.0 + np.exp(-log_odds / temperature[:, None]))
    return confidence, correct


def _window_stats(confidence: np.ndarray, correct: np.ndarray, bins: int) -> dict[str, np.ndarray]:
    accuracy = correct.mean(axis=1)
    mean_confidence = confidence.mean(axis=1)
    ece, mce = stats.calibration_rows(confidence, correct, bins)
    return {
        "ece": ece,
        "mce": mce,
        "accuracy": accuracy,
        "mean_confidence": mean_confidence,
        "overconfidence": mean_confidence - accuracy,
        "brier": np.mean((confidence - correct) ** 2, axis=1),
    }


def run_calibration(
    spec: CalibrationPhysics,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Simulate windows of predictions and return ECE, accuracy and confidence series."""
    separation_before = draw(spec.separation, 0.0, rng)
    separation_after = draw(spec.onset_separation, separation_before, rng)
    temperature_before = draw(spec.temperature, 0.0, rng)
    temperature_after = draw(spec.onset_temperature, temperature_before, rng)
    starts, of_minute = window_index(minutes, spec.every)
    scores = np.abs(rng.standard_normal((starts.size, spec.window)))
    draws = rng.random((starts.size, spec.window))

    changed = starts >= first_minute(onset + spec.change_after, minutes)
    separation = np.where(changed, separation_after, separation_before)
    temperature = np.where(changed, temperature_after, temperature_before)
    begin, overrides = read_overrides(intervention, minutes, READERS)
    fixed_separation, fixed_temperature = separation.copy(), temperature.copy()
    if overrides.get("retrain"):
        fixed_separation[:], fixed_temperature[:] = separation_before, 1.0
    if "temperature" in overrides:
        fixed_temperature[:] = overrides["temperature"]

    base = _window_stats(*_window_outcomes(scores, draws, separation, temperature), spec.bins)
    series = {name: values[of_minute] for name, values in base.items()}
    if begin < minutes and overrides:
        first = int(of_minute[begin])
        outcomes = _window_outcomes(
            scores[first:], draws[first:], fixed_separation[first:], fixed_temperature[first:]
        )
        fixed = _window_stats(*outcomes, spec.bins)
        for name, values in fixed.items():
            series[name][begin:] = values[of_minute[begin:] - first]
    series = {name: finite(values) for name, values in series.items()}

    def reporter(minute: int) -> Report:
        minute = min(minute, minutes - 1)
        window = int(of_minute[minute])
        after = minute >= begin
        sep = (fixed_separation if after else separation)[window : window + 1]
        temp = (fixed_temperature if after else temperature)[window : window + 1]
        confidence, correct = _window_outcomes(
            scores[window : window + 1], draws[window : window + 1], sep, temp
        )
        return reliability_report(confidence[0], correct[0], spec.bins, minute)

    return PhysicsResult(series=series, reporter=reporter)


def reliability_report(
    confidence: np.ndarray, correct: np.ndarray, bins: int, minute: int,
    counted: str = "predictions",
) -> Report:
    """A reliability diagram as a table: per confidence bin, count, confidence, accuracy, gap
    (`counted` names what was counted in the notes: predictions, answers).

    The bar column fills with `█` up to the bin's accuracy and shades `░` from there up to its
    mean confidence, so an overconfident bin shows a shaded tail the length of its gap.
    """
    diagram = stats.reliability(confidence, correct, bins)
    rows = []
    for index in np.flatnonzero(diagram.count):
        low, high = diagram.edges[index], diagram.edges[index + 1]
        accuracy, mean_conf = diagram.accuracy[index], diagram.confidence[index]
        solid = bar(min(accuracy, mean_conf))
        shade = bar(max(accuracy, mean_conf))
        drawn = "".join(
            a if a != " " else ("░" if b != " " else " ") for a, b in zip(solid, shade, strict=True)
        )
        rows.append(
            (
                f"{low:.2f}-{high:.2f}",
                str(int(diagram.count[index])),
                f"{mean_conf:.2f}",
                f"{accuracy:.2f}",
                f"{accuracy - mean_conf:+.2f}",
                drawn,
            )
        )
    ece = stats.ece(confidence, correct, bins)
    return Report(
        title="Reliability diagram", at=minute,
        columns=("confidence", "count", "mean conf", "accuracy", "gap", "accuracy vs confidence"),
        rows=tuple(rows),
        trends=None,
        notes=(
            f"ECE {ece:.3f} over {confidence.size} {counted}, {bins} equal-width bins.",
            "A calibrated model is right as often as it is confident: gap near 0.",
            "█ accuracy, ░ confidence above accuracy (overconfidence).",
        ),
    )
