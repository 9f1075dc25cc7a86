"""Drift and calibration statistics with fixed, documented conventions (numpy only).

Players compare these numbers with what Evidently, scipy or their own notebooks print, so each
function pins one convention and says why:

* **Binning for PSI and JS**: the inner cut points are the reference quantiles
  `np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1]` with duplicates merged, and the two
  outer bins are open to -inf and +inf, so a production value outside the training range is still
  counted. A value equal to a cut point goes to the upper bin (`searchsorted(side="right")`).
* **PSI**: `sum((c - r) * ln(c / r))` over bins, natural log, where an empty bin's proportion is
  replaced by `1e-4` (no renormalisation). Without the floor one empty bin makes PSI infinite.
* **JS**: the Jensen-Shannon *distance*, base 2 (0..1), on the raw bin proportions, equal to
  `scipy.spatial.distance.jensenshannon(p, q, base=2)`. No floor: an empty bin contributes
  `0 * log 0 = 0`, which is finite, so flooring would only move the number away from scipy's.
* **KS**: the two-sample statistic, equal to `scipy.stats.ks_2samp(reference, current).statistic`.
* **Calibration**: equal-width bins on [0, 1], left-closed `[lo, hi)`, the last bin closed
  `[lo, 1]`, so a confidence of exactly 1.0 is counted. ECE weights each bin by its share of all
  samples; MCE is the largest gap over non-empty bins.

The `*_rows` functions compute the same statistics for many windows at once (one window per row)
and are what the scalar functions call, so both always agree bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from triage.sim import _ks

PSI_FLOOR = 1e-4
"""Proportion used in place of an empty bin when computing PSI."""

FloatArray = NDArray[np.float64]



def _sample(values: ArrayLike, name: str, ndim: int = 1) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.shape[-1] == 0 or array.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def quantile_cuts(reference: ArrayLike, bins: int = 10) -> FloatArray:
    """Return the inner cut points: the reference's inner quantiles, duplicates merged."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    ref = _sample(reference, "reference")
    return np.unique(np.quantile(ref, np.linspace(0.0, 1.0, bins + 1))[1:-1])


def bin_proportions(values: ArrayLike, cuts: ArrayLike) -> FloatArray:
    """Return the share of `values` in each bin defined by `cuts` (open outer bins).

    `values` may be 1-D (one sample) or 2-D (one sample per row); the result has `len(cuts) + 1`
    columns. A value equal to a cut point counts in the upper bin.
    """
    array = np.asarray(values, dtype=np.float64)
    rows = np.atleast_2d(array)
    edges = np.asarray(cuts, dtype=np.float64)
    n_bins = edges.size + 1
    props = _row_counts(np.searchsorted(edges, rows, side="right"), n_bins) / rows.shape[1]
    return props if array.ndim == 2 else props[0]


def category_proportions(codes: ArrayLike, n_categories: int) -> FloatArray:
    """Return the share of each category code `0..n_categories-1` (1-D, or one row per sample)."""
    array = np.asarray(codes, dtype=np.int64)
    rows = np.atleast_2d(array)
    props = _row_counts(rows, n_categories) / rows.shape[1]
    return props if array.ndim == 2 else props[0]


def _row_counts(index: NDArray[np.int64], n_bins: int) -> FloatArray:
    n_rows = index.shape[0]
    offset = index + (np.arange(n_rows) * n_bins)[:, None]
    counts = np.bincount(offset.ravel(), minlength=n_rows * n_bins)
    return counts.reshape(n_rows, n_bins).astype(np.float64)


def psi_from_proportions(reference: ArrayLike, current: ArrayLike) -> FloatArray:
    """PSI between proportion vectors (last axis = bins); empty bins are floored at 1e-4."""
    r = np.asarray(reference, dtype=np.float64)
    c = np.asarray(current, dtype=np.float64)
    r = np.where(r > 0.0, r, PSI_FLOOR)
    c = np.where(c > 0.0, c, PSI_FLOOR)
    return np.sum((c - r) * np.log(c / r), axis=-1)


def js_from_proportions(reference: ArrayLike, current: ArrayLike) -> FloatArray:
    """Jensen-Shannon distance, base 2, between proportion vectors (last axis = bins).

    Follows `scipy.spatial.distance.jensenshannon(p, q, base=2)` step by step: both vectors are
    renormalised, empty bins contribute zero, and the result is the square root of the divergence.
    """
    p = np.asarray(reference, dtype=np.float64)
    q = np.asarray(current, dtype=np.float64)
    p = p / np.sum(p, axis=-1, keepdims=True)
    q = q / np.sum(q, axis=-1, keepdims=True)
    m = (p + q) / 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        left = np.where(p > 0.0, p * np.log(p / m), 0.0)
        right = np.where(q > 0.0, q * np.log(q / m), 0.0)
    divergence = (np.sum(left, axis=-1) + np.sum(right, axis=-1)) / np.log(2.0)
    return np.sqrt(np.maximum(divergence / 2.0, 0.0))


def psi_rows(reference: ArrayLike, windows: ArrayLike, bins: int = 10) -> FloatArray:
    """PSI of each row of `windows` against `reference` (the same value as `psi` per row)."""
    cuts = quantile_cuts(reference, bins)
    ref_props = bin_proportions(reference, cuts)
    return psi_from_proportions(ref_props, bin_proportions(_sample(windows, "windows", 2), cuts))


def js_rows(reference: ArrayLike, windows: ArrayLike, bins: int = 10) -> FloatArray:
    """JS distance of each row of `windows` against `reference` (as `js_distance` per row)."""
    cuts = quantile_cuts(reference, bins)
    ref_props = bin_proportions(reference, cuts)
    return js_from_proportions(ref_props, bin_proportions(_sample(windows, "windows", 2), cuts))


def ks_rows(reference: ArrayLike, windows: ArrayLike, *, presorted: bool = False) -> FloatArray:
    """Two-sample KS statistic of each row of `windows` against `reference`.

    Equal to `scipy.stats.ks_2samp(reference, row).statistic` for every row: the statistic is
    `max |i/n_ref - j/n_row|` over the empirical-CDF count pairs `(i, j)` at the pooled sample
    points. Like scipy, when both samples have at most 10,000 values the result is the exact
    fraction `h / lcm(n_ref, n_row)` (scipy rounds to it for its exact p-value); above that it is
    the floating-point difference. Rather than sorting reference and window together per row, the
    pairs that can hold the maximum are read at each window value (the CDFs at the value and just
    below it; see `triage.sim._ks`), which finds the same maximum at a fraction of the cost. Pass
    `presorted=True` when the reference and every row are already sorted ascending, to skip
    sorting them again.
    """
    ref = _sample(reference, "reference")
    rows = _sample(windows, "windows", 2)
    if not presorted:
        ref, rows = np.sort(ref), np.sort(rows, axis=1)
    return _ks.sorted_rows(ref, rows)


def psi(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> float:
    """Population Stability Index of `current` against `reference` (see module conventions).

    Bands commonly used: below 0.1 no shift, 0.1 to 0.25 moderate, above 0.25 significant.
    """
    return float(psi_rows(reference, _sample(current, "current")[None, :], bins)[0])


def js_distance(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> float:
    """Jensen-Shannon distance, base 2 (0 = same bins, 1 = disjoint), on the PSI bins."""
    return float(js_rows(reference, _sample(current, "current")[None, :], bins)[0])


def ks_statistic(reference: ArrayLike, current: ArrayLike) -> float:
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the empirical CDFs."""
    return float(ks_rows(reference, _sample(current, "current")[None, :])[0])


@dataclass(frozen=True)
class Reliability:
    """A reliability diagram: per confidence bin, how many predictions, how right, how sure.

    `accuracy`, `confidence` and `gap` are NaN for empty bins (they are undefined there).
    """

    edges: FloatArray
    """Bin edges, `bins + 1` values from 0 to 1."""
    count: NDArray[np.int64]
    """Predictions per bin."""
    accuracy: FloatArray
    """Share of correct predictions per bin."""
    confidence: FloatArray
    """Mean confidence per bin."""

    @property
    def gap(self) -> FloatArray:
        """Absolute difference between accuracy and mean confidence per bin."""
        return np.abs(self.accuracy - self.confidence)


def _calibration_inputs(
    confidence: ArrayLike, correct: ArrayLike, ndim: int
) -> tuple[FloatArray, FloatArray]:
    conf = _sample(confidence, "confidence", ndim)
    hits = _sample(correct, "correct", ndim)
    if conf.shape != hits.shape:
        raise ValueError(f"confidence {conf.shape} and correct {hits.shape} differ in shape")
    if np.any((conf < 0.0) | (conf > 1.0)):
        raise ValueError("confidence must lie in [0, 1]")
    return conf, hits


def _calibration_bins(
    conf: FloatArray, hits: FloatArray, bins: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per row and bin: count, summed confidence and summed correctness."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    # The bin is the number of inner edges at or below the confidence (`searchsorted(inner, conf,
    # side="right")`). `conf * bins` rounded down is that number or one off near an edge, so one
    # comparison with each neighbouring edge settles it, cheaper than a search per value.
    edges = np.linspace(0.0, 1.0, bins + 1)
    edges[0], edges[-1] = -np.inf, np.inf
    index = (conf * bins).astype(np.intp)
    np.minimum(index, bins - 1, out=index)
    index -= conf < edges[index]
    index += conf >= edges[index + 1]
    n_rows = conf.shape[0]
    flat = (index + (np.arange(n_rows) * bins)[:, None]).ravel()
    size = n_rows * bins
    count = np.bincount(flat, minlength=size).reshape(n_rows, bins).astype(np.float64)
    conf_sum = np.bincount(flat, weights=conf.ravel(), minlength=size).astype(
        np.float64, copy=False
    )
    hit_sum = np.bincount(flat, weights=hits.ravel(), minlength=size).astype(np.float64, copy=False)
    return count, conf_sum.reshape(n_rows, bins), hit_sum.reshape(n_rows, bins)


def _bin_gaps(count: FloatArray, conf_sum: FloatArray, hit_sum: FloatArray) -> FloatArray:
    safe = np.where(count > 0, count, 1.0)
    return np.abs(hit_sum / safe - conf_sum / safe)


def calibration_rows(
    confidence: ArrayLike, correct: ArrayLike, bins: int = 15
) -> tuple[FloatArray, FloatArray]:
    """ECE and MCE of each row (one window of predictions per row), binned once for both."""
    conf, hits = _calibration_inputs(confidence, correct, 2)
    count, conf_sum, hit_sum = _calibration_bins(conf, hits, bins)
    gaps = _bin_gaps(count, conf_sum, hit_sum)
    weight = count / conf.shape[1]
    return np.sum(weight * gaps, axis=1), np.max(np.where(count > 0, gaps, 0.0), axis=1)


def ece_rows(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> FloatArray:
    """Expected calibration error of each row (one window of predictions per row)."""
    return calibration_rows(confidence, correct, bins)[0]


def mce_rows(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> FloatArray:
    """Maximum calibration error of each row: the largest gap over non-empty bins."""
    return calibration_rows(confidence, correct, bins)[1]


def ece(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> float:
    """Expected calibration error: the sample-weighted mean |accuracy - confidence| over bins.

    `confidence` is the probability the model gave its predicted class, `correct` is 1 when that
    prediction was right. Bins are equal-width on [0, 1], `[lo, hi)` with the last one `[lo, 1]`.
    """
    conf, hits = _calibration_inputs(confidence, correct, 1)
    return float(ece_rows(conf[None, :], hits[None, :], bins)[0])


def mce(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> float:
    """Maximum calibration error: the worst |accuracy - confidence| over non-empty bins."""
    conf, hits = _calibration_inputs(confidence, correct, 1)
    return float(mce_rows(conf[None, :], hits[None, :], bins)[0])


def reliability(confidence: ArrayLike, correct: ArrayLike, bins: int = 15) -> Reliability:
    """Return the reliability diagram (per-bin count, accuracy, mean confidence) ECE is built on."""
    conf, hits = _calibration_inputs(confidence, correct, 1)
    count, conf_sum, hit_sum = _calibration_bins(conf[None, :], hits[None, :], bins)
    filled = count[0] > 0
    safe = np.where(filled, count[0], 1.0)
    return Reliability(
        edges=np.linspace(0.0, 1.0, bins + 1),
        count=count[0].astype(np.int64),
        accuracy=np.where(filled, hit_sum[0] / safe, np.nan),
        confidence=np.where(filled, conf_sum[0] / safe, np.nan),
    )


def brier(confidence: ArrayLike, correct: ArrayLike) -> float:
    """Brier score: the mean of `(confidence - correct) ** 2` (0 is perfect, lower is better)."""
    conf, hits = _calibration_inputs(confidence, correct, 1)
    return float(np.mean((conf - hits) ** 2))
