"""How `triage validate` prints a problem or warning: GitHub annotations and JSON objects."""

from __future__ import annotations

from typing import Any

from triage.model.yamlsource import Problem


def as_github(problem: Problem) -> str:
    """A GitHub Actions annotation for one problem: `::error ...`, or `::warning ...`."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    title = f",title={prop(problem.key)}" if problem.key else ""
    return (f"::{problem.severity} file={prop(problem.path)},line={problem.line},"
            f"col={problem.col}{title}::{data(problem.message)}")


def as_json(problem: Problem) -> dict[str, Any]:
    """The JSON object for one problem: path, line, col, key and message, plus
    `"severity": "warning"` for a warning (errors keep their original shape)."""
    return problem.as_dict()
