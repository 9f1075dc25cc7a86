"""The debrief's what-if: the ideal curve is the ideal path's fix at the ideal path's minute, so a
right but late fix shows how much sooner the ideal path would have recovered."""

from __future__ import annotations

from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.debrief_text import render_debrief_text


def first_change(curve: list[float], baseline: list[float]) -> int:
    return next(i for i, (a, b) in enumerate(zip(curve, baseline, strict=True)) if a != b)


def test_a_right_fix_an_hour_late_is_not_drawn_as_the_ideal_curve(shapes_incident):
    ideal = ideal_actions(shapes_incident, 4)
    late = [*ideal[:-1], act.wait(60), ideal[-1]]
    debrief = build_debrief(play_actions(shapes_incident, 4, late))
    whatif = debrief.whatif
    assert whatif is not None and whatif.ideal != whatif.yours
    assert whatif.ideal_minute is not None and whatif.decision_minute - whatif.ideal_minute >= 60
    # The ideal curve leaves the no-action curve at the ideal path's minute, an hour before yours.
    offset = whatif.decision_minute - whatif.start_minute
    assert first_change(whatif.yours, whatif.no_action) >= offset
    ideal_offset = whatif.ideal_minute - whatif.start_minute
    assert first_change(whatif.ideal, whatif.no_action) <= ideal_offset + 1 <= offset - 59
    assert whatif.ideal[offset] < whatif.yours[offset] - 1000  # already recovered at your minute
    assert abs(whatif.ideal[-1] - whatif.yours[-1]) < 5  # the same fix: the same place in the end
    text = render_debrief_text(debrief)
    assert f"the ideal path's fix at minute {whatif.ideal_minute}" in text


def test_the_ideal_path_itself_draws_one_curve(shapes_incident):
    debrief = build_debrief(play_actions(shapes_incident, 4, ideal_actions(shapes_incident, 4)))
    whatif = debrief.whatif
    assert whatif is not None and whatif.ideal == whatif.yours
    assert whatif.ideal_minute == whatif.decision_minute
