"""Evidence a player marks while investigating and cites with a diagnosis.

A citation is a short reference to one thing the player has seen:

- a panel, optionally at a moment (minutes since the page): `grad_norm`, `grad_norm@12m`;
- a report they opened: `drift_report`;
- a log line or a change entry they have looked at, by its authored `id` or by its place in the
  incident's list (1-based): `config-push`, `logs#7`, `changes#3`;
- an ML-team answer they were given, by its question id (or the generic topic it answered):
  `optimizer-change`, `recent-changes`.

`resolve` turns a reference into a `Citation`: what it names and which of the incident's evidence
ids it stands for. A log line stands for its own id and for the whole `logs` view (older incident
files name only the view), and likewise for changes. `unseen` says why the player may not cite it
yet (the logs were never opened, the answer was never asked, the line has not been logged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triage.model.colleague import TOPICS, topic_questions
from triage.model.crossref import suggest

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident

MAX_CITES = 3
"""How many things one diagnosis may cite."""

_MOMENT = re.compile(r"^(?P<item>[^@#]+)@(?P<minute>\d+(?:\.\d+)?)m?$")
_ENTRY = re.compile(r"^(?P<view>logs|changes)#(?P<number>\d+)$")


@dataclass(frozen=True)
class Citation:
    """One resolved reference: what kind of thing it is, which one, and what it stands for."""

    ref: str
    """The reference as written (`grad_norm@12m`)."""
    kind: str
    """panel, report, log, change or answer."""
    item: str
    """The signal, report or question id, or the authored index (0-based) of a log or change."""
    covers: frozenset[str]
    """The incident's evidence ids this citation stands for."""
    moment: float | None = None
    """For a panel: the minute (since the page) the player pointed at."""


class CitationError(ValueError):
    """A reference that names nothing in the incident."""


def resolve(incident: Incident, ref: str) -> Citation:
    """The `Citation` a reference names, or CitationError with a did-you-mean."""
    ref = str(ref).strip()
    signals = [s.id for s in incident.signals]
    if match := _MOMENT.match(ref):
        item = match["item"]
        if item not in signals:
            raise CitationError(f"'{item}' is not a panel, so it has no moment to point at"
                                f"{suggest(item, signals)}")
        return Citation(ref, "panel", item, frozenset({item}), float(match["minute"]))
    if match := _ENTRY.match(ref):
        return _entry(incident, ref, match["view"], int(match["number"]))
    if ref in signals:
        return Citation(ref, "panel", ref, frozenset({ref}))
    if ref in (r.id for r in incident.reports):
        return Citation(ref, "report", ref, frozenset({ref}))
    if ref in ("logs", "changes"):
        raise CitationError(f"cite one entry of the {ref}, not the whole view: '{ref}#N' (the "
                            "N-th entry as the incident lists it) or the entry's id")
    for question in incident.questions:
        if question.id == ref:
            return Citation(ref, "answer", ref, frozenset({ref}))
    if ref in TOPICS and (answers := topic_questions(incident.questions, ref)):
        return Citation(ref, "answer", ref, frozenset(q.id for q in answers))
    for index, line in enumerate(incident.logs):
        if line.id == ref:
            return Citation(ref, "log", str(index), frozenset({ref, "logs"}))
    for index, change in enumerate(incident.changes):
        if change.id == ref:
            return Citation(ref, "change", str(index), frozenset({ref, "changes"}))
    known = [*signals, *(r.id for r in incident.reports), *(q.id for q in incident.questions)]
    raise CitationError(f"nothing to cite named '{ref}'{suggest(ref, known)}")


def _entry(incident: Incident, ref: str, view: str, number: int) -> Citation:
    entries = incident.logs if view == "logs" else incident.changes
    if not 1 <= number <= len(entries):
        raise CitationError(f"the incident lists {len(entries)} {view} entries; there is no "
                            f"#{number}")
    own = entries[number - 1].id
    covers = {view} | ({own} if own else set())
    return Citation(ref, "log" if view == "logs" else "change", str(number - 1),
                    frozenset(covers))


def ref_for_log(incident: Incident, index: int) -> str:
    """The reference a player cites for the authored log line `index` (0-based)."""
    own = incident.logs[index].id
    return own or f"logs#{index + 1}"


def ref_for_change(incident: Incident, index: int) -> str:
    """The reference a player cites for the authored change entry `index` (0-based)."""
    own = incident.changes[index].id
    return own or f"changes#{index + 1}"


def unseen(session: Session, citation: Citation) -> str | None:
    """Why the player cannot cite this yet, or None when they have seen it."""
    if citation.kind == "panel":
        if citation.moment is not None and citation.moment > session.elapsed:
            return (f"{citation.item}@{citation.moment:g}m is in the future: it is "
                    f"{session.elapsed:g}m since the page")
        return None
    if citation.kind == "report":
        return None if citation.item in session.opened else f"open {citation.item} first"
    if citation.kind == "answer":
        asked = citation.covers & set(session.asked)
        return None if asked else "ask the ML team first"
    view = "logs" if citation.kind == "log" else "changes"
    if view not in session.opened:
        return f"open the {view} first"
    index = int(citation.item)
    stream = session.world.logs if view == "logs" else session.world.changes
    if not any(entry.index == index and entry.minute <= session.now for entry in stream):
        return f"{citation.ref} has not appeared in the {view} yet"
    return None


def paging_signal(session: Session) -> str | None:
    """The signal of the alert that paged: everyone has seen it, so citing it proves nothing."""
    return session.page.alert.signal if session.page else None
