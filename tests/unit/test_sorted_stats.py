"""The drift system's sorted-sample shortcuts return exactly what `triage.stats` returns."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import ks_2samp

from triage import stats
from triage.sim.physics import _sorted


def _reference(kind: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """Continuous, tied integer, rounded (ties and -0.0) or tiny-magnitude samples, sorted."""
    if kind == 0:
        values = rng.normal(size=size) * 50
    elif kind == 1:
        values = rng.integers(0, 5, size).astype(float)
    elif kind == 2:
        values = np.round(rng.normal(size=size), 1)
    else:
        values = rng.random(size) * 1e-300
    return np.sort(values)


@pytest.mark.parametrize("kind", range(4))
def test_quantile_cuts_and_bins_equal_the_stats_functions(kind: int) -> None:
    rng = np.random.default_rng(kind)
    for _ in range(150):
        reference = _reference(kind, int(rng.integers(1, 300)), rng)
        bins = int(rng.integers(1, 51))
        cuts = stats.quantile_cuts(reference, bins)
        fast = _sorted.quantile_cuts(reference, bins)
        assert np.array_equal(fast, cuts)  # -0.0 and 0.0 may swap; they bin alike
        rows = rng.choice(reference, size=(int(rng.integers(1, 5)), int(rng.integers(1, 60))))
        rows = np.sort(rows + (rng.normal() if kind == 0 else 0.0), axis=1)
        assert (
            _sorted.bin_proportions(rows, fast).tobytes()
            == stats.bin_proportions(rows, cuts).tobytes()
        )


def test_category_shares_equal_the_proportions_of_inverse_cdf_codes() -> None:
    rng = np.random.default_rng(3)
    for trial in range(300):
        categories, n_rows = int(rng.integers(1, 7)), int(rng.integers(1, 6))
        mix = rng.random((n_rows, categories))
        mix[rng.random(mix.shape) < 0.3] = 0.0  # empty categories: repeated edges
        mix[:, 0] += 0.01
        edges = np.cumsum(mix / mix.sum(axis=1, keepdims=True), axis=1)[:, :-1]
        uniform = rng.random((n_rows, int(rng.integers(1, 80))))
        if trial % 4 == 0 and edges.size:
            uniform[:, :3] = edges[:, :1]  # draws exactly on an edge go to the upper category
        codes = np.zeros(uniform.shape, dtype=np.int64)
        for edge in edges.T:
            codes += uniform >= edge[:, None]
        assert (
            _sorted.category_shares(uniform, edges).tobytes()
            == stats.category_proportions(codes, categories).tobytes()
        )


def test_ks_rows_of_many_presorted_windows_matches_scipy_exactly() -> None:
    rng = np.random.default_rng(5)
    reference = np.sort(rng.normal(size=2000))
    windows = np.sort(rng.normal(0.1, 1.2, size=(12, 600)), axis=1)
    windows[3, 10:20] = reference[500:510]  # ties across the samples: the general path
    windows[3] = np.sort(windows[3])
    got = stats.ks_rows(reference, windows, presorted=True)
    assert got.tolist() == [ks_2samp(reference, row).statistic for row in windows]


@pytest.mark.parametrize("kind", range(3))
def test_ks_rows_pruned_blocks_match_scipy_with_ties_across_samples(kind: int) -> None:
    rng = np.random.default_rng(20 + kind)
    for _ in range(200):
        size, width = int(rng.integers(1, 200)), int(rng.integers(1, 120))
        if kind == 0:  # shared integer values
            reference = rng.integers(0, 30, size).astype(float)
            rows = rng.permuted(np.tile(np.arange(60.0), (3, 1)), axis=1)[:, : min(width, 60)]
        elif kind == 1:  # rounded reference, continuous windows
            reference = np.round(rng.normal(size=size), 2)
            rows = rng.normal(rng.random(), 1.0, size=(3, width))
        else:  # windows made of reference values, some nudged
            reference = rng.normal(size=size)
            rows = rng.choice(reference, (3, width)) + (rng.random((3, width)) < 0.5) * 1e-3
        reference, rows = np.sort(reference), np.sort(rows, axis=1)
        rows = rows[(rows[:, 1:] != rows[:, :-1]).all(axis=1)]  # no repeats within a window
        if rows.size:
            got = stats.ks_rows(reference, rows, presorted=True).tolist()
            assert got == [ks_2samp(reference, row).statistic for row in rows]
