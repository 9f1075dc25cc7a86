"""The debrief's on-call part: the harm beside the ideal loop, the resolution, the severity, the
status update checked part by part, and what people said (and whether listening to them helped).

Built for every play. A one-shot play (recorded before the loop) gets its impact too, counted as
if its remediation had acted from the minute it was chosen; it was never declared resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triage.engine.people import owners_for
from triage.engine.scoring_loop import impact_figures, premature
from triage.engine.status_update import PARTS, choices, prose

if TYPE_CHECKING:
    from triage.engine.session import Session


@dataclass(frozen=True)
class UpdateCheck:
    """One part of the status update: what was said, whether it was true, and what was."""

    part: str
    said: str
    correct: bool
    truth: str


@dataclass(frozen=True)
class Said:
    """Something a person said during the play, with what the debrief makes of it."""

    minute: float
    who: str
    text: str
    kind: str
    lesson: str


@dataclass(frozen=True)
class LoopReport:
    """The loop's part of a debrief, as plain data."""

    unit: str
    accrued: float
    ideal: float
    nothing: float
    window_minutes: int
    resolved: bool
    resolved_at: float | None
    severity: int | None
    right_severity: int
    update: list[str] = field(default_factory=list)
    """The last status update as leadership read it."""
    checks: list[UpdateCheck] = field(default_factory=list)
    said: list[Said] = field(default_factory=list)
    escalated: list[tuple[float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The loop's keys of the JSON debrief."""
        return {
            "impact": {"unit": self.unit, "accrued": round(self.accrued, 1),
                       "ideal": round(self.ideal, 1), "nothing": round(self.nothing, 1),
                       "window_minutes": self.window_minutes},
            "resolved": self.resolved,
            "resolved_at": None if self.resolved_at is None else round(self.resolved_at, 2),
            "severity": {"declared": self.severity, "right": self.right_severity},
            "status_update": {"text": self.update,
                              "parts": [{"part": c.part, "said": c.said, "correct": c.correct,
                                         "truth": c.truth} for c in self.checks]},
            "said": [{"minute": round(s.minute, 2), "who": s.who, "text": s.text,
                      "kind": s.kind, "lesson": s.lesson} for s in self.said],
        }


def _words(menus: dict[str, dict[str, str]], part: str, value: object) -> str:
    values = (value,) if isinstance(value, str) else tuple(value or ())  # type: ignore[arg-type]
    return ", ".join(menus[part].get(v, v) for v in values) or "nothing"


def _lesson(session: Session, kind: str, text: str, relevant: bool, minute: float) -> str:
    if kind == "wrong_fix":
        quoted = [r for r in session.incident.remediations if r.text in text]
        # The option pushed is the wrong one quoted (two options may share words).
        pushed = next((r for r in quoted if r.effect in ("harmful", "no_effect")),
                      quoted[0] if quoted else None)
        if pushed is None:
            return "Confidence is not evidence: check a pushed fix against what you have seen."
        taken = pushed.id in session.remediations
        verdict = {"harmful": "harmful", "no_effect": "no help"}.get(pushed.effect, "a fix")
        return (f"The pushed fix was {verdict}; you applied it." if taken
                else f"The pushed fix was {verdict}; you did not take it.")
    if kind == "eta_request":
        answered = session.oncall is not None and any(
            u.minute >= minute for u in session.oncall.updates)
        return ("You answered with a status update." if answered
                else "Nobody answered: a short, honest update beats silence.")
    return ("It bore on the cause." if relevant
            else "It was noise: nothing in it touched this incident.")


def loop_report(session: Session) -> LoopReport:
    """The loop's part of the debrief of `session` (see the module docstring)."""
    figures = impact_figures(session)
    oncall = session.oncall
    notes: list[str] = []
    resolved_at = oncall.resolved_at if oncall is not None else None
    if oncall is not None and resolved_at is not None:
        why = premature(session, session.page_minute + resolved_at)
        if why:
            notes.append(f"You declared the incident resolved at {resolved_at:g}m, too early: "
                         f"{why}. Watch the curves come back before you call it.")
    elif oncall is not None and not session.ended:
        notes.append("The play stopped before the incident was declared resolved.")
    checks, update = [], []
    menus = choices(session.incident)
    if oncall is not None and oncall.updates:
        last = oncall.updates[-1]
        update = prose(last, menus, figures.unit)
        checks = [UpdateCheck(part, _words(menus, part, last.chosen.get(part)),
                              last.correct(part), _words(menus, part, last.truth.get(part)))
                  for part in PARTS if part in last.chosen]
    said = [Said(item.minute, item.inject.who, item.inject.text, item.inject.kind,
                 _lesson(session, item.inject.kind, item.inject.text, item.inject.relevant,
                         item.minute))
            for item in (oncall.delivered if oncall is not None else [])]
    owners = {owner.id: owner.who for owner in owners_for(session.incident)}
    escalated = [(minute, owners.get(owner, owner))
                 for owner, minute in (oncall.escalated.items() if oncall else [])]
    return LoopReport(
        figures.unit, figures.accrued, figures.ideal, figures.nothing,
        figures.window_end - session.page_minute, resolved_at is not None, resolved_at,
        oncall.severity if oncall else None, session.impact.severity, update, checks, said,
        escalated, notes)
