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

from dataclasses import dataclass

import numpy as np

from triage import stats
from triage.model.physics import CategoricalFeature, DriftPhysics, NumericFeature
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
from triage.sim.physics.reports import Report

READERS = {"retrain": as_flag, "revert": as_flag}
"""Overrides this system accepts, each with the function that reads its value."""
PSI_MODERATE, PSI_SIGNIFICANT = 0.1, 0.25
"""PSI bands: below 0.1 no shift, 0.1 to 0.25 (inclusive) moderate, above 0.25 significant."""
TREND_POINTS = 24
"""Windows of PSI history shown per feature in the drift report."""


def psi_band(value: float) -> str:
    """Name the conventional PSI band a value falls in."""
    if value < PSI_MODERATE:
        return "no shift"
    return "moderate" if value <= PSI_SIGNIFICANT else "significant"


@dataclass
class _Feature:
    """One feature's sampler: its pre-drawn noise and how a drift progress maps to values."""

    spec: NumericFeature | CategoricalFeature
    shift: float
    scale: float
    reference_noise: np.ndarray
    retrain_noise: np.ndarray  # drawn every play, sorted only when a retrain reads it
    window_noise: np.ndarray
    mixes: np.ndarray | None = None  # categorical: reference mix, drifted mix

    def values(self, noise: np.ndarray, progress: np.ndarray) -> np.ndarray:
        """What `measure` reads at each row's drift progress: sorted values or category shares.

        Numeric: the sample values, sorted like the noise. Categorical: the share of each
        category, by the inverse CDF of the uniform noise under the row's mix.
        """
        p = progress[:, None]
        if self.mixes is None:
            assert isinstance(self.spec, NumericFeature)
            spread = self.spec.std * (1.0 + (self.scale - 1.0) * p)
            return self.spec.mean + spread * noise + self.shift * self.spec.std * p
        mix = (1.0 - p) * self.mixes[0] + p * self.mixes[1]
        return _sorted.category_shares(noise, np.cumsum(mix, axis=1)[:, :-1])

    def measure(
        self, reference: np.ndarray, windows: np.ndarray, bins: int
    ) -> dict[str, np.ndarray]:
        """PSI and JS (and KS for numeric features) of every window against `reference`."""
        if self.mixes is None:
            cuts = _sorted.quantile_cuts(reference, bins)
            ref_props = _sorted.bin_proportions(reference[None, :], cuts)[0]
            cur_props = _sorted.bin_proportions(windows, cuts)
            ks = stats.ks_rows(reference, windows, presorted=True)
        else:
            ref_props, cur_props, ks = reference, windows, None
        out = {
            "psi": stats.psi_from_proportions(ref_props, cur_props),
            "js": stats.js_from_proportions(ref_props, cur_props),
        }
        if ks is not None:
            out["ks"] = ks
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
                window_noise=arrange(sample(shape)),
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

    begin, overrides = read_overrides(intervention, minutes, READERS)
    drift_progress = ramp(starts, onset + start, ramp_minutes)
    first = int(of_minute[begin]) if begin < minutes else starts.size
    changed = begin < minutes and any(overrides.values())
    retrained_at = begin if changed and overrides.get("retrain") else None
    series: dict[str, np.ndarray] = {}
    for feature in samplers:
        drifts = feature.spec.name in chosen
        progress = drift_progress if drifts else np.zeros(starts.size)
        reference = feature.values(feature.reference_noise, np.zeros(1))[0]
        base = feature.measure(reference, feature.values(feature.window_noise, progress), spec.bins)
        per_minute = {name: values[of_minute] for name, values in base.items()}
        if changed:
            now = ramp(np.array([float(begin)]), onset + start, ramp_minutes) * drifts
            if overrides.get("retrain"):
                noise = feature.retrain_noise
                if feature.mixes is None:
                    noise = np.sort(noise, axis=1)
                reference = feature.values(noise, now)[0]
            later = np.zeros(starts.size - first) if overrides.get("revert") else progress[first:]
            windows = feature.values(feature.window_noise[first:], later)
            for name, values in feature.measure(reference, windows, spec.bins).items():
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
        return drift_report(spec, series, min(minute, minutes - 1), retrained_at)

    return PhysicsResult(series=series, reporter=reporter)


def drift_report(
    spec: DriftPhysics, series: dict[str, np.ndarray], minute: int, retrained_at: int | None
) -> Report:
    """The drift report at `minute`: one row per feature, worst PSI first, with PSI history."""
    sample_minutes = np.arange(minute, -1, -spec.every)[:TREND_POINTS][::-1].astype(np.int64)
    rows = []
    for feature in spec.features:
        name = feature.name
        psi = float(series[f"psi.{name}"][minute])
        ks = f"{series[f'ks.{name}'][minute]:.3f}" if f"ks.{name}" in series else "—"
        trend = tuple(float(v) for v in series[f"psi.{name}"][sample_minutes])
        rows.append(
            (
                psi,
                (name, f"{psi:.3f}", psi_band(psi), ks, f"{series[f'js.{name}'][minute]:.3f}"),
                trend,
            )
        )
    rows.sort(key=lambda row: -row[0])
    hours, mins = divmod(minute, 60)
    reference = "training sample"
    if retrained_at is not None and minute >= retrained_at:
        reference = f"production at {retrained_at // 60:02d}:{retrained_at % 60:02d} (retrained)"
    return Report(
        title=f"Drift report at {hours:02d}:{mins:02d}",
        columns=("feature", "PSI", "band", "KS", "JS"),
        rows=tuple(cells for _, cells, _ in rows),
        trends=tuple(trend for _, _, trend in rows),
        notes=(
            f"Reference: {reference} of {spec.reference_size} values; "
            f"window: {spec.window} production values per {spec.every:g} min.",
            "PSI below 0.1: no shift; 0.1 to 0.25: moderate; above 0.25: significant.",
            "KS and JS distance run 0 to 1; KS is not defined for categorical features.",
        ),
    )
