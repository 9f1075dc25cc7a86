"""Plain-text charts: Unicode block sparklines, used by preview, headless debriefs and reports."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def resample(values: Sequence[float], width: int) -> list[float]:
    """Reduce a series to at most `width` points, keeping each bucket's maximum (spikes stay)."""
    if width <= 0 or not values:
        return []
    if len(values) <= width:
        return list(values)
    step = len(values) / width
    return [max(values[int(i * step): max(int((i + 1) * step), int(i * step) + 1)])
            for i in range(width)]


def sparkline(values: Sequence[float], width: int = 60,
              low: float | None = None, high: float | None = None) -> str:
    """A one-line chart of `values`, scaled between `low` and `high` (default: their range)."""
    points = resample(values, width)
    if not points:
        return ""
    lo = min(points) if low is None else low
    hi = max(points) if high is None else high
    span = hi - lo
    if span <= 0:
        return BLOCKS[len(BLOCKS) // 2 - 1] * len(points)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[max(0, min(top, int(round((v - lo) / span * top))))] for v in points)


def format_value(value: float, decimals: int = 2, unit: str = "") -> str:
    """A value with its unit, e.g. `182.40 ms`, `0.913`, `12 %`; a value that rounds to zero
    shows no minus sign (`0.000`, not `-0.000`)."""
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return f"{text} {unit}".rstrip() if unit else text
