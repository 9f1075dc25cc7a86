"""Make the exported JSON Schema say what `triage validate` enforces, and read well in an editor.

- **Bounds**: a field's numeric bounds (`Field(ge=...)`, or `types.within` on a number, range or
  duration) reach every number in its schema, including the number branch of a duration and both
  ends of a `[low, high]` range; a duration that must not be negative gets a pattern without a
  minus sign.
- **Durations** are matched by exactly what the loader parses (`1h 30m`, `- 30m`), in incidents and
  game-day plans alike.
- **Patterns** carry a `patternErrorMessage` in words (yaml-language-server shows it instead of
  the regular expression), the same text `validate` prints.
- **Hover text**: no per-property `title` (yaml-language-server joins the titles of `anyOf`
  branches into "Onset || Onset"), and descriptions are unwrapped into paragraphs and bullets,
  since the editor renders each source line as a paragraph of its own.
"""

from __future__ import annotations

import math
from typing import Any, get_args, get_origin

from triage.model.types import (
    DURATION_PATTERN,
    DURATION_PATTERN_AS_PARSED,
    NON_NEGATIVE_DURATION_PATTERN,
    PATTERN_MESSAGES,
)

_DURATIONS = (DURATION_PATTERN, DURATION_PATTERN_AS_PARSED)
DURATION_MESSAGE = "write a duration such as 15m, 2h, 1h30m, 90s or 2d, or a number of minutes"
Bounds = tuple[float, float, bool, bool]
"""(low, high, low is exclusive, high is exclusive)."""


def field_bounds(info: Any) -> Bounds | None:
    """The numeric bounds a model field enforces, from its metadata and its annotation."""
    low, high, open_low, open_high = -math.inf, math.inf, False, False
    found = False
    for meta in _metadata(info):
        for name, value in (("ge", getattr(meta, "ge", None)), ("gt", getattr(meta, "gt", None)),
                            ("le", getattr(meta, "le", None)), ("lt", getattr(meta, "lt", None))):
            if value is None:
                continue
            found = True
            if name in ("ge", "gt") and value >= low:
                low, open_low = float(value), name == "gt"
            elif name in ("le", "lt") and value <= high:
                high, open_high = float(value), name == "lt"
        bounds = getattr(getattr(meta, "func", None), "bounds", None)
        if bounds is not None:
            found = True
            if bounds[0] >= low:
                low, open_low = float(bounds[0]), bool(bounds[2])
            if bounds[1] <= high:
                high = float(bounds[1])
    return (low, high, open_low, open_high) if found else None


def _metadata(info: Any) -> list[Any]:
    found = list(getattr(info, "metadata", []))
    stack = [getattr(info, "annotation", None)]
    while stack:
        kind = stack.pop()
        args = get_args(kind)
        if get_origin(kind) is not None and hasattr(kind, "__metadata__"):
            found += list(kind.__metadata__)
            stack.append(args[0] if args else None)
        elif args and get_origin(kind) is not list:
            stack += list(args)
    return found


def apply_bounds(node: Any, bounds: Bounds) -> None:
    """Put `bounds` on every number in `node`, and forbid a sign on non-negative durations."""
    low, high, open_low, open_high = bounds
    if isinstance(node, list):
        for item in node:
            apply_bounds(item, bounds)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") in ("number", "integer"):
        if low > -math.inf:
            node.pop("minimum" if open_low else "exclusiveMinimum", None)
            node["exclusiveMinimum" if open_low else "minimum"] = _plain(low)
        if high < math.inf:
            node.pop("maximum" if open_high else "exclusiveMaximum", None)
            node["exclusiveMaximum" if open_high else "maximum"] = _plain(high)
    if node.get("type") == "string" and node.get("pattern") in _DURATIONS and low >= 0:
        node["pattern"] = NON_NEGATIVE_DURATION_PATTERN
    for key in ("anyOf", "oneOf", "allOf", "items", "prefixItems"):
        if key in node:
            apply_bounds(node[key], bounds)


def _plain(number: float) -> float | int:
    return int(number) if number == int(number) and abs(number) < 1e15 else number


def polish(node: Any, *, root: bool = True) -> Any:
    """Widen duration patterns, add `patternErrorMessage`s, drop property titles and unwrap
    descriptions, everywhere in a schema (returns a new schema)."""
    if isinstance(node, list):
        return [polish(item, root=False) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _untitled(polish(prop, root=False)) for name, prop in value.items()}
        elif key == "$defs" and isinstance(value, dict):
            out[key] = {name: polish(item, root=False) for name, item in value.items()}
        elif key == "description" and isinstance(value, str):
            out[key] = unwrap(value)
        elif key == "pattern" and value == DURATION_PATTERN:
            out[key] = DURATION_PATTERN_AS_PARSED
        else:
            out[key] = polish(value, root=False)
    pattern = out.get("pattern")
    if isinstance(pattern, str) and "patternErrorMessage" not in out:
        message = (DURATION_MESSAGE if pattern in (*_DURATIONS, NON_NEGATIVE_DURATION_PATTERN)
                   else PATTERN_MESSAGES.get(pattern))
        if pattern == NON_NEGATIVE_DURATION_PATTERN:
            message = f"{DURATION_MESSAGE}; not negative here"
        if not message and isinstance(out.get("description"), str):
            message = "expected: " + out["description"].split("\n")[0]
        if message:
            out["patternErrorMessage"] = message
    return out


def _untitled(node: Any) -> Any:
    """A property's schema without the titles pydantic gives it and its `anyOf` branches."""
    if isinstance(node, dict):
        node = {key: value for key, value in node.items() if key != "title"}
        for key in ("anyOf", "oneOf"):
            if isinstance(node.get(key), list):
                node[key] = [_untitled(branch) for branch in node[key]]
    return node


def unwrap(text: str) -> str:
    """Hard-wrapped docstring text as paragraphs and bullets, one line each."""
    paragraphs = []
    for block in text.split("\n\n"):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not line.startswith(("- ", "* ")):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(p for p in paragraphs if p)
