"""The simulated world of one play: every series, log line and change, drawn from one seed.

`build_world(incident, seed)` resolves the seed-varied values (onset, magnitudes, log times), runs
the physics systems and the shape generators, and returns full-length series for the whole
timeline. Passing a `Decision` builds the world in which the player's remediations took effect at
a given minute: shapes fade back or gain effects, physics systems re-run with new parameters. The
random streams are keyed by role and position, so a decision never changes what came before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from triage.model.incident import MAX_LOG_REPEATS, Incident
from triage.model.logtemplate import is_template, render
from triage.model.logvary import varies, vary
from triage.model.types import resolve
from triage.model.variants import for_seed
from triage.sim.physics import PhysicsResult
from triage.sim.scheduled import run_scheduled, system_changes
from triage.sim.shapes import effect_curve, effects_sum, fade_after
from triage.textplot import format_value

_TIMELINE, _SIGNAL, _SYSTEM, _TEXT, _REMEDY = range(5)


@dataclass(frozen=True)
class Decision:
    """The player's remediations, applied at absolute minute `at`."""

    at: float
    remediations: tuple[str, ...]

    def schedule(self) -> tuple[Applied, ...]:
        """The same decision as a schedule: every option applied at `at`."""
        return tuple(Applied(option, self.at) for option in self.remediations)


@dataclass(frozen=True)
class Applied:
    """One remediation option in effect from absolute minute `at` (until `until`, when the player
    reverted it): the on-call loop applies options one after another while the world runs."""

    option: str
    at: float
    until: float | None = None


@dataclass(frozen=True)
class LogEntry:
    """A resolved log line at an absolute minute."""

    minute: float
    level: str
    source: str
    message: str
    index: int = -1
    """The authored line (0-based, in the incident's `logs:`) this entry comes from."""


@dataclass(frozen=True)
class ChangeEntry:
    """A resolved change-history entry at an absolute minute."""

    minute: float
    kind: str
    service: str
    author: str
    summary: str
    index: int = -1
    """The authored entry (0-based, in the incident's `changes:`) this comes from."""


@dataclass
class World:
    """Every series of one play, one value per simulated minute, plus the text streams."""

    incident: Incident
    seed: int
    minutes: int
    onset: float
    series: dict[str, np.ndarray]
    systems: dict[str, PhysicsResult] = field(default_factory=dict)
    logs: list[LogEntry] = field(default_factory=list)
    changes: list[ChangeEntry] = field(default_factory=list)

    def values(self, signal_id: str, upto: int | None = None, start: int = 0) -> list[float]:
        """The series as plain floats, from minute `start` through `upto` (inclusive)."""
        data = self.series[signal_id]
        end = len(data) if upto is None else max(0, min(len(data), upto + 1))
        # tolist() makes the same Python floats as float(v) per value, ~20x faster: each game
        # tick reads every panel's series, up to 5,760 values on a four-day timeline.
        return np.asarray(data[max(0, start):end], dtype=np.float64).tolist()


def _rng(seed: int, *key: int) -> np.random.Generator:
    return np.random.default_rng([seed & 0xFFFFFFFFFFFFFFFF, *key])


def resolve_onset(incident: Incident, seed: int) -> float:
    """The onset minute this seed draws (kept inside the timeline)."""
    onset = resolve(incident.timeline.onset, _rng(seed, _TIMELINE))
    return float(min(max(onset, 0.0), incident.timeline.duration - 1))


def build_world(incident: Incident, seed: int, decision: Decision | None = None,
                schedule: Sequence[Applied] = ()) -> World:
    """Generate the whole timeline of `incident` for `seed`, optionally after a decision or a
    schedule of options applied (and reverted) at their minutes (an incident with root-cause
    variants is built as the variant the seed picks)."""
    incident = for_seed(incident, seed)
    applied = tuple(schedule) + (decision.schedule() if decision is not None else ())
    minutes = int(incident.timeline.duration)
    onset = resolve_onset(incident, seed)
    t = np.arange(minutes, dtype=float)
    ever = {entry.option for entry in applied}
    chosen = [r for r in incident.remediations if r.id in ever]

    systems: dict[str, PhysicsResult] = {}
    for index, (name, spec) in enumerate(incident.systems.items()):
        systems[name] = run_scheduled(
            spec, lambda index=index: _rng(seed, _SYSTEM, index), minutes, onset,
            system_changes(name, chosen, applied))

    series: dict[str, np.ndarray] = {}
    for index, signal in enumerate(incident.signals):
        rng = _rng(seed, _SIGNAL, index)
        scale = resolve(signal.scale, rng)
        noise_sd = resolve(signal.noise, rng)
        if signal.physics:
            base = systems[signal.system or ""].series[signal.output or ""] * scale
        else:
            base = np.full(minutes, resolve(signal.baseline or 0.0, rng))
        incident_part = effects_sum(
            [e for e in signal.effects if e.kind != "seasonality"], t, onset, rng)
        seasonal = effects_sum(
            [e for e in signal.effects if e.kind == "seasonality"], t, onset, rng)
        noise = rng.normal(0.0, 1.0, size=minutes) * noise_sd
        if applied:
            incident_part = _apply_schedule(incident_part, signal.id, chosen, applied, t, seed)
        values = base + incident_part + seasonal + noise
        low, high = signal.clamp
        if low is not None or high is not None:
            values = np.clip(values, low, high)
        series[signal.id] = values

    logs, changes = _text_streams(incident, seed, onset, minutes, series)
    return World(incident, seed, minutes, onset, series, systems, logs, changes)


def _apply_schedule(part: np.ndarray, signal_id: str, chosen: Sequence,
                    applied: Sequence[Applied], t: np.ndarray, seed: int) -> np.ndarray:
    """The incident's effect on a shape signal under the options applied: restoring options fade
    it (it comes back if they are reverted); options' own effects are added from their minute
    (and fade after a revert). A random stream per option, keyed by its position among the
    options ever chosen, so the order of applying never changes a curve's noise."""
    by_id = {option.id: option for option in chosen}
    factor = np.ones_like(t)
    for entry in applied:
        option = by_id[entry.option]
        if signal_id in option.restores:
            factor = np.minimum(factor, _window(t, entry, option.recovery))
    part = part * factor
    for option_index, option in enumerate(chosen):
        for k, extra in enumerate(option.signal_effects):
            if extra.signal != signal_id:
                continue
            for entry in applied:
                if entry.option == option.id:
                    rng = _rng(seed, _REMEDY, option_index, k)
                    curve = effect_curve(extra.effect, t, entry.at, rng)
                    if entry.until is not None:
                        curve = curve * fade_after(t, entry.until, option.recovery)
                    part = part + curve
    return part


def _window(t: np.ndarray, entry: Applied, recovery: float) -> np.ndarray:
    """How much of the incident's effect remains under one restoring option: fading from its
    minute, and growing back after a revert."""
    fade = fade_after(t, entry.at, recovery)
    if entry.until is None:
        return fade
    left = float(fade_after(np.array([entry.until]), entry.at, recovery)[0])
    back = 1.0 - (1.0 - left) * fade_after(t, entry.until, recovery)
    return np.where(t < entry.until, fade, back)


def _text_streams(
    incident: Incident, seed: int, onset: float, minutes: int, series: dict[str, np.ndarray]
) -> tuple[list[LogEntry], list[ChangeEntry]]:
    def quote(minute: float) -> Callable[[str], str]:
        """Reads each quoted signal at the line's minute (the first minute for earlier lines)."""
        def value_of(signal_id: str) -> str:
            values = series.get(signal_id)
            if values is None:
                return f"{{{signal_id}}}"
            at = min(max(int(minute), 0), values.size - 1)
            return format_value(float(values[at]), incident.signal(signal_id).decimals)
        return value_of

    rng = _rng(seed, _TEXT)
    logs: list[LogEntry] = []
    for index, line in enumerate(incident.logs):
        at = onset + resolve(line.at, rng)
        times = [at]
        if line.every:
            # Its own stream: drawing an interval must not move any other draw of the play.
            every = resolve(line.every, _rng(seed, _TEXT, 1, index))
            end = float(minutes)
            if line.until is not None:  # its own stream too
                end = min(end, onset + resolve(line.until, _rng(seed, _TEXT, 2, index)) + 1e-9)
            count = min(int(max(end - at, 0) // every) + 1, MAX_LOG_REPEATS)
            times = [at + k * every for k in range(count)]
        texts = [line.message] * len(times)
        if varies(line.message):  # its own stream: the wording never moves another draw
            draw = _rng(seed, _TEXT, 3, index)
            texts = [vary(line.message, draw) for _ in times]
        logs.extend(LogEntry(m, line.level, line.source,
                             render(text, quote(m)) if is_template(text) else text, index)
                    for m, text in zip(times, texts, strict=True))
    logs.sort(key=lambda entry: entry.minute)
    changes = [
        ChangeEntry(onset + resolve(c.at, rng), c.kind, c.service, c.author, c.summary, index)
        for index, c in enumerate(incident.changes)
    ]
    changes.sort(key=lambda entry: entry.minute)
    return logs, changes
