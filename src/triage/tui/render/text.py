"""Small text helpers: literal incident text, the simulated clock, costs and stars."""

from __future__ import annotations

from rich.text import Text

from triage.safetext import clean, clean_line

MINUTES_PER_DAY = 1440


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """Authored text as a literal `Text`: never parsed as markup, control characters inert,
    surrounding whitespace (a YAML block's final newline) removed."""
    return Text(clean(text.strip()) if multiline else clean_line(text).strip(), style=style)


def clock(minute: float) -> str:
    """The simulated wall clock at a timeline minute: `02:14`, `d2 02:14`, `-1d 23:00`."""
    whole = int(minute)
    day, in_day = divmod(whole, MINUTES_PER_DAY)
    text = f"{in_day // 60:02d}:{in_day % 60:02d}"
    if day < 0:
        return f"{day}d {text}"
    return f"d{day + 1} {text}" if day else text


def since(minutes: float) -> str:
    """A signed offset in minutes, `+7m`, `-1h05m`."""
    sign = "-" if minutes < 0 else "+"
    whole = int(round(abs(minutes)))
    if whole >= 60:
        return f"{sign}{whole // 60}h{whole % 60:02d}m"
    return f"{sign}{whole}m"


def cost(minutes: float) -> str:
    """What an investigation costs in simulated time: `3m`, or `free` when already paid."""
    return "free" if minutes <= 0 else f"{minutes:g}m"


def stars(difficulty: int, out_of: int = 5) -> str:
    """Difficulty as filled and empty stars."""
    return "★" * difficulty + "☆" * max(0, out_of - difficulty)


def label(identifier: str) -> str:
    """An id as a reader-friendly label: `train_prod_mismatch` -> `train prod mismatch`."""
    return identifier.replace("_", " ").replace("-", " ")
