"""What every version of the scoring rules shares: a score line, grades, the parts whose rules
only differ in their points (diagnosis, remediation, speed, confidence, hints), and how the lines
add up to a total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.engine.session import Session

GRADES = ((90, "A"), (80, "B"), (65, "C"), (50, "D"), (0, "F"))
PASSING = 50
"""The lowest passing score (a D)."""


@dataclass(frozen=True)
class ScoreLine:
    """One part of the score, with its points, its maximum and why."""

    part: str
    points: float
    maximum: float
    detail: str
    cap: float | None = None
    """When set, the whole score can be at most this (an unsupported diagnosis cannot pass)."""


@dataclass(frozen=True)
class Rule:
    """One row of a published scoring table."""

    part: str
    points: str
    how: str


def grade_for(score: int) -> str:
    """The letter grade for a 0-100 score."""
    return next(letter for floor, letter in GRADES if score >= floor)


def speed_points(taken: float | None, par: float, maximum: float) -> float:
    """Full points within par, falling linearly to 0 at three times par."""
    if taken is None:
        return 0.0
    if taken <= par:
        return maximum
    return max(0.0, maximum * (1 - (taken - par) / (2 * max(par, 1e-9))))


def brier_score(confidence: float, correct: bool) -> float:
    """(confidence - outcome)^2 for one stated confidence."""
    return (confidence - (1.0 if correct else 0.0)) ** 2


def total_score(lines: Sequence[ScoreLine]) -> int:
    """The clamped, rounded total, no higher than any line's cap."""
    ceiling = min([100.0, *(line.cap for line in lines if line.cap is not None)])
    total = min(ceiling, max(0.0, sum(line.points for line in lines)))
    return int(total + 0.5)  # round half up, so equal parts always round the same way


def diagnosis_line(session: Session, points: float) -> ScoreLine:
    """All the points for the right root cause, none for any other (or none stated)."""
    correct = session.diagnosis == session.incident.correct_diagnosis.id
    return ScoreLine("diagnosis", points if correct else 0.0, points,
                     "right root cause" if correct else
                     ("no diagnosis stated" if session.diagnosis is None else "wrong root cause"))


def remediation_line(session: Session, full: float, partial: float, harmful: float,
                     idle: float, together: bool = False) -> ScoreLine:
    """`full` if a chosen option resolves, else `partial` if one helps; minus `harmful` for each
    harmful choice and `idle` for each that changes nothing; never below `-harmful`. With
    `together`, an incident that nothing resolves alone (two causes, each needing its own fix)
    gives `full` for choosing every fix that helps."""
    chosen = [r for r in session.incident.remediations if r.id in session.remediations]
    if not chosen:
        return ScoreLine("remediation", 0.0, full, "no remediation chosen")
    effects = [r.effect for r in chosen]
    needed = set(session.incident.ideal_remediations)
    all_needed = (together and not session.incident.resolving_remediations and len(needed) > 1
                  and needed <= {r.id for r in chosen})
    points = (full if "resolves" in effects or all_needed
              else partial if "helps" in effects else 0.0)
    harmful_count, idle_count = effects.count("harmful"), effects.count("no_effect")
    points -= harmful * harmful_count + idle * idle_count
    parts = [f"{count} {label}" for count, label in (
        (effects.count("resolves"), "resolving"), (effects.count("helps"), "helping"),
        (idle_count, "with no effect"), (harmful_count, "harmful")) if count]
    return ScoreLine("remediation", max(points, -harmful), full, "chose " + ", ".join(parts))


def speed_line(session: Session, ack_points: float, mitigate_points: float,
               mitigation_only: bool = True) -> ScoreLine:
    """Acknowledging and mitigating against the par times (see `speed_points`). A choice that
    neither resolves nor helps is no mitigation and earns no mitigation points, however quick
    (`mitigation_only=False` is the version 1 rule: any remediation counted)."""
    par = session.incident.timeline.par
    ack = session.acknowledged_at if session.acknowledged_at is not None else session.diagnosed_at
    mitigated = session.remediated_at
    effects = {r.effect for r in session.incident.remediations if r.id in session.remediations}
    no_mitigation = mitigation_only and mitigated is not None and not effects & {"resolves",
                                                                                  "helps"}
    earned = (speed_points(ack, par.acknowledge, ack_points)
              + (0.0 if no_mitigation else speed_points(mitigated, par.mitigate, mitigate_points)))
    ack_text = "never acknowledged" if ack is None else f"acknowledged after {ack:g}m"
    fix_text = ("no remediation" if mitigated is None
                else f"no mitigation (what was chosen at {mitigated:g}m neither resolves nor "
                "helps)" if no_mitigation else f"mitigated after {mitigated:g}m")
    return ScoreLine("speed", earned, ack_points + mitigate_points,
                     f"{ack_text} (par {par.acknowledge:g}m); {fix_text} "
                     f"(par {par.mitigate:g}m)")


def confidence_line(session: Session, points: float) -> ScoreLine:
    """`points` x (1 - Brier score) of the stated confidence."""
    if session.confidence is None:
        return ScoreLine("confidence", 0.0, points, "no confidence stated")
    correct = session.diagnosis == session.incident.correct_diagnosis.id
    brier = brier_score(session.confidence, correct)
    return ScoreLine("confidence", points * (1 - brier), points,
                     f"{session.confidence:.0%} sure and {'right' if correct else 'wrong'}: "
                     f"Brier score {brier:.3f}")


def hints_line(session: Session) -> ScoreLine:
    """Each hint taken costs its price."""
    cost = sum(h.cost for h in session.incident.hints[: session.hints_taken])
    return ScoreLine("hints", -float(cost), 0.0,
                     f"{session.hints_taken} hint(s) taken" if session.hints_taken
                     else "no hints taken")
