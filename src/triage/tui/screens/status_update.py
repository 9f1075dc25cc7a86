"""The status update: a short note to leadership, composed from parts, sent before resolving.

Each part is chosen from a menu (impact, cause, what was done, next step, ETA); the engine checks
each against what is true at this minute, and the debrief shows which were right. Sent while
resolving, the incident is declared resolved right after it.
"""

from __future__ import annotations

import random
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, RadioSet, Static
from textual.widgets.selection_list import Selection

from triage.engine.actions import resolve, update
from triage.engine.session import Session
from triage.engine.status_update import LABELS, choices
from triage.tui.render.ids import dom_id
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.marks import MarkedRadioButton, MarkedSelectionList
from triage.tui.widgets.status import StatusBar

ASKED = {
    "impact": "How are users affected right now?",
    "cause": "What caused it?",
    "done": "What has been done? (space toggles; everything now in effect)",
    "next": "What happens next?",
    "eta": "When will it be back to normal?",
}


class StatusUpdateScreen(Screen[None]):
    """Compose the update part by part; ctrl+s sends it (and resolves, when resolving)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", id="update.send", priority=True),
        Binding("escape", "cancel", "Back", id="update.cancel"),
    ]

    def __init__(self, session: Session, resolving: bool = False) -> None:
        super().__init__()
        self.session = session
        self.resolving = resolving
        self._ids: dict[str, dict[str, str]] = {}
        """Per part, the radio button's DOM id -> the choice id."""

    def compose(self) -> ComposeResult:
        menus = choices(self.session.incident)
        order = random.Random(self.session.seed)  # as the diagnosis screen: no answer first
        for part in ("cause", "done"):
            items = list(menus[part].items())
            order.shuffle(items)
            menus[part] = dict(items)
        unit = self.session.impact.unit
        yield StatusBar(self.session, id="status")
        with VerticalScroll(id="status-update"):
            title = "Before you resolve: the status update" if self.resolving \
                else "Status update"
            yield Static(Text(title, "bold"), classes="step")
            yield Static(plain(f"So far: about {self.session.accrued():,.0f} {unit}.", "dim"))
            for number, part in enumerate(("impact", "cause", "done", "next", "eta"), start=1):
                yield Static(Text(f"{number}. {ASKED[part]}", "bold"), classes="step")
                if part == "done":
                    yield MarkedSelectionList(*(Selection(plain(text), ident) for ident, text
                                                in menus[part].items()), id="update-done")
                    continue
                ids = {dom_id(f"up-{part}-", ident): ident for ident in menus[part]}
                self._ids[part] = ids
                yield RadioSet(*(MarkedRadioButton(plain(menus[part][ident]), id=dom)
                                 for dom, ident in ids.items()), id=f"update-{part}")
            with Horizontal(classes="dialog-buttons"):
                label = "Send and resolve (ctrl+s)" if self.resolving else "Send (ctrl+s)"
                yield Button(label, id="send", variant="error")
                yield Button("Back (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#update-impact", RadioSet).focus()

    def sync(self) -> None:
        """Keep the clock in the status bar moving."""
        self.query_one(StatusBar).sync()

    def chosen(self) -> dict[str, str | tuple[str, ...]]:
        """The parts chosen so far (a part left unanswered is left out)."""
        parts: dict[str, str | tuple[str, ...]] = {}
        for part, ids in self._ids.items():
            pressed = self.query_one(f"#update-{part}", RadioSet).pressed_button
            if pressed is not None and pressed.id in ids:
                parts[part] = ids[pressed.id]
        parts["done"] = tuple(self.query_one("#update-done", MarkedSelectionList).selected)
        return parts

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Send or go back."""
        if event.button.id == "send":
            self.action_send()
        else:
            self.action_cancel()

    def action_send(self) -> None:
        """Send the update; when resolving, declare the incident resolved."""
        parts = self.chosen()
        missing = [LABELS[part] for part in self._ids if part not in parts]
        if missing:
            self.notify(f"Choose: {', '.join(missing)}.", severity="warning", markup=False)
            return
        app = self.app
        if not app.apply_action(update(**parts)):  # type: ignore[attr-defined]
            return
        if self.resolving:
            app.clear_notifications()  # what people said is over; the debrief's notes follow
            app.apply_action(resolve())  # type: ignore[attr-defined]
        elif app.screen is self:
            self.dismiss()

    def action_cancel(self) -> None:
        """Back to the war room; nothing is sent."""
        self.app.pop_screen()
