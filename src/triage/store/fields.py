"""Reading one stored field: the decoded value, or an error that names the field and shows what
it holds. Light (no other triage import), so the streamed history listing can use it per row."""

from __future__ import annotations

from typing import Any


def read_field(what: str, decode: Any, value: Any, problem: type[Exception] = ValueError) -> Any:
    """`decode(value)`, or `problem` saying which field cannot be read and showing (the start
    of) what it holds."""
    try:
        return decode(value)
    except (ValueError, TypeError, OverflowError) as error:
        shown = repr(value) if not isinstance(value, str) or len(value) <= 40 \
            else repr(value[:40]) + "..."
        raise problem(f"its {what} cannot be read: {shown} ({error})") from None
