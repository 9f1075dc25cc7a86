"""The shift screen: a queue of pages arriving on the simulated clock, triaged one at a time.

The rules and the clock live in `triage.practice.shift.ShiftSession`; this screen shows the
pages that have arrived, the queue of those waiting for a decision (oldest first), applies the
player's decisions, and lets the clock run at the documented pace (`practice.shift`: one simulated
minute every `WAITING_SECONDS` real seconds while a page waits, every `QUIET_SECONDS` while none
does; stopped while a dialog is open). New pages ring the bell and are announced on a notice line
of their own, never in a pop-up over the page text. When the shift ends it shows the result and
dismisses itself with the `ShiftScore` (None if the player left early).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from triage.practice.shift import (
    QUIET_SECONDS,
    WAITING_SECONDS,
    Page,
    Shift,
    ShiftAction,
    ShiftError,
    ShiftSession,
)
from triage.practice.shiftscore import ShiftScore, score_shift
from triage.practice.shifttext import clock
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter

DONE = {"investigate": "investigated", "escalate": "escalated", "noise": "resolved as noise"}
STATUS = {"investigate": "investigated", "escalate": "escalated", "noise": "noise"}
"""The status column's word for each decision (short, so the table fits 80 columns)."""
SEVERITY_STYLES = {"page": "bold #ff5f5f", "critical": "bold #ff5f5f", "warning": "#d7af5f"}
COLUMNS = (("page", "page"), ("at", "at"), ("severity", "severity"), ("alert", "alert"),
           ("service", "service"), ("status", "status"))
NOTICE_STYLES = {"page": "bold #ff5f5f", "warning": "#d7af5f", "info": "dim"}


class ShiftScreen(Screen[ShiftScore | None]):
    """An on-call shift: investigate, escalate or resolve each page as noise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "decide('investigate')", "Investigate", id="shift.investigate"),
        Binding("e", "decide('escalate')", "Escalate", id="shift.escalate"),
        Binding("n", "decide('noise')", "Resolve as noise", id="shift.noise"),
        Binding("w", "wait", "Wait for next page", id="shift.wait"),
        Binding("x", "end", "End shift", id="shift.end"),
        Binding("escape", "leave", "Leave", id="shift.leave"),
    ]

    DEFAULT_CSS = """
    ShiftScreen #shift-notice { height: auto; padding: 0 1; }
    ShiftScreen #shift-queue { height: auto; padding: 0 1; }
    ShiftScreen #shift-pages { height: 1fr; }
    ShiftScreen #shift-page-detail {
        height: auto; max-height: 12; padding: 0 1; border-top: solid $primary 30%;
    }
    """

    def __init__(self, shift: Shift, *, tick_seconds: float | None = QUIET_SECONDS,
                 waiting_seconds: float = WAITING_SECONDS) -> None:
        super().__init__()
        self.session = ShiftSession(shift)
        self.tick_seconds = tick_seconds
        """How often the clock timer fires (None: no timer); also the quiet pace."""
        self.waiting_seconds = waiting_seconds
        """Real seconds per simulated minute while a page waits for a decision."""
        self.result: ShiftScore | None = None
        self._shown: set[str] = set()
        self._credit = 0.0
        self._wait_warned: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="shift-status", classes="status-bar")
        yield Static(id="shift-notice")
        yield Static(id="shift-queue")
        yield DataTable(id="shift-pages", cursor_type="row", zebra_stripes=True)
        yield Static(id="shift-page-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.say(f"On call. While a page waits the clock runs one minute every "
                 f"{self.waiting_seconds:g} s (acknowledge within 5 minutes); when none waits, "
                 f"one a second, and w skips to the next page.", "info")
        self.redraw(announce=False)
        table.focus()
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self._tick, name="shift-clock")

    # ---- rendering -----------------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        """Show a notice on the screen's own line (a new page, a refusal, a warning)."""
        self.query_one("#shift-notice", Static).update(Text(text, NOTICE_STYLES[kind]))

    def _status(self, page: Page) -> Text:
        decision = self.session.decisions.get(page.id)
        if decision is not None:
            return Text(f"{STATUS[decision.choice]} (+{decision.at - page.arrives_at:g}m)", "dim")
        waited = f"{self.session.now - page.arrives_at:g}m"
        if self.session.cleared(page):
            return Text(f"cleared, waiting {waited}", "#d7af5f")
        return Text(f"NEW, waiting {waited}", "bold #ff5f5f")

    def redraw(self, *, announce: bool = True) -> None:
        """Redraw from the session: new rows for new pages, statuses, clock, queue and detail."""
        # Not named `sync`: the game app calls `sync()` on every screen while a play runs.
        table = self.query_one(DataTable)
        new = []
        for page in self.session.arrived():
            if page.id not in self._shown:
                self._shown.add(page.id)
                table.add_row(Text(page.id, "dim"), clock(page.arrives_at),
                              Text(page.severity, SEVERITY_STYLES.get(page.severity, "")),
                              plain(page.alert), plain(page.service), self._status(page),
                              key=page.id)
                new.append(page)
            else:
                table.update_cell(page.id, "status", self._status(page), update_width=True)
        if new and announce:
            self._announce(new)
        session = self.session
        waiting = session.pending()
        pace = self.waiting_seconds if waiting else self.tick_seconds or QUIET_SECONDS
        status = Text.assemble(
            ("ON CALL ", "bold"), (f"{clock(session.now)} / {clock(session.shift.minutes)}", ""),
            (f"   {len(waiting)} waiting", "bold #ff5f5f" if waiting else "dim"),
            (f"   {len(session.decisions)} handled", "dim"),
            (f"   clock: 1 min per {pace:g} s", "dim"))
        self.query_one("#shift-status", Static).update(status)
        self.query_one("#shift-queue", Static).update(self._queue(waiting))
        self._follow_queue()
        self._show_detail()

    def _queue(self, waiting: list[Page]) -> Text:
        """The waiting queue, oldest first, with how long each page has waited."""
        if not waiting:
            upcoming = self.session.next_arrival()
            after = "" if upcoming is None else f" (the next arrives at {clock(upcoming)})"
            return Text(f"Queue empty: nothing waits for you. w skips to the next page{after}.",
                        "dim")
        out = Text("Waiting, oldest first: ", "bold")
        for index, page in enumerate(waiting):
            if index:
                out.append(" · ", "dim")
            out.append(page.id, "bold")
            out.append(" ")
            out.append_text(plain(page.alert))
            out.append(f" {self.session.now - page.arrives_at:g}m", "#ff5f5f")
        return out

    def _follow_queue(self) -> None:
        """Keep the cursor on a page that needs a decision: off a handled one, to the oldest
        page still waiting."""
        current = self._highlighted()
        waiting = self.session.pending()
        if waiting and (current is None or current.id in self.session.decisions):
            table = self.query_one(DataTable)
            table.move_cursor(row=table.get_row_index(waiting[0].id))

    def _announce(self, pages: list[Page]) -> None:
        self.app.bell()
        urgent = any(page.severity in ("page", "critical") for page in pages)
        text = "; ".join(f"New page {page.id} ({page.service}): {page.alert}" for page in pages)
        self.say(text, "page" if urgent else "warning")

    def _highlighted(self) -> Page | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.session.shift.page(row_key.value or "")

    def _show_detail(self) -> None:
        detail = self.query_one("#shift-page-detail", Static)
        page = self._highlighted()
        if page is None:
            detail.update(Text("No pages yet. The pager is quiet; press w to wait for the next "
                               "one.", "dim"))
            return
        text = Text()
        text.append_text(plain(f"{page.id}  {page.alert}", "bold"))
        text.append("  ")
        text.append_text(plain(page.summary))
        text.append("\nlook: ", "dim")
        text.append_text(plain(page.context, multiline=True))
        text.append("\ni investigate (20m real, 15m noise) · e escalate (5m) · n resolve as "
                    "noise (2m)", "dim")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show what a glance at the highlighted page tells."""
        self._show_detail()

    # ---- the clock and decisions -------------------------------------------------------------

    def _tick(self) -> None:
        if self.app.screen is self:
            self.pass_real_time(self.tick_seconds or QUIET_SECONDS)

    def pass_real_time(self, seconds: float) -> None:
        """Let `seconds` of real time pass: the clock moves a minute each time they add up to
        the pace (`waiting_seconds` while a page waits, the tick while none does)."""
        if self.session.ended:
            return
        self._credit += seconds
        pace = self.waiting_seconds if self.session.pending() else (
            self.tick_seconds or QUIET_SECONDS)
        if self._credit + 1e-9 >= pace:
            self._credit = 0.0
            self._apply(ShiftAction("wait", minutes=1.0))

    def _apply(self, action: ShiftAction) -> bool:
        try:
            self.session.apply(action)
        except ShiftError as error:
            self.say(f"Not possible: {error}", "warning")
            return False
        self.redraw()
        if self.session.ended:
            self._finish()
        return True

    def action_decide(self, choice: str) -> None:
        """Investigate, escalate or resolve the highlighted page as noise."""
        page = self._highlighted()
        if page is None or self.session.ended:
            return
        before = {p.id for p in self.session.arrived()}
        if not self._apply(ShiftAction(choice, page=page.id)):  # type: ignore[arg-type]
            return
        self._credit, self._wait_warned = 0.0, None
        if not [p for p in self.session.arrived() if p.id not in before]:  # no newer news
            busy = self.session.decisions[page.id].busy
            self.say(f"{page.id} {DONE[choice]}: {busy:g} minutes.", "info")
        if choice == "investigate" and self.result is None:
            minutes = self.session.decisions[page.id].busy
            meanwhile = [p for p in self.session.arrived() if p.id not in before]
            from triage.tui.practice.shiftlook import InvestigationScreen

            self.app.push_screen(InvestigationScreen(page, minutes, meanwhile))

    def action_wait(self) -> None:
        """Let the clock run until the next page arrives (or the shift ends). With pages
        waiting, the first press only warns: a second one waits anyway."""
        if self.session.ended:
            return
        waiting = tuple(page.id for page in self.session.pending())
        if waiting and self._wait_warned != waiting:
            self._wait_warned = waiting
            self.say(f"{', '.join(waiting)} {'is' if len(waiting) == 1 else 'are'} waiting for "
                     "you: i, e or n handles the highlighted page. Press w again to let the "
                     "clock run to the next page anyway.", "warning")
            return
        self._wait_warned = None
        upcoming = self.session.next_arrival()
        until = upcoming if upcoming is not None else float(self.session.shift.minutes)
        self._apply(ShiftAction("wait", minutes=max(until - self.session.now, 1.0)))

    def action_end(self) -> None:
        """End the shift now; pages not handled stay unhandled."""
        if not self.session.ended:
            self._apply(ShiftAction("end"))

    def _finish(self) -> None:
        if self.result is not None:
            return
        self.session.finish()
        self.result = score_shift(self.session)
        from triage.tui.practice.shiftresult import ShiftResultScreen

        self.app.push_screen(ShiftResultScreen(self.result), lambda _: self.dismiss(self.result))

    def action_leave(self) -> None:
        """Walk away from the shift without a result."""
        self.dismiss(None)
