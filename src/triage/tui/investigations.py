"""The war room's investigations: opening panels, logs, changes and reports (paying their time
the first time, through the session), asking the ML team and buying hints.

A mixin of `WarRoomScreen` (its layout and the loop's actions stay in screens/warroom.py); it
needs the screen's `session`.
"""

from __future__ import annotations

from textual.widgets import OptionList

from triage.engine.actions import open_


class InvestigationActions:
    """The war room's investigation handlers (mixed into `WarRoomScreen`)."""

    def _investigate(self, target: str, make_screen) -> None:  # noqa: ANN001
        """Pay for `target` the first time (through the session), then show its screen."""
        if target not in self.session.opened:
            if not self.app.apply_action(open_(target)):  # type: ignore[attr-defined]
                return
        if not self.session.ended:
            self.app.push_screen(make_screen())

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Run the chosen sidebar entry."""
        ident = event.option.id or ""
        if ident.startswith("open:"):
            self._open_target(ident.removeprefix("open:"))
        else:
            await self.run_action(ident)

    def _open_target(self, target: str) -> None:
        if target == "logs":
            self.action_logs()
        elif target == "changes":
            self.action_changes()
        else:
            self._open_report(target)

    def _open_report(self, report_id: str) -> None:
        from triage.tui.screens.report import ReportScreen

        self._investigate(report_id, lambda: ReportScreen(self.session, report_id))

    def action_logs(self) -> None:
        """Open the log stream."""
        from triage.tui.screens.logs import LogsScreen

        self._investigate("logs", lambda: LogsScreen(self.session))

    def action_changes(self) -> None:
        """Open the deploy and change history."""
        from triage.tui.screens.changes import ChangesScreen

        self._investigate("changes", lambda: ChangesScreen(self.session))

    def action_report(self) -> None:
        """Open the first report not opened yet (every report is also in the sidebar)."""
        reports = [r.id for r in self.session.incident.reports]
        if not reports:
            self.notify("This incident has no reports.", markup=False)
            return
        fresh = [r for r in reports if r not in self.session.opened]
        self._open_report((fresh or reports)[0])

    def action_ask(self) -> None:
        """Ask the ML team a question."""
        from triage.tui.screens.ask import AskScreen

        if not self.session.incident.questions:
            self.notify("The ML team has nothing to add here.", markup=False)
            return
        self.app.push_screen(AskScreen(self.session))

    def action_hint(self) -> None:
        """Consider buying a hint."""
        from triage.tui.screens.hint import HintScreen

        self.app.push_screen(HintScreen(self.session))

