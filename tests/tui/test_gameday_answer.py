"""The facilitator's answer card quotes the lesson as the round's seed plays it: no raw
`{signal@moment}` placeholders, and the numbers of that seed's ideal path."""

from __future__ import annotations

from rich.console import Console

from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.model.pack import find_incident
from triage.tui.gameday.render import render_answer


def test_the_answer_card_fills_the_lesson_for_the_rounds_seed() -> None:
    incident = find_incident("fraud-scorer-ct-grad-norm").incident
    assert "{learning_rate@decision}" in incident.debrief.meant
    console = Console(width=100, record=True, file=None)
    with console.capture() as capture:
        console.print(render_answer(incident, seed=3))
    card = " ".join(capture.get().split())
    ideal = build_debrief(play_actions(incident, 3, ideal_actions(incident, 3)))
    assert "{" not in card
    assert " ".join(ideal.incident.debrief.meant.split()) in card
