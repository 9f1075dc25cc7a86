"""Time that passes while the player reads is kept for the replay, not shown as their action.

The TUI's clock ticks a minute at a time. Those ticks were stored as `wait: 1m` steps, so the
timeline and exported actions showed "wait 1m" dozens of times for waits nobody chose. Now they
are one `idle` entry per stretch of reading: left out of timelines and game-day steps, and
replayed a minute at a time, so a stored play still scores exactly the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.engine.actionfile import ActionFileError, parse_actions
from triage.engine.actions import acknowledge, ask, diagnose, idle, open_, remediate, wait
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.record import finished_play
from triage.engine.session import Session
from triage.gameday.records import summarise_actions
from triage.model.loader import LoadedIncident, load_incident
from triage.model.pack import Catalog
from triage.model.yamlsource import load_yaml_text
from triage.practice.replay import load_replay, steps_yaml
from triage.store.recording import store_play

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def played_with_ticks():  # noqa: ANN201
    """A play as the TUI makes it: ticks while reading, between the player's own steps."""
    fixture = load_incident(FIXTURE)
    question = fixture.incident.questions[0].model_copy(update={"cost": 1 / 3})  # 20 seconds
    loaded = LoadedIncident(fixture.incident.model_copy(update={"questions": [question]}),
                            fixture.path, fixture.sha256)
    session = Session(loaded.incident, 21)
    session.apply(wait(2))
    session.apply(ask("prompt-change"))  # a fractional clock before the ticks: no drift
    for _ in range(3):
        session.apply(idle(1))
    session.apply(acknowledge())
    for _ in range(37):
        session.apply(idle(1))
    session.apply(open_("p99_latency"))
    session.apply(idle(1))
    session.apply(diagnose("prompt_bloat", 0.8))
    session.apply(remediate("rollback_prompt"))
    return loaded, session


def test_ticks_are_one_idle_entry_per_stretch_and_no_step_of_the_player() -> None:
    _, session = played_with_ticks()
    steps = [item.action.to_step() for item in session.log]
    assert steps[:6] == [{"wait": "2m"}, {"ask": "prompt-change"}, {"idle": "3m"},
                         "acknowledge", {"idle": "37m"}, {"open": "p99_latency"}]
    timeline = [entry.text for entry in build_debrief(session).timeline]
    assert not [text for text in timeline if "idle" in text or "passed" in text], timeline
    assert sum("wait" in text for text in timeline) == 1, "the wait the player chose stays"
    summary = summarise_actions(steps)
    assert [text for _, text in summary.steps][:3] == ["wait 2m", "ask prompt-change",
                                                       "acknowledge"]


def test_a_stored_play_with_idle_time_replays_to_the_same_clock_and_score() -> None:
    loaded, session = played_with_ticks()
    debrief = build_debrief(session)
    play_id = store_play(finished_play(loaded, session, debrief), player="ana")
    assert play_id is not None
    pack = Catalog()
    pack.add(loaded)
    replay = load_replay(play_id, catalog=pack)
    assert replay.session.now == session.now
    assert replay.debrief.as_json() == debrief.as_json() and not replay.score_changed


def test_an_actions_file_takes_idle_time_of_any_length_but_not_none() -> None:
    incident = load_incident(FIXTURE).incident
    text = steps_yaml(["acknowledge", {"idle": "150m"}, {"wait": "5m"}])
    assert parse_actions(load_yaml_text("- idle: 300m\n", "c.yaml", expect_mapping=False),
                         incident, "c.yaml")[0].minutes == 300
    actions = parse_actions(load_yaml_text(text, "a.yaml", expect_mapping=False), incident,
                            "a.yaml")
    assert [a.kind for a in actions] == ["acknowledge", "idle", "wait"]
    session = play_actions(incident, 21, actions)
    assert session.elapsed == 155, "more than the longest wait (240m) would be refused"
    with pytest.raises(ActionFileError, match="idle time must be above 0m"):
        parse_actions(load_yaml_text("- idle: 0m\n", "b.yaml", expect_mapping=False),
                      incident, "b.yaml")
