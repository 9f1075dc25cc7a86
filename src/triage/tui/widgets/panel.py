"""A dashboard panel: a focusable box that renders one signal through `render_panel`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget

from triage.engine.session import Session
from triage.tui.render.ids import dom_id
from triage.tui.render.panel import PanelView, panel_view, render_panel
from triage.tui.render.text import cost, plain


class MetricPanel(Widget, can_focus=True):
    """One signal's panel; Enter or a click asks to open it full-size."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open panel", id="panel.open", show=False),
    ]
    auto_links: Reactive[bool] = Reactive(False)
    """A panel draws no links: skip Textual's per-line link styling on every redraw."""

    class OpenRequested(Message):
        """The player wants this panel full-size."""

        def __init__(self, signal_id: str) -> None:
            super().__init__()
            self.signal_id = signal_id

    def __init__(self, session: Session, signal_id: str) -> None:
        super().__init__(id=dom_id("panel-", signal_id), classes="panel")
        self.session = session
        self.signal_id = signal_id
        self.view: PanelView = panel_view(session, signal_id)

    def on_mount(self) -> None:
        self.border_title = plain(self.view.title)
        self.sync()

    def sync(self) -> None:
        """Re-read the signal from the session and redraw."""
        self.view = panel_view(self.session, self.signal_id)
        self.set_class(self.view.firing, "-firing")
        self.set_class(self.view.opened, "-opened")
        subtitle = "✓ opened" if self.view.opened else f"⏎ open · {cost(self.view.cost)}"
        self.border_subtitle = Text(subtitle)
        self.refresh()

    def render(self) -> Text:
        size = self.content_size
        return render_panel(self.view, size.width, size.height)

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Ask the screen to open this panel full-size."""
        self.post_message(self.OpenRequested(self.signal_id))
