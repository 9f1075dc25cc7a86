"""Act on the incident (the on-call loop): apply or revert an option, call someone in, declare a
severity, or declare the incident resolved (which asks for the status update first).

Every choice goes through the session, so the world responds from this minute on: the charts
mark the minute, the alerts clear or keep firing, and the status bar's harm counter shows whether
it worked. What each option really does is never shown here; watching the curves is how you find
out.
"""

from __future__ import annotations

import random
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.engine.actions import declare, escalate, remediate, revert
from triage.engine.oncall import APPLY_COST
from triage.engine.people import owners_for
from triage.engine.session import Session
from triage.model.loop import SEVERITY_TEXT
from triage.tui.render.text import cost, plain

HELP = "enter chooses · escalating costs the time shown · escape closes"
RESOLVE = "resolve"


class ActScreen(ModalScreen[None]):
    """A dialog of what can be done now, with what each costs in simulated minutes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="act.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="act-dialog", classes="dialog"):
            yield Static(Text("Act", "bold"), classes="dialog-title")
            yield OptionList(*self._options(), id="acts")
            yield Static(Text(HELP, "dim"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#acts", OptionList).focus()

    def _options(self) -> list[Option | None]:
        session = self.session
        in_force = session.oncall.in_force() if session.oncall else []
        options: list[Option | None] = []
        # In an order drawn from the seed, as the diagnosis screen's: authors tend to write the
        # right fix first, and its position must give nothing away.
        fixes = list(session.incident.remediations)
        random.Random(session.seed).shuffle(fixes)
        for option in fixes:
            prompt = Text()
            if option.id in in_force:
                prompt.append("undo ", "bold #ffd75f")
                prompt.append_text(plain(option.text))
                prompt.append("  (in effect)", "dim")
                options.append(Option(prompt, id=f"revert:{option.id}"))
            else:
                prompt.append(f"{cost(APPLY_COST):>4} ", "bold #d7af5f")
                prompt.append_text(plain(option.text))
                options.append(Option(prompt, id=f"apply:{option.id}"))
        options.append(None)
        escalated = session.oncall.escalated if session.oncall else {}
        for owner in owners_for(session.incident):
            prompt = Text()
            if owner.id in escalated:
                prompt.append("   ✓ ", "green")
                prompt.append_text(plain(f"{owner.who} is on the call"))
            else:
                prompt.append(f"{cost(owner.cost):>4} ", "bold #d7af5f")
                prompt.append_text(plain(f"Escalate to {owner.who}"))
            options.append(Option(prompt, id=f"escalate:{owner.id}",
                                  disabled=owner.id in escalated))
        options.append(None)
        declared = session.oncall.severity if session.oncall else None
        for level, words in SEVERITY_TEXT.items():
            marker = " ● " if declared == level else "   "
            options.append(Option(Text(f"{marker} Declare {words}"), id=f"declare:{level}"))
        options.append(None)
        options.append(Option(Text("     Declare the incident resolved (write the status "
                                   "update first)", "bold"), id=RESOLVE))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Do what was chosen; stay open for an escalation's facts, close otherwise."""
        choice = event.option.id or ""
        kind, _, target = choice.partition(":")
        app = self.app
        if kind == RESOLVE:
            from triage.tui.screens.status_update import StatusUpdateScreen

            self.dismiss()
            app.push_screen(StatusUpdateScreen(self.session, resolving=True))
            return
        action = {"apply": lambda: remediate(target), "revert": lambda: revert(target),
                  "escalate": lambda: escalate(target),
                  "declare": lambda: declare(int(target))}[kind]()
        if not app.apply_action(action):  # type: ignore[attr-defined]
            return
        if kind == "escalate":
            owner = next(o for o in owners_for(self.session.incident) if o.id == target)
            app.notify("\n".join(owner.facts), title=f"{owner.who} joined",
                       timeout=20, markup=False)
        elif kind in ("apply", "revert"):
            app.notify("Applied. Watch the charts (the ┊ marks this minute) and the harm "
                       "counter." if kind == "apply" else "Reverted.", markup=False)
        if self.is_attached and self.app.screen is self:
            self.dismiss()

    def action_close(self) -> None:
        """Back to the war room."""
        self.dismiss()
