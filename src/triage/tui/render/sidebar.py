"""The war room's "Investigate" list: what the player can do next, and what each costs."""

from __future__ import annotations

from rich.text import Text

from triage.engine.session import Session
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
    rows.append(("diagnose", "Diagnose & fix", "ends"))
    return rows


def sidebar_prompt(label: str, price: str) -> Text:
    """One entry: its label (cut to fit, as text, never markup) and its cost, right-aligned."""
    width = SIDEBAR_WIDTH - 6
    text = Text(no_wrap=True, overflow="ellipsis")
    name = plain(label)
    name.truncate(max(1, width - len(price) - 1), overflow="ellipsis")
    text.append_text(name)
    text.append(" " * max(1, width - name.cell_len - len(price)))
    text.append(price, "bold #d7af5f" if price not in ("free", "ends") else "dim")
    return text
