"""Replay a history against a rule set, and score it.

A rule fires as Prometheus fires it: its condition must hold at consecutive evaluations (one per
history step) for its `for` duration, and each time it starts firing is one notification (a page
or a ticket). Only the part of the history after the training window is scored.

- A notification is **real** when it starts while an incident is on, its rule reads a signal
  that incident moves, and the same rule would not be firing then in the same history without
  the incident (same noise, same events): the incident caused it. After the incident ends, a
  rule it still shows through (delayed labels, for their delay, plus the rule's own window: a
  day's average remembers the day) is real too, but too late to help. Any other notification is
  a **false** one.
- An incident is **caught** by the first notification that starts between its start and its end.
  A page is acted on at once; a ticket after the lab's `ticket_delay`. Its **delay** is from onset
  to that moment, and the **harm before detection** is its harm per minute over that time (all of
  its harm when it is missed).
- **Action fit**: the share of caught incidents whose first catching rule calls for one of the
  actions that fit it.
- **Score** (0-100) = 100 x sqrt(harm avoided x precision) x fatigue x (0.6 + 0.4 x action fit),
  where harm avoided is 1 - harm before detection / harm if every incident were missed, and
  fatigue is 1 up to the lab's page budget per week, then budget / load (a ticket weighs a
  quarter of a page). Catching late, paging falsely and paging often each cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from triage.lab.expr import Condition, evaluate
from triage.lab.history import History, PlacedIncident
from triage.lab.load import RuleSet
from triage.lab.rules_model import Rule

TICKET_WEIGHT = 0.25
"""What a ticket weighs against a page in the alert load."""


@dataclass(frozen=True)
class Notification:
    """One time a rule started firing."""

    rule: Rule
    minute: float
    incident: str | None
    """The incident it is real for, or None for a false page or ticket."""

    @property
    def severity(self) -> str:
        """`page` or `ticket`."""
        return self.rule.labels.severity


@dataclass(frozen=True)
class Catch:
    """How one incident went: caught (by which rule, when) or missed."""

    incident: PlacedIncident
    rule: Rule | None
    notified_at: float | None
    acted_at: float | None
    late_notice: float | None = None
    """A real notification that came only after the incident ended (too late to help)."""

    @property
    def caught(self) -> bool:
        """Was it caught while it was on?"""
        return self.acted_at is not None

    @property
    def delay(self) -> float | None:
        """Minutes from onset until someone acted, or None when missed."""
        return None if self.acted_at is None else self.acted_at - self.incident.start

    @property
    def harm(self) -> float:
        """Harm accrued before detection (all of it when missed)."""
        until = self.incident.end if self.acted_at is None else min(self.acted_at,
                                                                     self.incident.end)
        return (until - self.incident.start) * self.incident.harm_per_minute

    @property
    def action_fits(self) -> bool:
        """Does the catching rule call for an action that fits?"""
        return self.rule is not None and self.rule.labels.action in self.incident.incident.fits


@dataclass(frozen=True)
class Figures:
    """The figures of a rule set, or of one rule alone."""

    recall: float
    precision: float | None
    median_delay_minutes: float | None
    worst_delay_minutes: float | None
    pages_per_week: float
    tickets_per_week: float
    harm_before_detection: float
    harm_if_missed: float
    action_fit: float | None
    score: float

    def as_dict(self) -> dict[str, float | None]:
        """JSON-ready figures (rounded for reading; the score to one decimal)."""
        def rounded(value: float | None, digits: int = 3) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "recall": rounded(self.recall), "precision": rounded(self.precision),
            "median_delay_minutes": rounded(self.median_delay_minutes, 1),
            "worst_delay_minutes": rounded(self.worst_delay_minutes, 1),
            "pages_per_week": rounded(self.pages_per_week, 2),
            "tickets_per_week": rounded(self.tickets_per_week, 2),
            "harm_before_detection": rounded(self.harm_before_detection, 1),
            "harm_if_missed": rounded(self.harm_if_missed, 1),
            "action_fit": rounded(self.action_fit), "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class Replay:
    """A rule set replayed over a history: every notification, every incident's fate, figures."""

    history: History
    rules: RuleSet
    notifications: list[Notification]
    catches: list[Catch]
    overall: Figures
    per_rule: dict[str, Figures] = field(default_factory=dict)


def firing(holds: np.ndarray, for_minutes: float, step: float) -> np.ndarray:
    """Whether the rule fires at each step: its condition has held at `ceil(for / step) + 1`
    consecutive evaluations (Prometheus: active for at least `for`)."""
    needed = int(math.ceil(for_minutes / step - 1e-9)) + 1
    index = np.arange(len(holds))
    last_false = np.maximum.accumulate(np.where(~holds, index, -1))
    return (index - last_false) >= needed


def firing_starts(holds: np.ndarray, for_minutes: float, step: float) -> np.ndarray:
    """The steps at which a rule starts firing."""
    fires = firing(holds, for_minutes, step)
    return np.nonzero(fires & ~np.concatenate([[False], fires[:-1]]))[0]


def moved_signals(history: History, placed: PlacedIncident) -> set[str]:
    """The visible signals an incident moves: those its effects touch, and the measures of the
    hidden signals they touch."""
    touched = {effect.signal for effect in placed.incident.effects}
    return {s.id for s in history.lab.signals if not s.hidden and (
        s.id in touched or (s.measure is not None and s.measure.of in touched))}


def label_echo(history: History, placed: PlacedIncident, signal: str) -> float:
    """How long after its end an incident still shows on `signal`: the delay of a labels measure
    of a hidden signal it moves (0 for every other signal)."""
    touched = {effect.signal for effect in placed.incident.effects}
    spec = history.lab.signal(signal)
    measure = spec.measure
    if measure is not None and measure.kind == "labels" and measure.of in touched:
        return measure.delay
    return 0.0


def _attribute(minute: float, condition: Condition, history: History) -> str | None:
    """The incident a notification at `minute` from a rule with `condition` is about: one that
    is on and moves a signal it reads, else one that still shows through its delayed labels or
    its window (a day's average remembers the day)."""
    late = None
    for placed in history.incidents:
        moved = moved_signals(history, placed).intersection(condition.signals)
        if not moved or minute < placed.start:
            continue
        if minute <= placed.end:
            return placed.id
        echo = max(label_echo(history, placed, signal) for signal in moved)
        if late is None and minute <= placed.end + echo + condition.looks_back:
            late = placed.id
    return late


def _notifications(history: History, rules: RuleSet) -> list[Notification]:
    series, quiet = history.visible(), history.visible(quiet=True)
    first = history.training_steps
    found = []
    for rule, condition in zip(rules.rules, rules.conditions, strict=True):
        holds = evaluate(condition, series, history.step)
        anyway = firing(evaluate(condition, quiet, history.step), rule.for_, history.step)
        for index in firing_starts(holds, rule.for_, history.step):
            if index >= first:
                minute = float(history.times[index])
                cause = None if anyway[index] else _attribute(minute, condition, history)
                found.append(Notification(rule, minute, cause))
    return sorted(found, key=lambda n: (n.minute, n.rule.alert))


def _catches(history: History, notifications: list[Notification]) -> list[Catch]:
    ticket_delay = history.lab.history.ticket_delay
    catches = []
    for placed in history.incidents:
        mine = [n for n in notifications if n.incident == placed.id]
        during = [n for n in mine if n.minute <= placed.end]
        if not during:
            late = mine[0].minute if mine else None
            catches.append(Catch(placed, None, None, None, late))
            continue
        acted = [(n.minute + (ticket_delay if n.severity == "ticket" else 0.0), n)
                 for n in during]
        acted_at, first = min(acted, key=lambda pair: pair[0])
        catches.append(Catch(placed, first.rule, first.minute, acted_at))
    return catches


def figures(history: History, notifications: list[Notification],
            catches: list[Catch]) -> Figures:
    """The figures of these notifications and catches (see the module docstring for the score)."""
    weeks = history.scored_weeks
    budget = history.lab.history.page_budget
    pages = sum(1 for n in notifications if n.severity == "page")
    tickets = len(notifications) - pages
    real = sum(1 for n in notifications if n.incident is not None)
    caught = [c for c in catches if c.caught]
    delays = sorted(c.delay for c in caught if c.delay is not None)
    harm = sum(c.harm for c in catches)
    worst = sum(c.incident.harm_if_missed for c in catches)
    precision = real / len(notifications) if notifications else None
    fit = sum(c.action_fits for c in caught) / len(caught) if caught else None
    load = (pages + TICKET_WEIGHT * tickets) / weeks
    fatigue = 1.0 if load <= budget else budget / load
    avoided = 1.0 - harm / worst if worst > 0 else 0.0
    score = 100.0 * math.sqrt(max(avoided, 0.0) * (precision or 0.0)) * fatigue
    score *= 0.6 + 0.4 * (fit or 0.0)
    return Figures(
        recall=len(caught) / len(catches) if catches else 0.0, precision=precision,
        median_delay_minutes=float(np.median(delays)) if delays else None,
        worst_delay_minutes=delays[-1] if delays else None,
        pages_per_week=pages / weeks, tickets_per_week=tickets / weeks,
        harm_before_detection=harm, harm_if_missed=worst, action_fit=fit, score=score)


def replay(history: History, rules: RuleSet) -> Replay:
    """Replay `rules` over `history`: overall figures, and each rule's figures as if alone."""
    notifications = _notifications(history, rules)
    catches = _catches(history, notifications)
    per_rule = {}
    for rule in rules.rules:
        alone = [n for n in notifications if n.rule is rule]
        per_rule[rule.alert] = figures(history, alone, _catches(history, alone))
    return Replay(history, rules, notifications, catches,
                  figures(history, notifications, catches), per_rule)
