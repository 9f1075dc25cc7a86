"""The two-sample KS statistic of many sorted windows against one sorted reference.

`triage.sim.stats.ks_rows` validates and sorts; `sorted_rows` here does the counting. The statistic
is the largest gap `|i/n_ref - j/width|` between the empirical CDFs at the pooled sample points,
and the candidates are read at each window value: the CDFs at the value and just below it. Every
count is an integer, so below scipy's exact-size limit the gap is compared as an integer
`|i * ref_step - j * row_step|` (steps from the least common multiple of the sizes) and divided
once at the end, as scipy rounds to that fraction; above it, floats are compared.

Most of the cost is finding, for each window value, how many reference values lie at or below
it. When no window repeats a value, `_pruned` finds that count only at the last value of each
block of `BLOCK` values, which bounds every gap inside the block (all counts rise with the
value), and counts value by value only in blocks whose bound could beat a gap already seen.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

EXACT_MAX = 10_000
"""scipy's `ks_2samp` reports the exact fraction up to this sample size."""
BLOCK = 6
"""Window values per block when pruning (a measured sweet spot for windows of 100 to 10,000)."""

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def sorted_rows(ref: FloatArray, rows: FloatArray) -> FloatArray:
    """KS statistic of each row of `rows` against `ref`: both sorted ascending, finite, filled."""
    n_ref, width = ref.size, rows.shape[1]
    common = math.gcd(n_ref, width)
    ref_step, row_step = width // common, n_ref // common
    exact = max(n_ref, width) <= EXACT_MAX and row_step < np.iinfo(np.int32).max / ref_step
    if exact and (rows[:, 1:] != rows[:, :-1]).all():
        return _pruned(ref, rows, ref_step, row_step) * 1.0 / (row_step * width)
    return _general(ref, rows, ref_step, row_step, exact)


def _below(ref: FloatArray, values: FloatArray, at_or_below: IntArray) -> IntArray:
    """Reference values strictly below each value, given those at or below it (ties step back)."""
    tied = ref.take(at_or_below - 1, mode="clip") == values  # count 0: ref[0] > value, never equal
    return np.searchsorted(ref, values, side="left") if tied.any() else at_or_below


def _pruned(ref: FloatArray, rows: FloatArray, a: int, b: int) -> IntArray:
    """The largest integer gap per row, for rows without repeated values (see the module)."""
    width = rows.shape[1]
    starts = np.arange(0, width, BLOCK)
    ends = np.minimum(starts + (BLOCK - 1), width - 1)
    at_end = np.searchsorted(ref, rows[:, ends], side="right")
    # A block's first value is above the previous block's last, so at least that many reference
    # values lie strictly below it; in the block, counts run between these two.
    before = np.zeros_like(at_end)
    before[:, 1:] = at_end[:, :-1]
    seen = np.abs(at_end * a - (ends + 1) * b).max(axis=1)  # gaps at each block's last value
    bound = np.maximum(at_end * a - starts * b, (ends + 1) * b - before * a)
    row, block = np.nonzero(bound > seen[:, None])
    if row.size == 0:
        return seen
    # Every value of each open block (the last one repeated to fill short blocks: harmless).
    index = np.minimum(starts[block][:, None] + np.arange(BLOCK), ends[block][:, None])
    values = rows[row[:, None], index]
    right = np.searchsorted(ref, values, side="right")
    left = _below(ref, values, right)
    gaps = np.maximum(np.abs(right * a - (index + 1) * b), np.abs(left * a - index * b)).max(axis=1)
    first = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    seen[row[first]] = np.maximum(seen[row[first]], np.maximum.reduceat(gaps, first))
    return seen


def _general(ref: FloatArray, rows: FloatArray, a: int, b: int, exact: bool) -> FloatArray:
    """Every window value's counts, allowing for repeated values in a window, or above the limit."""
    n_ref, width = ref.size, rows.shape[1]
    ref_right = np.searchsorted(ref, rows, side="right")
    ref_left = _below(ref, rows, ref_right)
    # The window's own CDF at each value, and just below it, allowing for ties within the row.
    position = np.arange(width)
    new_value = np.ones(rows.shape, dtype=bool)
    new_value[:, 1:] = rows[:, 1:] != rows[:, :-1]
    if new_value.all():
        below, at_or_below = position[None, :], position[None, :] + 1
    else:
        below = np.maximum.accumulate(np.where(new_value, position, 0), axis=1)
        last = np.ones(rows.shape, dtype=bool)
        last[:, :-1] = new_value[:, 1:]
        at_or_below = np.minimum.accumulate(np.where(last, position + 1, width)[:, ::-1], axis=1)[
            :, ::-1
        ]
    if exact:
        at_value = np.abs(ref_right * a - at_or_below * b).max(axis=1)
        just_below = np.abs(ref_left * a - below * b).max(axis=1)
        return np.maximum(at_value, just_below) * 1.0 / (b * width)
    at_value = np.abs(ref_right / n_ref - at_or_below / width)
    just_below = np.abs(ref_left / n_ref - below / width)
    return np.maximum(at_value.max(axis=1), just_below.max(axis=1))
