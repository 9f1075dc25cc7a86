"""The parts of the score only the on-call loop has: impact, resolution and communication.

Impact compares the harm this play accrued with the harm of doing nothing and of the ideal loop
(mitigate, find the cause, fix it, watch it recover, then resolve), over the same window: from
the page to twice the ideal path's resolution (at least an hour), or to the end of this play if
that is later. Harm goes on accruing after a premature "resolved" (nobody is working on it any
more), so declaring early costs here as well as in the resolution part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triage.engine.impact import STOPPED_HOLD, accrued
from triage.engine.scoring_parts import ScoreLine

if TYPE_CHECKING:
    from triage.engine.session import Session

MIN_WINDOW = 60.0
"""The impact window is at least this many minutes after the page."""


@dataclass(frozen=True)
class ImpactFigures:
    """The harm of one play beside doing nothing and the ideal loop, over the same window."""

    unit: str
    accrued: float
    """This play, from the page to the window's end (after a resolution, the world as left)."""
    ideal: float
    nothing: float
    window_end: int
    """Absolute minute the window ends."""


_IDEAL_CACHE: dict[tuple[int, int, str | None], tuple[Session, object]] = {}


def ideal_loop(session: Session) -> Session | None:
    """The ideal loop of this play's incident, seed and variant (played once, then kept)."""
    from triage.engine.ideal import ideal_loop_play

    key = (id(session.incident), session.seed, session.variant)
    cached = _IDEAL_CACHE.get(key)
    if cached is not None and cached[1] is session.incident:
        return cached[0]
    ideal = ideal_loop_play(session.incident, session.seed, session.variant,
                            world=session.untouched)
    if len(_IDEAL_CACHE) >= 8:  # each holds a world or two: a few MB for a long timeline
        _IDEAL_CACHE.clear()
    _IDEAL_CACHE[key] = (ideal, session.incident)
    return ideal


def impact_figures(session: Session) -> ImpactFigures:
    """This play's harm beside doing nothing and the ideal loop (see the module docstring)."""
    ideal = ideal_loop(session)
    page = session.page_minute
    ideal_end = None
    if ideal is not None and ideal.oncall is not None and ideal.oncall.resolved_at is not None:
        ideal_end = ideal.oncall.resolved_at
    span = MIN_WINDOW if ideal_end is None else max(MIN_WINDOW, 2 * ideal_end)
    end = int(min(session.world.minutes, max(page + span, session.now + 1)))
    model = session.impact
    nothing = accrued(model.rates(session.untouched), page, end)
    mine = accrued(session.harm_rates(), page, end)
    best = accrued(ideal.harm_rates(), page, end) if ideal is not None else mine
    return ImpactFigures(model.unit, mine, best, nothing, end)


def impact_line(session: Session, points: float) -> ScoreLine:
    """`points` x how much of the gap between doing nothing and the ideal loop this play closed."""
    figures = impact_figures(session)
    gap = figures.nothing - figures.ideal
    if gap <= max(1e-9, 0.01 * figures.nothing):
        share = 1.0 if figures.accrued <= figures.ideal + 1e-9 else 0.0
    else:
        share = min(1.0, max(0.0, (figures.nothing - figures.accrued) / gap))
    window = figures.window_end - session.page_minute
    detail = (f"{figures.accrued:,.0f} {figures.unit} (the ideal loop: {figures.ideal:,.0f}; "
              f"doing nothing: {figures.nothing:,.0f}) in the {window}m after the page")
    return ScoreLine("impact", points * share, points, detail)


def premature(session: Session, minute: float) -> str:
    """Why declaring resolved at absolute `minute` was premature ('' when it was not)."""
    at = min(int(minute), session.world.minutes - 1)
    harmless = session.impact.per_minute == 0  # a false alarm: the signal may stay where it is
    if not harmless and not session.impact.stopped(session.world, at):
        share = session.impact.recent_share(session.world, at)
        signal = session.incident.signal(session.impact.signal).title
        return (f"{signal} was still {share:.0%} of the way to where it paged (the last "
                f"{STOPPED_HOLD} minutes on average), so the harm "
                f"went on after you left")
    harmful = [r.id for r in session.incident.remediations
               if r.effect == "harmful" and session.oncall and r.id in session.oncall.in_force()]
    if harmful:
        return f"{', '.join(harmful)} was still in effect and doing harm"
    return ""


def resolution_line(session: Session, points: float) -> ScoreLine:
    """`points` for declaring resolved once the harm had stopped; none for declaring early or
    never."""
    oncall = session.oncall
    if oncall is None or oncall.resolved_at is None:
        return ScoreLine("resolution", 0.0, points, "never declared resolved")
    why = premature(session, session.page_minute + oncall.resolved_at)
    if why:
        return ScoreLine("resolution", 0.0, points,
                         f"declared resolved at {oncall.resolved_at:g}m too early: {why}")
    return ScoreLine("resolution", points, points,
                     f"declared resolved at {oncall.resolved_at:g}m, once the harm had stopped")


def communication_line(session: Session, update_points: float, severity_points: float
                       ) -> ScoreLine:
    """The last status update's correct parts, and a severity within one level of the right
    one."""
    oncall = session.oncall
    if oncall is None:
        return ScoreLine("communication", 0.0, update_points + severity_points, "no loop")
    right = session.impact.severity
    earned, notes = 0.0, []
    if oncall.severity is None:
        notes.append("no severity declared")
    elif abs(oncall.severity - right) <= 1:
        earned += severity_points
        notes.append(f"declared SEV{oncall.severity} (this was a SEV{right})")
    else:
        notes.append(f"declared SEV{oncall.severity}, but this was a SEV{right}")
    if not oncall.updates:
        notes.append("no status update sent")
    else:
        update = oncall.updates[-1]
        earned += update.points()
        wrong = [part for part in update.chosen if not update.correct(part)]
        notes.append("status update right in every part" if not wrong
                     else f"status update wrong about {', '.join(wrong)}")
    return ScoreLine("communication", earned, update_points + severity_points, "; ".join(notes))
