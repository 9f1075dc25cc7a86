"""What a marked or cited reference looks like to a player, and how the screens make one.

The engine names evidence by short references (`grad_norm@12m`, `logs#3`, `what-changed`;
`triage.engine.evidence`). A player should read what they pointed at instead: the panel's title and
the moment, the log line, the change, the question and who answered. Headless: no Textual here.
"""

from __future__ import annotations

import math

from triage.engine.evidence import Citation, CitationError, resolve
from triage.engine.session import MAX_MARKS, Session
from triage.model.colleague import TOPICS
from triage.model.incident import Incident
from triage.model.logvary import pattern
from triage.text.safe import clean_line

MARK = "◆"
"""The glyph beside anything marked (a glyph, so it reads without colour)."""

EXCERPT = 60
"""How many characters of an answer a label quotes."""


def moment_ref(signal_id: str, elapsed: float) -> str:
    """The reference for a panel at the moment the player is looking at it (whole minutes since
    the page, rounded down so the moment is never in the future)."""
    return f"{signal_id}@{max(0, math.floor(elapsed + 1e-9))}m"


def panel_marks(session: Session, signal_id: str) -> list[str]:
    """The marks that point at one panel (at any moment), oldest first."""
    return [ref for ref in session.marks
            if ref == signal_id or ref.startswith(f"{signal_id}@")]


def _citation(incident: Incident, ref: str) -> Citation | None:
    try:
        return resolve(incident, ref)
    except CitationError:
        return None


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(clean_line(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ref_label(incident: Incident, ref: str) -> str:
    """A readable name for a reference: `Learning rate at +12m`, `log WARN ranker: score
    distribution shifted`, `change (data, dana): Switch basket_size to cents`,
    `What changed recently? · priya: "The ETL team moved…"`. Unknown references read as
    themselves."""
    citation = _citation(incident, ref)
    if citation is None:
        return clean_line(ref)
    if citation.kind == "panel":
        title = clean_line(incident.signal(citation.item).title).strip()
        return title if citation.moment is None else f"{title} at +{citation.moment:g}m"
    if citation.kind == "report":
        report = next(r for r in incident.reports if r.id == citation.item)
        return clean_line(report.title).strip()
    if citation.kind == "log":
        line = incident.logs[int(citation.item)]
        where = " ".join(part for part in (line.level, clean_line(line.source).strip()) if part)
        return f"log {where}: {_excerpt(pattern(line.message), 200)}"
    if citation.kind == "change":
        change = incident.changes[int(citation.item)]
        who = ", ".join(part for part in (change.kind.replace("_", " "),
                                          clean_line(change.author).strip()) if part)
        return f"change ({who}): {_excerpt(change.summary, 200)}"
    question = next((q for q in incident.questions if q.id == citation.item), None)
    if question is None:  # a generic topic cited as a whole
        return TOPICS.get(citation.item, citation.item)
    who = clean_line(question.who).strip() or "ML team"
    return f'{clean_line(question.asked_as).strip()} · {who}: "{_excerpt(question.answer)}"'


def short_label(incident: Incident, ref: str, limit: int = 48) -> str:
    """`ref_label` cut to `limit` characters, for notifications and the sidebar; a panel's
    title is cut before its moment, which is kept (`Gradient norm (me… +12m`)."""
    citation = _citation(incident, ref)
    if citation is not None and citation.kind == "panel" and citation.moment is not None:
        moment = f" +{citation.moment:g}m"
        title = clean_line(incident.signal(citation.item).title).strip()
        if len(title) + len(" at") + len(moment) <= limit:
            return f"{title} at{moment}"
        return _excerpt(title, max(1, limit - len(moment))) + moment
    if citation is not None and citation.kind == "log":
        return _excerpt(f"log: {pattern(incident.logs[int(citation.item)].message)}", limit)
    if citation is not None and citation.kind == "change":
        return _excerpt(f"change: {incident.changes[int(citation.item)].summary}", limit)
    question = next((q for q in incident.questions if citation and q.id == citation.item), None)
    if question is not None:
        name = clean_line(question.who).partition(" (")[0].strip() or "ML team"
        return _excerpt(f"{name}: {question.answer}", limit)
    return _excerpt(ref_label(incident, ref), limit)


def marked_message(session: Session, ref: str) -> str:
    """What the player is told after marking `ref`: `marked Learning rate at +12m (2 of 6)`."""
    return (f"marked {short_label(session.incident, ref)} "
            f"({len(session.marks)} of {MAX_MARKS})")


def unmarked_message(session: Session, ref: str) -> str:
    """What the player is told after dropping a mark."""
    return (f"unmarked {short_label(session.incident, ref)} "
            f"({len(session.marks)} of {MAX_MARKS} kept)")
