"""Training physics: a logistic-regression classifier trained by mini-batch SGD, minute by minute.

The model is small enough to run a real SGD step per simulated minute in well under 10 ms for a
6-hour timeline, and honest enough that its curves behave as the observability guide describes:

- **Divergence.** Column 0 is informative but un-normalised (std `raw_scale`), which makes the loss
  surface steep along it. Past the stability limit of the learning rate the weights thrash across
  that direction: loss and gradient norm spike by an order of magnitude and stay erratic. A linear
  model's loss grows only linearly with its weights, so a diverging run stays finite (no NaN).
- **Overfitting.** With many weak noise features (`noise_scale` small) and label noise, a long run
  first learns the real signal (validation falls), then slowly memorises the flipped training
  labels: training loss keeps falling while validation loss climbs.
- **Remedies.** Overrides from the intervention minute on: `learning_rate`, `clip` (gradient norm
  clipping; `false`/0 turns it off), `l2` (decoupled weight decay) and `stop` (early stopping:
  restore the checkpoint with the best validation loss so far and freeze it).

Randomness (data, batch order) is drawn up front, so a run with an intervention repeats the
baseline exactly before the intervention minute.
"""

from __future__ import annotations

import math

import numpy as np

from triage.model.physics import TrainingPhysics
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
)

EVAL_TRAIN_EXAMPLES = 256
"""Training loss is measured on a fixed sample of at most this many training examples."""
_LOSS_BLOCK = 240
"""Minutes of evaluation margins and losses worked out at once: the scratch arrays stay a few
megabytes however long the timeline."""


def _clip_value(value: object) -> float:
    """Read a `clip` override: a positive norm, or false/0 for no clipping (infinity)."""
    if isinstance(value, bool | str):
        if as_flag(value):  # type: ignore[arg-type]
            raise ValueError("clip needs a gradient norm such as 1.0, or false to turn it off")
        return math.inf
    limit = as_non_negative(value)  # type: ignore[arg-type]
    return limit if limit > 0 else math.inf


READERS = {
    "learning_rate": as_positive,
    "clip": _clip_value,
    "l2": as_non_negative,
    "stop": as_flag,
}
"""Overrides this system accepts, each with the function that reads its value."""


def _make_data(
    spec: TrainingPhysics, signal: float, label_noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two Gaussian classes `signal` standard deviations apart: returns X, y, the ideal weights."""
    n = spec.train_size + spec.val_size
    labels = rng.random(n) < 0.5
    x = rng.standard_normal((n, spec.features))
    mean = signal / (2.0 * math.sqrt(spec.informative))
    x[:, : spec.informative] += np.where(labels, mean, -mean)[:, None]
    labels ^= rng.random(n) < label_noise
    ideal = np.zeros(spec.features)
    ideal[: spec.informative] = 2.0 * mean  # the Bayes-optimal weights for these two classes
    x[:, 0] *= spec.raw_scale
    ideal[0] /= spec.raw_scale
    if spec.noise_scale != 1.0:  # times 1.0 changes no value: skip a pass over the whole matrix
        x[:, spec.informative :] *= spec.noise_scale
    return x, labels.astype(np.float64), ideal


def _losses(margins: np.ndarray, n_train_eval: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean log-loss on the training sample and on the validation set, and validation accuracy.

    `margins` holds, per minute and evaluation example, the logit times the label sign (float32,
    which keeps this vectorised pass cheap; `log(1 + e)` stands in for `log1p`, which numpy does
    not vectorise, at a cost below 1e-7 per example). Worked out a block of minutes at a time:
    each minute's figures are its own row's, so the values are the same, and the scratch arrays
    stay a few megabytes on a multi-day timeline.
    """
    parts = [_losses_block(margins[start: start + _LOSS_BLOCK], n_train_eval)
             for start in range(0, max(1, len(margins)), _LOSS_BLOCK)]
    train, val, accuracy = (np.concatenate(column) for column in zip(*parts, strict=True))
    return train, val, accuracy


def _losses_block(margins: np.ndarray,
                  n_train_eval: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_losses` for some minutes."""
    loss = np.abs(margins)
    np.negative(loss, out=loss)
    np.exp(loss, out=loss)
    loss += np.float32(1.0)
    np.log(loss, out=loss)
    # Against a row of zeros, not a scalar 0: numpy's vector loop, same values, twice as fast.
    loss -= np.minimum(margins, np.zeros(margins.shape[1], dtype=np.float32))
    train = loss[:, :n_train_eval].mean(axis=1, dtype=np.float64)
    val = loss[:, n_train_eval:].mean(axis=1, dtype=np.float64)
    # The mean of 0/1 values is their (exact) count over the size.
    right = np.count_nonzero(margins[:, n_train_eval:] > 0, axis=1)
    accuracy = right / np.float64(margins.shape[1] - n_train_eval)
    return train, val, accuracy


def run_training(
    spec: TrainingPhysics,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Train the model over `minutes` minutes and return its loss, gradient and rate series."""
    base_rate = draw(spec.learning_rate, 0.0, rng)
    onset_rate = draw(spec.onset_learning_rate, base_rate, rng)
    signal = draw(spec.signal, 0.0, rng)
    label_noise = draw(spec.label_noise, 0.0, rng)
    x, y, ideal = _make_data(spec, signal, label_noise, rng)
    steps_per_minute, batch = spec.steps_per_minute, spec.batch_size
    batches = rng.integers(0, spec.train_size, size=(minutes * steps_per_minute, batch))

    start, overrides = read_overrides(intervention, minutes, READERS)
    rate = np.full(minutes, base_rate)
    rate[first_minute(onset + spec.change_after, minutes) :] = onset_rate
    clip = np.full(minutes, math.inf if spec.clip is None else spec.clip)
    l2 = np.full(minutes, spec.l2)
    rate[start:] = overrides.get("learning_rate", rate[start:])
    clip[start:] = overrides.get("clip", clip[start:])
    l2[start:] = overrides.get("l2", l2[start:])
    stop = minutes if not overrides.get("stop", False) else start
    decay = np.maximum(0.0, 1.0 - rate * l2)

    x_train = x[: spec.train_size]
    # The logistic gradient in tanh form: sigmoid(z) - y = (tanh(z / 2) + sign) / 2.
    sign = 1.0 - 2.0 * y
    # A minute's batches are gathered in one call (an indexing call per step cost more than the
    # step); `take` copies the same rows as `x_train[batches]` in about a third of the time.
    # Gathering the whole run at once was as fast but held up to 16 MB for the run.
    n_eval = min(EVAL_TRAIN_EXAMPLES, spec.train_size)
    rows = np.r_[np.arange(n_eval), spec.train_size + np.arange(spec.val_size)]
    # Margin = logit * label sign = (2u) . x * (-sign): fold the factor into the evaluation rows.
    signed_eval = x[rows]
    signed_eval *= -2.0 * sign[rows, None]
    # Track half the weights, u = w / 2, so each step needs one tanh and no divisions.
    initial = (ideal / 2.0) if spec.warm_start else np.zeros(spec.features)
    margins = np.empty((minutes, rows.size), dtype=np.float32)
    weights = np.empty((minutes, spec.features))
    grad_norm = np.zeros(minutes)
    to_norm, to_step = 1.0 / (2 * batch), 1.0 / (4 * batch)
    schedule = list(zip(rate.tolist(), clip.tolist(), decay.tolist(), strict=True))[:stop]
    half = initial.copy()  # updated in place below; `initial` is read again after the loop
    take, tanh, multiply, subtract = x_train.take, np.tanh, np.multiply, np.subtract
    for minute, (eta, limit, shrink) in enumerate(schedule):
        total = 0.0
        first = minute * steps_per_minute
        block = batches[first: first + steps_per_minute]
        for xb, signs in zip(take(block, axis=0), sign[block], strict=True):
            r = tanh(xb.dot(half))
            r += signs
            g = r.dot(xb)
            norm = math.sqrt(g.dot(g)) * to_norm
            total += norm
            scale = eta * to_step if norm <= limit else eta * to_step * limit / norm
            if shrink != 1.0:
                multiply(half, shrink, out=half)
            multiply(g, scale, out=g)
            subtract(half, g, out=half)
        weights[minute] = half
        grad_norm[minute] = total / steps_per_minute
    # Every minute's evaluation in one matrix product, not one matrix-vector product per minute:
    # the evaluation rows (up to ~2,000 x 256) were read again each minute, most of the run time.
    # A block of minutes at a time: the product is float64 before it is stored as float32.
    for block in range(0, len(schedule), _LOSS_BLOCK):
        end = min(len(schedule), block + _LOSS_BLOCK)
        margins[block:end] = weights[block:end] @ signed_eval.T

    if stop < minutes:
        if stop > 0:
            _, seen, _ = _losses(margins[:stop].copy(), n_eval)
            initial = weights[int(np.argmin(seen))]
        weights[stop:] = initial
        margins[stop:] = signed_eval.dot(initial)
        rate[stop:] = 0.0
    train, val, accuracy = _losses(margins, n_eval)
    series = {
        "train_loss": finite(train),
        "val_loss": finite(val),
        "gap": finite(val - train),
        "val_accuracy": finite(accuracy),
        "grad_norm": finite(grad_norm),
        "learning_rate": finite(rate),
    }
    return PhysicsResult(series=series)
