"""The `m` key: mark what the player is looking at as evidence, or drop the mark.

Every screen that shows something citable calls `toggle` (or `toggle_panel`) with the reference
of what is selected. The mark goes through the session like every other action (it is free and
moves no clock), and the player is told in one short line what was marked or why it was not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from triage.engine.actions import mark, unmark
from triage.tui.render.evidence_labels import (
    marked_message,
    moment_ref,
    panel_marks,
    unmarked_message,
)

if TYPE_CHECKING:
    from textual.app import App

    from triage.engine.session import Session

MARK_KEY = "m"
NOTE_SECONDS = 3.0


def mark_binding(scope: str) -> Binding:
    """The `m` binding of a screen, with an id in that screen's namespace (`logs.mark`)."""
    return Binding(MARK_KEY, "mark", "Mark evidence", id=f"{scope}.mark")


def toggle(app: App, session: Session, ref: str) -> bool:
    """Mark `ref`, or unmark it if it is marked; tell the player. False when refused (the app
    has said why)."""
    marked = ref in session.marks
    if not app.apply_action(unmark(ref) if marked else mark(ref)):  # type: ignore[attr-defined]
        return False
    message = unmarked_message(session, ref) if marked else marked_message(session, ref)
    app.notify(message, markup=False, timeout=NOTE_SECONDS)
    return True


def toggle_panel(app: App, session: Session, signal_id: str) -> bool:
    """Mark a panel at the current moment, or drop its marks if it has any."""
    existing = panel_marks(session, signal_id)
    if not existing:
        return toggle(app, session, moment_ref(signal_id, session.elapsed))
    for ref in existing[:-1]:
        app.apply_action(unmark(ref))  # type: ignore[attr-defined]
    return toggle(app, session, existing[-1])
