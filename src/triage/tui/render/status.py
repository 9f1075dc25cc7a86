"""The page card and the war-room status bar, rendered from the session."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.engine.session import MAX_MARKS, Session
from triage.safetext import clean_line
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.text import Run, clock, plain, since, stars

SEVERITY_STYLE = {
    "page": "bold white on #af0000",
    "critical": "bold white on #af0000",
    "warning": "bold black on #d7af00",
    "info": "bold white on #005f87",
}


def severity_badge(severity: str) -> Text:
    """A coloured badge such as ` PAGE `."""
    return Text(f" {severity.upper()} ", SEVERITY_STYLE.get(severity, "reverse"))


def render_page(session: Session) -> Group:
    """The page as the responder's phone shows it: what fired, where, since when, what to do."""
    inc = session.incident
    page = session.page
    head = Text()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(justify="right", style="dim", no_wrap=True)
    facts.add_column()
    if page is None:
        head.append_text(severity_badge("info"))
        head.append("  No alert fired: you were asked to take a look.", "bold")
    else:
        alert = page.alert
        head.append_text(severity_badge(alert.severity))
        head.append("  ")
        head.append_text(plain(alert.name, "bold"))
        fired = page.fires_at if page.fires_at is not None else session.page_minute
        facts.add_row("service", plain(inc.service))
        facts.add_row("condition", plain(alert.condition, "bold #ff8787"))
        facts.add_row("firing since",
                      Text(f"{clock(fired, session.page_minute, _start(session))}  "
                           f"({since(session.now - fired)[1:]} ago)"))
        facts.add_row("summary", plain(alert.summary))
        if alert.runbook:
            facts.add_row("runbook", plain(alert.runbook, "underline"))
    title = Text()
    title.append("incident  ", "dim")
    title.append_text(plain(inc.title, "bold"))
    title.append(f"   {stars(inc.difficulty)}", "#d7af5f")
    return Group(head, Text(), facts, Text(), title, Text(),
                 plain(inc.briefing.strip(), multiline=True))


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
             (f" ({since(session.elapsed)})", "dim"), ("  ", "")]
    firing = session.firing()
    runs.append((f"{len(firing)} firing", "bold #ff5f5f") if firing else ("all clear", "green"))
    if session.acknowledged_at is None:
        runs.append(("  not acked", "bold yellow"))
    runs += [(f"  {MARK} {len(session.marks)}/{MAX_MARKS} marked",
              "bold #d7af5f" if session.marks else "dim"),
             (f"  hints {session.hints_left}", "dim"),
             ("  ", ""), (clean_line(session.incident.service).strip(), "#87afd7")]
    return runs
