"""Lint: hints, questions and the title that name the answer.

The *distinctive words* of an incident are the content words of its correct diagnosis that no
other diagnosis uses (`triage.authoring.wording.stems`: lower-cased, stopwords out, a tiny
stemmer). A text that holds `GIVEAWAY_WORDS` (2) or more of them names the hypothesis instead of
pointing at evidence: "The change history has a config push minutes before the first spike",
"Which embedding model encodes the index, and which encodes the questions?". The title, every
hint and every question's `ask` are checked; answers and the debrief are not (they may explain).

`content_warnings(incident, document)` returns them as warning `Problem`s, each at its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.authoring.wording import stems, words
from triage.model.yamlsource import Document, Problem

if TYPE_CHECKING:
    from triage.model.incident import Incident

GIVEAWAY_WORDS = 2
"""A text naming this many distinctive words of the correct diagnosis gives the answer away."""

GENERIC = frozenset(stems(
    "what changed recently new data where does it come from see how was it evaluated before it "
    "shipped think going on model"))
"""Words of the generic questions anyone on call asks ("What changed recently?"); they never
give an answer away on their own."""

_ADVICE = {
    "title": "state only what paged and where (\"Ranker training: gradient-norm page\")",
    "hint": "point at where to look or what to compare, never at the mechanism",
    "question": "keep questions generic (\"What changed before the page?\"), not a hypothesis "
                "to confirm",
}


def distinctive_stems(incident: Incident) -> set[str]:
    """Stems of the correct diagnosis's content words that appear in no other diagnosis."""
    correct = incident.correct_diagnosis
    others: set[str] = set()
    for option in incident.diagnoses:
        if option is not correct:
            others.update(stems(option.text))
    return set(stems(correct.text)) - others - GENERIC


def giveaway_words(text: str, distinctive: set[str]) -> list[str]:
    """The words of `text` (lower-cased, as written) that are distinctive. Each stem counts
    once, and a hyphenated word ("fine-tune", "learning-rate") is one word."""
    found: list[str] = []
    seen: set[str] = set()
    for word in words(text, keep_hyphens=True):
        hits = [part for part in stems(word) if part in distinctive and part not in seen]
        if hits:
            seen.update(hits)
            found.append(word)
    return found


def content_warnings(incident: Incident, document: Document) -> list[Problem]:
    """Warnings for the title, hints and questions that name the correct diagnosis's words."""
    distinctive = distinctive_stems(incident)
    if not distinctive:
        return []
    targets: list[tuple[str, tuple[str | int, ...], str]] = [
        ("title", ("title",), incident.title)]
    targets += [("hint", ("hints", i, "text"), h.text) for i, h in enumerate(incident.hints)]
    # A question filed under a generic topic is shown as the topic's question, not its `ask`.
    targets += [("question", ("questions", i, "ask"), q.ask)
                for i, q in enumerate(incident.questions)
                if q.ask and not q.topic]
    warnings = []
    for what, loc, text in targets:
        found = giveaway_words(text, distinctive)
        if len(found) >= GIVEAWAY_WORDS:
            quoted = ", ".join(f"'{w}'" for w in found)
            message = (f"this {what} gives the answer away: {quoted} "
                       f"{'come' if len(found) > 1 else 'comes'} from the correct diagnosis "
                       f"and from no other option; {_ADVICE[what]}")
            warnings.append(document.problem(loc, message, severity="warning"))
    return warnings
