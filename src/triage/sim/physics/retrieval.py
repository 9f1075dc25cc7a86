"""Retrieval physics: a retrieval-augmented LLM answering a window of questions at a time.

Each question draws, once, everything random about it: whether its answer is indexed, the rank of
its passage (geometric, from a uniform draw, so a better `precision` moves it up without a new
draw), whether the model declines, whether its answer is right, its resampled answers, the judge's
pick and slip, and the noise on its stated confidence. The outcomes follow from the parameters in
force in its window, so an intervention re-reads the same draws with new parameters from its
window on, and every earlier window stays bit for bit the same.

A retrieved passage grounds the answer: right with `grounded_accuracy` (less `distraction` per
extra passage), resampled answers agree with `agreement`. Without one the model declines with
chance `abstain`, or answers from memory: right with `parametric_accuracy`, samples agreeing only
with `unsupported_agreement`, and stated confidence barely lower. Stated confidence against being
right, over the answered questions, gives `ece` and the report (a reliability diagram).
Overrides: `restore_index` (coverage and precision as before the onset), `top_k` and `abstain`.
"""

from __future__ import annotations

import numpy as np

from triage.model.physics import RetrievalPhysics
from triage.sim.physics._common import (
    Intervention,
    PhysicsResult,
    as_flag,
    as_non_negative,
    as_positive,
    draw,
    finite,
    first_minute,
    read_overrides,
    window_index,
)
from triage.sim.physics.calibration import reliability_report
from triage.sim.physics.reports import Report


def _top_k(value: object) -> int:
    number = as_positive(value)  # type: ignore[arg-type]
    if number != int(number) or number > 50:
        raise ValueError(f"expected a whole number of passages from 1 to 50, got {value!r}")
    return int(number)


def _share(value: object) -> float:
    number = as_non_negative(value)  # type: ignore[arg-type]
    if number > 1:
        raise ValueError(f"expected a share from 0 to 1, got {value!r}")
    return number


READERS = {"restore_index": as_flag, "top_k": _top_k, "abstain": _share}
"""Overrides this system accepts, each with the function that reads its value."""

BINS = 15
"""Equal-width confidence bins for ECE and the reliability diagram (as the calibration system's
default)."""


class _Draws:
    """Every random draw of every question, one row per window."""

    def __init__(self, rng: np.random.Generator, windows: int, size: int, samples: int) -> None:
        shape = (windows, size)
        self.indexed = rng.random(shape)
        self.rank = rng.random(shape)
        self.declines = rng.random(shape)
        self.right = rng.random(shape)
        self.resampled = rng.random((windows, size, samples - 1))
        self.judged = rng.random(shape)
        self.slip = rng.random(shape)
        self.confidence = rng.standard_normal(shape)


def _answers(d: _Draws, rows: slice, params: dict[str, np.ndarray],
             constants: dict[str, float]) -> dict[str, np.ndarray]:
    """Per question (one window per row) of the windows `rows`: whether its passage was
    retrieved, whether the model answered, whether it was right, its stated confidence, its
    agreeing samples and the judge's verdict, under per-window `params` (coverage, precision,
    top_k, abstain as columns) and the per-play `constants`."""
    coverage, precision = params["coverage"][:, None], params["precision"][:, None]
    top_k, abstain = params["top_k"][:, None], params["abstain"][:, None]
    miss = np.clip(1.0 - precision, 1e-12, 1.0)
    # Rank >= r+1 with chance miss^r: the passage makes the prompt when miss^top_k < draw.
    retrieved = (d.indexed[rows] < coverage) & (d.rank[rows] >= miss**top_k)
    declined = ~retrieved & (d.declines[rows] < abstain)
    answered = ~declined
    grounded_right = np.clip(constants["grounded_accuracy"]
                             - constants["distraction"] * (top_k - 1), 0.0, 1.0)
    right = np.where(retrieved, d.right[rows] < grounded_right,
                     answered & (d.right[rows] < constants["parametric_accuracy"]))
    agree_p = np.where(retrieved, constants["agreement"], constants["unsupported_agreement"])
    samples = d.resampled.shape[2] + 1
    agreeing = (1.0 + np.sum(d.resampled[rows] < agree_p[..., None], axis=2)) / samples
    stated = np.where(retrieved, constants["confidence"], constants["unsupported_confidence"])
    confidence = np.clip(stated + 0.05 * d.confidence[rows], 0.0, 1.0)
    judged = answered & (d.judged[rows] < constants["judge_rate"])
    label = right ^ (d.slip[rows] < constants["judge_error"])
    return {"retrieved": retrieved, "declined": declined, "answered": answered, "right": right,
            "agreeing": agreeing, "confidence": confidence, "judged": judged, "label": label}


def _calibration_error(confidence: np.ndarray, right: np.ndarray, answered: np.ndarray,
                       bins: int = BINS) -> np.ndarray:
    """ECE of each row over its answered questions: the sum over equal-width confidence bins
    of |stated confidence - correct| summed in the bin, over the answered count (NaN for none);
    the bins are those of `triage.stats.reliability`, so the report's ECE is the panel's."""
    inner = np.linspace(0.0, 1.0, bins + 1)[1:-1]
    index = np.searchsorted(inner, confidence, side="right")
    rows = confidence.shape[0]
    flat = (index + (np.arange(rows) * bins)[:, None]).ravel()
    gap = np.where(answered, confidence - right, 0.0).ravel()
    summed = np.bincount(flat, weights=gap, minlength=rows * bins).reshape(rows, bins)
    count = answered.sum(axis=1)
    return np.divide(np.abs(summed).sum(axis=1), count, out=np.full(rows, np.nan),
                     where=count > 0)


def _outcomes(spec: RetrievalPhysics, d: _Draws, rows: slice, params: dict[str, np.ndarray],
              constants: dict[str, float]) -> dict[str, np.ndarray]:
    """Per-window statistics for the windows `rows` (see `_answers`)."""
    a = _answers(d, rows, params, constants)
    retrieved, declined, answered, right = a["retrieved"], a["declined"], a["answered"], a["right"]
    judged, label = a["judged"], a["label"]
    answered_count = answered.sum(axis=1)
    judged_count = judged.sum(axis=1)
    size = spec.window

    def over_answered(values: np.ndarray) -> np.ndarray:
        total = np.where(answered, values, 0.0).sum(axis=1)
        return np.divide(total, answered_count, out=np.full(total.shape, np.nan),
                         where=answered_count > 0)

    return {
        "hit_rate": retrieved.sum(axis=1) / size,
        "grounded": over_answered(retrieved.astype(np.float64)),
        "confidence": over_answered(a["confidence"]),
        "consistency": over_answered(a["agreeing"]),
        "ece": _calibration_error(a["confidence"], right.astype(np.float64), answered),
        "judged_correct": np.divide((judged & label).sum(axis=1), judged_count,
                                    out=np.full(judged_count.shape, np.nan),
                                    where=judged_count > 0),
        "accuracy": right.sum(axis=1) / size,
        "abstained": declined.sum(axis=1) / size,
        "hallucinated": (answered & ~retrieved & ~right).sum(axis=1) / size,
        "context_tokens": params["top_k"] * float(spec.passage_tokens),
    }


def _hold(values: np.ndarray, start: float) -> np.ndarray:
    """A window with nothing to average (no answer, no judged answer) keeps the last value."""
    valid = np.isfinite(values)
    last = np.maximum.accumulate(np.where(valid, np.arange(values.size), -1))
    return np.where(last >= 0, values[np.maximum(last, 0)], start)


def run_retrieval(
    spec: RetrievalPhysics,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Simulate windows of questions and return retrieval, grounding and answer-quality series."""
    coverage_before = draw(spec.coverage, 0.0, rng)
    coverage_after = draw(spec.onset_coverage, coverage_before, rng)
    precision_before = draw(spec.precision, 0.0, rng)
    precision_after = draw(spec.onset_precision, precision_before, rng)
    constants = {name: draw(getattr(spec, name), 0.0, rng) for name in (
        "grounded_accuracy", "distraction", "parametric_accuracy", "abstain", "confidence",
        "unsupported_confidence", "agreement", "unsupported_agreement", "judge_rate",
        "judge_error")}
    starts, of_minute = window_index(minutes, spec.every)
    draws = _Draws(rng, starts.size, spec.window, spec.samples)

    changed = starts >= first_minute(onset + spec.change_after, minutes)
    params = {
        "coverage": np.where(changed, coverage_after, coverage_before),
        "precision": np.where(changed, precision_after, precision_before),
        "top_k": np.full(starts.size, float(spec.top_k)),
        "abstain": np.full(starts.size, constants["abstain"]),
    }
    base = _outcomes(spec, draws, slice(None), params, constants)
    series = {name: values[of_minute] for name, values in base.items()}
    begin, overrides = read_overrides(intervention, minutes, READERS)
    fixed = {name: values.copy() for name, values in params.items()}  # in force after `begin`
    if begin < minutes and overrides:
        first = int(of_minute[begin])
        if overrides.get("restore_index"):
            fixed["coverage"][first:], fixed["precision"][first:] = (coverage_before,
                                                                     precision_before)
        if "top_k" in overrides:
            fixed["top_k"][first:] = float(overrides["top_k"])  # type: ignore[arg-type]
        if "abstain" in overrides:
            fixed["abstain"][first:] = float(overrides["abstain"])  # type: ignore[arg-type]
        after = _outcomes(spec, draws, slice(first, None),
                          {name: values[first:] for name, values in fixed.items()}, constants)
        for name, values in after.items():
            series[name][begin:] = values[of_minute[begin:] - first]
    healthy = {"grounded": 1.0, "confidence": constants["confidence"],
               "consistency": constants["agreement"],
               "judged_correct": constants["grounded_accuracy"], "ece": 0.0}
    series = {name: finite(_hold(values, healthy[name]) if name in healthy else values)
              for name, values in series.items()}

    def reporter(minute: int) -> Report:
        """The reliability diagram of the answers in the window holding `minute`."""
        minute = min(minute, minutes - 1)
        window = int(of_minute[minute])
        table = fixed if minute >= begin else params
        a = _answers(draws, slice(window, window + 1),
                     {name: values[window:window + 1] for name, values in table.items()},
                     constants)
        answered = a["answered"][0]
        return reliability_report(a["confidence"][0][answered],
                                  a["right"][0][answered].astype(np.float64), BINS, minute,
                                  counted="answers")

    return PhysicsResult(series=series, reporter=reporter)
