"""Value types shared by every authored file: durations and seed-varied numbers.

Authors write times as durations (`90s`, `15m`, `2h`, `1h30m`, `3d`, or a bare number of minutes)
and may write any seed-varied number as a two-element list `[low, high]`: each play draws a value
uniformly from that range with the play's seed. Internally every time is a float number of minutes.
"""


import math
import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from triage.model.typehooks import Check, Constrained, JsonSchema, Parse

if TYPE_CHECKING:
    import numpy as np

_DURATION = re.compile(r"^\s*([+-])?\s*((?:\d+(?:\.\d+)?\s*[dhms]\s*)+)$")
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([dhms])")
_UNIT_MINUTES = {"d": 1440.0, "h": 60.0, "m": 1.0, "s": 1.0 / 60.0}
DURATION_PATTERN = r"^[+-]?(\d+(\.\d+)?[dhms])+$"
"""Durations as the models' JSON Schema writes them (`1h30m`, `-2d`)."""
DURATION_PATTERN_AS_PARSED = r"^\s*[+-]?\s*(\d+(\.\d+)?\s*[dhms]\s*)+$"
"""Everything `parse_minutes` accepts (`_DURATION`, spaces included), as an ECMA regex for the
exported schema. Kept beside `_DURATION` so that a new unit changes one file."""
NON_NEGATIVE_DURATION_PATTERN = r"^\s*\+?\s*(\d+(\.\d+)?\s*[dhms]\s*)+$"
"""The same, without a minus sign: for durations that must not be negative."""
WEEK = 10080.0
"""The longest timeline, in minutes; also the most any single action may cost."""
MAX_MINUTES = 1_000_000.0
"""The longest duration either way (about 694 days): a timeline is at most a week, and anything far
beyond it is a typo that would only make the simulation's arithmetic overflow."""
MAX_MAGNITUDE = 1e12
"""The largest size of any number an author writes for a signal (baseline, effect, noise...)."""


class StrictModel(BaseModel):
    """The base of the authored formats' models: unknown keys refused, values frozen, numbers
    finite. One base for every model module (a pydantic class takes ~0.1 ms to make).

    No `use_attribute_docstrings`: it parses the source of every model at import, a fifth of
    `triage validate`'s start-up; the JSON Schema export reads the field docstrings instead.
    `defer_build`: the first validation of an `Incident` builds its one validator (every nested
    model's schema inside it) instead of each of the 42 models building its own at import, which
    nothing validating an incident uses. A nested model used on its own (`Par()`) builds its
    validator then.
    """

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, allow_inf_nan=False)


_TEXT_MINUTES: dict[str, float] = {}
"""Durations already read from text (an incident writes the same few, `15m`, `2h`, many times)."""


def parse_minutes(value: Any) -> float:
    """Return a duration in minutes from `15m`, `2h`, `1h30m`, `-30m`, `45s`, `2d` or a number."""
    if value.__class__ is str and (known := _TEXT_MINUTES.get(value)) is not None:
        return known
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 15m, 2h or 90s, not a boolean")
    if isinstance(value, int | float):
        minutes = float(value)
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError(
                f"{value!r} is not a duration; write it like 15m, 2h, 1h30m, 2d or 90s")
        sign = -1.0 if match.group(1) == "-" else 1.0
        minutes = sign * sum(
            float(number) * _UNIT_MINUTES[unit] for number, unit in _PART.findall(match.group(2))
        )
    else:
        raise ValueError("expected a duration such as 15m, 2h or 90s")
    if not math.isfinite(minutes):
        raise ValueError("a duration must be a finite number of minutes")
    if abs(minutes) > MAX_MINUTES:
        raise ValueError(f"{minutes:g} minutes is too long; a duration is at most "
                         f"{MAX_MINUTES:,.0f} minutes either way")
    if value.__class__ is str and len(_TEXT_MINUTES) < 4096:
        _TEXT_MINUTES[value] = minutes
    return minutes


def _minutes(value: Any) -> float:
    return parse_minutes(value)


_minutes.bounds = (-MAX_MINUTES, MAX_MINUTES, False)  # type: ignore[attr-defined]
"""The JSON Schema's bounds of every duration written as a number (see `schema_polish`)."""


def is_duration_text(text: str) -> bool:
    """Is `text` a duration written with units (`30s`, `1h30m`), not a bare number?"""
    return bool(_DURATION.match(text))


def format_minutes(minutes: float) -> str:
    """A number of minutes as the shortest duration an author would write: 0.5 is `30s`, 90 is
    `1h30m`, -360 is `-6h`, 0 is `0m`."""
    sign = "-" if minutes < 0 else ""
    seconds = round(abs(minutes) * 60, 3)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{int(count)}{unit}")
    if seconds:
        parts.append(f"{seconds:g}s")
    return sign + ("".join(parts) or "0m")


PATTERN_MESSAGES = {
    r"^[a-z0-9][a-z0-9_.-]*$": "an id is lower-case letters, digits, '_', '-' and '.', starting "
    "with a letter or digit (like p99_latency)",
    r"^[A-Za-z][A-Za-z0-9_]*$": "an alert name starts with a letter and has only letters, "
    "digits and '_' (like LatencySLOBurn)",
    r"^[a-z0-9][a-z0-9_-]*\.[A-Za-z0-9_.-]+$": "write a physics output as system.output (like "
    "trainer.grad_norm)",
    r"^[a-z][a-z0-9_]*$": "a feature name starts with a lower-case letter and has only "
    "lower-case letters, digits and '_'",
    r"^[a-zA-Z_][a-zA-Z0-9_]*$": "a metric name has only letters, digits and '_', and does "
    "not start with a digit",
    r"^([01]\d|2[0-3]):[0-5]\d$": "a time of day as HH:MM, from 00:00 to 23:59 (like 09:40)",
}
"""What each pattern in the models means, in words: the message `validate` gives for a value
that does not match, and the JSON Schema's `patternErrorMessage` for the editor."""


def _finite(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    if isinstance(value, int | float) and not math.isfinite(value):
        raise ValueError("must be a finite number (not NaN or infinity)")
    return value


def _range_or_scalar(parse: Any) -> Any:
    def convert(value: Any) -> Any:
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("a seed-varied range is a list of exactly two values: [low, high]")
            low, high = parse(value[0]), parse(value[1])
            if low > high:
                raise ValueError(f"range low {low:g} is above high {high:g}")
            return (low, high)
        return parse(value)

    convert.bounds = getattr(parse, "bounds", None)  # type: ignore[attr-defined]
    return convert


def _number(value: Any) -> float:
    value = _finite(value)
    if not isinstance(value, int | float):
        raise ValueError("expected a number")
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"{value:g} is too large; numbers here are at most {MAX_MAGNITUDE:g} "
                         "either way")
    return float(value)


_number.bounds = (-MAX_MAGNITUDE, MAX_MAGNITUDE, False)  # type: ignore[attr-defined]


def within(low: float, high: float = math.inf, *, open_low: bool = False) -> tuple[Any, Any]:
    """Validator and JSON Schema for a number, or `[low, high]` range, kept within bounds."""
    word = "above" if open_low else "at least"
    limit = f"must be {word} {low:g}" + (f" and at most {high:g}" if high < math.inf else "")

    def check(value: Any) -> Any:
        for number in value if isinstance(value, tuple) else (value,):
            if not (number > low if open_low else number >= low) or number > high:
                raise ValueError(f"{number:g} {limit}")
        return value

    check.bounds = (low, high, open_low)  # type: ignore[attr-defined]  # for the JSON Schema

    bound: dict[str, Any] = {"exclusiveMinimum" if open_low else "minimum": low}
    if high < math.inf:
        bound["maximum"] = high
    number = {"type": "number", **bound}
    items = {"type": "array", "items": number, "minItems": 2, "maxItems": 2}
    return Check(check), JsonSchema({"anyOf": [number, items]})


_DURATION_SCHEMA = {"anyOf": [{"type": "string", "pattern": DURATION_PATTERN}, {"type": "number"}]}

Minutes = Annotated[float, Parse(_minutes, _DURATION_SCHEMA)]
"""A duration, stored as minutes. Written as `15m`, `2h`, `1h30m`, `90s`, `-30m` or a number."""

Number = Annotated[float, BeforeValidator(_number)]
"""A finite number (NaN and infinity are refused)."""

NumRange = Annotated[
    float | tuple[float, float],
    Parse(
        _range_or_scalar(_number),
        {
            "anyOf": [
                {"type": "number"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            ]
        },
        serializer=lambda v: list(v) if isinstance(v, tuple) else v,
    ),
]
"""A number, or `[low, high]`: a value drawn per play from the seed."""

MinutesRange = Annotated[
    float | tuple[float, float],
    Parse(
        _range_or_scalar(_minutes),
        {
            "anyOf": [
                _DURATION_SCHEMA,
                {"type": "array", "items": _DURATION_SCHEMA, "minItems": 2, "maxItems": 2},
            ]
        },
        serializer=lambda v: list(v) if isinstance(v, tuple) else v,
    ),
]
"""A duration, or `[earliest, latest]`: a duration drawn per play from the seed."""

Identifier = Annotated[str, Constrained(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""An id: lower-case letters, digits, `_`, `-` and `.`; starts with a letter or digit."""


def resolve(value: "float | tuple[float, float]", rng: "np.random.Generator") -> float:
    """Draw a seed-varied value: a plain number is returned as is; `(low, high)` is drawn uniformly.

    The generator is always advanced once, so the order of later draws never depends on whether an
    author wrote a number or a range.
    """
    draw = float(rng.random())
    if isinstance(value, tuple):
        low, high = value
        return low + (high - low) * draw
    return float(value)
