"""A team's turn in a game day's lab round: the lab screen, with a submit instead of a replay.

The team studies the training week's sparklines and writes rules, as on the alert lab's own
screen (`triage.tui.screens.lab_design`), but in a game day the replay stays hidden until every
team has played: `ctrl+r` checks the rules and submits them, and the turn ends. Rules with
problems are shown at their line and column and not submitted. Each team starts from the lab's
starter rules, never from the previous team's draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, TabbedContent, TextArea

from triage.gameday.clock import Countdown
from triage.tui.render.text import plain
from triage.tui.screens.lab_design import LabDesignScreen, lab_panes
from triage.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from triage.gameday.labround import LabRules
    from triage.gameday.runner import Turn
    from triage.lab.model import Lab


class LabRoundScreen(LabDesignScreen, inherit_bindings=False):
    """Study the signals and write rules; `ctrl+r` submits them: `on_done` gets the
    `LabRules`, or None when the time ran out on rules with problems (the app then ends the
    turn and closes the screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "submit", "Submit rules", id="labround.submit", priority=True),
        Binding("f5", "show('signals')", "Signals", id="labround.signals"),
        Binding("f6", "show('rules')", "Rules", id="labround.rules"),
    ]

    DEFAULT_CSS = """
    LabRoundScreen #lab-problems { height: auto; max-height: 8; color: $error; padding: 0 1; }
    """

    def __init__(self, lab: Lab, seed: int, team: str,
                 on_done: Callable[[LabRules | None], None]) -> None:
        super().__init__(lab, seed)
        self.team = team
        self.on_done = on_done
        self.submitted = False

    def compose(self) -> ComposeResult:
        lab = self.lab
        yield Static(Text.assemble(plain(lab.title, "bold"), (f"  seed {self.seed}", "dim"),
                                   ("  team ", "dim"), plain(self.team, "bold reverse")),
                     classes="screen-title")
        with TabbedContent(id="lab-tabs", initial="signals"):
            yield from lab_panes(lab, "Prometheus alerting rules. ctrl+r submits them for the "
                                 "replay; the scores show once every team has played.",
                                 self._draft(), Static("", id="lab-problems"))
        yield KeyFooter()

    def _draft(self) -> str:
        from triage.lab.design import starter_rules

        return starter_rules(self.lab)

    def checked(self) -> LabRules | None:
        """The editor's rules checked against the lab, or None after showing their problems."""
        from triage.gameday.labround import rules_for
        from triage.lab.load import LabError

        text = self.query_one(TextArea).text
        try:
            return rules_for(self.lab, text, "rules")
        except LabError as error:
            lines = [problem.format().removeprefix("rules:") for problem in error.problems]
            self.query_one("#lab-problems", Static).update(Text(
                "Not submitted: the rules have problems (line:column)\n" + "\n".join(lines)))
            return None

    def action_submit(self) -> None:
        """Check the rules and, when they are valid, submit them: the turn ends."""
        rules = self.checked()
        if rules is None:
            self.action_show("rules")
            self.notify("The rules have problems: see below the editor.", severity="warning",
                        markup=False)
            return
        self.submitted = True
        self.on_done(rules)

    def time_up(self) -> None:
        """The clock ran out: submit the editor's rules if they are valid, else none."""
        if not self.submitted:
            self.submitted = True
            self.on_done(self.checked())


class LabTurns:
    """The game-day app's lab-round turns (mixed into `GamedayApp`): start a team's turn on
    the lab screen, and score and store its rules when it submits or its time runs out. It
    works on the app's `game`, `turn`, `countdown`, `clock`, `paused` and `last_result`, as the
    app's incident turns do."""

    lab_screen: LabRoundScreen | None = None
    """The lab round's screen while a team writes its rules."""

    def begin_lab_turn(self, turn: Turn, *, skip: bool = False) -> None:
        """Start a team's turn of a lab round on the lab screen (or skip it: no rules)."""
        self.turn, self.session = turn, None
        self._finishing, self.paused = False, False
        if skip:
            self.finish_lab(None)
            return
        spec = self.game.round(turn.round_index)
        self.countdown = Countdown(spec.time_limit * 60, self.clock)
        self.lab_screen = LabRoundScreen(self.game.lab(turn.round_index), spec.seed, turn.team,
                                         self.finish_lab)
        self.push_screen(self.lab_screen)

    def finish_lab(self, rules: LabRules | None) -> None:
        """Score and store the team's rules (None: nothing submitted), then go on."""
        if self.turn is None or self._finishing:
            return
        self._finishing = True
        turn, self.lab_screen = self.turn, None
        try:
            self.last_result = self.game.play_lab(turn, rules)
        except Exception as error:  # noqa: BLE001 - a broken store must not stop the game day
            self.last_result = self.game.results[-1] if self.game.results else None
            self.notify(f"The result was not saved: {error}", severity="error", markup=False)
        self.countdown, self.turn, self.paused = None, None, False
        self.call_later(self._after_turn)
