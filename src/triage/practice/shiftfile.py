"""Decisions files: a shift played headless, one step per item, for tests and rehearsals::

    - noise: p1            # resolve page p1 as noise (2 minutes)
    - wait: 10m            # let the clock run
    - investigate: p2      # investigate page p2 (20 minutes for a real incident, 15 for noise)
      minutes: 30          #   ...or say how long it really took
    - escalate: p3         # hand page p3 to the secondary on-call (5 minutes)
    - end                  # end the shift early; unhandled pages stay unhandled

Deciding on a page that has not arrived yet waits for it. Every malformed step and unknown page
is reported with its line and column before anything is played.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.model.crossref import suggest
from triage.model.steps import parse_step_list
from triage.model.types import parse_minutes
from triage.model.yamlsource import Document, Problem, YamlError, load_yaml, load_yaml_text
from triage.practice.shift import CHOICES, Shift, ShiftAction

KINDS = (*CHOICES, "wait", "end")


class DecisionsError(Exception):
    """A decisions file that cannot be played; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.format() for problem in problems))
        self.problems = problems


def _step(step: Any, page_ids: list[str]) -> tuple[ShiftAction | None, str, tuple]:
    """A ShiftAction, or None with a message and where (relative to the step) to point."""
    if step == "end":
        return ShiftAction("end"), "", ()
    if isinstance(step, str):
        if step in KINDS:
            return None, f"'{step}' needs a value, e.g. '{step}: ...'", ()
        return None, f"unknown step '{step}'{suggest(step, KINDS)}", ()
    if not isinstance(step, dict) or not step:
        return None, "a step is 'end' or a mapping such as 'noise: p1'", ()
    kind = next(iter(step))
    if kind == "end":
        return None, "'end' takes no value: write '- end'", (kind,)
    if kind not in KINDS:
        return None, f"unknown step '{kind}'{suggest(str(kind), KINDS)}", (kind,)
    allowed = {kind, "minutes"} if kind == "investigate" else {kind}
    extra = [key for key in step if key not in allowed]
    if extra:
        return None, f"unexpected key '{extra[0]}' in a '{kind}' step", (extra[0],)
    value = step[kind]
    if kind == "wait":
        minutes, message = _positive(value)
        if minutes is None:
            return None, message, (kind,)
        return ShiftAction("wait", minutes=minutes), "", ()
    if not isinstance(value, str) or value not in page_ids:
        return None, f"no page '{value}' in this shift{suggest(str(value), page_ids)}", (kind,)
    minutes = None
    if "minutes" in step:
        minutes, message = _positive(step["minutes"])
        if minutes is None:
            return None, message, ("minutes",)
    return ShiftAction(kind, page=value, minutes=minutes), "", ()


def _positive(value: Any) -> tuple[float | None, str]:
    """A positive duration in minutes, or None and why not."""
    try:
        minutes = parse_minutes(value)
    except ValueError as error:
        return None, str(error)
    if minutes <= 0:
        return None, "a duration here must be more than 0 minutes"
    return minutes, ""


def parse_decisions(document: Document, shift: Shift, label: str) -> list[ShiftAction]:
    """The steps of a loaded decisions document, or DecisionsError with every problem."""
    page_ids = [page.id for page in shift.pages]
    actions, problems = parse_step_list(
        document, label, lambda step: _step(step, page_ids), "a decisions file")
    if problems:
        raise DecisionsError(problems)
    return actions


def load_decisions(path: Path, shift: Shift) -> list[ShiftAction]:
    """Load a decisions file for a shift."""
    try:
        document = load_yaml(path, expect_mapping=False)
    except YamlError as error:
        raise DecisionsError(error.problems) from None
    return parse_decisions(document, shift, str(path))


def decisions_from_text(text: str, shift: Shift, label: str = "<decisions>") -> list[ShiftAction]:
    """Parse decisions given as YAML text (tests, the TUI's log)."""
    try:
        document = load_yaml_text(text, label, expect_mapping=False)
    except YamlError as error:
        raise DecisionsError(error.problems) from None
    return parse_decisions(document, shift, label)


def dump_decisions(actions: list[ShiftAction]) -> str:
    """A decisions file (YAML text) that replays these steps."""
    lines = []
    for action in actions:
        if action.kind == "end":
            lines.append("- end")
        elif action.kind == "wait":
            lines.append(f"- wait: {action.minutes:g}m")
        else:
            lines.append(f"- {action.kind}: {action.page}")
            if action.minutes is not None:
                lines.append(f"  minutes: {action.minutes:g}")
    return "\n".join(lines) + "\n" if lines else "[]\n"
