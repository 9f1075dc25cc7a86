"""The plays `triage check` makes of the on-call loop, and the figures they give.

For one incident and seed, on the seed's world: the ideal loop (played through the engine's
cache, so scoring it does not replay it), the world with nothing done, and for each harmful
option the ideal loop with that option applied first, then its own steps. `LoopFigures` keeps
what the loop's checks (`triage.authoring.loopcheck`), the pack tests and the report read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident
    from triage.sim.world import World

VISIBLE = 0.1
"""The share of a signal's range (over the timeline, nothing done) a move must reach to show."""
HOLD = 10
"""Minutes under the dead band that count as recovered (as `engine.impact.recovered_from`)."""
HEAL_HOLD = 30
"""Minutes under the dead band that count as healed when nothing was done (longer than `HOLD`:
an incident of intermittent spikes has calm stretches between them without having healed)."""
@dataclass(frozen=True)
class HarmfulPlay:
    """A harmful option applied, then the fix: its impact and how visibly each moved a curve."""

    option: str
    accrued: float
    ideal: float
    harm_signal: str
    harm_share: float
    """The largest move the option made on any signal, as a share of that signal's range."""
    fix_signal: str
    fix_share: float


@dataclass
class LoopFigures:
    """The on-call loop's figures for one incident and seed."""

    seed: int
    variant: str | None
    ideal: Session | None
    """The ideal loop played (None when one of its steps was refused)."""
    refused: str = ""
    score: int = 0
    grade: str = ""
    unit: str = ""
    per_minute: float = 0.0
    ideal_accrued: float = 0.0
    nothing_accrued: float = 0.0
    window: int = 0
    """Minutes after the page the impact is compared over."""
    heals_at: float | None = None
    """Minutes after the page from which doing nothing stays under the dead band (None: never
    within the window)."""
    recovered_at: float | None = None
    """Minutes after the page from which the ideal loop's world stays under the dead band (None:
    never before it declared resolved)."""
    false_alarm: bool = False
    harmful: list[HarmfulPlay] = field(default_factory=list)

    @property
    def counts_harm(self) -> bool:
        """Whether any harm is counted: a real incident with a `per_minute` above 0."""
        return self.per_minute > 0 and not self.false_alarm

    @property
    def resolved(self) -> bool:
        """Whether the ideal loop ended declared resolved, after its world had recovered (for
        an incident that counts harm)."""
        return (self.ideal is not None and self.ideal.end_reason == "declared resolved"
                and (not self.counts_harm or self.recovered_at is not None))


def loop_figures(incident: Incident, seed: int, world: World | None = None,
                 harmful: bool = True) -> LoopFigures:
    """Play the ideal loop, the untouched world and (with `harmful`) each harmful option then
    the fix, for `seed` on `world` (built when left out)."""
    from triage.engine.ideal import MAX_WATCH
    from triage.engine.impact import accrued, recovered_from
    from triage.engine.scoring import grade_for, score_lines, total_score
    from triage.engine.scoring_loop import ideal_loop
    from triage.engine.session import ActionError, Session

    try:
        # Played through the engine's cache, so scoring the ideal play does not replay it.
        ideal = ideal_loop(Session(incident, seed, world=world, loop=True))
    except ActionError as error:
        ideal, refused = None, str(error)
    else:
        refused = "" if ideal is not None else "a step of the ideal loop was refused"
    if ideal is None:
        return LoopFigures(seed, None, None, refused)
    model = ideal.impact
    page = ideal.page_minute
    window_end = _window_end(ideal, ideal)
    heals = recovered_from(model.shares(ideal.untouched), page, HEAL_HOLD)
    heals_at = None if heals is None or heals + HEAL_HOLD > window_end else heals - page
    applied = ideal.oncall.applied if ideal.oncall else []
    acted = int(max((entry.at for entry in applied), default=page))
    recovered = recovered_from(model.shares(ideal.world), acted, HOLD)
    end = ideal.oncall.resolved_at if ideal.oncall and ideal.oncall.resolved_at else None
    # The ideal loop resolves once the harm dips under the band; noise may lift it again for a
    # minute. What matters is that the world recovered within the watch, not that it gave up.
    recovered_at = (recovered - page if recovered is not None and end is not None
                    and recovered - acted < MAX_WATCH else None)
    score = total_score(score_lines(ideal))
    ideal_accrued = accrued(ideal.harm_rates(), page, window_end)
    result = LoopFigures(
        seed, ideal.variant, ideal, "", score, grade_for(score), model.unit, model.per_minute,
        ideal_accrued, accrued(model.rates(ideal.untouched), page, window_end),
        window_end - page, heals_at, recovered_at, bool(ideal.incident.is_false_alarm))
    if harmful:
        result.harmful = [harmful_play(ideal, option.id, ideal_accrued)
                          for option in ideal.incident.remediations
                          if option.effect == "harmful"]
    return result


def _window_end(session: Session, ideal: Session) -> int:
    """The absolute minute the impact comparison ends, as `engine.scoring_loop` reckons it:
    twice the ideal loop's resolution after the page (at least an hour), or this play's end."""
    from triage.engine.scoring_loop import MIN_WINDOW

    resolved_at = ideal.oncall.resolved_at if ideal.oncall is not None else None
    span = max(MIN_WINDOW, 2 * resolved_at if resolved_at is not None else MIN_WINDOW)
    page = session.page_minute
    return int(min(session.world.minutes, max(page + span, session.now + 1)))


def harmful_play(ideal: Session, option: str, ideal_accrued: float) -> HarmfulPlay:
    """The ideal loop with `option` applied as soon as the severity is declared (before anything
    else), then the ideal loop's own steps, its fix included: the impact this detour costs and
    how visibly the option and the fix each move a curve."""
    from triage.engine.actions import remediate
    from triage.engine.impact import accrued
    from triage.engine.session import ActionError, Session
    from triage.sim.world import build_world

    session = Session(ideal.incident, ideal.seed, ideal.variant, world=ideal.untouched,
                      loop=True)
    steps = [entry.action for entry in ideal.log if entry.action.kind not in ("update",
                                                                              "resolve")]
    first = next((i + 1 for i, a in enumerate(steps) if a.kind == "declare"), 1)
    for action in [*steps[:first], remediate(option), *steps[first:]]:
        if session.ended:
            break
        try:
            session.apply(action)
        except ActionError:
            continue  # a step the detour made pointless (the same option again)
    assert session.oncall is not None
    applied = session.oncall.applied
    fixes = {entry.option for entry in applied if entry.option != option}

    def without(removed: set[str]) -> World:
        kept = [entry for entry in applied if entry.option not in removed]
        return build_world(session.incident, session.seed, schedule=kept)

    start = int(applied[0].at)
    harm = largest_move(session.untouched, session.world, without({option}), start)
    fix = largest_move(session.untouched, session.world, without(fixes), start)
    mine = accrued(session.harm_rates(), session.page_minute, _window_end(session, ideal))
    return HarmfulPlay(option, mine, ideal_accrued, *harm, *fix)


def largest_move(untouched: World, played: World, other: World, start: int
                 ) -> tuple[str, float]:
    """The signal `played` differs most from `other` on after `start` (5-minute means), and by
    how much as a share of that signal's range over the timeline with nothing done."""
    from triage.engine.impact import smooth

    best, share = "", 0.0
    for name, values in untouched.series.items():
        finite = values[np.isfinite(values)]
        span = float(finite.max() - finite.min()) if finite.size else 0.0
        if span <= 0:
            continue
        gap = np.abs(smooth(played.series[name][start:]) - smooth(other.series[name][start:]))
        gap = gap[np.isfinite(gap)]
        moved = float(gap.max()) / span if gap.size else 0.0
        if moved > share:
            best, share = name, moved
    return best, share
