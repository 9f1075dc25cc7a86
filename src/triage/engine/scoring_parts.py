"""What every version of the scoring rules shares: a score line, grades, speed and Brier scores,
and how the lines add up to a total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
