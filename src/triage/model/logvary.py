"""Log lines that read a little differently each time they repeat, drawn from the seed.

A chatty line that repeats word for word ("task done: 6 tool calls, 9.1k tokens" every ten
minutes, always 6) reads as canned. In a log line's `message`:

- `{5 to 8}` is a whole number from 5 to 8; `{8.4 to 9.8}` a number with as many decimals as the
  bounds are written with (`9.1`);
- `{ok|ok|slow}` is one of the choices (repeat one to make it likelier).

Each time the line is logged draws anew, from a random stream of its own (`triage.sim.world`), so
the wording never moves another draw of the play: every series, time and other line stays the
same for the same seed. `{{` and `}}` stay literal braces, as for the `{signal}` quotes of
`triage.model.logtemplate`; `pattern` shows a message as its readers see it outside a play.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the generator only: validating a file must not load numpy
    import numpy as np

_NUMBER = r"-?\d+(?:\.\d+)?"
VARIATION = re.compile(
    rf"(?<!\{{)\{{\s*({_NUMBER})\s+to\s+({_NUMBER})\s*\}}(?!\}})"
    r"|(?<!\{)\{([^{}|]*(?:\|[^{}|]*)+)\}(?!\})")
"""`{LOW to HIGH}` or `{A|B|...}`, not inside `{{ }}`."""


def varies(message: str) -> bool:
    """Whether a message has anything to draw."""
    return VARIATION.search(message) is not None


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def vary(message: str, rng: np.random.Generator) -> str:
    """The message with each `{low to high}` and `{a|b}` drawn from `rng`, in order."""

    def draw(match: re.Match[str]) -> str:
        low, high, choices = match.groups()
        if choices is not None:
            options = choices.split("|")
            return options[int(rng.integers(len(options)))]
        decimals = max(_decimals(low), _decimals(high))
        if decimals == 0:
            return str(int(rng.integers(int(low), int(high) + 1)))
        return f"{rng.uniform(float(low), float(high)):.{decimals}f}"

    return VARIATION.sub(draw, message)


def pattern(message: str) -> str:
    """The message as a reader sees it outside a play: `{5 to 8}` as `5-8`, `{ok|slow}` as
    `ok/slow`."""

    def show(match: re.Match[str]) -> str:
        low, high, choices = match.groups()
        return "/".join(dict.fromkeys(choices.split("|"))) if choices is not None \
            else f"{low}-{high}"

    return VARIATION.sub(show, message)


def variation_problems(message: str) -> list[str]:
    """What is wrong with a message's variations: a range written high to low."""
    problems = []
    for match in VARIATION.finditer(message):
        low, high, _ = match.groups()
        if low is not None and float(low) > float(high):
            problems.append(f"{match.group(0)} runs from high to low: write {{{high} to {low}}}")
    return problems
