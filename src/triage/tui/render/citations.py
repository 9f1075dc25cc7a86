"""The debrief's account of what the player cited: each citation with its role, and the cap.

Headless: the debrief screen and any text report can draw these.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from triage.engine.debrief import Debrief
from triage.engine.scoring_parts import ScoreLine
from triage.tui.render.evidence_labels import ref_label

ROLE_LOOK = {
    "decisive": ("✓", "bold #87d787"),
    "supporting": ("+", "#afd787"),
    "red herring": ("✗", "bold #ff5f5f"),
    "not evidence": ("·", "dim"),
}
"""How each role reads: a glyph (readable without colour) and a colour."""


def evidence_cap(debrief: Debrief) -> ScoreLine | None:
    """The evidence line when it capped the score (nothing decisive cited), else None."""
    return next((line for line in debrief.lines
                 if line.part == "evidence" and line.cap is not None), None)


def cap_note(debrief: Debrief) -> Text | None:
    """One line under the score saying it was capped, and why; None when it was not."""
    line = evidence_cap(debrief)
    if line is None or line.cap is None:
        return None
    out = Text()
    out.append(f"capped at {line.cap:g}", "bold #ff5f5f")
    reason = ("you cited nothing" if not debrief.cited
              else "nothing you cited is decisive evidence")
    out.append(f": {reason}, so the diagnosis is unsupported and cannot pass.", "#ff8787")
    return out


def render_citations(debrief: Debrief) -> Group:
    """Each citation with its role (decisive, supporting, red herring, not evidence), the label
    wrapping beside the role; then, when the score was capped, what to do differently."""
    parts: list[RenderableType] = []
    if not debrief.cited:
        parts.append(Text("You cited nothing with your diagnosis.", "dim"))
    else:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for ref, role in debrief.cited:
            glyph, style = ROLE_LOOK.get(role, ("?", ""))
            grid.add_row(Text(f"{glyph} {role}", style), Text(ref_label(debrief.incident, ref)))
        parts.append(grid)
    if evidence_cap(debrief) is not None:  # the headline says the score was capped
        advice = Text()
        if debrief.cited:
            advice.append("None of this is decisive evidence. ", "#ff8787")
        advice.append("While investigating, press m on what settles the incident, and cite it.",
                      "dim")
        parts += [Text(), advice]
    return Group(*parts)
