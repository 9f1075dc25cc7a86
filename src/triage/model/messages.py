"""Messages in the author's terms, for the pydantic errors `error_mapping` turns into problems.

- Bounds name the key and keep the author's units: `every must be at least 1m; got 30s`, not
  `0.5 must be at least 1`; `decimals must be at most 6; got 9`.
- A list that is too short or too long is reported at its key with the limit:
  `diagnoses needs at least 2 items; it has 1`.
- A pattern is explained in words (`PATTERN_MESSAGES`, also the JSON Schema's
  `patternErrorMessage`, so the editor says the same).
- A value that YAML 1.1 read otherwise says so (`'yes' is text in YAML 1.2, not a boolean: write
  true`), and a number where text is expected says how it was written and to quote it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from triage.model.types import PATTERN_MESSAGES, format_minutes, is_duration_text

if TYPE_CHECKING:
    from triage.model.yamlsource import Document

_BOUNDS = {"greater_than": ("above", "gt"), "greater_than_equal": ("at least", "ge"),
           "less_than": ("below", "lt"), "less_than_equal": ("at most", "le")}
_WITHIN = re.compile(r"^(?P<value>-?[0-9.e+-]+|inf|-inf) must be (?P<rule>.+)$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")
_TYPE_ERRORS = ("int_type", "int_parsing", "float_type", "float_parsing", "bool_type",
                "bool_parsing")


def _key(loc: list[str | int]) -> str:
    name = next((part for part in reversed(loc) if isinstance(part, str)), "the value")
    index = loc[-1] if loc and isinstance(loc[-1], int) else None
    return f"{name}[{index}]" if index is not None and name != "the value" else name


def _written(document: Document, loc: list[str | int], value: Any) -> tuple[str, bool]:
    """How the value at `loc` was written, and whether it is a duration (`30s`, `2h`)."""
    text = document.source_text(loc)
    if text is None:
        for index in (0, 1):  # a [low, high] range: the element that broke the rule
            item = document.source_text([*loc, index])
            if item is not None and is_duration_text(item):
                return format_minutes(value) if isinstance(value, int | float) else item, True
        return (f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool)
                else str(value)), False
    return text, is_duration_text(text)


def _limit(number: float, duration: bool) -> str:
    return format_minutes(number) if duration else f"{number:g}"


def friendly_message(detail: dict[str, Any], clean: list[str | int],
                     document: Document) -> tuple[str, bool] | None:
    """A better message for one pydantic error (and whether it belongs at the key), or None."""
    kind, given = detail["type"], detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind in _BOUNDS:
        word, name = _BOUNDS[kind]
        written, duration = _written(document, clean, given)
        return f"{_key(clean)} must be {word} {_limit(ctx[name], duration)}; got {written}", False
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length" if kind == "too_short" else "max_length")
        actual = ctx.get("actual_length")
        what = "items" if limit != 1 else "item"
        has = "none" if actual == 0 else f"{actual}"
        word = "at least" if kind == "too_short" else "at most"
        if isinstance(given, str):
            what = "characters" if limit != 1 else "character"
            return f"{_key(clean)} must have {word} {limit} {what}; it has {has}", False
        return f"{_key(clean)} needs {word} {limit} {what}; it has {has}", True
    if kind == "string_pattern_mismatch":
        rule = PATTERN_MESSAGES.get(str(ctx.get("pattern")))
        if rule is not None:
            return f"'{given}' is not valid here: {rule}", False
    if kind in _TYPE_ERRORS or kind == "value_error":
        note = document.yaml11_note(clean) if isinstance(given, str) else None
        is_bool_note = note is not None and "not a boolean" in note
        if note is not None and is_bool_note == kind.startswith("bool"):
            return note, False
    if kind == "value_error":
        return _within_message(str(ctx.get("error", "")), clean, document)
    if kind == "string_type" and isinstance(given, int | float) and not isinstance(given, bool):
        written = document.source_text(clean) or f"{given}"
        return f"expected text, got the number {written}; put it in quotes", False
    return None


def _within_message(error: str, clean: list[str | int],
                    document: Document) -> tuple[str, bool] | None:
    """`0.5 must be at least 1` (a bound from `types.within`) as `every must be at least 1m;
    got 30s`, with the limits in the author's units."""
    match = _WITHIN.match(error)
    if match is None:
        return None
    value = float(match["value"])
    written, duration = _written(document, clean, value)
    rule = match["rule"]
    if duration:
        rule = _NUMBER.sub(lambda number: format_minutes(float(number.group())), rule)
    return f"{_key(clean)} must be {rule}; got {written}", False
