"""The page card and the war-room status bar, rendered from the session."""

from __future__ import annotations

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


def render_page(session: Session) -> Text:
    """The page as the responder's phone shows it: what fired, where, since when, what to do."""
    inc = session.incident
    out = Text()
    page = session.page
    if page is None:
        out.append_text(severity_badge("info"))
        out.append("  No alert fired: you were asked to take a look.\n\n", "bold")
    else:
        alert = page.alert
        out.append_text(severity_badge(alert.severity))
        out.append("  ")
        out.append_text(plain(alert.name, "bold"))
        out.append("\n\n")
        rows = [("service", plain(inc.service)),
                ("condition", plain(alert.condition, "bold #ff8787"))]
        fired = page.fires_at if page.fires_at is not None else session.page_minute
        rows.append(("firing since", Text(f"{clock(fired)}  ({since(session.now - fired)[1:]}"
                                          " ago)")))
        rows.append(("summary", plain(alert.summary)))
        if alert.runbook:
            rows.append(("runbook", plain(alert.runbook, "underline")))
        for name, value in rows:
            out.append(f"{name:>13}  ", "dim")
            out.append_text(value)
            out.append("\n")
        out.append("\n")
    out.append("incident  ", "dim")
    out.append_text(plain(inc.title, "bold"))
    out.append(f"   {stars(inc.difficulty)}", "#d7af5f")
    out.append("\n\n")
    out.append_text(plain(inc.briefing, multiline=True))
    return out


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
