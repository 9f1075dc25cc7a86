"""The page card and the war-room status bar, rendered from the session."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.engine.session import Session
from triage.tui.render.text import clock, plain, since, stars

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
                      Text(f"{clock(fired)}  ({since(session.now - fired)[1:]} ago)"))
        facts.add_row("summary", plain(alert.summary))
        if alert.runbook:
            facts.add_row("runbook", plain(alert.runbook, "underline"))
    title = Text()
    title.append("incident  ", "dim")
    title.append_text(plain(inc.title, "bold"))
    title.append(f"   {stars(inc.difficulty)}", "#d7af5f")
    return Group(head, Text(), facts, Text(), title, Text(),
                 plain(inc.briefing.strip(), multiline=True))


def render_clock(session: Session) -> Text:
    """The simulated clock: wall time and minutes since the page."""
    out = Text()
    out.append("◷ ", "#5fafd7")
    out.append(clock(session.now), "bold")
    out.append(f"  {since(session.elapsed)} since page", "dim")
    return out


def render_status(session: Session) -> Text:
    """The war room's status line: alert, clock, firing, ack, evidence, hints, service."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if session.page is not None:
        out.append_text(severity_badge(session.page.alert.severity))
        out.append(" ")
        out.append_text(plain(session.page.alert.name, "bold"))
        out.append("  ")
    out.append("◷ ", "#5fafd7")
    out.append(clock(session.now), "bold")
    out.append(f" ({since(session.elapsed)})", "dim")
    firing = session.firing()
    out.append("  ")
    out.append(f"{len(firing)} firing" if firing else "all clear",
               "bold #ff5f5f" if firing else "green")
    if session.acknowledged_at is None:
        out.append("  not acked", "bold yellow")
    out.append(f"  evidence {len(session.opened)}", "dim")
    out.append(f"  hints {session.hints_left}", "dim")
    out.append("  ")
    out.append_text(plain(session.incident.service, "#87afd7"))
    return out
