"""The war room's sidebar: the "Investigate" list (what the player can do next, and what each
costs), the evidence marked so far, and the alerts firing."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.engine.alerts import AlertState
from triage.engine.session import MAX_MARKS, Session
from triage.tui.render.evidence_labels import MARK, short_label
from triage.tui.render.text import cost, plain

WAIT_MINUTES = 5
SIDEBAR_WIDTH = 28


def sidebar_entries(session: Session) -> list[tuple[str, str, str]]:
    """(option id, label, cost text) for every entry of the list, in the order shown."""
    rows = [("open:logs", "Log stream", cost(session.cost_of_open("logs"))),
            ("open:changes", "Deploys & changes", cost(session.cost_of_open("changes")))]
    for report in session.incident.reports:
        rows.append((f"open:{report.id}", report.title, cost(session.cost_of_open(report.id))))
    if session.incident.questions:
        asked = len(session.asked)
        rows.append(("ask", "Ask the ML team", f"{asked}/{len(session.incident.questions)}"))
    if session.hints_left:
        next_cost = session.incident.hints[session.hints_taken].cost
        rows.append(("hint", "Take a hint", f"-{next_cost} pts"))
    else:
        rows.append(("hint", "Hints", "none left"))
    rows.append(("wait", f"Wait {WAIT_MINUTES} minutes", f"{WAIT_MINUTES}m"))
    if session.oncall is None:
        rows.append(("diagnose", "Diagnose & fix", "ends"))
        return rows
    stated = session.diagnosis is not None
    rows.append(("diagnose", "Diagnosis stated" if stated else "Diagnose", "done" if stated
                 else "free"))
    rows.append(("act", "Act: fix, escalate, resolve", f"{len(session.oncall.in_force())} on"))
    return rows


def sidebar_prompt(label: str, price: str) -> Text:
    """One entry: its label (cut to fit, as text, never markup) and its cost, right-aligned."""
    width = SIDEBAR_WIDTH - 6
    text = Text(no_wrap=True, overflow="ellipsis")
    name = plain(label)
    name.truncate(max(1, width - len(price) - 1), overflow="ellipsis")
    text.append_text(name)
    text.append(" " * max(1, width - name.cell_len - len(price)))
    text.append(price, "bold #d7af5f" if price not in ("free", "ends", "done")
                and not price.endswith(" on") else "dim")
    return text


def render_marks(session: Session, width: int = SIDEBAR_WIDTH - 3) -> Text:
    """The "Marked evidence" list: one short line per mark, oldest first, or how to mark."""
    out = Text()
    out.append("Marked evidence", "bold")
    if not session.marks:
        out.append("\nnone yet: m on a panel,", "dim")
        out.append("\nlog, change or answer", "dim")
        return out
    out.append(f" {len(session.marks)}/{MAX_MARKS}", "dim")
    for ref in session.marks:
        out.append(f"\n{MARK} ", "bold #d7af5f")
        out.append(short_label(session.incident, ref, max(4, width - 2)))
    return out


def render_firing(alerts: list[AlertState]) -> Group:
    """The alerts firing now, each with its condition (or "Nothing firing")."""
    firing = Table.grid(padding=(0, 1))
    firing.add_column(width=1)
    firing.add_column()
    for state in alerts:
        firing.add_row(Text("●", "#ff5f5f"), plain(state.alert.name, "bold #ff8787"))
        firing.add_row("", plain(state.alert.condition, "dim"))
    return Group(Text("Firing" if alerts else "Nothing firing", "bold"), firing)
