"""The ML team: the questions a player can put to a colleague, and the generic question menu.

A colleague is not an oracle. The player does not pick from a list of hypotheses; they ask one of a
few generic questions (`TOPICS`), the kind anyone on call would ask, and get facts back: configs,
numbers, timestamps, diffs. An opinion may be confident and wrong. An author files each scripted
answer under a topic; answers that settle the diagnosis are named in the incident's `evidence:`
lists by their question id, so citing one earns credit.

Files written before topics existed keep working: a question without a `topic:` is asked by its own
`ask:` text, as before.
"""

# Real annotations (no `from __future__ import annotations`): pydantic would evaluate each
# field's annotation text when the models are built, in every `triage validate`.

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from triage.model.types import WEEK, Identifier, Minutes

TopicId = Literal["recent-changes", "data-sources", "evaluation", "opinion"]
"""The generic questions, by id."""

TOPICS: dict[str, str] = {
    "recent-changes": "What changed recently?",
    "data-sources": "What data does it see, and where does it come from?",
    "evaluation": "How was it evaluated before it shipped?",
    "opinion": "What do you think is going on?",
}
"""The generic question menu, in the order it is shown: topic id -> the question as asked."""


class Question(BaseModel):
    """A scripted answer from the ML team: filed under a generic `topic`, or (older files) asked
    by its own `ask` text."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, allow_inf_nan=False)

    id: Identifier
    """Referenced by `ask:` actions, by citations and by the `evidence:` lists."""
    topic: TopicId | None = None
    """The generic question this answers (recent-changes, data-sources, evaluation, opinion).
    Give one: without it the `ask` text is shown in the menu, which tends to list hypotheses."""
    ask: str = Field(default="", max_length=200)
    """The question as the player sees it; needed only when there is no `topic`."""
    answer: str = Field(min_length=1, max_length=1000)
    """The colleague's answer: facts (configs, numbers, timestamps, diffs); an opinion may be
    wrong."""
    who: str = Field(default="", max_length=60)
    """Who answers (e.g. `priya (ML platform)`); shown with the answer."""
    cost: Minutes = Field(default=5.0, ge=0, le=WEEK)
    """Simulated minutes the answer takes."""

    @property
    def asked_as(self) -> str:
        """The question as shown in the menu and the timeline."""
        return TOPICS[self.topic] if self.topic else self.ask


def topic_questions(questions: list[Question], topic: str) -> list[Question]:
    """The answers filed under `topic`, in file order."""
    return [q for q in questions if q.topic == topic]


def menu(questions: list[Question]) -> list[tuple[str, str]]:
    """The question menu as (ask target, question text): every generic topic that has an answer,
    in `TOPICS` order, then each question without a topic by its own text."""
    topics = {q.topic for q in questions if q.topic}
    entries = [(topic, text) for topic, text in TOPICS.items() if topic in topics]
    return entries + [(q.id, q.ask) for q in questions if not q.topic]
