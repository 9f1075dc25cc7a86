"""Log messages that quote a signal's value: `p95 {p95_duration} ms over budget`.

A `{signal_id}` in a log line's message is replaced, when the line is logged, by that signal's
value at the line's minute, written with the signal's `decimals`; `{{` and `}}` are literal braces.
Anything else in braces that does not look like an id (`{"a": 1}`) is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FIELD = re.compile(r"\{\{|\}\}|\{([a-z0-9][a-z0-9_.-]*)\}")


def quoted_signals(message: str) -> list[str]:
    """The ids a message quotes, in order (with repeats)."""
    return [match.group(1) for match in _FIELD.finditer(message) if match.group(1)]


def is_template(message: str) -> bool:
    """Whether a message quotes a signal or escapes a brace (so it must be rendered)."""
    return _FIELD.search(message) is not None


def render(message: str, value_of: Callable[[str], str]) -> str:
    """The message with each `{id}` replaced by `value_of(id)` and `{{`/`}}` unescaped."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return value_of(name)

    return _FIELD.sub(substitute, message)
