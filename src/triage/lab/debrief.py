"""The lab's debrief: what went wrong in a replay, and why, as data the text and the TUI render.

Every missed or late incident and every false notification becomes a `Finding` with a one-line
headline, a few lines that teach why, and the minutes to mark on a timeline. "Late" means the
player acted more than twice as long after the onset as the reference did (and over an hour
later).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from triage.lab.history import History, PlacedEvent
from triage.lab.replay import Catch, Notification, Replay, label_echo
from triage.lab.rules_model import Rule

_KINDS = {"deploy": "A deploy", "traffic_spike": "A traffic spike",
          "drift": "A benign drift", "maintenance": "Maintenance", "batch": "A batch job"}
MAX_FALSE_PER_RULE = 3
"""False notifications shown one by one per rule; the rest are counted."""


@dataclass(frozen=True)
class Finding:
    """One thing to learn from a replay."""

    kind: str
    """`missed`, `late` or `false`."""
    headline: str
    lines: tuple[str, ...]
    start: float
    end: float
    marks: tuple[tuple[float, str], ...]
    """Minutes to mark on the timeline with a one-letter label (`^` you, `R` reference)."""
    signal: str | None = None
    """The signal to draw beside it."""


def when(minute: float) -> str:
    """A history minute as `day 9 14:05` (day 0 is the first day)."""
    day, rest = divmod(int(round(minute)), 1440)
    return f"day {day} {rest // 60:02d}:{rest % 60:02d}"


def span(minutes: float) -> str:
    """A duration as `3d 4h`, `5h 10m` or `25m`."""
    total = int(round(minutes))
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {mins}m" if mins else f"{hours}h"
    return f"{mins}m"


def rule_text(rule: Rule) -> str:
    """`AlertName (page, rollback): expr for 10m`."""
    held = f" for {span(rule.for_)}" if rule.for_ else ""
    return (f"{rule.alert} ({rule.labels.severity}, {rule.labels.action}): "
            f"{rule.expr}{held}")


def is_late(mine: Catch, reference: Catch) -> bool:
    """Did the player act much later than the reference?"""
    if not mine.caught or mine.delay is None or reference.delay is None:
        return False
    return mine.delay > max(2 * reference.delay, reference.delay + 60)


def _label_lag(history: History, catch: Catch, rule: Rule | None) -> str | None:
    if rule is None:
        return None
    from triage.lab.expr import parse_expr

    for signal in parse_expr(rule.expr).signals:
        echo = label_echo(history, catch.incident, signal)
        if echo > 0:
            return (f"{rule.alert} reads {signal}, whose labels arrive {span(echo)} after the "
                    "fact: it cannot see an incident before then, however tight its threshold.")
    return None


def incident_findings(mine: Replay, reference: Replay) -> list[Finding]:
    """A finding for each incident the player missed or caught late."""
    found = []
    for catch, ref in zip(mine.catches, reference.catches, strict=True):
        late = is_late(catch, ref)
        if catch.caught and not late:
            continue
        incident = catch.incident
        unit = mine.history.lab.history.harm_unit
        lines = []
        if catch.caught and catch.rule is not None and catch.delay is not None:
            ticket = " (a ticket: acted on later)" if catch.rule.labels.severity == "ticket" else ""
            lines.append(f"You: {catch.rule.alert} after {span(catch.delay)}{ticket}; "
                         f"{catch.harm:,.0f} {unit} done by then.")
        elif catch.late_notice is not None:
            lines.append(f"You: a real alert came {span(catch.late_notice - incident.end)} after "
                         f"it ended, too late to help; {catch.harm:,.0f} {unit} done.")
        else:
            lines.append(f"You: no rule fired while it lasted; {catch.harm:,.0f} {unit} done.")
        lag = _label_lag(mine.history, catch, catch.rule) or _label_lag(
            mine.history, catch, _late_rule(mine, incident.id))
        if lag:
            lines.append(lag)
        if ref.rule is not None and ref.delay is not None:
            lines.append(f"Reference: {rule_text(ref.rule)} acted after {span(ref.delay)}.")
        lines.append(incident.incident.lesson)
        marks = [(incident.start, "|")]
        if catch.notified_at is not None:
            marks.append((catch.notified_at, "^"))
        if ref.notified_at is not None:
            marks.append((ref.notified_at, "R"))
        signal = _first_signal(ref.rule)
        headline = (f"{'LATE' if catch.caught else 'MISSED'} {incident.id} "
                    f"({incident.incident.pitfall}), {when(incident.start)} for "
                    f"{span(incident.end - incident.start)}: {incident.incident.title}")
        found.append(Finding("late" if catch.caught else "missed", headline, tuple(lines),
                             incident.start, incident.end, tuple(marks), signal))
    return found


def _late_rule(replay: Replay, incident_id: str) -> Rule | None:
    for notification in replay.notifications:
        if notification.incident == incident_id:
            return notification.rule
    return None


def _first_signal(rule: Rule | None) -> str | None:
    if rule is None:
        return None
    from triage.lab.expr import parse_expr

    return parse_expr(rule.expr).signals[0]


def _event_near(history: History, minute: float) -> PlacedEvent | None:
    near = [e for e in history.events if e.at - 60 <= minute <= e.at + 720]
    return min(near, key=lambda e: abs(minute - e.at)) if near else None


def _why_false(share: float, event: PlacedEvent | None) -> str:
    if share >= 0.01:
        return ("The threshold sits inside normal behaviour: move it past what the training "
                "week shows, average over a window, or hold it longer with 'for'.")
    if event is not None:
        what = _KINDS.get(event.event.kind, "This event")
        return (f"{what} moves this signal for a while and needs nobody: hold the rule longer "
                "than it lasts ('for', or an average over a window), or watch a signal it does "
                "not move.")
    return ("A rare excursion with nothing behind it: a short 'for' or a single reading "
            "pages on noise; average over a window or hold it longer.")


def false_findings(replay: Replay) -> list[Finding]:
    """The false notifications, rule by rule (the first few of each shown)."""
    history = replay.history
    by_rule: dict[str, list[Notification]] = {}
    for notification in replay.notifications:
        if notification.incident is None:
            by_rule.setdefault(notification.rule.alert, []).append(notification)
    found = []
    first = history.training_steps
    for alert, notes in by_rule.items():
        rule = notes[0].rule
        signal = _first_signal(rule) or ""
        training = history.series[signal][:first] if signal else np.zeros(1)
        word = "page" if rule.labels.severity == "page" else "ticket"
        for note in notes[:MAX_FALSE_PER_RULE]:
            event = _event_near(history, note.minute)
            index = min(int(note.minute / history.step), len(history.times) - 1)
            value = float(history.series[signal][index]) if signal else 0.0
            share = float(np.mean(training >= value) if value >= np.median(training)
                          else np.mean(training <= value))
            cause = (f"during '{event.event.title}' ({event.event.kind}, {when(event.at)})"
                     if event else "with no event at all: ordinary variation")
            lines = (f"{signal} read {value:,.4g}; in the training week it was as far out "
                     f"{share:.1%} of the time.", _why_false(share, event))
            found.append(Finding("false", f"FALSE {word.upper()} {alert} at {when(note.minute)} "
                                 f"{cause}", lines, note.minute, note.minute,
                                 ((note.minute, "!"),), signal))
        if len(notes) > MAX_FALSE_PER_RULE:
            found.append(Finding("false", f"... and {len(notes) - MAX_FALSE_PER_RULE} more false "
                                 f"{word}s from {alert}", (), notes[-1].minute, notes[-1].minute,
                                 ()))
    return found


def findings(mine: Replay, reference: Replay) -> list[Finding]:
    """Everything to learn: incidents first (they cost harm), then false notifications."""
    return incident_findings(mine, reference) + false_findings(mine)
