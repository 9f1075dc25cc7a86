"""Impact: the harm an incident does per minute, read from the running world.

The author says what is counted and how much accrues per minute at the level the page fired at
(`impact:`). The harm at a minute scales with how far the impact signal has moved from healthy
(its level before the onset), measured against how far it had moved when the page fired, from 0
up to twice that; a smoothed reading with a small dead band keeps noise from counting. A harmful
option adds its own share while it is in effect. Everything here is a plain function of a world
and a schedule, so the live status bar, the score and `triage check` all read the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from triage.model.incident import Incident
from triage.model.loop import Impact
from triage.sim.world import Applied, World

DEFAULT_UNIT = "minutes of degraded service"
SMOOTHING = 5
"""Minutes in the trailing mean the harm reads (one noisy minute is not harm)."""
DEAD_BAND = 0.1
"""Below this share of the page's level, the signal counts as healthy (a noisy signal gets a wider
band: three standard deviations of its smoothed healthy noise, `ImpactModel.band`)."""
NOISE_BANDS = 3.0
MAX_SHARE = 2.0
"""The harm at a minute is at most this many times `per_minute`."""
HEALTHY_WINDOW = 60
"""Minutes before the onset whose median is the healthy level."""
STOPPED_HOLD = 10
"""Minutes over which the harm share is averaged to decide whether the harm has stopped."""
HARMFUL_SHARE = 0.5
"""A harmful option's own harm, as a share of `per_minute`, unless its `harm:` says otherwise."""


@dataclass(frozen=True)
class ImpactModel:
    """An incident's impact resolved for one play: what is counted and how to read the harm."""

    unit: str
    per_minute: float
    signal: str
    severity: int
    healthy: float
    full: float
    """The signed distance from healthy at the page (the level that harms `per_minute`)."""
    authored: bool
    """Whether the incident defines `impact:` (else the defaults were used)."""
    band: float = DEAD_BAND
    """Below this share the signal counts as healthy: at least `DEAD_BAND`, wider for a signal
    whose healthy noise (smoothed) would cross it on its own."""

    def raw_shares(self, world: World) -> np.ndarray:
        """How far the (smoothed) impact signal is from healthy at every minute of `world`, as
        a share of its distance at the page, 0 to MAX_SHARE, before the healthy band."""
        values = smooth(world.series[self.signal])
        if self.full == 0:
            return np.zeros_like(values)
        return np.clip((values - self.healthy) / self.full, 0.0, MAX_SHARE)

    def shares(self, world: World) -> np.ndarray:
        """The harm share of the incident itself at every minute of `world`: `raw_shares`, zero
        inside the healthy band."""
        share = self.raw_shares(world)
        return np.where(share < self.band, 0.0, share)

    def stopped(self, world: World, minute: int) -> bool:
        """Whether the incident's harm has stopped by `minute`: its share, averaged over the last
        `STOPPED_HOLD` minutes, is inside the healthy band (one noisy spike is not harm, one quiet
        minute is not a recovery)."""
        return self.recent_share(world, minute) < self.band

    def recent_share(self, world: World, minute: int) -> float:
        """The signed share of the page's distance from healthy, averaged over the
        `STOPPED_HOLD` minutes up to `minute` (noise averages out instead of counting)."""
        if self.full == 0:
            return 0.0
        series = world.series[self.signal]
        minute = min(max(minute, 0), series.size - 1)
        # Smooth only what the window reads (the status bar asks on every tick): the trailing
        # means of the last STOPPED_HOLD minutes need SMOOTHING - 1 minutes before them.
        start = max(0, minute - STOPPED_HOLD - SMOOTHING + 2)
        window = smooth(series[start: minute + 1])[-STOPPED_HOLD:]
        return float((window.mean() - self.healthy) / self.full)

    def rates(self, world: World, schedule: Sequence[Applied] = ()) -> np.ndarray:
        """Harm per minute at every minute of `world` (built with `schedule`), in `unit`."""
        rate = self.shares(world) * self.per_minute
        t = np.arange(rate.size, dtype=float)
        # A harmful option harms even when the incident itself does none (a false alarm): its
        # share is of one unit a minute then.
        base = self.per_minute if self.per_minute > 0 else 1.0
        for entry in schedule:
            extra = side_harm(world.incident, entry.option) * base
            if extra:
                until = entry.until if entry.until is not None else np.inf
                rate = rate + np.where((t >= entry.at) & (t < until), extra, 0.0)
        return rate


def smooth(values: np.ndarray) -> np.ndarray:
    """A trailing mean over `SMOOTHING` minutes (shorter at the start)."""
    values = np.asarray(values, dtype=float)
    sums = np.cumsum(np.r_[0.0, values])
    ends = np.arange(1, values.size + 1)
    starts = np.maximum(0, ends - SMOOTHING)
    return (sums[ends] - sums[starts]) / (ends - starts)


def side_harm(incident: Incident, option_id: str) -> float:
    """The share of `per_minute` an option adds while in effect (see `Remediation.harm`)."""
    option = next((r for r in incident.remediations if r.id == option_id), None)
    if option is None:
        return 0.0
    if option.harm is not None:
        return option.harm
    return HARMFUL_SHARE if option.effect == "harmful" else 0.0


def impact_model(incident: Incident, untouched: World, page_minute: int,
                 page_signal: str | None) -> ImpactModel:
    """Resolve the incident's impact for a play whose untouched world is `untouched`."""
    authored = incident.impact
    spec = authored or Impact(unit=DEFAULT_UNIT, per_minute=1.0, severity=3)
    signal = spec.signal or page_signal or incident.alerts[0].signal
    values = smooth(untouched.series[signal])
    onset = int(untouched.onset)
    window = values[max(0, onset - HEALTHY_WINDOW):onset] if onset >= 5 else values[:5]
    healthy = _median(window) if spec.healthy is None else float(spec.healthy)
    at_page = float(values[min(page_minute, values.size - 1)]) - healthy
    after = values[onset:] - healthy
    spread = float(np.std(untouched.series[signal][max(0, onset - HEALTHY_WINDOW):onset])) \
        if onset >= 5 else 0.0
    noise = spread / np.sqrt(SMOOTHING)  # the smoothed healthy noise
    full = at_page
    if abs(full) <= 2 * noise and after.size:
        # The page is not on the impact signal: its worst move after the onset sets the level,
        # unless that move is within the noise (then nothing on this signal is harm).
        full = float(after[int(np.argmax(np.abs(after)))])
        if abs(full) <= 4 * noise:
            full = 0.0
    band = DEAD_BAND
    if full:
        band = min(0.5, max(DEAD_BAND, NOISE_BANDS * spread / np.sqrt(SMOOTHING) / abs(full)))
    return ImpactModel(spec.unit, spec.per_minute, signal, spec.severity, healthy, full,
                       authored is not None, band)


def _median(values: np.ndarray) -> float:
    """The median (`np.median` imports `numpy.ma`, 15 ms and 1.5 MiB at the war room's first
    frame, for this one call)."""
    ordered = np.sort(np.asarray(values, dtype=float))
    middle = ordered.size // 2
    if ordered.size % 2:
        return float(ordered[middle])
    return float((ordered[middle - 1] + ordered[middle]) / 2)


def accrued(rates: np.ndarray, start: int, end: float) -> float:
    """The harm accrued from minute `start` up to (not including) `end`, fractional ends pro
    rata."""
    end = min(float(end), float(rates.size))
    if end <= start:
        return 0.0
    whole = int(end)
    total = float(rates[start:whole].sum())
    if whole < rates.size and end > whole:
        total += float(rates[whole]) * (end - whole)
    return total


def recovered_from(shares: np.ndarray, start: int, hold: int = 10) -> int | None:
    """The first minute at or after `start` from which the incident's harm share (`shares`, zero
    inside the healthy band) stays zero for `hold` minutes (None if it never does within the
    timeline)."""
    quiet = shares <= 0
    run = 0
    for minute in range(max(0, start), quiet.size):
        run = run + 1 if quiet[minute] else 0
        if run >= hold:
            return minute - hold + 1
    return None
