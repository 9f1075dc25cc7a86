"""Shape signals: a baseline, normal noise and composable effects, computed with numpy.

Every function here is pure: given resolved parameters and a generator it returns an array with one
value per simulated minute. Effect times arrive already converted to absolute minutes.
"""

from __future__ import annotations

import numpy as np

from triage.model.signals import (
    DecayEffect,
    Effect,
    RampEffect,
    RandomWalkEffect,
    SeasonalityEffect,
    SpikeEffect,
    StepEffect,
)
from triage.model.types import resolve


def effect_curve(
    effect: Effect, t: np.ndarray, origin: float, rng: np.random.Generator
) -> np.ndarray:
    """The contribution of one effect at each minute `t`; `origin` is the minute `at` counts from.

    Seed-varied parameters are drawn from `rng` in a fixed order per effect kind, so a play with
    the same seed always draws the same values.
    """
    if isinstance(effect, SeasonalityEffect):
        period = max(resolve(effect.period, rng), 1.0)
        amplitude = resolve(effect.amplitude, rng)
        phase = resolve(effect.phase, rng)
        return amplitude * np.sin(2 * np.pi * (t - phase) / period)
    start = origin + resolve(effect.at, rng)
    if isinstance(effect, StepEffect):
        return np.where(t >= start, resolve(effect.by, rng), 0.0)
    if isinstance(effect, RampEffect):
        over = max(resolve(effect.over, rng), 1e-9)
        size = resolve(effect.by, rng)
        return size * np.clip((t - start) / over, 0.0, 1.0)
    if isinstance(effect, SpikeEffect):
        height = resolve(effect.by, rng)
        half = max(resolve(effect.width, rng), 1.0) / 2
        distance = np.abs(t - start)
        if effect.every:
            period = max(effect.every, 1.0)
            since = t - start
            distance = np.where(
                since >= -half,
                np.abs(since - period * np.round(since / period)),
                np.abs(since),
            )
        return height * np.clip(1.0 - distance / half, 0.0, 1.0)
    if isinstance(effect, DecayEffect):
        size = resolve(effect.by, rng)
        half_life = max(resolve(effect.half_life, rng), 1e-9)
        elapsed = np.maximum(t - start, 0.0)
        return np.where(t >= start, size * np.power(0.5, elapsed / half_life), 0.0)
    if isinstance(effect, RandomWalkEffect):
        sd = resolve(effect.sd, rng)
        steps = rng.normal(0.0, 1.0, size=t.shape) * sd
        steps[t < start] = 0.0
        return np.cumsum(steps)
    raise TypeError(f"unknown effect {effect!r}")


def effects_sum(
    effects: list[Effect], t: np.ndarray, origin: float, rng: np.random.Generator
) -> np.ndarray:
    """The summed contribution of a list of effects."""
    total = np.zeros_like(t, dtype=float)
    for effect in effects:
        total += effect_curve(effect, t, origin, rng)
    return total


def fade_after(t: np.ndarray, start: float, time_constant: float) -> np.ndarray:
    """1 before `start`, then an exponential fade towards 0 with the given time constant."""
    elapsed = np.maximum(t - start, 0.0)
    return np.where(t < start, 1.0, np.exp(-elapsed / max(time_constant, 1e-9)))
