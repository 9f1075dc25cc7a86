"""The evidence a diagnosis cites: the player's marks as a checkable list, at most three checked.

The first three marks start checked, so a player who marked well submits without touching the
list; checking a fourth is refused with a message rather than silently dropping another.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from triage.engine.evidence import MAX_CITES
from triage.engine.session import Session
from triage.tui.render.evidence_labels import ref_label
from triage.tui.widgets.marks import MarkedSelectionList

NOTHING_MARKED = ("Nothing marked yet: mark evidence with m while you investigate (escape goes "
                  "back). A diagnosis that cites nothing decisive cannot pass.")
HOW_TO_CITE = (f"Checked marks are cited (space toggles, at most {MAX_CITES}). A diagnosis that "
               "cites nothing decisive cannot pass.")


class CitationList(MarkedSelectionList):
    """The session's marks, oldest first, each labelled as the player saw it."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        incident = session.incident
        super().__init__(*(Selection(Text(ref_label(incident, ref)), ref, index < MAX_CITES)
                           for index, ref in enumerate(session.marks)), id=id)
        self._order = list(session.marks)

    @property
    def cites(self) -> list[str]:
        """The checked marks, in the order they were marked."""
        chosen = set(self.selected)
        return [ref for ref in self._order if ref in chosen]

    def on_selection_list_selection_toggled(
            self, event: SelectionList.SelectionToggled[str]) -> None:
        """Refuse a fourth citation: uncheck it again and say why."""
        event.stop()
        value = event.selection.value
        if value in self.selected and len(self.selected) > MAX_CITES:
            self.deselect(value)
            self.notify(f"Cite at most {MAX_CITES}: uncheck one first.", severity="warning",
                        markup=False)
