"""The diagnosis: root cause, the evidence it cites, confidence and (in a one-shot play)
remediations. In the on-call loop the diagnosis is stated on its own and the play goes on: fixes
are applied from the Act dialog, where the world shows whether they work."""

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

from triage.engine.actions import diagnose, remediate
from triage.engine.evidence import MAX_CITES
from triage.engine.session import Session
from triage.tui.render.ids import dom_id
from triage.tui.render.text import plain
from triage.tui.widgets.citations import HOW_TO_CITE, NOTHING_MARKED, CitationList
from triage.tui.widgets.confidence import ConfidenceBar
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.marks import MarkedRadioButton, MarkedSelectionList
from triage.tui.widgets.status import StatusBar


class DiagnosisScreen(Screen[None]):
    """Choose one root cause, the marks to cite (up to 3), a confidence (0-100%) and one or
    more remediations."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", id="diagnosis.submit", priority=True),
        Binding("escape", "cancel", "Back", id="diagnosis.cancel"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        inc = self.session.incident
        # Authors tend to write the right answer first; show options in an order drawn from the
        # seed so their position gives nothing away (and a replay shows the same order).
        order = random.Random(self.session.seed)
        causes, fixes = list(inc.diagnoses), list(inc.remediations)
        order.shuffle(causes)
        order.shuffle(fixes)
        yield StatusBar(self.session, id="status")
        with VerticalScroll(id="diagnosis"):
            yield Static(Text("1. What is the root cause?", "bold"), classes="step")
            self._cause_of = {dom_id("dx-", d.id): d.id for d in causes}
            yield RadioSet(*(MarkedRadioButton(plain(d.text), id=dom_id("dx-", d.id))
                             for d in causes), id="causes")
            yield Static(Text(f"2. Evidence you cite (up to {MAX_CITES})", "bold"),
                         classes="step")
            yield Static(Text(HOW_TO_CITE if self.session.marks else NOTHING_MARKED, "dim"),
                         id="cite-note")
            if self.session.marks:
                yield CitationList(self.session, id="citations")
            yield Static(Text("3. How sure are you? (left/right; a confident wrong answer "
                              "costs more)", "bold"), classes="step")
            yield ConfidenceBar(id="confidence")
            if self.session.oncall is None:  # one-shot: the fix is chosen here and ends it
                yield Static(Text("4. What do you do? (space toggles; choose one or more)",
                                  "bold"), classes="step")
                yield MarkedSelectionList(*(Selection(plain(r.text), r.id) for r in fixes),
                                          id="fixes")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Submit (ctrl+s)", id="submit", variant="error")
                yield Button("Back (esc)", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def sync(self) -> None:
        """Keep the clock in the status bar moving."""
        self.query_one(StatusBar).sync()

    def cites(self) -> list[str]:
        """The marks the player keeps as citations (none when nothing was marked)."""
        found = self.query(CitationList)
        return found.first().cites if found else []

    def chosen(self) -> tuple[str | None, float, list[str]]:
        """The chosen diagnosis id (or None), the confidence and the remediation ids."""
        pressed = self.query_one(RadioSet).pressed_button
        cause = self._cause_of.get(pressed.id or "") if pressed is not None else None
        found = self.query("#fixes")
        fixes = list(found.first(MarkedSelectionList).selected) if found else []
        return cause, self.query_one(ConfidenceBar).fraction, fixes

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Submit or go back."""
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        """State the diagnosis citing the kept marks; in a one-shot play, apply the remediations,
        which ends the incident."""
        cause, confidence, fixes = self.chosen()
        if cause is None:
            self.notify("Choose a root cause first.", severity="warning", markup=False)
            self.query_one(RadioSet).focus()
            return
        loop = self.session.oncall is not None
        if not fixes and not loop:
            self.notify("Choose at least one remediation.", severity="warning", markup=False)
            self.query_one("#fixes").focus()
            return
        app = self.app
        if not app.apply_action(diagnose(cause, confidence, self.cites())):  # type: ignore[attr-defined]
            return
        if not loop:
            app.apply_action(remediate(*fixes))  # type: ignore[attr-defined]
        elif app.screen is self:
            app.notify("Diagnosis stated. Act on it (f), watch the curves, then resolve.",
                       markup=False)
            self.dismiss()

    def action_cancel(self) -> None:
        """Back to the war room; nothing is stated yet."""
        self.app.pop_screen()
