"""The drift report: per feature, PSI with its band, KS and JS against the training reference, and
each feature's PSI history for a sparkline; under the table, each feature's summary statistics
(mean, median, share missing) in this window beside the reference's."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from triage.sim.physics.reports import Report
from triage.text.clock import offset

if TYPE_CHECKING:
    from triage.model.physics import DriftPhysics

PSI_MODERATE, PSI_SIGNIFICANT = 0.1, 0.25
"""PSI bands: below 0.1 no shift, 0.1 to 0.25 (inclusive) moderate, above 0.25 significant."""
TREND_POINTS = 24
"""Windows of PSI history shown per feature in the drift report."""


def psi_band(value: float) -> str:
    """Name the conventional PSI band a value falls in."""
    if value < PSI_MODERATE:
        return "no shift"
    return "moderate" if value <= PSI_SIGNIFICANT else "significant"


def _number(value: float) -> str:
    """A summary value short enough for a table cell: `12.3`, `1.2e+03`, `—` when undefined."""
    if not math.isfinite(value):
        return "—"
    return f"{value:.3g}"


def _against(now: float, reference: float) -> str:
    """`now (ref)`, `now` without a reference, or `—` for a statistic the feature lacks."""
    if not math.isfinite(now):
        return "—"
    return f"{_number(now)} ({_number(reference)})" if math.isfinite(reference) else _number(now)


def drift_report(
    spec: DriftPhysics, series: dict[str, np.ndarray], minute: int, retrained_at: int | None,
    reference: dict[str, tuple[float, float, float]] | None = None,
) -> Report:
    """The drift report at `minute`: one row per feature, worst PSI first, with PSI history.

    `reference` gives each feature's reference mean, median and share missing (the reference in
    force at `minute`); without it the summary columns show only the current window.
    """
    sample_minutes = np.arange(minute, -1, -spec.every)[:TREND_POINTS][::-1].astype(np.int64)
    rows = []
    for feature in spec.features:
        name = feature.name

        def now(stat: str, name: str = name) -> float:
            values = series.get(f"{stat}.{name}")
            return float(values[minute]) if values is not None else math.nan

        ref_mean, ref_median, ref_missing = (reference or {}).get(
            name, (math.nan, math.nan, math.nan))
        psi = now("psi")
        ks = f"{now('ks'):.3f}" if f"ks.{name}" in series else "—"
        missing = f"{now('missing'):.0%}"
        if math.isfinite(ref_missing):
            missing += f" ({ref_missing:.0%})"
        trend = tuple(float(v) for v in series[f"psi.{name}"][sample_minutes])
        cells = (name, f"{psi:.3f}", psi_band(psi), ks, f"{now('js'):.3f}")
        summary = (f"{name}: mean {_against(now('mean'), ref_mean)}, median "
                   f"{_against(now('median'), ref_median)}, missing {missing}")
        rows.append((psi, cells, trend, summary))
    rows.sort(key=lambda row: -row[0])
    summaries = tuple(summary for *_, summary in rows)
    source = "training sample"
    if retrained_at is not None and minute >= retrained_at:
        ago = offset(retrained_at - minute)[1:]
        source = f"production from {ago} before this report (retrained)"
    return Report(
        title="Drift report", at=minute,
        columns=("feature", "PSI", "band", "KS", "JS"),
        rows=tuple(cells for _, cells, _, _ in rows),
        trends=tuple(trend for _, _, trend, _ in rows),
        notes=(
            f"Reference: {source} of {spec.reference_size} values; "
            f"window: {spec.window} production values per {spec.every:g} min.",
            "PSI below 0.1: no shift; 0.1 to 0.25: moderate; above 0.25: significant.",
            "KS and JS distance run 0 to 1; KS, mean and median are not defined for categorical "
            "features.",
            "This window against the reference (in brackets):",
            *summaries,
        ),
    )
