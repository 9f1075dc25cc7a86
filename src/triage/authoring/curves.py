"""Do the remediations do to the curves what their `effect` says? A check of `triage check`.

The debrief's what-if re-runs the world from the moment of the decision, so an option's label
must agree with the curves it produces. For each seed, at the ideal play's decision minute, each
option is applied on its own and its world is compared with the world where nothing was done:

- an option that `resolves` brings a **watched** signal back toward its normal range: the mean
  distance from that range, after the decision, shrinks by at least `BACK_SHARE`. The watched
  signals are the ones the debrief's what-if shows (`debrief.whatif`, else the decisive panels
  that are expected to move); when none left its range, any signal that did counts;
- an option that `helps` brings at least one signal that left its range back the same way (a
  mitigation may leave the cause's own panel alone);
- an option that is `harmful` makes at least one signal worse: further from its normal range by
  at least `WORSE_SHARE` of that range's width;
- a signal declared `expect: flat` stays inside its normal range after the onset.

The normal range is the last `NORMAL_MINUTES` minutes before the onset (a training run that is
still converging earlier has settled by then), widened by the signal's noise. When no signal left
its range (a false alarm: the fix is to the alert), there is nothing to bring back, and the check
says so. Every seed must agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from triage.authoring.checkresult import HIDDEN, CheckResult, seeds_text
from triage.authoring.movement import MIN_BASELINE_MINUTES, MOVE_MINUTES, _noise

NORMAL_MINUTES = 30
BACK_SHARE = 0.2
"""How much closer to normal (as a share of the no-action distance) counts as "back toward"."""
HELP_SHARE = 0.05
"""The same for an option that only helps."""
WORSE_SHARE = 0.25
"""How much further from normal (as a share of the normal range's width) counts as "worse"."""


def normal_range(values: np.ndarray, onset: int) -> tuple[float, float] | None:
    """The range a series keeps before the onset: its last `NORMAL_MINUTES` minutes, widened by
    its noise; None without enough baseline."""
    before = values[:onset]
    before = before[np.isfinite(before)]
    if len(before) < MIN_BASELINE_MINUTES:
        return None
    recent = before[-NORMAL_MINUTES:]
    noise = _noise(before)
    return float(recent.min()) - noise, float(recent.max()) + noise


def _distance(values: np.ndarray, band: tuple[float, float], start: int) -> float:
    """The mean distance of a series from the band, from minute `start` on (NaN counts far)."""
    low, high = band
    tail = values[start:]
    if len(tail) == 0:
        return 0.0
    width = max(high - low, 1e-12)
    gap = np.maximum(np.maximum(low - tail, tail - high), 0.0)
    gap = np.where(np.isfinite(gap), gap, 10 * width)
    return float(gap.mean())


def left_range(values: np.ndarray, onset: int) -> bool:
    """Did the series leave its normal range after the onset, for `MOVE_MINUTES` minutes?"""
    band = normal_range(values, onset)
    if band is None:
        return False
    after = values[onset:]
    outside = ~np.isfinite(after) | (after < band[0]) | (after > band[1])
    return int(outside.sum()) >= MOVE_MINUTES


def watched_signals(incident: Any) -> list[str]:
    """The signals the what-if shows, and that an option that resolves must bring back: the
    author's `debrief.whatif`, else the decisive panels that are expected to move."""
    chosen = list(getattr(incident.debrief, "whatif", []) or [])
    if chosen:
        return chosen
    flat = {s.id for s in incident.signals if getattr(s, "expect", None) == "flat"}
    signals = {s.id for s in incident.signals}
    return [item for item in incident.evidence.decisive if item in signals and item not in flat]


def _decision(run: Any) -> int:
    session = run.ideal
    at = session.remediated_at if session.remediated_at is not None else session.elapsed
    return int(session.page_minute + at)


def _false_alarm(incident: Any) -> bool:
    """Nothing is broken: the page itself was wrong, so there is nothing to bring back."""
    return bool(incident.is_false_alarm)


def _back_share(none: np.ndarray, mine: np.ndarray, ideal: np.ndarray,
                band: tuple[float, float], after: int) -> float:
    """How far this option brings a signal back, as a share (1 = all the way): the best of
    (a) closer to its normal range, (b) undoing the drift it still has after the decision, and
    (c) closer to the ideal option's curve."""
    shares = []
    before = _distance(none, band, after)
    if before > 0:
        shares.append(1.0 - _distance(mine, band, after) / before)
    start = none[after - 1] if after > 0 else none[0]
    drift = float(np.nanmean(none[after:] - start)) if after < len(none) else 0.0
    if abs(drift) > (band[1] - band[0]) * 0.1:
        shares.append(1.0 - float(np.nanmean(mine[after:] - start)) / drift)
    gap = float(np.nanmean(np.abs(none[after:] - ideal[after:]))) if after < len(none) else 0.0
    if gap > (band[1] - band[0]) * 0.1:
        shares.append(1.0 - float(np.nanmean(np.abs(mine[after:] - ideal[after:]))) / gap)
    return max(shares, default=0.0)


def _verdict(run: Any, option: Any) -> tuple[bool, str] | None:
    """Whether `option` does what its effect says in this run's world; None: nothing to judge."""
    from triage.sim.world import Decision, build_world

    played, world = run.ideal.incident, run.ideal.world
    if option.effect != "harmful" and _false_alarm(played):
        return None
    onset, at = int(world.onset), _decision(run)
    after = at + 1
    if after >= world.minutes - 1:
        return None  # the play ends with the decision: no what-if to judge
    changed = build_world(played, run.seed, Decision(float(at), (option.id,)))
    ideal = build_world(played, run.seed, Decision(float(at), tuple(played.ideal_remediations)))
    bands = {s.id: normal_range(world.series[s.id], onset) for s in played.signals}

    if option.effect == "harmful":
        worst, share = None, 0.0
        for name, band in bands.items():
            if band is None:
                continue
            width = max(band[1] - band[0], 1e-12)
            none, mine, best = world.series[name], changed.series[name], ideal.series[name]
            grew = (_distance(mine, band, after) - _distance(none, band, after)) / width
            strayed = float(np.nanmean(np.abs(mine[after:] - best[after:])
                                       - np.abs(none[after:] - best[after:]))) / width
            if max(grew, strayed) > share:
                worst, share = name, max(grew, strayed)
        if worst is not None and share >= WORSE_SHARE:
            return True, f"{worst} ends worse than with no action ({share:.2g}x its normal width)"
        return False, ("no signal ends further from its normal range, or from the ideal "
                       "outcome, than with no action")
    moved = [s.id for s in played.signals if left_range(world.series[s.id], onset)]
    watched = [name for name in watched_signals(played) if name in moved]
    if option.effect == "helps" or not watched:
        watched = moved
    watched = [name for name in watched if bands.get(name) is not None]
    if not watched:
        return None
    shares = {name: _back_share(world.series[name], changed.series[name], ideal.series[name],
                                bands[name], after) for name in watched}  # type: ignore[arg-type]
    best = max(shares, key=lambda name: shares[name])
    needed = BACK_SHARE if option.effect == "resolves" else HELP_SHARE
    if shares[best] >= needed:
        return True, f"{best} comes back toward normal ({shares[best]:.0%} of the way)"
    return False, (f"none of {', '.join(watched[:3])} comes back toward its normal range or "
                   f"the ideal outcome (best: {best}, {max(shares[best], 0.0):.0%} of the way)")


def remediation_curves(runs: Sequence[Any]) -> Iterator[CheckResult]:
    """A result per remediation that resolves, helps or harms: do the curves agree? An option
    whose effect differs between root-cause variants is checked once per effect, each on the
    runs of the variants that claim it."""
    options = {(r.id, r.effect): r for run in runs for r in run.ideal.incident.remediations
               if r.effect != "no_effect"}
    for (option_id, _), option in options.items():
        verb = {"resolves": "brings the curves back", "helps": "brings a curve back",
                "harmful": "makes a curve worse"}[option.effect]
        name = f"{option.effect} {option_id} {verb}"
        adjective = {"resolves": "resolving", "helps": "helping"}.get(option.effect, "harmful")
        public = (f"a {adjective} option {verb}", HIDDEN)
        failures, passed, detail = [], [], ""
        for run in runs:
            mine = next((r for r in run.ideal.incident.remediations if r.id == option_id), None)
            if mine is None or mine.effect != option.effect:
                continue
            verdict = _verdict(run, mine)
            if verdict is None:
                continue
            ok, text = verdict
            (passed if ok else failures).append(run.seed)
            if not ok and len(failures) == 1 or ok and not detail:
                detail = f"{text} (seed {run.seed})"
        if not failures and not passed:
            yield CheckResult(name, True, "no signal left its normal range, so nothing to bring "
                              "back (the fix is to the alert)", public=public)
        elif failures:
            yield CheckResult(name, False, f"{detail}; fails with {seeds_text(failures)}",
                              public=public)
        else:
            yield CheckResult(name, True, f"{detail}; {seeds_text(passed)}", public=public)


def _declared_flat(run: Any, name: str) -> bool:
    return any(s.id == name and getattr(s, "expect", None) == "flat"
               for s in run.ideal.incident.signals)


def flat_signals(runs: Sequence[Any]) -> Iterator[CheckResult]:
    """Each signal declared `expect: flat` stays inside its normal range after the onset."""
    names = list(dict.fromkeys(s.id for run in runs for s in run.ideal.incident.signals
                               if getattr(s, "expect", None) == "flat"))
    for name in names:
        # Only the runs whose variant declares it flat: another variant may move it.
        moved = [run.seed for run in runs if _declared_flat(run, name)
                 and left_range(run.ideal.world.series[name], int(run.ideal.world.onset))]
        if moved:
            yield CheckResult(f"{name} stays flat", False, "leaves its normal range after the "
                              f"onset with {seeds_text(moved)}; remove `expect: flat`, or the "
                              "effect that moves it")
        else:
            yield CheckResult(f"{name} stays flat", True, "inside its normal range after the "
                              f"onset ({seeds_text([run.seed for run in runs])})")
