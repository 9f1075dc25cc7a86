"""`triage.stats`, the documented public name of the drift and calibration statistics.

The statistics belong to the simulation and live in `triage.sim.stats`, where their conventions
(binning, PSI floor, JS base, KS, calibration bins) are written down. This module re-exports the
public names, so `from triage import stats` and `triage.stats.psi(...)` keep working for players'
notebooks and scripts.
"""

from __future__ import annotations

from triage.sim.stats import (
    PSI_FLOOR,
    FloatArray,
    Reliability,
    bin_proportions,
    brier,
    calibration_rows,
    category_proportions,
    ece,
    ece_rows,
    js_distance,
    js_from_proportions,
    js_rows,
    ks_rows,
    ks_statistic,
    mce,
    mce_rows,
    psi,
    psi_from_proportions,
    psi_rows,
    quantile_cuts,
    reliability,
)

__all__ = [
    "PSI_FLOOR", "FloatArray", "Reliability", "bin_proportions", "brier", "calibration_rows",
    "category_proportions", "ece", "ece_rows", "js_distance", "js_from_proportions", "js_rows",
    "ks_rows", "ks_statistic", "mce", "mce_rows", "psi", "psi_from_proportions", "psi_rows",
    "quantile_cuts", "reliability",
]
