"""Scoring a shift: three transparent parts that add up to 0..100, and what they teach.

- **Real incidents, 50**, shared equally by the real pages: investigating one earns its full
  share, escalating it 70% (caught, but a colleague did the work); resolving it as noise or never
  getting to it earns nothing, and it is listed as missed.
- **Noise, 20**: minus a third of a point per minute wasted on noise, down to 0 at an hour.
  Investigating a noise page wastes the time it took (15 minutes by default); escalating one
  wastes 30 (you woke a colleague for nothing). Resolving it as noise wastes nothing.
- **Acknowledge, 30**, shared by the pages with real ones counting double: full share when
  handled within 5 minutes of arriving, falling to nothing at 15 (as the play score's speed part
  does). A noise page that cleared by itself before anyone looked is left out of this part.

The grade uses the same letters as a play. The notes explain the alert fatigue in what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from triage.engine.scoring_parts import ScoreLine, grade_for, speed_points
from triage.practice.shift import Page, ShiftSession

CAUGHT_POINTS, NOISE_POINTS, ACK_POINTS = 50.0, 20.0, 30.0
ESCALATED_SHARE = 0.7
ESCALATED_NOISE_WASTE = 30.0
WASTE_BUDGET = 60.0
ACK_PAR = 5.0
REAL_WEIGHT = 2.0
LESSON = (
    "Alert fatigue: every page that needs nothing teaches the on-call to trust pages a little "
    "less, and every minute spent on one is a minute a real incident waits. Triage first: a "
    "glance at the alert's history and its neighbours tells most noise apart in a minute or two. "
    "Resolve noise quickly, then fix the alert so it cannot page for that reason again.")


@dataclass(frozen=True)
class PageResult:
    """How one page went: the decision, when, and what it earned or cost."""

    page: Page
    choice: str | None
    acknowledged_after: float | None
    outcome: str
    wasted: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """The result as a JSON object."""
        ack = self.acknowledged_after
        return {**self.page.as_json(), "decision": self.choice, "outcome": self.outcome,
                "acknowledged_after": None if ack is None else round(ack, 1),
                "wasted_minutes": self.wasted}


@dataclass(frozen=True)
class ShiftScore:
    """The result of a shift: score, grade, breakdown lines, every page, and the lessons."""

    seed: int
    minutes: int
    score: int
    grade: str
    lines: list[ScoreLine]
    pages: list[PageResult]
    notes: list[str] = field(default_factory=list)
    """What happened that the score alone does not say: misses, real pages kept waiting."""
    fixes: list[str] = field(default_factory=list)
    """For each noise alert: what to change so it stops paging for nothing."""
    lesson: str = LESSON

    @property
    def missed(self) -> list[PageResult]:
        """Real pages resolved as noise or never handled."""
        return [r for r in self.pages if r.page.kind == "real" and r.choice in (None, "noise")]

    @property
    def wasted_minutes(self) -> float:
        """Minutes spent (yours or a colleague's) on pages that needed nothing."""
        return sum(result.wasted for result in self.pages)

    def as_json(self) -> dict[str, Any]:
        """The machine-readable result of `triage shift --headless --format json`."""
        return {
            "seed": self.seed, "minutes": self.minutes, "score": self.score,
            "grade": self.grade,
            "breakdown": {line.part: {"points": round(line.points, 2), "max": line.maximum,
                                      "detail": line.detail} for line in self.lines},
            "missed": [result.page.id for result in self.missed],
            "wasted_minutes": self.wasted_minutes,
            "pages": [result.as_json() for result in self.pages],
            "notes": list(self.notes),
            "fixes": list(self.fixes),
            "lesson": self.lesson,
        }


def _result(session: ShiftSession, page: Page) -> PageResult:
    decision = session.decisions.get(page.id)
    if decision is None:
        outcome = "missed: never handled" if page.kind == "real" else (
            "cleared by itself, never handled" if session.cleared(page) else "never handled")
        return PageResult(page, None, None, outcome)
    after = decision.at - page.arrives_at
    if page.kind == "real":
        outcome = {"investigate": "caught and investigated",
                   "escalate": "caught and escalated",
                   "noise": "missed: a real incident resolved as noise"}[decision.choice]
        return PageResult(page, decision.choice, after, outcome)
    if decision.choice == "noise":
        return PageResult(page, "noise", after, "resolved as noise")
    if decision.choice == "escalate":
        return PageResult(page, "escalate", after, "noise escalated to a colleague",
                          ESCALATED_NOISE_WASTE)
    return PageResult(page, "investigate", after, f"{decision.busy:g} minutes investigating "
                      "noise", decision.busy)


def _ack_counts(session: ShiftSession, result: PageResult) -> bool:
    """Whether a page is in the acknowledge part (not self-cleared noise nobody looked at)."""
    page = result.page
    if page.kind == "real" or result.choice is not None:
        return True
    return page.clears_at is None or page.clears_at > session.now


def score_shift(session: ShiftSession) -> ShiftScore:
    """Score a finished (or abandoned) shift."""
    results = [_result(session, page) for page in session.shift.pages]
    real = [r for r in results if r.page.kind == "real"]
    caught = sum(CAUGHT_POINTS / len(real) * (1.0 if r.choice == "investigate" else
                                              ESCALATED_SHARE if r.choice == "escalate" else 0.0)
                 for r in real) if real else CAUGHT_POINTS
    missed = [r for r in real if r.choice in (None, "noise")]
    wasted = sum(r.wasted for r in results)
    noise_points = NOISE_POINTS * max(0.0, 1.0 - wasted / WASTE_BUDGET)
    counted = [r for r in results if _ack_counts(session, r)]
    weights = [REAL_WEIGHT if r.page.kind == "real" else 1.0 for r in counted]
    total_weight = sum(weights) or 1.0
    ack = sum(speed_points(r.acknowledged_after, ACK_PAR, ACK_POINTS * w / total_weight)
              for r, w in zip(counted, weights, strict=True))
    fast = [r for r in counted if r.acknowledged_after is not None
            and r.acknowledged_after <= ACK_PAR]
    lines = [
        ScoreLine("incidents", caught, CAUGHT_POINTS,
                  f"caught {len(real) - len(missed)} of {len(real)} real incidents"
                  + (f"; missed {', '.join(r.page.id for r in missed)}" if missed else "")),
        ScoreLine("noise", noise_points, NOISE_POINTS,
                  f"{wasted:g} minutes wasted on noise (budget {WASTE_BUDGET:g})"),
        ScoreLine("acknowledge", ack, ACK_POINTS,
                  f"{len(fast)} of {len(counted)} pages handled within "
                  f"{ACK_PAR:g} minutes"),
    ]
    score = max(0, min(100, round(caught + noise_points + ack)))
    return ShiftScore(session.shift.seed, session.shift.minutes, score, grade_for(score),
                      lines, results, _notes(session, results), _fixes(results))


def _notes(session: ShiftSession, results: list[PageResult]) -> list[str]:
    notes = []
    for result in results:
        page = result.page
        if page.kind == "real" and result.choice == "noise":
            notes.append(f"{page.id} {page.alert} was real ({page.lesson}) and was resolved as "
                         "noise: the costliest mistake on call.")
        elif page.kind == "real" and result.choice is None:
            notes.append(f"{page.id} {page.alert} was real ({page.lesson}) and was never "
                         "handled.")
    busy = [(d.at, d.at + d.busy) for d in session.decisions.values()
            if session.shift.page(d.page).kind == "noise" and d.choice == "investigate"]
    for result in results:
        page, after = result.page, result.acknowledged_after
        if page.kind != "real" or after is None or after <= ACK_PAR:
            continue
        waiting = (page.arrives_at, page.arrives_at + after)
        if any(start < waiting[1] and end > waiting[0] for start, end in busy):
            notes.append(f"{page.id} {page.alert} (real) waited {after:g} minutes while you "
                         "were investigating noise.")
    flapping = sorted({r.page.alert for r in results if r.page.repeat > 0})
    for alert in flapping:
        count = sum(1 for r in results if r.page.alert == alert)
        notes.append(f"{alert} paged {count} times in one shift: a flapping alert is a broken "
                     "alert.")
    return notes


def _fixes(results: list[PageResult]) -> list[str]:
    return [f"{r.page.alert}: {r.page.lesson}" for r in results
            if r.page.kind == "noise" and r.page.repeat == 0]
