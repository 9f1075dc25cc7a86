"""The war room: dashboards as tabs of panels, an investigation sidebar with costs, a live clock.

Every investigation goes through the session (`open_`, `ask`, `wait`, `hint`, `mark`), so the
clock, the evidence and a replay of the play all agree. Costs are shown before the player pays
them: on each panel's border and beside each entry of the sidebar. `m` marks the focused panel as
evidence at this moment; the sidebar lists what is marked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from triage.engine.actions import wait
from triage.engine.session import Session
from triage.tui.investigations import InvestigationActions
from triage.tui.marking import mark_binding, toggle_panel
from triage.tui.render.ids import dom_id
from triage.tui.render.sidebar import (
    WAIT_MINUTES,
    render_firing,
    render_marks,
    sidebar_entries,
    sidebar_prompt,
)
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.messages import MessagesBox
from triage.tui.widgets.panel import MetricPanel
from triage.tui.widgets.status import StatusBar

PANEL_MIN_HEIGHT, PANEL_MAX_HEIGHT = 7, 14
HIDDEN_WHEN_EMPTY = ("report", "ask")
"""Actions whose keys `check_action` hides when the incident has nothing for them."""


class WarRoomScreen(InvestigationActions, Screen[None]):
    """Where the player investigates, acts and watches until the incident is resolved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        mark_binding("warroom"),
        Binding("l", "logs", "Logs", id="warroom.logs"),
        Binding("c", "changes", "Changes", id="warroom.changes"),
        Binding("r", "report", "Report", id="warroom.report"),
        Binding("k", "ask", "Ask team", id="warroom.ask"),
        # Kept out of the footer (the sidebar offers hints with their price, `?` lists the key):
        # at 80 columns the loop's `f Act` needs the room.
        Binding("h", "hint", "Hint", id="warroom.hint", show=False),
        Binding("w", "wait", f"Wait {WAIT_MINUTES}m", id="warroom.wait"),
        Binding("d", "diagnose", "Diagnose", id="warroom.diagnose"),
        Binding("f", "act", "Act", id="warroom.act"),
        Binding("right_square_bracket", "tab(1)", "Next tab", id="warroom.next_tab",
                key_display="]"),
        Binding("left_square_bracket", "tab(-1)", "Previous tab",
                id="warroom.prev_tab", key_display="[", show=False),
        Binding("left", "move(-1, 0)", "Panel left", id="warroom.left", show=False),
        Binding("right", "move(1, 0)", "Panel right", id="warroom.right", show=False),
        Binding("up", "move(0, -1)", "Panel up", id="warroom.up", show=False),
        Binding("down", "move(0, 1)", "Panel down", id="warroom.down", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._panels: dict[str, list[MetricPanel]] = {}
        """Each built dashboard's panels, by the id of its tab pane (a tick redraws these)."""

    # ---- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        inc = self.session.incident
        yield StatusBar(self.session, id="status")
        with Horizontal(id="warroom-body"):
            with TabbedContent(id="dashboards"):
                for index, dashboard in enumerate(inc.dashboards):
                    with TabPane(Content(plain(dashboard.title).plain),
                                 id=dom_id("dash-", dashboard.id)):
                        with VerticalScroll(classes="panel-scroll"):
                            with Grid(classes="panel-grid", id=dom_id("grid-", dashboard.id)):
                                if index == 0:  # the others are built when first shown
                                    yield from self._panels_of(dashboard.id)
            with Vertical(id="sidebar"):
                yield Static(Text("Investigate", "bold"), classes="sidebar-title")
                yield OptionList(*self._options(), id="investigate")
                yield Static(id="marks")
                yield Static(id="firing")
                yield MessagesBox(self.session, id="messages")
        yield KeyFooter()

    def _panels_of(self, dashboard_id: str) -> list[MetricPanel]:
        signals = [signal for signal in self.session.incident.signals
                   if signal.dashboard == dashboard_id]
        titles = [signal.title for signal in signals]
        panels = [MetricPanel(self.session, signal.id, titles) for signal in signals]
        self._panels[dom_id("dash-", dashboard_id)] = panels
        return panels

    def on_mount(self) -> None:
        self.sync()
        self._focus_first_panel()
        self.call_after_refresh(self._fit_panels)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_panels)

    def _fit_panels(self) -> None:
        """Make panels taller when the dashboard has room, so the curves get more rows."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        available = pane.query_one(VerticalScroll).size.height
        for grid in self.query(".panel-grid").results(Grid):
            panels = list(grid.query(MetricPanel))
            columns = max(1, grid.styles.grid_size_columns or 1)
            rows = max(1, -(-len(panels) // columns))
            height = max(PANEL_MIN_HEIGHT, min(PANEL_MAX_HEIGHT, available // rows))
            grid.styles.grid_rows = str(height)
            for panel in panels:
                panel.styles.height = height

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing in this incident (no reports, no questions)."""
        if action == "report":
            return bool(self.session.incident.reports)
        if action == "ask":
            return bool(self.session.incident.questions)
        if action == "act":
            return self.session.oncall is not None
        return True

    def on_key(self, event: events.Key) -> None:
        """A key hidden because this incident has nothing behind it (no reports, no questions)
        still answers, with why, instead of doing nothing."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action in HIDDEN_WHEN_EMPTY \
                    and event.key == binding.key and not self.check_action(binding.action, ()):
                event.stop()  # run_action would skip an action check_action hides
                getattr(self, f"action_{binding.action}")()

    def _options(self) -> list[Option]:
        return [Option(sidebar_prompt(label, price), id=ident)
                for ident, label, price in sidebar_entries(self.session)]

    # ---- redraw ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Redraw the status bar, the visible dashboard's panels, the sidebar and firing list.

        Panels on hidden tabs are redrawn when their tab is shown, which keeps a clock tick cheap.
        """
        self.query_one(StatusBar).sync()
        self.query_one(MessagesBox).sync()
        for panel in self._active_panels():
            panel.sync()
        options = self.query_one("#investigate", OptionList)
        entries = sidebar_entries(self.session)
        if entries != getattr(self, "_shown_entries", None):
            for ident, label, price in entries:
                options.replace_option_prompt(ident, sidebar_prompt(label, price))
            self._shown_entries = entries
        marks = tuple(self.session.marks)
        if marks != getattr(self, "_shown_marks", None):
            self._shown_marks = marks
            self.query_one("#marks", Static).update(render_marks(self.session))
        alerts = self.session.firing()
        shown = tuple(state.alert for state in alerts)
        if shown == getattr(self, "_shown_firing", None):
            return  # the same alerts: no redraw, and no new layout (the list sets its height)
        self._shown_firing = shown
        self.query_one("#firing", Static).update(render_firing(alerts))

    # ---- panels and tabs ---------------------------------------------------------------------

    def _active_panels(self) -> list[MetricPanel]:
        return list(self._panels.get(self.query_one("#dashboards", TabbedContent).active, []))

    def _focus_first_panel(self) -> None:
        panels = self._active_panels()
        if panels:
            panels[0].focus()

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Bring the new dashboard up to date (building its panels the first time it is shown:
        a war room opens faster with only its first dashboard) and give it the keyboard focus
        (unless the tabs have it). The hidden dashboards' panels drop their drawn lines, which
        otherwise stayed in memory for as long as the war room."""
        await self._build_panels(event.pane)
        for panel in event.pane.query(MetricPanel):
            panel.sync()
        for pane_id, panels in self._panels.items():
            if pane_id != event.pane.id:  # hidden: keep their panels, not what they drew
                for panel in panels:
                    panel.forget_lines()
        if not self.query_one(TabbedContent).query("Tabs").first().has_focus:
            self.call_after_refresh(self._focus_first_panel)

    async def _build_panels(self, pane: TabPane) -> None:
        """Mount a dashboard's panels the first time its tab is shown."""
        grid = pane.query_one(Grid)
        dashboard = next((d.id for d in self.session.incident.dashboards
                          if dom_id("grid-", d.id) == grid.id), None)
        if not grid.children and dashboard is not None:
            await grid.mount_all(self._panels_of(dashboard))
            self.call_after_refresh(self._fit_panels)

    async def action_tab(self, step: int) -> None:
        """Switch to the next or previous dashboard, its panels built before it shows (the focus
        moves onto them; left on a hidden panel, it would pull the old tab back)."""
        tabs = self.query_one(TabbedContent)
        panes = list(tabs.query(TabPane))
        if panes:
            index = next((i for i, pane in enumerate(panes) if pane.id == tabs.active), 0)
            target = panes[(index + step) % len(panes)]
            await self._build_panels(target)
            tabs.active = target.id or ""
            self.call_after_refresh(self._focus_first_panel)

    def action_move(self, dx: int, dy: int) -> None:
        """Move the focus between panels of the grid with the arrow keys."""
        panels = self._active_panels()
        if not panels:
            return
        focused = self.focused
        if focused not in panels:
            panels[0].focus()
            return
        grid = panels[0].parent
        columns = max(1, grid.styles.grid_size_columns or 1) if grid is not None else 1
        index = panels.index(focused) + dx + dy * columns  # type: ignore[arg-type]
        if 0 <= index < len(panels):
            panels[index].focus()

    def action_mark(self) -> None:
        """Mark the focused panel as evidence at this moment (or drop its mark)."""
        focused = self.focused
        if not isinstance(focused, MetricPanel):
            self.notify("Move to a panel (arrow keys) to mark it.", markup=False)
            return
        toggle_panel(self.app, self.session, focused.signal_id)

    def on_metric_panel_open_requested(self, event: MetricPanel.OpenRequested) -> None:
        """Open a panel full-size (1 simulated minute the first time)."""
        from triage.tui.screens.panel import PanelScreen

        self._investigate(event.signal_id, lambda: PanelScreen(self.session, event.signal_id))

    def action_wait(self) -> None:
        """Let the clock run for a few minutes to see where the curves go."""
        self.app.apply_action(wait(WAIT_MINUTES))  # type: ignore[attr-defined]

    def action_diagnose(self) -> None:
        """State the root cause and a confidence (and, in a one-shot play, the fix)."""
        from triage.tui.screens.diagnosis import DiagnosisScreen

        if self.session.diagnosis is not None:
            self.notify("The diagnosis is stated. Act on it (f), then resolve.", markup=False)
            return
        self.app.push_screen(DiagnosisScreen(self.session))

    def action_act(self) -> None:
        """Apply or undo a fix, escalate, declare a severity, or resolve (the on-call loop)."""
        from triage.tui.screens.act import ActScreen

        self.app.push_screen(ActScreen(self.session))
