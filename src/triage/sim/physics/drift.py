"""Drift physics: production feature samples per window, compared with the training reference.

Every `every` minutes a window of `window` production values is drawn per feature (the statistics
hold between windows, as a batch drift job would report them). Before the drift, production
matches training; afterwards the chosen features move towards their drifted distribution over
`ramp`. PSI, KS and JS against the training reference come from `triage.stats`, vectorised over
all windows at once (quantile cuts, bin and category shares are read off the samples by `_sorted`,
which returns the same values bit for bit). Overrides: `retrain` (the model is refit on current
production data, so the reference becomes the production distribution at that minute and the
statistics fall back) and `revert` (the upstream change is undone: production returns to the
training distribution).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from triage.model.physics import CategoricalFeature, DriftPhysics, NumericFeature
from triage.sim import stats
from triage.sim.physics import _sorted
from triage.sim.physics._common import (
    Intervention,
    PhysicsResult,
    as_flag,
    draw,
    finite,
    ramp,
    read_overrides,
    window_index,
)
from triage.sim.physics._noise import ReplayedNoise
from triage.sim.physics.drift_report import (
    PSI_MODERATE,
    PSI_SIGNIFICANT,
    TREND_POINTS,
    drift_report,
    psi_band,
)
from triage.sim.physics.reports import Report

BLOCK_WINDOWS = 16
"""Windows measured at once: their value and statistics arrays are the build's largest."""
READERS = {"retrain": as_flag, "revert": as_flag}
"""Overrides this system accepts, each with the function that reads its value."""
__all__ = ["PSI_MODERATE", "PSI_SIGNIFICANT", "READERS", "TREND_POINTS", "psi_band", "run_drift"]


def _summary(feature: _Feature, reference: np.ndarray, missing: float) -> tuple[float, float,
                                                                                  float]:
    """Mean, median and share missing of a reference sample (NaN mean and median when the
    feature is categorical)."""
    if feature.mixes is not None:
        return math.nan, math.nan, missing
    width = reference.size
    median = (reference[(width - 1) // 2] + reference[width // 2]) / 2.0
    return float(reference.mean()), float(median), missing


@dataclass
class _Feature:
    """One feature's sampler: its pre-drawn noise and how a drift progress maps to values."""

    spec: NumericFeature | CategoricalFeature
    shift: float
    scale: float
    reference_noise: np.ndarray
    retrain_noise: np.ndarray  # drawn every play, sorted only when a retrain reads it
    window_noise: ReplayedNoise  # drawn again when read: one feature's noise alive at a time
    mixes: np.ndarray | None = None  # categorical: reference mix, drifted mix
    factor: float = 1.0  # numeric: the multiplier at full drift (a unit change)
    missing: tuple[float, float] = (0.0, 0.0)  # share missing in the reference, at full drift
    missing_noise: np.ndarray | None = None  # one normal per window, for its missing count

    def values(self, noise: np.ndarray, progress: np.ndarray) -> np.ndarray:
        """What `measure` reads at each row's drift progress: sorted values or category shares.

        Numeric: the sample values, sorted like the noise. Categorical: the share of each
        category, by the inverse CDF of the uniform noise under the row's mix.
        """
        p = progress[:, None]
        if self.mixes is None:
            assert isinstance(self.spec, NumericFeature)
            spread = self.spec.std * (1.0 + (self.scale - 1.0) * p)
            # mean + spread * noise + shift * std * p, the same operations in the same order,
            # in one array instead of three (a window block is the build's largest array).
            values = spread * noise
            np.add(values, self.spec.mean, out=values)
            np.add(values, self.shift * self.spec.std * p, out=values)
            # A positive factor keeps each row sorted; 1 (no unit change) leaves it untouched.
            if self.factor != 1.0:
                np.multiply(values, self.factor**p, out=values)
            return values
        mix = (1.0 - p) * self.mixes[0] + p * self.mixes[1]
        return _sorted.category_shares(noise, np.cumsum(mix, axis=1)[:, :-1])

    def missing_share(self, progress: np.ndarray, rows: slice = slice(None)) -> np.ndarray:
        """The share of each window's values that is missing, drawn around the drift's mix."""
        before, after = self.missing
        share = before + (after - before) * progress
        if self.missing_noise is None or not share.any():
            return share
        width = self.window_noise.shape[1]
        noise = self.missing_noise[rows]
        counts = np.round(width * share + np.sqrt(width * share * (1.0 - share)) * noise)
        return np.clip(counts, 0.0, width) / width

    def measure_blocks(
        self, reference: np.ndarray, noise: Iterable[np.ndarray], progress: np.ndarray,
        bins: int, missing: tuple[float, np.ndarray],
    ) -> dict[str, np.ndarray]:
        """PSI and JS (and KS, mean and median for numeric features) against `reference` of the
        windows `values(block, progress)`, for each block of `noise` rows (one per window, in
        order, as `ReplayedNoise.blocks` gives them); `missing` (reference share, share per
        window) adds a missing-value bin when either share is above zero.

        Every statistic is one window's, so the result is the same, bit for bit, with a fraction
        of the window arrays alive; the reference's side (its cuts and bin shares, the missing
        bin or not) is worked out once for all windows."""
        ref_missing, shares = missing
        with_missing = bool(ref_missing > 0 or shares.any())
        cuts = _sorted.quantile_cuts(reference, bins) if self.mixes is None else None
        ref_props = reference if cuts is None else \
            _sorted.bin_proportions(reference[None, :], cuts)[0]
        if with_missing:
            ref_props = np.append(ref_props * (1.0 - ref_missing), ref_missing)
        parts, start = [], 0
        for block in noise:
            rows = slice(start, start + len(block))
            windows = self.values(block, progress[rows])
            parts.append(self._measure(reference, ref_props, cuts, windows, shares[rows],
                                       with_missing))
            start = rows.stop
        return {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}

    def _measure(
        self, reference: np.ndarray, ref_props: np.ndarray, cuts: np.ndarray | None,
        windows: np.ndarray, now_missing: np.ndarray, with_missing: bool,
    ) -> dict[str, np.ndarray]:
        """One block's statistics (see `measure_blocks`)."""
        if cuts is not None:
            cur_props = _sorted.bin_proportions(windows, cuts)
            ks = stats.ks_rows(reference, windows, presorted=True)
        else:
            cur_props, ks = windows, None
        if with_missing:
            cur_props = np.column_stack((cur_props * (1.0 - now_missing)[:, None], now_missing))
        out = {
            "psi": stats.psi_from_proportions(ref_props, cur_props),
            "js": stats.js_from_proportions(ref_props, cur_props),
        }
        if ks is not None:
            width = windows.shape[1]
            out.update(ks=ks, mean=windows.mean(axis=1),
                       median=(windows[:, (width - 1) // 2] + windows[:, width // 2]) / 2.0)
        out["missing"] = now_missing
        return out


def _mixes(spec: CategoricalFeature) -> np.ndarray:
    names = list(spec.categories) + [c for c in (spec.drifted or {}) if c not in spec.categories]
    before = np.array([spec.categories.get(name, 0.0) for name in names])
    after = np.array([(spec.drifted or spec.categories).get(name, 0.0) for name in names])
    return np.stack([before / before.sum(), after / after.sum()])


def _samplers(
    spec: DriftPhysics,
    shifts: list[tuple[float, float]],
    shape: tuple[int, int],
    rng: np.random.Generator,
) -> list[_Feature]:
    """Draw every feature's reference, retrain-reference and window noise, in a fixed order."""
    samplers = []
    for feature, (shift, scale) in zip(spec.features, shifts, strict=True):
        numeric = isinstance(feature, NumericFeature)
        sample = rng.standard_normal if numeric else rng.random
        # Statistics ignore order within a sample, so sort numeric noise once: values are an
        # increasing function of it, which leaves every sample sorted for the KS statistic and
        # the bins. Category shares are counts, which need no order at all.
        arrange = (lambda noise: np.sort(noise, axis=1)) if numeric else (lambda noise: noise)
        samplers.append(
            _Feature(
                spec=feature,
                shift=shift,
                scale=scale,
                reference_noise=arrange(sample((1, spec.reference_size))),
                retrain_noise=sample((1, spec.reference_size)),
                window_noise=ReplayedNoise(rng, shape, normal=numeric, sort=numeric),
                mixes=_mixes(feature) if isinstance(feature, CategoricalFeature) else None,
            )
        )
    return samplers


def run_drift(
    spec: DriftPhysics,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Sample production windows and return per-feature PSI, KS and JS series and the report."""
    start = draw(spec.start, 0.0, rng)
    ramp_minutes = draw(spec.ramp, 0.0, rng)
    shifts = [
        (draw(f.shift, 0.0, rng), draw(f.scale, 0.0, rng))
        if isinstance(f, NumericFeature)
        else (0.0, 1.0)
        for f in spec.features
    ]
    candidates = spec.drifting or [feature.name for feature in spec.features]
    chosen = {candidates[i] for i in rng.permutation(len(candidates))[: spec.choose]}
    starts, of_minute = window_index(minutes, spec.every)
    samplers = _samplers(spec, shifts, (starts.size, spec.window), rng)
    # Drawn after everything above, so files without a unit change or missing values play as
    # they always did.
    for feature in samplers:
        feature.factor = draw(getattr(feature.spec, "multiply", 1.0), 1.0, rng)
        before = draw(feature.spec.missing, 0.0, rng)
        after = draw(feature.spec.drifted_missing, before, rng)
        feature.missing = (before, after)
        feature.missing_noise = rng.standard_normal(starts.size)

    begin, overrides = read_overrides(intervention, minutes, READERS)
    drift_progress = ramp(starts, onset + start, ramp_minutes)
    first = int(of_minute[begin]) if begin < minutes else starts.size
    changed = begin < minutes and any(overrides.values())
    retrained_at = begin if changed and overrides.get("retrain") else None
    series: dict[str, np.ndarray] = {}
    summaries: dict[str, list[tuple[float, float, float]]] = {}
    for feature in samplers:
        drifts = feature.spec.name in chosen
        progress = drift_progress if drifts else np.zeros(starts.size)
        reference = feature.values(feature.reference_noise, np.zeros(1))[0]
        ref_missing = feature.missing[0]
        missing = (ref_missing, feature.missing_share(progress))
        base = feature.measure_blocks(reference, feature.window_noise.blocks(BLOCK_WINDOWS),
                                      progress, spec.bins, missing)
        per_minute = {name: values[of_minute] for name, values in base.items()}
        summaries[feature.spec.name] = [_summary(feature, reference, ref_missing)]
        if changed:
            now = ramp(np.array([float(begin)]), onset + start, ramp_minutes) * drifts
            if overrides.get("retrain"):
                noise = feature.retrain_noise
                if feature.mixes is None:
                    noise = np.sort(noise, axis=1)
                reference = feature.values(noise, now)[0]
                before, after = feature.missing
                ref_missing = float(before + (after - before) * now[0])
                summaries[feature.spec.name].append(_summary(feature, reference, ref_missing))
            later = np.zeros(starts.size - first) if overrides.get("revert") else progress[first:]
            blocks = feature.window_noise.blocks(BLOCK_WINDOWS, first)
            missing = (ref_missing, feature.missing_share(later, slice(first, None)))
            for name, values in feature.measure_blocks(reference, blocks, later, spec.bins,
                                                       missing).items():
                per_minute[name][begin:] = values[of_minute[begin:] - first]
        for name, values in per_minute.items():
            series[f"{name}.{feature.spec.name}"] = finite(values)

    def largest(prefix: str) -> np.ndarray:
        rows = [values for name, values in series.items() if name.startswith(prefix)]
        return np.max(rows, axis=0) if rows else np.zeros(minutes)

    psi_rows = [series[f"psi.{feature.spec.name}"] for feature in samplers]
    series["psi_max"] = largest("psi.")
    series["js_max"] = largest("js.")
    series["ks_max"] = largest("ks.")
    significant = np.array(psi_rows) > PSI_SIGNIFICANT
    series["drifted_features"] = significant.sum(axis=0).astype(np.float64)

    def reporter(minute: int) -> Report:
        minute = min(minute, minutes - 1)
        retrained = retrained_at is not None and minute >= retrained_at
        reference = {name: rows[-1] if retrained else rows[0] for name, rows in summaries.items()}
        return drift_report(spec, series, minute, retrained_at, reference)

    return PhysicsResult(series=series, reporter=reporter)
