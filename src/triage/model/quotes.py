"""Quoted values in the lesson: `{signal@moment}` placeholders and where they may be written.

A debrief that says "accuracy fell to 71%" when the player saw 81% at their decision teaches the
wrong number. So the texts the debrief shows after a play (the incident's `debrief:` and each
option's `explanation:`) may quote the simulation instead of a number written by hand:

- `{accuracy@decision}`: the signal's value at that moment, written as its panel writes it (the
  signal's decimals and unit): `81.3%`;
- `{accuracy@decision:0}`: with 0 decimals (any digit): `81%`;
- `{train_loss@peak/before}`: the ratio of two moments' values, as a multiple: `30x` (`2.4x`
  under ten; `:N` sets the decimals).

The moments (`MOMENTS`): `before` the usual value before the onset (the median of the hour before
it), `onset`, `page` (when the page fired), `decision` (when the player remediated; the end of
the play if they never did), `peak` and `low` (the highest and lowest value from the onset to the
decision), and `end` (the last minute of the timeline, had nothing been done). `triage check`
fills them along the ideal path. `triage validate` reports a placeholder that names no signal or
moment, or that sits in a text that is never filled (shown before the debrief, where a number
from the future would give the game away). In the filled texts `%%` is shown as `%`: write it for
a percentage that is no panel's reading, which `triage check` then leaves alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from triage.model.crossref import Finding
    from triage.model.incident import Incident

MOMENTS = ("before", "onset", "page", "decision", "peak", "low", "end")
"""Where along the play a placeholder reads its signal."""
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9][\w.-]*)@(\w+)(?:/(\w+))?(?::(\d))?\}")
"""`{signal@moment}`, `{signal@moment/moment}`, either with `:N` decimals."""
LESSON_FIELDS = ("saw", "meant", "monitor", "do", "ask")
"""The `debrief:` texts that are filled."""


class Quote(NamedTuple):
    """One placeholder: the signal, the moment (and the moment it is divided by), decimals."""

    signal: str
    moment: str
    over: str | None = None
    decimals: int | None = None


def quotes(text: str) -> list[tuple[re.Match[str], Quote]]:
    """The placeholders in a text, each with its match (for replacing it)."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        signal, moment, over, decimals = match.groups()
        found.append((match, Quote(signal, moment, over,
                                   None if decimals is None else int(decimals))))
    return found


def filled_texts(incident: Incident) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text the debrief fills, with its location in the incident file."""
    for name in LESSON_FIELDS:
        yield ("debrief", name), getattr(incident.debrief, name)
    for index, diagnosis in enumerate(incident.diagnoses):
        yield ("diagnoses", index, "explanation"), diagnosis.explanation
    for index, remediation in enumerate(incident.remediations):
        yield ("remediations", index, "explanation"), remediation.explanation


def _shown_before(incident: Incident) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Texts a player reads during the play, which are never filled."""
    yield ("title",), incident.title
    yield ("briefing",), incident.briefing
    for index, diagnosis in enumerate(incident.diagnoses):
        yield ("diagnoses", index, "text"), diagnosis.text
    for index, remediation in enumerate(incident.remediations):
        yield ("remediations", index, "text"), remediation.text
    for index, hint in enumerate(incident.hints):
        yield ("hints", index, "text"), hint.text
    for index, question in enumerate(incident.questions):
        yield ("questions", index, "answer"), question.answer
    for index, line in enumerate(incident.logs):
        yield ("logs", index, "message"), line.message
    for index, change in enumerate(incident.changes):
        yield ("changes", index, "summary"), change.summary


def check_quotes(incident: Incident) -> Iterator[Finding]:
    """Placeholders name a signal and moments that exist, and only where they are filled."""
    from triage.model.crossref import Finding, suggest

    signals = [signal.id for signal in incident.signals]
    for loc, text in filled_texts(incident):
        for match, quote in quotes(text):
            written = match.group(0)
            if quote.signal not in signals:
                yield Finding(loc, f"{written} quotes no signal: there is none named "
                              f"'{quote.signal}'{suggest(quote.signal, signals)}")
            for moment in (quote.moment, quote.over):
                if moment is not None and moment not in MOMENTS:
                    yield Finding(loc, f"{written}: no moment named '{moment}'"
                                  f"{suggest(moment, MOMENTS)}; the moments are "
                                  f"{', '.join(MOMENTS)}")
    for loc, text in _shown_before(incident):
        for match, _ in quotes(text):
            yield Finding(loc, f"{match.group(0)} is only filled in the debrief's texts and the "
                          "options' explanations; here it would show as written")
