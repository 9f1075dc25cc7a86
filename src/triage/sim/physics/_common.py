"""Shared plumbing for the physics systems: the result type, interventions, time and overrides."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from triage.model.types import resolve
from triage.sim.physics.reports import Report

OverrideValue = float | bool | str


@dataclass(frozen=True)
class Intervention:
    """A remediation's effect on a system: parameter overrides from minute `at` onward."""

    at: float
    """Absolute minute at which the player's remediation takes effect."""
    overrides: Mapping[str, OverrideValue] = field(default_factory=dict)
    """Parameter name to new value, applied from `at` on (see each spec's `parameters()`)."""


@dataclass(frozen=True)
class PhysicsResult:
    """The series a system produced over the timeline, and its report (if it has one)."""

    series: dict[str, np.ndarray]
    """Output name to float64 values, one per minute, all finite."""
    reporter: Callable[[int], Report] | None = None
    """Builds the report for a minute; None when the system has no report."""

    def report(self, minute: int) -> Report | None:
        """The system's report as it would read at `minute` (None if the system has none)."""
        if self.reporter is None:
            return None
        return self.reporter(max(0, int(minute)))


def first_minute(at: float, minutes: int) -> int:
    """Index of the first minute on or after absolute time `at`, within `[0, minutes]`."""
    if not math.isfinite(at):
        return minutes if at > 0 else 0
    return min(minutes, max(0, math.ceil(at)))


def draw(
    value: float | tuple[float, float] | None, fallback: float, rng: np.random.Generator
) -> float:
    """Resolve a seed-varied value (or `fallback` when unset), always advancing `rng` once."""
    return resolve(fallback if value is None else value, rng)


def finite(values: np.ndarray, cap: float = 1e6) -> np.ndarray:
    """Return float64 values with NaN replaced by 0 and magnitudes capped at `cap`."""
    values = np.asarray(values, dtype=np.float64)
    if np.all(np.abs(values) <= cap):  # also false for NaN
        return values
    return np.clip(np.nan_to_num(values, nan=0.0), -cap, cap)


def as_flag(value: OverrideValue) -> bool:
    """Read a yes/no override written as a boolean, 0/1 or `true`/`false`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in (
        "true",
        "yes",
        "on",
        "false",
        "no",
        "off",
    ):
        return value.strip().lower() in ("true", "yes", "on")
    raise ValueError(f"expected true or false, got {value!r}")


def as_positive(value: OverrideValue) -> float:
    """Read a positive finite number override."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"expected a positive number, got {value!r}")
    return number


def as_non_negative(value: OverrideValue) -> float:
    """Read a non-negative finite number override."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    number = float(value)
    if not (math.isfinite(number) and number >= 0):
        raise ValueError(f"expected a number of at least 0, got {value!r}")
    return number


def read_overrides(
    intervention: Intervention | None,
    minutes: int,
    readers: Mapping[str, Callable[[OverrideValue], object]],
) -> tuple[int, dict[str, object]]:
    """Validate an intervention against the parameters a system accepts.

    Returns the first affected minute (`minutes` when there is no intervention) and the converted
    override values. Unknown names and bad values raise `ValueError` naming the parameter.
    """
    if intervention is None:
        return minutes, {}
    if math.isnan(intervention.at):
        raise ValueError("an intervention needs a time (`at` is NaN)")
    values: dict[str, object] = {}
    for name, raw in intervention.overrides.items():
        if name not in readers:
            close = difflib.get_close_matches(name, list(readers), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            allowed = ", ".join(sorted(readers))
            raise ValueError(f"cannot override {name!r} (allowed: {allowed}){hint}")
        try:
            values[name] = readers[name](raw)
        except (TypeError, ValueError) as error:
            raise ValueError(f"override {name}: {error}") from None
    return first_minute(intervention.at, minutes), values


def window_index(minutes: int, every: float) -> tuple[np.ndarray, np.ndarray]:
    """Split the timeline into windows of `every` minutes.

    Returns the start minute of each window and, for each minute, the index of its window.
    """
    starts = np.arange(0.0, float(minutes), every)
    of_minute = np.minimum((np.arange(minutes) // every).astype(np.int64), starts.size - 1)
    return starts, of_minute


def ramp(times: np.ndarray, begin: float, duration: float) -> np.ndarray:
    """Progress from 0 at `begin` to 1 at `begin + duration` (a step when duration is 0)."""
    if duration <= 0:
        return (times >= begin).astype(np.float64)
    return np.clip((times - begin) / duration, 0.0, 1.0)
