"""The page card and its clock line, drawn from the page's facts before the play exists.

The page is the first frame, so this module needs nothing the simulation needs (no numpy, no
pydantic): the facts come from `triage.model.pagefacts`, and the two things only the simulated
play knows, when the alert fired and what the clock says, are drawn as soon as the play is
ready (the `session` argument); until then they read `--:--`, at the same width, so nothing moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.model.pagefacts import PageFacts
from triage.tui.render.text import clock, plain, since, stars

if TYPE_CHECKING:
    from triage.engine.session import Session

SEVERITY_STYLE = {
    "page": "bold white on #af0000",
    "critical": "bold white on #af0000",
    "warning": "bold black on #d7af00",
    "info": "bold white on #005f87",
}
PENDING = "--:--"
"""What a time the simulation has not computed yet reads on the page."""


def severity_badge(severity: str) -> Text:
    """A coloured badge such as ` PAGE `."""
    return Text(f" {severity.upper()} ", SEVERITY_STYLE.get(severity, "reverse"))


def render_page_card(facts: PageFacts, session: Session | None) -> Group:
    """The page as the responder's phone shows it: what fired, where, since when, what to do."""
    head = Text()
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column()
    alert = facts.alert
    if alert is None:
        head.append_text(severity_badge("info"))
        head.append("  No alert fired: you were asked to take a look.", "bold")
    else:
        head.append_text(severity_badge(alert.severity))
        head.append("  ")
        head.append_text(plain(alert.name, "bold"))
        table.add_row("service", plain(facts.service))
        table.add_row("condition", plain(alert.condition, "bold #ff8787"))
        if session is None:
            fired_text = Text(f"{PENDING}  (0m ago)", "dim")
        else:
            page = session.page
            fired = (page.fires_at if page is not None and page.fires_at is not None
                     else session.page_minute)
            fired_text = Text(f"{clock(fired, session.page_minute, facts.clock_minutes)}  "
                              f"({since(session.now - fired)[1:]} ago)")
        table.add_row("firing since", fired_text)
        table.add_row("summary", plain(alert.summary))
        if alert.runbook:
            table.add_row("runbook", plain(alert.runbook, "underline"))
    title = Text()
    title.append("incident  ", "dim")
    title.append_text(plain(facts.title, "bold"))
    title.append(f"   {stars(facts.difficulty)}", "#d7af5f")
    return Group(head, Text(), table, Text(), title, Text(),
                 plain(facts.briefing.strip(), multiline=True))


def render_page_clock(facts: PageFacts, session: Session | None) -> Text:
    """The simulated clock: wall time and minutes since the page (`--:--` until known)."""
    out = Text()
    out.append("◷ ", "#5fafd7")
    if session is None:
        out.append(PENDING, "bold dim")
        out.append("  +0m since page", "dim")
        return out
    out.append(clock(session.now, session.page_minute, facts.clock_minutes), "bold")
    out.append(f"  {since(session.elapsed)} since page", "dim")
    return out
