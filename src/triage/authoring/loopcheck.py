"""`triage check` for the on-call loop: the ideal loop resolves, waiting does not, harm hurts.

For each seed (the seed also picks the root-cause variant), on the seed's shared world:

- **the ideal loop resolves**: `engine.ideal.ideal_loop_play` (severity, mitigation, evidence,
  fix, watch, truthful update, resolve) ends declared resolved with the top grade, and for a real
  incident its world really recovers: the harm share stays under the dead band for `HOLD`
  minutes within the ideal loop's watch (it did not resolve because the watching gave up);
- **waiting does not resolve a real incident**: with nothing done, the harm share does not stay
  under the dead band for `HEAL_HOLD` minutes anywhere in the impact window (the page to twice
  the ideal loop's resolution, at least an hour). A false alarm has nothing to heal, and an incident
  whose `impact.per_minute` is 0 counts no harm;
- **every harmful option visibly hurts**: the ideal loop with the option applied first (right
  after the severity) and then its own steps, the fix included, accrues more impact than the
  ideal loop (when the incident counts harm at all), the option moves some signal by at least
  `VISIBLE` of that signal's range (against the same play without it), and, unless the page was
  a false alarm, so does the fix (against the same play without the fix).

Failures say what to change in the incident's YAML. The plays and their figures are in
`triage.authoring.loopplays`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from triage.authoring.checkresult import HIDDEN, CheckResult, seeds_text
from triage.authoring.loopplays import (
    HEAL_HOLD,
    HOLD,
    VISIBLE,
    HarmfulPlay,
    LoopFigures,
    harmful_play,
    loop_figures,
)
from triage.engine.impact import DEAD_BAND

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident

__all__ = ["HEAL_HOLD", "HOLD", "VISIBLE", "HarmfulPlay", "LoopFigures", "harmful_play",
           "loop_checks", "loop_figures"]

TOP_GRADE = "A"


def loop_checks(incident: Incident, seeds: Sequence[int], worlds: Any) -> Iterator[CheckResult]:
    """The loop's results over `seeds`, each played on `worlds.world(seed)` (see the module
    docstring)."""
    runs = [loop_figures(incident, seed, worlds.world(seed)) for seed in seeds]
    yield _resolves(runs)
    yield _waiting(runs)
    yield from _harmful(runs)


def _resolves(runs: list[LoopFigures]) -> CheckResult:
    name = "the ideal loop resolves"
    for run in runs:
        if run.ideal is None:
            return CheckResult(name, False, f"seed {run.seed}: {run.refused}")
        if run.ideal.end_reason not in ("declared resolved", "the timeline ran out"):
            return CheckResult(name, False, f"seed {run.seed}: the ideal loop ended because "
                               f"{run.ideal.end_reason}")
        if not run.resolved:
            signal = run.ideal.impact.signal
            band = getattr(run.ideal.impact, "band", DEAD_BAND)
            return CheckResult(name, False, (
                f"seed {run.seed}: the harm on '{signal}' never stayed under "
                f"{band:.0%} of its level at the page for {HOLD} minutes after the fix, "
                f"however long the ideal loop watched ({run.ideal.end_reason}); make the fix "
                f"bring '{signal}' back to "
                f"its level before the onset sooner (its restores and recovery, physics or "
                f"signal_effects), or set impact.signal to the signal the fix restores"))
        if run.grade != TOP_GRADE:
            why = "; ".join(f"{line.part}: {line.detail}" for line in _short(run.ideal))
            return CheckResult(name, False, f"seed {run.seed}: the ideal loop scores "
                               f"{run.score} ({run.grade}): {why}")
    minutes = [run.ideal.oncall.resolved_at for run in runs if run.ideal and run.ideal.oncall]
    return CheckResult(name, True, f"declared resolved {_span(minutes)} after the page, "
                       f"graded {TOP_GRADE} ({seeds_text([run.seed for run in runs])})")


def _short(session: Session) -> list[Any]:
    from triage.engine.scoring import score_lines

    return [line for line in score_lines(session) if line.points < line.maximum][:3]


def _span(values: Sequence[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "never"
    low, high = min(known), max(known)
    return f"{low:g}m" if low == high else f"{low:g}-{high:g}m"


def _waiting(runs: list[LoopFigures]) -> CheckResult:
    name = "waiting does not resolve it"
    played = [run for run in runs if run.ideal is not None]
    for run in played:
        if run.counts_harm and run.heals_at is not None:
            signal = run.ideal.impact.signal if run.ideal else "?"
            return CheckResult(name, False, (
                f"seed {run.seed}: with nothing done, the harm on '{signal}' stops "
                f"{run.heals_at:g}m after the page, inside the {run.window}m window: make the "
                f"incident's effect on '{signal}' last (no end, or a slower decay), or set "
                f"impact.signal to a signal that stays harmed"))
    real = [run for run in played if run.counts_harm]
    if not real:
        return CheckResult(name, True, "no harm to heal (a false alarm, or impact.per_minute "
                           "is 0)")
    unit = real[0].unit
    low, high = (f"{f(run.nothing_accrued for run in real):,.0f}" for f in (min, max))
    nothing = low if low == high else f"{low} to {high}"
    return CheckResult(name, True, f"doing nothing accrues {nothing} {unit} and never heals "
                       f"inside the window ({seeds_text([run.seed for run in real])})")


def _harmful(runs: list[LoopFigures]) -> Iterator[CheckResult]:
    options = list(dict.fromkeys(play.option for run in runs for play in run.harmful))
    for option in options:
        name = f"harmful {option} visibly hurts"
        public = ("a harmful option visibly hurts", HIDDEN)
        seeds = [run.seed for run in runs if any(p.option == option for p in run.harmful)]
        problem = ""
        for run in runs:
            play = next((p for p in run.harmful if p.option == option), None)
            if play is None:
                continue
            if run.counts_harm and play.accrued <= play.ideal:
                problem = (f"seed {run.seed}: applying it, then the fix, accrues "
                           f"{play.accrued:,.0f} {run.unit}, no more than the ideal loop's "
                           f"{play.ideal:,.0f}: give it a `harm:` share, or effects that move "
                           f"impact.signal the wrong way")
            elif play.harm_share < VISIBLE:
                problem = (f"seed {run.seed}: it moves no signal by {VISIBLE:.0%} of its range "
                           f"(at most {play.harm_share:.0%}, {play.harm_signal or 'none'}): "
                           f"give it signal_effects or physics that hurt a signal")
            elif not run.false_alarm and play.fix_share < VISIBLE:
                problem = (f"seed {run.seed}: applied after it, the fix moves no signal by "
                           f"{VISIBLE:.0%} of its range (at most {play.fix_share:.0%})")
            if problem:
                break
        if problem:
            yield CheckResult(name, False, problem, public=public)
        else:
            plays = [p for run in runs for p in run.harmful if p.option == option]
            worst = min(plays, key=lambda p: p.harm_share)
            more = "accrues more than the ideal loop and " if any(
                run.counts_harm for run in runs) else ""
            yield CheckResult(name, True, (
                f"{more}moves {worst.harm_signal} by {worst.harm_share:.0%} of its range or "
                f"more ({seeds_text(seeds)})"), public=public)
