"""The what-if chart marks your decision and the ideal path's fix, on one row that fits its
box (the box is seven rows tall), however close the two minutes are."""

from __future__ import annotations

from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.model.pack import find_incident
from triage.tui.render.debrief import render_whatif


def marks(steps) -> str:
    incident = find_incident("fraud-scorer-ct-grad-norm").incident
    debrief = build_debrief(play_actions(incident, 3, steps))
    lines = render_whatif(debrief.whatif, debrief.incident, 112).plain.splitlines()
    assert len(lines) == 5  # title, three curves, one row of marks
    return lines[-1]


def test_both_minutes_are_marked_far_apart_or_close() -> None:
    late = [act.acknowledge(), act.wait(60), act.diagnose("lr_too_high", 0.9),
            act.remediate("restore_lr")]
    row = marks(late)
    assert row.index("▲ ideal fix") < row.index("▲ your decision")
    early = [act.acknowledge(), act.diagnose("lr_too_high", 0.9), act.remediate("restore_lr")]
    row = marks(early)
    assert row.count("▲") == 2 and row.rstrip().endswith("you, ideal")
    ideal = ideal_actions(find_incident("fraud-scorer-ct-grad-norm").incident, 3)
    assert marks(ideal).strip() == "▲ your decision"
