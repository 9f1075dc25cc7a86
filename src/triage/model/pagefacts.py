"""What the page shows before the play exists: the alert, where it fired, the incident's briefing.

The page is the first thing a player sees, and it must not wait for numpy, pydantic or the
simulation. Everything on it but the time the alert fired is fixed by the incident file: the
alert the incident names as its `page`, the service, title, difficulty, briefing and wall clock.
The incident index (`triage.model.index`) keeps these facts beside each file's verdict, so a
cached file's page is drawn from plain JSON; a root-cause variant never changes them (variants
patch causes, signals, logs and changes, never alerts, title or briefing).

An incident with no `page:` is paged by whichever alert fires first, which only the simulation
knows: its facts have no `alert`, and the page waits for the play (`PageFacts.complete`).
This module imports nothing heavy; `facts_of` reads an already validated `Incident`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triage.model.incident import Alert, Incident


@dataclass(frozen=True)
class PageAlert:
    """The alert that pages the player, as authored."""

    name: str
    severity: str
    condition: str
    summary: str
    runbook: str = ""


@dataclass(frozen=True)
class PageFacts:
    """The incident's facts that the page shows, none of them from the simulation."""

    id: str
    title: str
    difficulty: int
    service: str
    briefing: str
    clock_minutes: int
    """The incident's wall-clock time at minute 0, in minutes after midnight."""
    alert: PageAlert | None = None
    """The named paging alert; None when the incident names none (the first to fire pages)."""

    @property
    def complete(self) -> bool:
        """Whether the page can be drawn from these facts alone (the paging alert is known)."""
        return self.alert is not None

    def as_json(self) -> dict[str, Any]:
        """Plain JSON (what the index cache keeps)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> PageFacts | None:
        """The facts kept by `as_json`, or None when `data` does not have their shape (a
        damaged cache is only a slower start)."""
        try:
            alert = data.get("alert")
            fields = {key: data[key] for key in ("id", "title", "difficulty", "service",
                                                 "briefing", "clock_minutes")}
            facts = cls(**fields, alert=PageAlert(**alert) if alert is not None else None)
        except (AttributeError, KeyError, TypeError):
            return None
        texts = [facts.id, facts.title, facts.service, facts.briefing]
        if facts.alert is not None:
            texts += [getattr(facts.alert, name) for name in
                      ("name", "severity", "condition", "summary", "runbook")]
        numbers = (facts.difficulty, facts.clock_minutes)
        if not all(isinstance(text, str) for text in texts) or not all(
                isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            return None
        return facts


def facts_of(incident: Incident, paged_by: Alert | None = None) -> PageFacts:
    """The page facts of a validated incident; `paged_by` is the alert that paged, when a play
    knows it (an incident without `page:` is paged by the first alert to fire)."""
    if paged_by is None and incident.page:
        paged_by = next((a for a in incident.alerts if a.name == incident.page), None)
    alert = None
    if paged_by is not None:
        alert = PageAlert(paged_by.name, paged_by.severity, paged_by.condition, paged_by.summary,
                          paged_by.runbook or "")
    return PageFacts(incident.id, incident.title, incident.difficulty, incident.service,
                     incident.briefing, incident.timeline.clock_minutes, alert)
