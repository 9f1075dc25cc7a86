"""The status update: the short note to leadership a responder writes before the review.

The player composes it from parts, each chosen from a menu: the impact in plain words, the cause,
what was done, the next step and an ETA. Each part is checked against what was true in the
world at the moment the update was sent (the harm then, the options in force then, when the
world was on course to recover), so a confident "fixed, recovered" sent while the harm continues
is caught. The engine works out the truth; it never depends on how the menus are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triage.engine.impact import recovered_from

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident

UNKNOWN_CAUSE = "unknown"
PARTS = ("impact", "cause", "done", "next", "eta")
LABELS = {"impact": "Impact", "cause": "Cause", "done": "Done", "next": "Next", "eta": "ETA"}
POINTS: dict[str, float] = {"impact": 2.0, "cause": 2.0, "done": 2.0, "next": 1.0, "eta": 1.0}
"""What each correct part earns (8 in all; the severity declared earns the other 2)."""

IMPACT_CHOICES = {
    "ongoing": "Users are still being affected",
    "stopped": "The harm has stopped",
    "none": "No users were affected",
}
NEXT_CHOICES = {
    "investigate": "Still finding the cause",
    "fix-cause": "Harm is contained; fixing the root cause next",
    "monitor": "Fixed; watching the recovery, then a review",
}
ETA_CHOICES = {
    "recovered": "Already recovered",
    "under-1h": "Within the hour",
    "hours": "Some hours",
    "unknown": "Not known yet",
}


@dataclass(frozen=True)
class StatusUpdate:
    """One status update as sent: the chosen part ids, the minute, and what was true then."""

    minute: float
    chosen: Mapping[str, str | tuple[str, ...]]
    truth: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    accrued: float = 0.0
    """The harm accrued by the minute it was sent (quoted in its impact line)."""

    def correct(self, part: str) -> bool:
        """Whether the chosen part matches what was true when it was sent."""
        chosen, truth = self.chosen.get(part), self.truth.get(part)
        if isinstance(truth, tuple):
            return chosen is not None and set(_as_tuple(chosen)) == set(truth)
        return chosen == truth

    def points(self) -> float:
        """The points this update earns (see `POINTS`)."""
        return sum(POINTS[part] for part in PARTS if part in self.chosen and self.correct(part))


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def choices(incident: Incident) -> dict[str, dict[str, str]]:
    """Each part's menu for this incident: choice id -> the words shown."""
    causes = {d.id: d.text for d in incident.diagnoses}
    causes[UNKNOWN_CAUSE] = "Cause not yet known"
    done = {r.id: r.text for r in incident.remediations}
    return {"impact": IMPACT_CHOICES, "cause": causes, "done": done, "next": NEXT_CHOICES,
            "eta": ETA_CHOICES}


def truth(session: Session) -> dict[str, str | tuple[str, ...]]:
    """What each part should say, given the world as it stands at the session's minute."""
    oncall = session.oncall
    shares = session.impact.shares(session.world)
    now = session.minute
    harm_now = session.impact.per_minute > 0 and not session.impact.stopped(session.world, now)
    in_force = tuple(sorted(oncall.in_force())) if oncall else tuple(session.remediations)
    ever_harmed = bool((shares[session.page_minute: now + 1] > 0).any()) \
        or session.impact.per_minute == 0
    impact = "ongoing" if harm_now else ("stopped" if ever_harmed and
                                         session.impact.per_minute > 0 else "none")
    fixed = _fixes_cause(session, in_force)
    if harm_now:
        nxt = "investigate" if not _helps(session, in_force) else (
            "monitor" if fixed else "fix-cause")
    else:
        nxt = "monitor" if fixed or session.incident.is_false_alarm else "fix-cause"
    back = recovered_from(shares, now)
    if not harm_now:
        eta = "recovered"
    elif back is None:
        eta = "unknown"
    else:
        eta = "under-1h" if back - now <= 60 else "hours"
    return {"impact": impact, "cause": session.incident.correct_diagnosis.id, "done": in_force,
            "next": nxt, "eta": eta}


def _helps(session: Session, in_force: tuple[str, ...]) -> bool:
    effects = {r.effect for r in session.incident.remediations if r.id in in_force}
    return bool(effects & {"resolves", "helps"})


def _fixes_cause(session: Session, in_force: tuple[str, ...]) -> bool:
    """Whether the options in force fix the cause: one that resolves, or every fix needed."""
    incident = session.incident
    if any(r.effect == "resolves" and not r.mitigation
           for r in incident.remediations if r.id in in_force):
        return True
    needed = set(incident.ideal_remediations)
    return bool(needed) and needed <= set(in_force) and not incident.resolving_remediations


def compose(session: Session, chosen: Mapping[str, str | tuple[str, ...]]) -> StatusUpdate:
    """The update `chosen` would be if sent now (with the truth it is checked against)."""
    return StatusUpdate(session.elapsed, dict(chosen), truth(session), session.accrued())


def prose(update: StatusUpdate, menus: dict[str, dict[str, str]], unit: str) -> list[str]:
    """The update as the lines leadership reads, e.g. `Impact: users are still being affected
    (about 1,240 wrong fraud decisions so far)`."""
    lines = []
    for part in PARTS:
        if part not in update.chosen:
            continue
        words = ", ".join(menus[part].get(choice, choice)
                          for choice in _as_tuple(update.chosen[part])) or "nothing yet"
        if part == "impact" and update.chosen[part] != "none":
            words += f" (about {update.accrued:,.0f} {unit} so far)"
        lines.append(f"{LABELS[part]}: {words}")
    return lines
