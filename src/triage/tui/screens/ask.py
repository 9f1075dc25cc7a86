"""Ask the ML team: a colleague answers a few generic questions, each with its cost in simulated
minutes shown up front. Every answer says who gave it, and `m` marks an answer as evidence."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.engine.actions import ask
from triage.engine.session import Session
from triage.model.colleague import Question, menu, topic_questions
from triage.tui.marking import mark_binding, toggle
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.text import cost, plain, since
from triage.tui.widgets.rows import sync_rows

HELP = "enter asks · m marks an answer · tab moves between lists · escape closes"


def answer_prompt(question: Question, at: float, marked: bool) -> Table:
    """One answer: when it was asked, the question, then who answered and what they said."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    body = Text()
    body.append(f"{since(at)}  you: ", "dim")
    body.append_text(plain(question.asked_as, "bold"))
    body.append("\n")
    body.append_text(plain(question.who or "ML team", "#87afd7"))
    body.append(": ", "#87afd7")
    body.append_text(plain(question.answer, multiline=True))
    grid.add_row(Text(MARK if marked else "", "bold #d7af5f"), body)
    grid.add_row("", "")  # a blank line between answers
    return grid


class AskScreen(ModalScreen[None]):
    """A dialog: pick a question, pay its time, read (and mark) the answers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="ask.close"),
        mark_binding("ask"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.menu = menu(session.incident.questions)
        self._answered: list[str] = []
        """The question ids answered, in the order the answers are listed."""
        self._rows: list[tuple[str, tuple[float, bool]]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-dialog", classes="dialog"):
            yield Static(Text("Ask the ML team", "bold"), classes="dialog-title")
            yield OptionList(*self._options(), id="questions")
            yield Static(Text("Each question takes the team some time to answer; the cost is "
                              "shown beside it. Asking again is free.", "dim"), id="answers-note")
            yield OptionList(id="answers")
            yield Static(Text(HELP, "dim"), classes="dialog-help")

    def on_mount(self) -> None:
        self.sync()
        self.query_one("#questions", OptionList).focus()

    def _answers_to(self, target: str) -> list[Question]:
        """The answers one menu entry gets: a question's own, or every one filed under a topic."""
        questions = self.session.incident.questions
        return [q for q in questions if q.id == target] or topic_questions(questions, target)

    def _prompt(self, target: str, text: str) -> Text:
        fresh = [q for q in self._answers_to(target) if q.id not in self.session.asked]
        prompt = Text()
        if not fresh:
            prompt.append("   ✓ ", "green")
        else:
            prompt.append(f"{cost(max(q.cost for q in fresh)):>4} ", "bold #d7af5f")
        prompt.append_text(plain(text))
        return prompt

    def _options(self) -> list[Option]:
        return [Option(self._prompt(target, text), id=target) for target, text in self.menu]

    def sync(self) -> None:
        """Show which questions are answered, and the answers (oldest first) with their marks."""
        questions = self.query_one("#questions", OptionList)
        for target, text in self.menu:
            questions.replace_option_prompt(target, self._prompt(target, text))
        asked = sorted(self.session.asked.items(), key=lambda item: item[1])
        rows = [(ident, (minute, ident in self.session.marks)) for ident, minute in asked]
        if rows == self._rows:
            return
        by_id = {q.id: q for q in self.session.incident.questions}
        answers = self.query_one("#answers", OptionList)
        sync_rows(answers, self._rows, rows,
                  lambda ident, look: answer_prompt(by_id[ident], look[0], look[1]))
        self._rows = rows
        self._answered = [ident for ident, _ in rows]
        answers.display = bool(rows)
        self.query_one("#answers-note").display = not rows
        if rows and answers.highlighted is None:
            answers.highlighted = len(rows) - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Ask the chosen question (its cost is paid once); show its answer selected."""
        if event.option_list.id != "questions":
            return
        target = event.option.id or ""
        fresh = [q.id for q in self._answers_to(target) if q.id not in self.session.asked]
        if fresh and not self.app.apply_action(ask(target)):  # type: ignore[attr-defined]
            return
        shown = [q.id for q in self._answers_to(target) if q.id in self._answered]
        if shown:
            # The answers take the focus, so `m` marks the one under the cursor straight away;
            # tab goes back to the questions.
            answers = self.query_one("#answers", OptionList)
            answers.highlighted = self._answered.index(shown[0])
            answers.focus()

    def action_mark(self) -> None:
        """Mark the selected answer, or the answer to the selected question, as evidence."""
        focused = self.focused
        if focused is not None and focused.id == "answers":
            at = self.query_one("#answers", OptionList).highlighted
            if at is not None and at < len(self._answered):
                toggle(self.app, self.session, self._answered[at])
            return
        at = self.query_one("#questions", OptionList).highlighted
        target = self.menu[at][0] if at is not None else ""
        answered = [q.id for q in self._answers_to(target) if q.id in self.session.asked]
        if len(answered) == 1:
            toggle(self.app, self.session, answered[0])
        elif answered:
            answers = self.query_one("#answers", OptionList)
            answers.highlighted = self._answered.index(answered[0])
            answers.focus()
            self.notify("Several colleagues answered: pick one (up/down), then m.",
                        markup=False)
        else:
            self.notify("Ask first (enter); then m marks the answer.", markup=False)

    def action_close(self) -> None:
        """Back to the war room."""
        self.dismiss()
