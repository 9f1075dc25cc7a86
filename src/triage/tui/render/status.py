"""The page card and the war-room status bar, rendered from the session."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from triage.engine.session import MAX_MARKS, Session
from triage.model.pagefacts import facts_of
from triage.text.safe import clean_line
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.pagecard import SEVERITY_STYLE, render_page_card
from triage.tui.render.text import Run, clock, since


def render_page(session: Session) -> Group:
    """The page as the responder's phone shows it, from a play in progress
    (`triage.tui.render.pagecard`, which draws it before the play exists)."""
    page = session.page
    return render_page_card(facts_of(session.incident, page.alert if page else None), session)


def _start(session: Session) -> int:
    """The incident's wall-clock time at minute 0, in minutes after midnight."""
    return session.incident.timeline.clock_minutes


def render_clock(session: Session) -> Text:
    """The simulated clock: wall time and minutes since the page."""
    out = Text()
    out.append("◷ ", "#5fafd7")
    out.append(clock(session.now, session.page_minute, _start(session)), "bold")
    out.append(f"  {since(session.elapsed)} since page", "dim")
    return out


def status_runs(session: Session) -> list[Run]:
    """The war room's status line as (text, style) runs: alert, clock, firing, ack, the evidence
    marked (opening things earns nothing, so only marks are counted), hints, service."""
    runs: list[Run] = []
    if session.page is not None:
        severity = session.page.alert.severity
        runs += [(f" {severity.upper()} ", SEVERITY_STYLE.get(severity, "reverse")), (" ", ""),
                 (clean_line(session.page.alert.name).strip(), "bold"), ("  ", "")]
    runs += [("◷ ", "#5fafd7"), (clock(session.now, session.page_minute, _start(session)), "bold"),
             (f" ({since(session.elapsed)})", "dim")]
    runs += loop_runs(session)  # beside the clock: a tick repaints the two together
    runs.append(("  ", ""))
    firing = session.firing()
    runs.append((f"{len(firing)} firing", "bold #ff5f5f") if firing else ("all clear", "green"))
    if session.acknowledged_at is None:
        runs.append(("  not acked", "bold yellow"))
    runs += [(f"  {MARK} {len(session.marks)}/{MAX_MARKS} marked",
              "bold #d7af5f" if session.marks else "dim"),
             (f"  hints {session.hints_left}", "dim"),
             ("  ", ""), (clean_line(session.incident.service).strip(), "#87afd7")]
    return runs


def loop_runs(session: Session) -> list[Run]:
    """The on-call loop's part of the status line: the harm accrued so far (⚠ while it grows)
    and the severity declared."""
    if session.oncall is None:
        return []
    unit = clean_line(session.impact.unit).strip()
    growing = session.harm_ongoing()
    severity = session.oncall.severity
    return [("  ⚠ " if growing else "  ✓ ", "bold #ff8700" if growing else "green"),
            # The number and the unit apart: a tick repaints the digits, not the words after.
            (compact(session.accrued()), "bold #ff8700" if growing else "dim"),
            (f" {unit}", "#ff8700" if growing else "dim"),
            (f"  SEV{severity}", "bold #d7af5f") if severity else ("  no SEV", "dim")]


def compact(number: float) -> str:
    """A count short enough for the status line: 940, 12.4k, 3.1M."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(number) >= 10 * size:
            return f"{number / size:,.0f}{suffix}"
        if abs(number) >= size:
            return f"{number / size:.1f}{suffix}"
    return f"{number:,.0f}"
