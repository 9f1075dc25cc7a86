"""The debrief: score and grade (and the cap, when the diagnosis was unsupported), breakdown,
choices, what the player cited and what each citation turned out to be, timelines, what-if curves,
lesson and card."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.debrief import Debrief
from triage.tui.render.citations import render_citations
from triage.tui.render.debrief import (
    render_breakdown,
    render_card,
    render_choices,
    render_evidence,
    render_lesson,
    render_score,
    render_timeline,
    render_whatif,
)
from triage.tui.render.loop_debrief import render_loop
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.sized import SizedText


def _section(content: RenderableType, title: str, *, id: str | None = None) -> Static:
    if isinstance(content, Text):
        content.rstrip()
    widget = Static(content, id=id, classes="section")
    widget.border_title = Text(title)
    return widget


class DebriefScreen(Screen[None]):
    """Everything the play teaches, scrollable; home, replay or a new incident from here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "home", "Home", id="debrief.home"),
        Binding("r", "replay", "Replay (new seed)", id="debrief.replay"),
        Binding("n", "next", "New random incident", id="debrief.next"),
    ]

    def __init__(self, debrief: Debrief, opened: frozenset[str] | None = None) -> None:
        super().__init__()
        self.debrief = debrief
        self.opened = debrief.opened if opened is None else opened

    def compose(self) -> ComposeResult:
        debrief, inc = self.debrief, self.debrief.incident
        with VerticalScroll(id="debrief"):
            yield Static(render_score(debrief), id="score")
            yield _section(render_breakdown(debrief), "score breakdown", id="breakdown")
            yield _section(render_choices(debrief), "your call", id="choices")
            if debrief.rules >= 2:  # plays scored before citations existed cited nothing
                yield _section(render_citations(debrief), "what you cited", id="cited")
            if debrief.loop is not None and debrief.rules >= 3:
                yield _section(render_loop(debrief), "the incident", id="incident")
            with Horizontal(id="timelines"):
                yield _section(render_timeline(debrief.timeline, inc), "your timeline",
                               id="timeline-yours")
                yield _section(render_timeline(debrief.ideal, inc), "ideal path",
                               id="timeline-ideal")
            evidence = render_evidence(inc, debrief.decisive, self.opened)
            yield _section(evidence, "the evidence (✓ opened)", id="evidence")
            heading = "what happened" if debrief.whatif and debrief.whatif.actual else "what if"
            for ident, title, whatif in (
                    ("whatif", heading, debrief.whatif),
                    *((f"whatif-{n}", heading, more)
                      for n, more in enumerate(debrief.more_whatifs, start=2)),
                    ("side-effect", "furthest from the ideal loop" if heading == "what happened"
                     else "your choice also moved", debrief.side_effect)):
                if whatif is not None:
                    widget = SizedText(partial(render_whatif, whatif, inc),
                                       id=ident, classes="section")
                    widget.border_title = Text(title)
                    yield widget
            yield _section(render_lesson(debrief), "the lesson", id="lesson")
            yield _section(render_card(debrief), "pitfall card", id="card")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#debrief").focus()

    def _leave(self) -> None:
        """Close the debrief onto the screen under it, the home screen when the play was
        started from the command line (the app mounts it then)."""
        self.app.pop_screen()
        ensure_home = getattr(self.app, "ensure_home", None)
        if ensure_home is not None:
            ensure_home()

    def action_home(self) -> None:
        """Back to the home screen."""
        self._leave()

    def action_replay(self) -> None:
        """Play the same incident again with a new seed."""
        loaded = self.app.loaded  # type: ignore[attr-defined]
        self._leave()
        if loaded is not None:
            self.app.start_play(loaded)  # type: ignore[attr-defined]

    def action_next(self) -> None:
        """Play a random incident."""
        self._leave()
        self.app.start_random()  # type: ignore[attr-defined]
