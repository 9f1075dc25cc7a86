"""Ask the ML team: scripted questions, each with its cost in simulated minutes shown up front."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.engine.actions import ask
from triage.engine.session import Session
from triage.tui.render.text import cost, plain, since


class AskScreen(ModalScreen[None]):
    """A dialog: pick a question, pay its time, read the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="ask.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-dialog", classes="dialog"):
            yield Static(Text("Ask the ML team", "bold"), classes="dialog-title")
            yield OptionList(*self._options(), id="questions")
            with VerticalScroll(id="answers"):
                yield Static(id="answer-text")
            yield Static(Text("enter asks · escape closes", "dim"), classes="dialog-help")

    def on_mount(self) -> None:
        self.sync()
        self.query_one(OptionList).focus()

    def _prompt(self, question_id: str) -> Text:
        question = next(q for q in self.session.incident.questions if q.id == question_id)
        text = Text()
        if question.id in self.session.asked:
            text.append("✓ ", "green")
        else:
            text.append(f"{cost(question.cost):>4} ", "bold #d7af5f")
        text.append_text(plain(question.ask))
        return text

    def _options(self) -> list[Option]:
        return [Option(self._prompt(q.id), id=q.id) for q in self.session.incident.questions]

    def sync(self) -> None:
        """Show which questions are answered and the answers, oldest first."""
        options = self.query_one(OptionList)
        for question in self.session.incident.questions:
            options.replace_option_prompt(question.id, self._prompt(question.id))
        out = Text()
        by_id = {q.id: q for q in self.session.incident.questions}
        for question_id, at in sorted(self.session.asked.items(), key=lambda item: item[1]):
            question = by_id[question_id]
            out.append(f"{since(at)}  you: ", "dim")
            out.append_text(plain(question.ask, "bold"))
            out.append("\nML team: ", "#87afd7")
            out.append_text(plain(question.answer, multiline=True))
            out.append("\n\n")
        if not self.session.asked:
            out.append("Each question takes the team some time to answer; the cost is shown "
                       "beside it. Asking again is free.", "dim")
        out.rstrip()
        self.query_one("#answer-text", Static).update(out)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Ask the chosen question (its cost is paid once)."""
        question_id = event.option.id or ""
        if question_id in self.session.asked:
            return
        if self.app.apply_action(ask(question_id)):  # type: ignore[attr-defined]
            self.call_after_refresh(self.query_one("#answers", VerticalScroll).scroll_end,
                                    animate=False)

    def action_close(self) -> None:
        """Back to the war room."""
        self.dismiss()
