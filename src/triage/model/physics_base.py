"""Shared pieces of the physics system models: bounded number types, the cost limits, override
rules and the base class every system spec derives from (the systems are in `physics.py`).
"""


import math
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
)

from triage.model.typehooks import Constrained
from triage.model.types import MinutesRange, NumRange
from triage.model.types import within as _within

FeatureName = Annotated[str, Constrained(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
"""A feature name usable in an output name such as `psi.<feature>`."""


_RATE, _SPREAD = _within(0, 100, open_low=True), _within(0, 50, open_low=True)
_SHARE, _NOISE = _within(0, 1), _within(0, 0.5)

Rate = Annotated[NumRange, _RATE[0], _RATE[1]]
"""A learning rate above 0 and at most 100, or a `[low, high]` range of them."""
Spread = Annotated[NumRange, _SPREAD[0], _SPREAD[1]]
"""A positive scale (separation, temperature, signal) up to 50, or a range of them."""
Share = Annotated[NumRange, _SHARE[0], _SHARE[1]]
"""A share between 0 and 1, or a `[low, high]` range of them."""
NoiseShare = Annotated[NumRange, _NOISE[0], _NOISE[1]]
"""A share of flipped labels between 0 and 0.5, or a range of them."""
Duration = Annotated[MinutesRange, _within(0, math.inf)[0]]
"""A non-negative duration, or an `[earliest, latest]` range of them."""


MAX_SIMULATED_VALUES = 10_000_000
"""The most numbers an incident's systems may hold while simulating (about 80 MB of float64)."""
MAX_SIMULATED_WORK = 500_000_000
"""The most multiply-adds an incident's systems may take (a few seconds of numpy)."""
_STEP_OVERHEAD = 10_000
"""A training step's Python overhead, counted as this many multiply-adds."""
_FLAG_WORDS = ("true", "false", "yes", "no", "on", "off")


def _windows(minutes: int, every: float) -> int:
    return max(1, math.ceil(minutes / every))


def _high(value: float | tuple[float, float]) -> float:
    return value[1] if isinstance(value, tuple) else value


def _low(value: float | tuple[float, float]) -> float:
    return value[0] if isinstance(value, tuple) else value


def override_problem(rule: tuple[str, float, float], value: object) -> str | None:
    """Why `value` does not fit an override rule `(kind, low, high)`, or None when it does.

    Kinds: `flag` (true/false, 0/1), `number` (low < value <= high), `number0` (low <= value <=
    high), `count` (a whole `number`) and `clip` (a `number0`, or false for no clipping).
    """
    kind, low, high = rule
    if kind == "flag":
        if isinstance(value, bool) or value in (0, 1):
            return None
        if isinstance(value, str) and value.strip().lower() in _FLAG_WORDS:
            return None
        return f"expected true or false, got {value!r}"
    if kind == "clip" and (value is False or (isinstance(value, str) and value.strip().lower()
                                              in ("false", "no", "off"))):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if kind == "count" and value != int(value):
        return f"expected a whole number, got {value:g}"
    above = value > low if kind in ("number", "count") else value >= low
    if not (above and value <= high):
        word = "above" if kind in ("number", "count") else "at least"
        return f"{value:g} is out of range: it must be {word} {low:g} and at most {high:g}"
    return None


class _Spec(BaseModel):
    # No `use_attribute_docstrings`: it parses the source of every model at import, a fifth of
    # `triage validate`'s start-up. The JSON Schema export reads the field docstrings instead.
    model_config = ConfigDict(defer_build=True, extra="forbid", allow_inf_nan=False)

    def override_rules(self) -> dict[str, tuple[str, float, float]]:
        """What each parameter a remediation may override accepts (see `override_problem`)."""
        return {name: ("flag", 0.0, 1.0) for name in self.parameters()}

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return []

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly, as an upper bound.

        The validator refuses an incident whose systems add up to more than
        `MAX_SIMULATED_VALUES` or `MAX_SIMULATED_WORK`, so no file can make a play take minutes
        or gigabytes.
        """
        return minutes, minutes
