"""The debrief's on-call section: the harm beside the ideal loop and doing nothing, when it was
declared resolved, the severity, the status update part by part, and what people said."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.engine.debrief import Debrief
from triage.tui.render.text import plain, since


def render_loop(debrief: Debrief) -> Group:
    """The incident as it ran: harm, resolution, severity, status update, people."""
    loop = debrief.loop
    assert loop is not None
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold #87afd7", no_wrap=True)
    facts.add_column(ratio=1)
    harm = Text()
    harm.append(f"{loop.accrued:,.0f} ", "bold")
    harm.append_text(plain(loop.unit))
    harm.append(f" in the first {loop.window_minutes}m  ", "")
    harm.append(f"(ideal loop {loop.ideal:,.0f} · doing nothing {loop.nothing:,.0f})", "dim")
    facts.add_row("harm", harm)
    facts.add_row("resolved", Text(f"declared at {since(loop.resolved_at)}" if loop.resolved
                                   else "never declared", "" if loop.resolved else "yellow"))
    severity = f"SEV{loop.severity}" if loop.severity else "none declared"
    facts.add_row("severity", Text(f"{severity} (this was a SEV{loop.right_severity})"))
    parts: list[Text | Table] = [facts]
    for note in loop.notes:
        parts.append(plain(note, "yellow", multiline=True))
    if loop.checks:
        update = Table.grid(padding=(0, 2))
        update.add_column(no_wrap=True)
        update.add_column(style="bold", no_wrap=True)
        update.add_column(ratio=1)
        for check in loop.checks:
            body = plain(check.said, multiline=True)
            if not check.correct:
                body.append("  true: ", "dim")
                body.append_text(plain(check.truth, "#87d787"))
            update.add_row(Text("✓", "green") if check.correct else Text("✗", "#ff5f5f"),
                           check.part, body)
        parts += [Text("\nYour status update", "bold"), update]
    if loop.said:
        said = Table.grid(padding=(0, 2))
        said.add_column(style="dim", no_wrap=True, justify="right")
        said.add_column(ratio=1)
        for item in loop.said:
            body = plain(item.who, "#87afd7")
            body.append(": ")
            body.append_text(plain(item.text, multiline=True))
            body.append("  ")
            body.append_text(plain(item.lesson, "italic"))
            said.add_row(since(item.minute), body)
        parts += [Text("\nWhat people said", "bold"), said]
    return Group(*parts)
