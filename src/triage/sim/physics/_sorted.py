"""Drift statistics of already sorted samples: `triage.stats` values, bit for bit, sooner.

The drift system keeps every numeric sample sorted (its noise is sorted once, and values are an
increasing function of it), so the quantiles and bin counts `triage.stats` computes with general
tools (`np.quantile`, a search per value) can be read off the sorted arrays directly. Each function
here returns exactly what its `triage.stats` counterpart returns for the same input, with the
same floating-point operations; the unit tests compare them on random and tied samples.
"""

from __future__ import annotations

import numpy as np

from triage.sim.stats import FloatArray


def quantile_cuts(reference: FloatArray, bins: int) -> FloatArray:
    """`stats.quantile_cuts(reference, bins)` for a sorted, finite, non-empty 1-D `reference`.

    Follows numpy's `quantile(method="linear")` step by step (virtual index `(n - 1) * q`, its
    floor and the next index, then `_lerp`), without the partial sort numpy does first.
    """
    count = reference.size
    virtual = (count - 1) * np.linspace(0.0, 1.0, bins + 1)[1:-1]
    previous = np.floor(virtual)
    following = previous + 1
    above = virtual >= count - 1
    previous[above] = following[above] = -1
    low = previous.astype(np.intp)
    gamma = virtual - low
    a, b = reference[low], reference[following.astype(np.intp)]
    diff_b_a = b - a
    cuts = np.add(a, diff_b_a * gamma)
    np.subtract(b, diff_b_a * (1 - gamma), out=cuts, where=gamma >= 0.5)
    # What np.unique does (sort, keep the first of each run), without np.unique: on first use
    # it imports numpy.ma, 14 ms of the war room's start-up.
    cuts.sort()
    return cuts[np.concatenate(([True], cuts[1:] != cuts[:-1]))] if cuts.size > 1 else cuts


def bin_proportions(rows: FloatArray, cuts: FloatArray) -> FloatArray:
    """`stats.bin_proportions(rows, cuts)` for 2-D `rows` each sorted ascending.

    A value goes to the bin of the number of cuts at or below it, so the values below cut k are
    the first `searchsorted(row, cut_k, side="left")` of a sorted row: one short search per cut
    and row instead of one per value.
    """
    n_rows, width = rows.shape
    below = np.empty((n_rows, cuts.size + 2), dtype=np.int64)
    below[:, 0], below[:, -1] = 0, width
    for row, out in zip(rows, below, strict=True):
        out[1:-1] = row.searchsorted(cuts, side="left")
    return np.diff(below, axis=1).astype(np.float64) / width


def category_shares(uniform: FloatArray, edges: FloatArray) -> FloatArray:
    """Share of each category per row, for uniform draws and the mix's cumulative inner edges.

    A draw at or above `k` of its row's edges takes category `k` (the inverse CDF, the last
    category taking the remainder); edges never decrease along a row, so the draws at or above
    edge `k` are exactly those of category `k + 1` or later. Equal, bit for bit, to
    `stats.category_proportions` of the codes, whatever order the draws are in.
    """
    n_rows, width = uniform.shape
    at_least = np.empty((n_rows, edges.shape[1] + 2), dtype=np.int64)
    at_least[:, 0], at_least[:, -1] = width, 0
    for k, edge in enumerate(edges.T, start=1):
        at_least[:, k] = np.count_nonzero(uniform >= edge[:, None], axis=1)
    return (at_least[:, :-1] - at_least[:, 1:]).astype(np.float64) / width
