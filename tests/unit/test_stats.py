"""triage.stats agrees with scipy and with hand-worked examples, edge cases included."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp

from triage import stats

TOL = 1e-9


def _samples() -> list[tuple[np.ndarray, np.ndarray]]:
    """Reference/current pairs: continuous, heavy ties, out-of-range values, tiny samples."""
    rng = np.random.default_rng(7)
    return [
        (rng.normal(size=400), rng.normal(0.3, 1.2, size=250)),
        (rng.integers(0, 5, 300).astype(float), rng.integers(-2, 8, 120).astype(float)),
        (np.round(rng.normal(size=200), 1), np.round(rng.normal(size=90), 1)),
        (rng.normal(size=100), rng.normal(size=80) * 10),  # many values past the reference range
        (np.arange(10.0), np.array([0.0, 5.5, 5.5, 100.0])),
        (np.array([3.0]), np.array([3.0, 2.0])),
        (np.full(50, 2.0), np.array([1.0, 2.0, 3.0])),
    ]


def test_psi_worked_example() -> None:
    # Reference 1..10: quartile cuts 3.25, 5.5, 7.75, proportions 0.3, 0.2, 0.2, 0.3.
    # Current [0, 5.5, 5.5, 100]: 5.5 sits on a cut and counts upward; 100 is past the range but
    # kept by the open outer bin; the second bin is empty and floored at 1e-4.
    reference = np.arange(1.0, 11.0)
    current = np.array([0.0, 5.5, 5.5, 100.0])
    assert stats.quantile_cuts(reference, 4) == pytest.approx([3.25, 5.5, 7.75], abs=1e-12)
    r = [0.3, 0.2, 0.2, 0.3]
    c = [0.25, 1e-4, 0.5, 0.25]
    expected = sum((ci - ri) * math.log(ci / ri) for ci, ri in zip(c, r, strict=True))
    assert stats.psi(reference, current, bins=4) == pytest.approx(expected, abs=TOL)


def test_psi_identical_samples_is_zero_and_duplicate_cuts_merge() -> None:
    reference = np.array([0.0] * 50 + [1.0] * 50)
    cuts = stats.quantile_cuts(reference, 10)
    assert list(cuts) == sorted(set(cuts.tolist()))
    assert stats.psi(reference, reference) == 0.0
    assert stats.js_distance(reference, reference) == 0.0
    assert stats.ks_statistic(reference, reference) == 0.0


@pytest.mark.parametrize("pair", range(len(_samples())))
def test_js_matches_scipy_on_raw_bin_proportions(pair: int) -> None:
    reference, current = _samples()[pair]
    cuts = stats.quantile_cuts(reference, 10)
    p = stats.bin_proportions(reference, cuts)
    q = stats.bin_proportions(current, cuts)
    expected = jensenshannon(p, q, base=2)
    assert stats.js_distance(reference, current) == pytest.approx(expected, abs=TOL)


def test_js_is_one_for_disjoint_bins_and_has_no_floor() -> None:
    reference = np.arange(10.0)
    current = np.full(5, 100.0)  # every value in the top bin, which holds 10% of the reference
    cuts = stats.quantile_cuts(reference, 10)
    p, q = stats.bin_proportions(reference, cuts), stats.bin_proportions(current, cuts)
    assert stats.js_distance(reference, current) == pytest.approx(jensenshannon(p, q, base=2))
    assert stats.js_from_proportions([1.0, 0.0], [0.0, 1.0]) == pytest.approx(1.0)


@pytest.mark.parametrize("pair", range(len(_samples())))
def test_ks_matches_scipy_exactly(pair: int) -> None:
    reference, current = _samples()[pair]
    assert stats.ks_statistic(reference, current) == ks_2samp(reference, current).statistic


def test_ks_matches_scipy_on_random_tied_samples() -> None:
    rng = np.random.default_rng(3)
    for _ in range(300):
        reference = rng.integers(0, 6, rng.integers(1, 30)).astype(float)
        current = rng.integers(-1, 7, rng.integers(1, 30)).astype(float)
        assert stats.ks_statistic(reference, current) == ks_2samp(reference, current).statistic


def test_ks_matches_scipy_for_large_samples() -> None:
    rng = np.random.default_rng(5)
    reference, current = rng.normal(size=12_000), rng.normal(0.05, 1.0, size=3_000)
    assert stats.ks_statistic(reference, current) == pytest.approx(
        ks_2samp(reference, current).statistic, abs=1e-12
    )


def test_row_functions_equal_scalar_functions_bit_for_bit() -> None:
    rng = np.random.default_rng(11)
    reference = rng.normal(size=500)
    windows = np.round(rng.normal(0.2, 1.1, size=(6, 120)), 2)
    assert stats.psi_rows(reference, windows).tolist() == [stats.psi(reference, w) for w in windows]
    assert stats.js_rows(reference, windows).tolist() == [
        stats.js_distance(reference, w) for w in windows
    ]
    assert stats.ks_rows(reference, windows).tolist() == [
        stats.ks_statistic(reference, w) for w in windows
    ]
    presorted = stats.ks_rows(np.sort(reference), np.sort(windows, axis=1), presorted=True)
    assert presorted.tolist() == stats.ks_rows(reference, windows).tolist()
    confidence = rng.uniform(0.5, 1.0, size=(4, 200))
    correct = (rng.random((4, 200)) < 0.8).astype(float)
    assert stats.ece_rows(confidence, correct).tolist() == [
        stats.ece(c, k) for c, k in zip(confidence, correct, strict=True)
    ]
    assert stats.mce_rows(confidence, correct).tolist() == [
        stats.mce(c, k) for c, k in zip(confidence, correct, strict=True)
    ]


def test_ece_mce_reliability_worked_example() -> None:
    # 10 bins: 0.5 and 0.55 share [0.5, 0.6) (0.5 is a left edge), both 1.0s fall in the closed
    # last bin [0.9, 1.0]. Bin gaps 0.025 and 0.5, each holding half of the samples.
    confidence = [0.5, 0.55, 1.0, 1.0]
    correct = [1, 0, 1, 0]
    assert stats.ece(confidence, correct, bins=10) == pytest.approx(0.2625, abs=TOL)
    assert stats.mce(confidence, correct, bins=10) == pytest.approx(0.5, abs=TOL)
    diagram = stats.reliability(confidence, correct, bins=10)
    assert diagram.count.tolist() == [0, 0, 0, 0, 0, 2, 0, 0, 0, 2]
    assert diagram.accuracy[5] == pytest.approx(0.5) and diagram.confidence[5] == 0.525
    assert diagram.gap[9] == pytest.approx(0.5)
    assert np.isnan(diagram.accuracy[0])
    assert diagram.edges[0] == 0.0 and diagram.edges[-1] == 1.0


def test_confidence_half_lands_in_the_middle_bin_of_fifteen() -> None:
    diagram = stats.reliability([0.5], [1], bins=15)  # 7/15 <= 0.5 < 8/15
    assert np.flatnonzero(diagram.count).tolist() == [7]


@pytest.mark.parametrize("bins", [1, 2, 3, 7, 10, 15, 29, 50])
def test_calibration_bins_match_a_search_of_the_edges_at_and_beside_each_edge(bins: int) -> None:
    inner = np.linspace(0.0, 1.0, bins + 1)[1:-1]
    rng = np.random.default_rng(bins)
    confidence = np.clip(
        np.r_[0.0, 1.0, inner, np.nextafter(inner, 0.0), np.nextafter(inner, 1.0),
              np.arange(bins + 1) / bins, rng.random(2000), rng.random(200) ** 8],
        0.0, 1.0,
    )
    expected = np.bincount(np.searchsorted(inner, confidence, side="right"), minlength=bins)
    assert stats.reliability(confidence, np.ones_like(confidence), bins).count.tolist() == (
        expected.tolist()
    )


def test_ece_matches_a_naive_loop() -> None:
    rng = np.random.default_rng(2)
    confidence = np.concatenate([rng.uniform(0.0, 1.0, 500), [0.0, 0.5, 1.0, 1.0, 14 / 15]])
    correct = (rng.random(confidence.size) < confidence).astype(float)
    bins = 15
    edges = np.linspace(0.0, 1.0, bins + 1)
    total, worst = 0.0, 0.0
    for k in range(bins):
        last = k == bins - 1
        upper = confidence <= edges[k + 1] if last else confidence < edges[k + 1]
        members = (confidence >= edges[k]) & upper
        if members.any():
            gap = abs(correct[members].mean() - confidence[members].mean())
            total += members.sum() / confidence.size * gap
            worst = max(worst, gap)
    assert stats.ece(confidence, correct, bins) == pytest.approx(total, abs=TOL)
    assert stats.mce(confidence, correct, bins) == pytest.approx(worst, abs=TOL)


def test_brier_worked_example() -> None:
    assert stats.brier([0.9, 0.6, 1.0], [1, 0, 1]) == pytest.approx((0.01 + 0.36 + 0.0) / 3)


@pytest.mark.parametrize(
    "call",
    [
        lambda: stats.psi([], [1.0]),
        lambda: stats.ks_statistic([1.0], [np.nan]),
        lambda: stats.ece([1.2], [1]),
        lambda: stats.ece([0.5, 0.6], [1]),
        lambda: stats.js_distance([1.0, 2.0], [1.0], bins=0),
    ],
)
def test_bad_input_raises_value_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call()
