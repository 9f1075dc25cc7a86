"""Simulate a lab's history: every signal at every step, with its events and incidents placed.

Everything random comes from the seed, through one generator per purpose (the schedule, each
signal's noise, each event occurrence, each incident, each measure), so the same lab and seed give
the same series bit for bit, and adding an event leaves every other signal's noise unchanged.

An incident's effects last from its start to its end (they stop when it ends); an event's effects
are as authored (a spike fades, a step stays). Measures are computed after the shapes: `psi` draws
a window of inputs per step around the hidden shift and compares it with a training sample by the
Population Stability Index (`triage.sim.stats.psi_rows`); `labels` reads the hidden true rate
`delay` ago, through a sample of labelled items.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from triage.lab.model import Lab, LabEffect, LabelsMeasure, LabEvent, LabIncident, PsiMeasure
from triage.model.types import resolve
from triage.sim.shapes import effect_curve
from triage.sim.stats import psi_rows

_REFERENCE_SIZE = 5000
_CHUNK = 1024


@dataclass(frozen=True)
class PlacedIncident:
    """An incident with its times and harm drawn for one seed (minutes from the start)."""

    incident: LabIncident
    start: float
    end: float
    harm_per_minute: float

    @property
    def id(self) -> str:
        """The incident's id."""
        return self.incident.id

    @property
    def harm_if_missed(self) -> float:
        """The harm it does when nothing catches it."""
        return (self.end - self.start) * self.harm_per_minute


@dataclass(frozen=True)
class PlacedEvent:
    """One occurrence of a benign event (a repeat of an `every` event is its own occurrence)."""

    event: LabEvent
    at: float


@dataclass(frozen=True)
class History:
    """The simulated history of one lab and seed."""

    lab: Lab
    seed: int
    step: float
    times: np.ndarray
    series: dict[str, np.ndarray]
    incidents: list[PlacedIncident]
    events: list[PlacedEvent]
    quiet: dict[str, np.ndarray]
    """The same history without its incidents: what the signals would have read anyway."""

    @property
    def training_steps(self) -> int:
        """How many steps the training window holds (the replay scores what comes after)."""
        return int(np.searchsorted(self.times, self.lab.history.training))

    @property
    def scored_weeks(self) -> float:
        """The length of the scored part of the history, in weeks."""
        return (self.lab.minutes - self.lab.history.training) / 10080.0

    def visible(self, quiet: bool = False) -> dict[str, np.ndarray]:
        """The series rules may read (hidden signals left out); `quiet`: without incidents."""
        source = self.quiet if quiet else self.series
        return {s.id: source[s.id] for s in self.lab.signals if not s.hidden}


def _schedule(lab: Lab, seed: int) -> tuple[list[PlacedIncident], list[PlacedEvent]]:
    rng = np.random.default_rng([seed, 0])
    incidents = []
    for incident in lab.incidents:
        start = resolve(incident.start, rng)
        end = start + max(resolve(incident.lasts, rng), lab.history.step)
        incidents.append(PlacedIncident(incident, start, min(end, lab.minutes),
                                        resolve(incident.harm_per_minute, rng)))
    events = []
    for event in lab.events:
        at = resolve(event.at, rng)
        while at < lab.minutes:
            events.append(PlacedEvent(event, at))
            if event.every is None:
                break
            at += event.every + event.jitter * float(rng.random())
    return incidents, sorted(events, key=lambda e: e.at)


def _add_effects(totals: dict[str, np.ndarray], effects: list[LabEffect], t: np.ndarray,
                 origin: float, rng: np.random.Generator, until: float | None = None) -> None:
    for item in effects:
        curve = effect_curve(item.effect, t, origin, rng)
        if until is not None:
            curve = np.where(t < until, curve, 0.0)
        totals[item.signal] = totals[item.signal] + curve


def simulate(lab: Lab, seed: int = 1) -> History:
    """The lab's history for `seed`: every signal (hidden ones too) at every step, and the same
    history without its incidents (same noise, same events) to tell what they caused."""
    step = lab.history.step
    t = np.arange(0.0, lab.minutes, step)
    incidents, events = _schedule(lab, seed)
    benign = {signal.id: np.zeros_like(t) for signal in lab.signals}
    for index, placed in enumerate(events):
        rng = np.random.default_rng([seed, 2, index])
        _add_effects(benign, placed.event.effects, t, placed.at, rng)
    extra = dict(benign)
    for index, placed_incident in enumerate(incidents):
        rng = np.random.default_rng([seed, 3, index])
        _add_effects(extra, placed_incident.incident.effects, t, placed_incident.start, rng,
                     until=placed_incident.end)
    series, quiet = _series(lab, seed, t, [extra, benign])
    return History(lab, seed, step, t, series, incidents, events, quiet)


def _series(lab: Lab, seed: int, t: np.ndarray,
            extras: list[dict[str, np.ndarray]]) -> list[dict[str, np.ndarray]]:
    """Every signal once per entry of `extras` (what events and incidents add): the random
    draws are made once and shared, so the variants differ only where their `extras` do."""
    out: list[dict[str, np.ndarray]] = [{} for _ in extras]
    ordered = sorted(enumerate(lab.signals), key=lambda pair: pair[1].measure is not None)
    for index, signal in ordered:
        rng = np.random.default_rng([seed, 1, index])
        if signal.measure is None:
            level = resolve(signal.baseline or 0.0, rng)
            bases = [np.full_like(t, level) for _ in extras]
        else:
            sources = [series[signal.measure.of] for series in out]
            bases = [b * signal.scale for b in _measure(signal.measure, sources,
                                                        lab.history.step, rng)]
        shared = np.zeros_like(t)
        for effect in signal.effects:
            shared = shared + effect_curve(effect, t, 0.0, rng)
        noise = resolve(signal.noise, rng)
        if noise > 0:
            shared = shared + rng.normal(0.0, noise, size=t.shape)
        low, high = signal.clamp
        for series, base, extra in zip(out, bases, extras, strict=True):
            values = base + shared + extra[signal.id]
            if low is not None or high is not None:
                values = np.clip(values, low, high)
            series[signal.id] = values
    return [{s.id: series[s.id] for s in lab.signals} for series in out]


def _measure(measure: PsiMeasure | LabelsMeasure, sources: list[np.ndarray], step: float,
             rng: np.random.Generator) -> list[np.ndarray]:
    """The measure of each source (the same draws for all: rows where the sources agree read
    the same)."""
    first = sources[0]
    if isinstance(measure, PsiMeasure):
        reference = rng.normal(0.0, 1.0, _REFERENCE_SIZE)
        outs = [np.empty_like(first) for _ in sources]
        for start in range(0, len(first), _CHUNK):
            noise = rng.normal(0.0, 1.0, (len(first[start:start + _CHUNK]), measure.sample))
            done: np.ndarray | None = None
            for out, source in zip(outs, sources, strict=True):
                shift = source[start:start + _CHUNK]
                if done is None:
                    out[start:start + _CHUNK] = psi_rows(reference, noise + shift[:, None],
                                                         measure.bins)
                    done, base = out[start:start + _CHUNK], shift
                    continue
                rows = out[start:start + _CHUNK]
                rows[:] = done
                differ = np.nonzero(shift != base)[0]
                if len(differ):
                    rows[differ] = psi_rows(reference, noise[differ] + shift[differ, None],
                                            measure.bins)
        return outs
    lag = int(round(measure.delay / step))
    draws = rng.standard_normal(len(first))
    outs = []
    for source in sources:
        delayed = np.concatenate([np.full(min(lag, len(source)), source[0]),
                                  source])[:len(source)]
        rate = np.clip(np.nan_to_num(delayed), 0.0, 1.0)
        # The binomial share by its normal approximation, rounded to whole items: one draw per
        # step whatever the rate, so a history without an incident keeps the same noise.
        share = rate + np.sqrt(rate * (1.0 - rate) / measure.sample) * draws
        outs.append(np.clip(np.round(share * measure.sample), 0, measure.sample)
                    / measure.sample)
    return outs
