"""A physics report (drift table, reliability diagram) as text, every cell kept literal."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from triage.safetext import clean


def render_report(report: Any) -> Text:
    """The report's own text rendering, made inert."""
    from triage.sim.physics.reports import render_text

    return Text(clean(render_text(report)))
