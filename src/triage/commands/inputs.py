"""Input rules every command shares, so one flag means the same thing everywhere.

`--seed N`: a whole number from 0 to 2**64 - 1 (18446744073709551615), written with the digits
0-9 and nothing else. The simulation draws from 64-bit seeds, so a larger number or a negative one
would only alias a seed in that range (`2**64` would play exactly like `0`); they are refused as
usage errors (exit 2) instead of being quietly wrapped, in `play`, `preview`, `export` and
`shift` alike.
"""

from __future__ import annotations

import argparse
import re

SEED_MAX = 2**64 - 1
"""The largest seed: the simulation's random generators take 64-bit seeds."""
DEFAULT_SEED = 1
"""The seed `preview`, `export` and `play --headless` use when none is given, so the same incident
shows the same curves in all three; a play in the TUI draws a random one (a replay should not be
memorised)."""

_DIGITS = re.compile(r"[0-9]{1,20}")
SEED_RULE = f"a whole number from 0 to {SEED_MAX}"


def seed_value(text: str) -> int:
    """argparse type for `--seed`: the seed, or ArgumentTypeError saying the rule."""
    if not _DIGITS.fullmatch(text) or int(text) > SEED_MAX:
        shown = text if len(text) <= 30 else text[:30] + "..."
        raise argparse.ArgumentTypeError(f"{shown!r} is not a seed: a seed is {SEED_RULE}")
    return int(text)


def add_seed(parser: argparse.ArgumentParser, default: int | None, what: str,
             shown: str | None = None) -> None:
    """Add `--seed N` (by the rule above) with `what` it seeds in the help (`shown` words the
    default when `default` alone would not say it)."""
    shown = shown or ("random" if default is None else str(default))
    parser.add_argument("--seed", type=seed_value, default=default, metavar="N",
                        help=f"seed for {what}, 0 to 2**64-1 (default: {shown})")
