"""The debrief's what-if: the decisive panel with no action, with your choice, on the ideal path.

Each curve comes from re-running the world with a decision at a minute: yours at the minute you
remediated (or the end of the play), the ideal remediation at the minute the *ideal path* applies
it. Applying the ideal fix at your minute instead would make `ideal` the same curve as `yours`
whenever you chose right, however late: the difference the chart exists to show.

A second what-if shows the panel your choice moved furthest from where the ideal fix, applied at
the same minute as yours, would have left it (a harmful fix's damage): the choice, not the
timing, is what that view is about.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.engine.session import Session
from triage.sim.world import Decision, World, build_world

WHATIF_LEAD = 30
"""Minutes before the page the what-if starts."""
SIDE_EFFECT_SHARE = 0.25
"""How far (as a share of the panel's own range) a choice must move a panel to be shown."""


@dataclass(frozen=True)
class WhatIf:
    """A signal from shortly before the page to the end, three ways."""

    signal: str
    start_minute: int
    decision_minute: int
    """When you remediated (or the play stopped): where `yours` leaves `no_action`."""
    no_action: list[float]
    yours: list[float]
    ideal: list[float]
    ideal_minute: int | None = None
    """When the ideal path applied its fix (None when it could not be played)."""
    actual: bool = False
    """`yours` is what this play's world really did (the on-call loop: every action applied at
    its minute), and `ideal` the ideal loop's world; not a re-run of one decision."""
    marks: tuple[int, ...] = ()
    """Absolute minutes at which this play applied or reverted an option (the chart marks them)."""


def decision_minute(session: Session) -> float:
    """The absolute minute of the player's decision: the (first) remediation, or the end of the
    play."""
    taken = session.remediated_at if session.remediated_at is not None else session.elapsed
    return session.page_minute + taken


def ideal_fix_minute(ideal: Session | None) -> float | None:
    """The absolute minute the ideal path applied its remediation, if it played to one."""
    if ideal is None or ideal.remediated_at is None:
        return None
    return ideal.page_minute + ideal.remediated_at


def whatifs(session: Session, signal: str, ideal: Session | None = None
            ) -> tuple[WhatIf | None, WhatIf | None]:
    """The what-if of `signal` (the decisive panel) and of the panel the player's choice hurt
    most, given the ideal path's play of the same seed (`ideal`).

    The second is the panel (other than `signal`) where the player's world ends furthest from
    the world of the ideal fix applied at the same minute, measured against that panel's range
    with no action; it is shown only when that distance is at least `SIDE_EFFECT_SHARE`.
    """
    if signal not in session.world.series:
        return None, None
    incident, seed = session.incident, session.seed
    at = decision_minute(session)
    ideal_at = ideal_fix_minute(ideal)
    best_fix = tuple(incident.ideal_remediations)
    start = max(0, session.page_minute - WHATIF_LEAD)
    marks: tuple[int, ...] = ()
    if session.oncall is not None:  # the loop: what really happened, beside the ideal loop
        yours = session.world
        best: World = ideal.world if ideal is not None else session.untouched
        same_time = best
        marks = tuple(sorted({int(m) for e in session.oncall.applied
                              for m in (e.at, e.until) if m is not None}))
    else:
        yours = session.played_world()  # the world its remediation made (its impact's too)
        same_time = build_world(incident, seed, Decision(at, best_fix))
        best = same_time
        if ideal_at is not None and int(ideal_at) != int(at):
            best = build_world(incident, seed, Decision(ideal_at, best_fix))
    untouched = session.untouched

    def view(name: str) -> WhatIf:
        return WhatIf(name, start, int(at), untouched.values(name)[start:],
                      yours.values(name)[start:], best.values(name)[start:],
                      None if ideal_at is None else int(ideal_at),
                      actual=session.oncall is not None, marks=marks)

    after = int(at) + 1
    worst, worst_share = None, SIDE_EFFECT_SHARE
    for name, baseline in untouched.series.items():
        if name == signal or after >= len(baseline):
            continue
        span = float(baseline.max() - baseline.min()) or 1.0
        gap = abs(yours.series[name][after:] - same_time.series[name][after:])
        share = float(gap.mean()) / span
        if share >= worst_share:
            worst, worst_share = name, share
    return view(signal), (view(worst) if worst else None)
