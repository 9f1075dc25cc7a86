"""Small text helpers: literal incident text, the simulated clock, costs and stars."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from triage.text import clock as clocktext
from triage.text.safe import clean, clean_line

Run = tuple[str, str]
"""A piece of a drawn row: its text and its Rich style string (`""` for the base style)."""

MINUTES_PER_DAY = 1440


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """Authored text as a literal `Text`: never parsed as markup, control characters inert,
    surrounding whitespace (a YAML block's final newline) removed."""
    return Text(clean(text.strip()) if multiline else clean_line(text).strip(), style=style)


def clock(minute: float, page_minute: float = 0, start: float = 0) -> str:
    """The simulated wall clock at a timeline minute, its day counted from the page's day
    (`triage.text.clock`): `02:14`, `-1d 23:00`, `+1d 00:10`."""
    return clocktext.clock(minute, page_minute, start)


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


DIFFICULTY_LEVELS = 3
"""The difficulty levels incidents use (the schema allows up to 5 for harder home-made ones)."""


def stars(difficulty: int, out_of: int = DIFFICULTY_LEVELS) -> str:
    """Difficulty as filled and empty stars, out of the three levels (`★★☆`); a harder incident
    than `out_of` fills every star it has (`★★★★`)."""
    return "★" * difficulty + "☆" * max(0, out_of - difficulty)


def label(identifier: str) -> str:
    """An id as a reader-friendly label: `train_prod_mismatch` -> `train prod mismatch`."""
    return identifier.replace("_", " ").replace("-", " ")


def runs_width(runs: list[Run]) -> int:
    """How many terminal cells a row of runs takes."""
    return sum(cell_len(text) for text, _ in runs)


def fit(runs: list[Run], width: int) -> list[Run]:
    """A row made exactly `width` cells: cut with `…` at the end when too long (as
    `Text.truncate`), padded with spaces in the base style when short."""
    runs = [run for run in runs if run[0]]
    size = runs_width(runs)
    if size <= width:
        return [*runs, (" " * (width - size), "")] if size < width else runs
    out: list[Run] = []
    room = max(0, width - 1)
    for text, style in runs:
        size = cell_len(text)
        if size <= room:
            out.append((text, style))
            room -= size
            continue
        out.append((set_cell_size(text, room) + "…", style))
        break
    return [run for run in out if run[0]]


def run_segments(runs: list[Run], base: Style, styles: dict[str, Style]) -> list[Segment]:
    """A row of runs as segments over `base`; `styles` keeps each run style already combined
    with `base`, so a redraw does no style arithmetic (keep it only while `base` holds)."""
    segments = []
    for text, style in runs:
        combined = styles.get(style)
        if combined is None:
            combined = styles[style] = base + Style.parse(style) if style else base
        segments.append(Segment(text, combined))
    return segments
