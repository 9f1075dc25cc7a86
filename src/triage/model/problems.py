"""Positioned problems: an error in an authored file at its `path:line:col`, with did-you-mean.

A problem is an error unless its `severity` is "warning" (an authoring lint: printed, but the file
stays valid). Errors keep the shape they always had, so older consumers see no change.

Pydantic's errors become these in `triage.model.error_mapping`; this module imports no pydantic, so
the YAML loader and the commands that only report problems stay light.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One error (or warning) in an authored file, printed as `path:line:col: message`
    (1-based); a warning reads `path:line:col: warning: message`.

    A named tuple rather than a frozen dataclass: as immutable, and defined about fifteen times
    faster (a frozen dataclass generates and compiles its methods when its module is imported,
    some 0.4 ms of every `triage validate`). `problem._replace(severity="warning")` makes a
    changed copy."""

    path: str
    line: int
    col: int
    key: str
    message: str
    severity: Severity = "error"

    @property
    def is_warning(self) -> bool:
        """True for a warning, which does not make the file invalid."""
        return self.severity == "warning"

    def format(self) -> str:
        """Return the `path:line:col: message` form that editors and CI logs can jump to."""
        label = "warning: " if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready dict with keys path, line, col, key and message,
        plus `"severity": "warning"` for a warning (errors keep their original five keys)."""
        data = self._asdict()
        if not self.is_warning:
            del data["severity"]
        return data


class YamlError(Exception):
    """A file could not be loaded or validated; `problems` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))


def did_you_mean(word: object, options: Iterable[object]) -> str:
    """Return `" (did you mean 'x'?)"` for the option closest to `word`, or `""` if none is."""
    text = str(word)
    by_folded: dict[str, str] = {}
    for option in options:
        by_folded.setdefault(str(option).casefold(), str(option))
    if text in by_folded.values():
        return ""
    match = difflib.get_close_matches(text.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f" (did you mean '{by_folded[match[0]]}'?)" if match else ""


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def format_loc(loc: Iterable[str | int]) -> str:
    """Return a loc such as `('signals', 2, 'dashboard')` as `signals[2].dashboard`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


def print_problems(problems: Iterable[Problem], stream: Any = None) -> None:
    """Print problems one per line as `path:line:col: message` (to stderr by default), with
    authored text made safe for the terminal."""
    import sys

    from triage.text.safe import clean_line

    stream = stream or sys.stderr
    for problem in problems:
        print(clean_line(problem.format()), file=stream)
