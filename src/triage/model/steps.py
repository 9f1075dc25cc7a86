"""Step lists: YAML files that are a list of steps (actions files, shift decisions files).

Each step is parsed by a caller-supplied function; every bad step becomes a positioned problem,
so a file is either used whole or refused with all of its mistakes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from triage.model.yamlsource import Document, Problem

Step = TypeVar("Step")
StepParser = Callable[[Any], tuple[Step | None, str, tuple]]
"""Parse one step: the value, or None with a message and the location (within the step) to blame."""


def parse_step_list(
    document: Document, label: str, parse: StepParser[Step], noun: str
) -> tuple[list[Step], list[Problem]]:
    """The parsed steps of a list document, and a problem for every step that did not parse."""
    if not isinstance(document.data, list):
        return [], [Problem(label, 1, 1, "", f"{noun} is a YAML list of steps")]
    steps: list[Step] = []
    problems: list[Problem] = []
    for index, raw in enumerate(document.data):
        step, message, where = parse(raw)
        if step is None:
            line, col = document.position((index, *where))
            problems.append(Problem(label, line, col, f"[{index}]", message))
        else:
            steps.append(step)
    return steps, problems
