"""The physics systems behave the way an on-call engineer would see them behave."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import TypeAdapter, ValidationError

from triage.model.physics import PhysicsSpec
from triage.sim.physics import (
    Intervention,
    PhysicsResult,
    check_overrides,
    render_text,
    run_physics,
)
from triage.sim.physics.drift import psi_band

SPEC = TypeAdapter(PhysicsSpec)
MINUTES, ONSET = 360, 120.0

DIVERGING = {"kind": "training", "onset_learning_rate": 0.5}
OVERFITTING = {
    "kind": "training",
    "warm_start": False,
    "features": 64,
    "informative": 2,
    "signal": 4.5,
    "label_noise": 0.02,
    "noise_scale": 0.3,
    "raw_scale": 1,
    "learning_rate": 3,
}
DRIFT = {
    "kind": "drift",
    "features": [
        {"name": "basket", "mean": 40, "std": 12, "shift": 1.0},
        {"name": "hour", "mean": 12, "std": 5, "shift": 1.0},
        {"name": "tenure", "shift": 1.0},
        {"name": "country", "categories": {"us": 5, "de": 3}, "drifted": {"us": 2, "br": 3}},
    ],
    "drifting": ["basket"],
    "ramp": "0m",
}
CALIBRATION = {"kind": "calibration", "separation": 4, "onset_temperature": 0.2}
DELAYED = {"kind": "delayed_accuracy"}
STALLED = {"kind": "delayed_accuracy", "degraded_accuracy": 0.92, "onset_label_delay": "3d",
           "unlabelled": "negative"}
RETRIEVAL = {"kind": "retrieval", "onset_coverage": 0.4}
UNIT_CHANGE = {"kind": "drift", "ramp": "0m", "start": "-30m",
               "features": [{"name": "amount", "mean": 40, "std": 12, "shift": 0,
                             "multiply": 100, "drifted_missing": 0.2},
                            {"name": "country", "categories": {"us": 5, "de": 3}}],
               "drifting": ["amount"]}
ALL = [DIVERGING, OVERFITTING, DRIFT, CALIBRATION, DELAYED, STALLED, RETRIEVAL, UNIT_CHANGE]
OVERRIDES = [
    (DIVERGING, {"learning_rate": 0.05}),
    (DIVERGING, {"clip": 0.3}),
    (DIVERGING, {"stop": True}),
    (OVERFITTING, {"l2": 0.02}),
    (DRIFT, {"retrain": True}),
    (DRIFT, {"revert": True}),
    (CALIBRATION, {"temperature": 1.0}),
    (CALIBRATION, {"retrain": True}),
    (DELAYED, {"retrain": True}),
    (STALLED, {"restore_feed": True}),
    (STALLED, {"skip_unlabelled": True}),
    (RETRIEVAL, {"restore_index": True}),
    (RETRIEVAL, {"top_k": 12}),
    (RETRIEVAL, {"abstain": 0.8}),
    (UNIT_CHANGE, {"revert": True}),
    (UNIT_CHANGE, {"retrain": True}),
]


def run(
    spec: dict[str, Any], seed: int = 0, intervention: Intervention | None = None
) -> PhysicsResult:
    """Run a spec written as authors write it, over a six-hour timeline with onset at 02:00."""
    return run_physics(
        SPEC.validate_python(spec),
        rng=np.random.default_rng(seed),
        minutes=MINUTES,
        onset=ONSET,
        intervention=intervention,
    )


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s["kind"])
def test_outputs_are_named_finite_float64_series(spec: dict[str, Any]) -> None:
    result = run(spec)
    assert sorted(result.series) == sorted(SPEC.validate_python(spec).outputs())
    for values in result.series.values():
        assert values.dtype == np.float64 and values.shape == (MINUTES,)
        assert np.all(np.isfinite(values))


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "training", "learning_rate": 100, "l2": 10, "raw_scale": 100},
        {"kind": "training", "learning_rate": 50, "clip": 1e-9, "steps_per_minute": 3},
        {**DRIFT, "window": 20, "reference_size": 50, "every": 1},
        {"kind": "calibration", "separation": 50, "temperature": 0.01, "window": 20},
        {"kind": "delayed_accuracy", "label_rate": 0.001, "predictions_per_minute": 1},
    ],
)
def test_extreme_parameters_stay_finite(spec: dict[str, Any]) -> None:
    for values in run(spec).series.values():
        assert np.all(np.isfinite(values))


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s["kind"])
def test_same_seed_same_series_other_seed_other_series(spec: dict[str, Any]) -> None:
    first, again, other = run(spec, 4), run(spec, 4), run(spec, 5)
    for name, values in first.series.items():
        assert np.array_equal(values, again.series[name])
    assert any(not np.array_equal(v, other.series[k]) for k, v in first.series.items())


@pytest.mark.parametrize("at", [0.0, 150.5, 200.0, 359.0, 1000.0])
@pytest.mark.parametrize("spec, overrides", OVERRIDES)
def test_intervention_leaves_everything_before_it_untouched(
    spec: dict[str, Any], overrides: dict[str, Any], at: float
) -> None:
    base = run(spec, 9)
    changed = run(spec, 9, Intervention(at=at, overrides=overrides))
    before = int(np.ceil(at))
    for name, values in base.series.items():
        assert np.array_equal(values[:before], changed.series[name][:before]), name


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s["kind"])
def test_declared_parameters_are_exactly_the_accepted_overrides(spec: dict[str, Any]) -> None:
    model = SPEC.validate_python(spec)
    for name in model.parameters():
        value = 1.0 if name in ("learning_rate", "clip", "l2", "temperature") else True
        value = {"top_k": 8, "abstain": 0.5}.get(name, value)
        check_overrides(model, {name: value})
    with pytest.raises(ValueError, match="cannot override"):
        check_overrides(model, {"nonsense": 1})


def test_unknown_override_is_refused_with_a_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean 'learning_rate'"):
        run(DIVERGING, intervention=Intervention(at=200, overrides={"learning_rat": 0.05}))
    with pytest.raises(ValueError, match="temperature"):
        run(CALIBRATION, intervention=Intervention(at=200, overrides={"temperature": -1}))


# --- training ----------------------------------------------------------------------------------


def _baseline(series: np.ndarray) -> float:
    return float(series[60:120].mean())


@pytest.mark.parametrize("seed", range(4))
def test_high_learning_rate_really_diverges(seed: int) -> None:
    healthy = run({"kind": "training"}, seed).series
    diverging = run(DIVERGING, seed).series
    loss, grad = diverging["train_loss"], diverging["grad_norm"]
    assert loss[120:].max() >= 5 * _baseline(loss)
    assert grad[120:].max() >= 5 * np.median(grad[:120])
    assert healthy["train_loss"].max() <= 1.5 * _baseline(healthy["train_loss"])
    assert diverging["learning_rate"][119] == 0.05 and diverging["learning_rate"][120] == 0.5


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("fix", [{"learning_rate": 0.05}, {"clip": 0.3}])
def test_lower_learning_rate_or_clipping_stabilises(seed: int, fix: dict[str, float]) -> None:
    diverging = run(DIVERGING, seed).series["train_loss"]
    fixed = run(DIVERGING, seed, Intervention(at=150, overrides=fix)).series["train_loss"]
    settled = fixed[200:]
    assert settled.max() <= 2.5 * _baseline(fixed)
    assert settled.std() < diverging[200:].std()


def test_overfitting_validation_bottoms_then_climbs_while_training_falls() -> None:
    for seed in range(3):
        series = run(OVERFITTING, seed).series
        train, val = series["train_loss"], series["val_loss"]
        best = int(np.argmin(val))
        assert best < 120
        assert val[-30:].mean() >= val[best] + 0.04
        assert train[-30:].mean() < min(train[best], 0.12)
        assert series["gap"][-1] > 0.1


def test_early_stop_restores_the_best_checkpoint_and_freezes() -> None:
    series = run(OVERFITTING, 1, Intervention(at=100, overrides={"stop": True})).series
    val = series["val_loss"]
    assert np.all(val[100:] == val[100])
    assert val[100] == pytest.approx(val[:100].min(), abs=1e-6)
    assert np.all(series["grad_norm"][100:] == 0) and np.all(series["learning_rate"][100:] == 0)


def test_healthy_fresh_run_plateaus_with_validation_a_touch_higher() -> None:
    for seed in range(3):
        series = run({"kind": "training", "warm_start": False}, seed).series
        train, val = series["train_loss"], series["val_loss"]
        assert train[0] > 0.3 and val[0] > 0.3
        assert 0.1 < val[-60:].mean() < 0.25
        assert 0 < (val - train)[-60:].mean() < 0.08


# --- drift -------------------------------------------------------------------------------------


def test_only_the_drifting_feature_leaves_its_band_after_onset() -> None:
    for seed in range(3):
        series = run(DRIFT, seed).series
        assert series["psi.basket"][:120].max() < 0.1
        assert series["psi.basket"][125:].min() > 0.25
        assert series["ks.basket"][125:].min() > 2 * series["ks.basket"][:120].max()
        assert series["js.basket"][125:].min() > 2 * series["js.basket"][:120].max()
        for name in ("hour", "tenure", "country"):
            assert series[f"psi.{name}"].max() < 0.1, name
        assert np.array_equal(series["psi_max"][125:], series["psi.basket"][125:])
        assert series["drifted_features"][:120].max() == 0 and series["drifted_features"][-1] == 1


def test_the_drifting_feature_is_chosen_per_seed_from_the_list() -> None:
    spec = {**DRIFT, "drifting": ["basket", "hour", "tenure"]}
    chosen = set()
    for seed in range(12):
        series = run(spec, seed).series
        chosen |= {n for n in ("basket", "hour", "tenure") if series[f"psi.{n}"][-1] > 0.25}
    assert len(chosen) >= 2


def test_a_new_category_shows_as_significant_psi() -> None:
    spec = {**DRIFT, "drifting": ["country"]}
    assert run(spec).series["psi.country"][200] > 0.25


@pytest.mark.parametrize("fix", ["retrain", "revert"])
def test_retrain_or_revert_brings_drift_statistics_back(fix: str) -> None:
    series = run(DRIFT, 2, Intervention(at=200, overrides={fix: True})).series
    assert series["psi.basket"][195] > 0.25
    assert series["psi.basket"][200:].max() < 0.1
    assert series["ks.basket"][200:].max() < 0.1


def test_psi_bands_follow_the_usual_thresholds() -> None:
    bands = [psi_band(v) for v in (0.0, 0.0999, 0.1, 0.25, 0.2501, 3.0)]
    assert bands == ["no shift", "no shift", "moderate", "moderate", "significant", "significant"]


def test_drift_report_lists_worst_feature_first_with_bands_and_history() -> None:
    report = run(DRIFT).report(240)
    assert report is not None
    assert report.columns == ("feature", "PSI", "band", "KS", "JS")
    assert report.rows[0][0] == "basket" and report.rows[0][2] == "significant"
    assert all(row[2] == "no shift" for row in report.rows[1:])
    assert dict((row[0], row[3]) for row in report.rows)["country"] == "—"
    assert report.trends is not None and len(report.trends) == len(report.rows)
    assert all(type(v) is float for trend in report.trends for v in trend)
    text = render_text(report)
    assert text.splitlines()[0] == "Drift report at 04:00" and "basket" in text and "▁" in text


# --- calibration -------------------------------------------------------------------------------


def test_overconfident_push_raises_ece_and_temperature_scaling_fixes_it() -> None:
    base = run(CALIBRATION, 3).series
    fixed = run(CALIBRATION, 3, Intervention(at=200, overrides={"temperature": 1.0})).series
    assert base["ece"][:120].max() < 0.05 and base["ece"][130:].min() > 0.07
    assert fixed["ece"][200:].max() < 0.05
    assert np.array_equal(base["accuracy"], fixed["accuracy"])
    assert base["overconfidence"][200] > 0.05 and abs(fixed["overconfidence"][200]) < 0.03


def test_ninety_five_percent_confident_but_right_sixty_percent_of_the_time() -> None:
    spec = {"kind": "calibration", "separation": 0.5, "onset_temperature": 0.04}
    series = run(spec).series
    assert series["mean_confidence"][200] == pytest.approx(0.95, abs=0.02)
    assert series["accuracy"][200] == pytest.approx(0.60, abs=0.04)


def test_reliability_report_shows_bins_counts_and_bars() -> None:
    report = run(CALIBRATION).report(200)
    assert report is not None and report.trends is None
    assert sum(int(row[1]) for row in report.rows) == 1000
    top = report.rows[-1]
    assert top[0] == "0.93-1.00" and float(top[4]) < 0 and "░" in top[5]
    assert "Reliability diagram at 03:20" in render_text(report)


# --- delayed accuracy --------------------------------------------------------------------------


def _best_lag(measured: np.ndarray, truth: np.ndarray) -> int:
    errors = [np.mean((measured[lag:] - truth[: MINUTES - lag]) ** 2) for lag in range(0, 150)]
    return int(np.argmin(errors))


def test_measured_accuracy_lags_the_truth_by_the_label_delay() -> None:
    spec = {**DELAYED, "label_delay": "45m", "window": 1, "label_rate": 1, "degrade_over": "2h"}
    spec["predictions_per_minute"] = 5000
    series = run(spec).series
    assert _best_lag(series["accuracy"], series["true_accuracy"]) == pytest.approx(45, abs=2)
    assert series["accuracy"][: 120 + 45].min() > 0.9
    assert series["true_accuracy"][-1] == pytest.approx(0.78)


def test_silent_degradation_defaults_and_label_volume() -> None:
    series = run(DELAYED).series
    assert series["true_accuracy"][0] == pytest.approx(0.92) and series["true_accuracy"][-1] < 0.85
    assert series["accuracy"][170] > 0.9 > series["accuracy"][-1]
    assert 30 < series["labels"].mean() < 70 and abs(series["predictions"].mean() - 200) < 10
    assert run(DELAYED).report(100) is None


def test_retrain_recovers_accuracy_and_the_measurement_follows_later() -> None:
    base = run(DELAYED, 1).series
    fixed = run(DELAYED, 1, Intervention(at=240, overrides={"retrain": True})).series
    assert fixed["true_accuracy"][300:].min() == pytest.approx(0.92)
    assert np.array_equal(fixed["accuracy"][: 240 + 60], base["accuracy"][: 240 + 60])
    assert fixed["accuracy"][-1] > base["accuracy"][-1] + 0.05


# --- specs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "training", "learning_rate": [0.1, 0.01]},
        {"kind": "training", "learning_rate": 0},
        {"kind": "training", "lr": 0.1},
        {"kind": "training", "features": 2, "informative": 3},
        {"kind": "drift", "features": [{"name": "a"}, {"name": "a"}]},
        {"kind": "drift", "features": [{"name": "a"}], "drifting": ["b"]},
        {"kind": "drift", "features": [{"name": "Bad Name"}]},
        {"kind": "calibration", "temperature": 0},
        {"kind": "delayed_accuracy", "label_rate": 1.5},
        {"kind": "telepathy"},
    ],
)
def test_bad_specs_are_refused(spec: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SPEC.validate_python(spec)


def test_seed_varied_parameters_are_drawn_within_their_range() -> None:
    spec = {**DELAYED, "degraded_accuracy": [0.6, 0.7], "degrade_over": 0}
    finals = {round(run(spec, seed).series["true_accuracy"][-1], 6) for seed in range(5)}
    assert len(finals) == 5 and all(0.6 <= value <= 0.7 for value in finals)


def test_every_field_is_documented_in_the_json_schema() -> None:
    from triage.authoring.jsonschema_export import DocumentedSchema  # descriptions from docstrings

    schema = SPEC.json_schema(schema_generator=DocumentedSchema)
    for model in schema["$defs"].values():
        for name, field in model.get("properties", {}).items():
            assert field.get("description"), f"{model['title']}.{name}"
