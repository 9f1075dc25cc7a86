"""ML "physics": series computed from small simulated ML systems rather than drawn as shapes.

`run_physics(spec, rng=..., minutes=..., onset=...)` runs one system declared under an incident's
`systems:` and returns its series (one float64 value per minute, all finite) and its report.
An `Intervention` re-runs the system with parameter overrides from a given minute: every series is
identical, bit for bit, to the baseline before that minute, provided `rng` starts in the same state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from triage.model.physics import (
    CalibrationPhysics,
    DelayedAccuracyPhysics,
    DriftPhysics,
    RetrievalPhysics,
    TrainingPhysics,
)
from triage.sim.physics import calibration, delayed, drift, retrieval, training
from triage.sim.physics._common import Intervention, OverrideValue, PhysicsResult, read_overrides
from triage.sim.physics.calibration import run_calibration
from triage.sim.physics.delayed import run_delayed_accuracy
from triage.sim.physics.drift import run_drift
from triage.sim.physics.reports import Report, render_text
from triage.sim.physics.retrieval import run_retrieval
from triage.sim.physics.training import run_training

__all__ = [
    "Intervention",
    "PhysicsResult",
    "Report",
    "check_overrides",
    "render_text",
    "run_physics",
]

PhysicsSpecType = (TrainingPhysics | DriftPhysics | CalibrationPhysics | DelayedAccuracyPhysics
                   | RetrievalPhysics)
_READERS: dict[str, Mapping[str, Callable[[OverrideValue], object]]] = {
    "training": training.READERS,
    "drift": drift.READERS,
    "calibration": calibration.READERS,
    "delayed_accuracy": delayed.READERS,
    "retrieval": retrieval.READERS,
}


def check_overrides(spec: PhysicsSpecType, overrides: Mapping[str, OverrideValue]) -> None:
    """Raise `ValueError` if a remediation's overrides do not fit the system (name or value).

    Lets a validator report a bad remediation before anything is played; the message names the
    parameter and suggests the closest allowed name.
    """
    read_overrides(Intervention(at=0.0, overrides=overrides), 1, _READERS[spec.kind])


def run_physics(
    spec: PhysicsSpecType,
    *,
    rng: np.random.Generator,
    minutes: int,
    onset: float,
    intervention: Intervention | None = None,
) -> PhysicsResult:
    """Run one physics system over a timeline of `minutes` one-minute steps.

    `onset` is the absolute minute the incident starts; the spec's times are relative to it.
    Raises `ValueError` for an intervention that overrides a parameter the system does not take.
    """
    if minutes < 1:
        raise ValueError("minutes must be at least 1")
    if isinstance(spec, TrainingPhysics):
        return run_training(spec, rng=rng, minutes=minutes, onset=onset, intervention=intervention)
    if isinstance(spec, DriftPhysics):
        return run_drift(spec, rng=rng, minutes=minutes, onset=onset, intervention=intervention)
    if isinstance(spec, CalibrationPhysics):
        return run_calibration(
            spec, rng=rng, minutes=minutes, onset=onset, intervention=intervention
        )
    if isinstance(spec, DelayedAccuracyPhysics):
        return run_delayed_accuracy(
            spec, rng=rng, minutes=minutes, onset=onset, intervention=intervention
        )
    if isinstance(spec, RetrievalPhysics):
        return run_retrieval(spec, rng=rng, minutes=minutes, onset=onset, intervention=intervention)
    raise TypeError(f"not a physics spec: {type(spec).__name__}")
