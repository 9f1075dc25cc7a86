"""Replays rebuild the same debrief from a stored log; the coach picks and profiles sensibly."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from triage.engine.actions import acknowledge, diagnose, hint, open_, remediate, wait
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.record import finished_play
from triage.model.loader import LoadedIncident, load_incident
from triage.model.pack import Catalog
from triage.practice.coach import build_profile, catalog_entries, next_incident
from triage.practice.replay import action_step, load_replay, steps_yaml
from triage.store import PlayRecord, Store, db_path
from triage.store.recording import store_play

NOW = datetime(2026, 6, 30, 23, 59, 59, tzinfo=timezone.utc)

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "fixtures" / "shapes_only.yaml"


def catalog() -> Catalog:
    """The shapes fixture, and a copy of it named tui-fixture-drift on silent degradation."""
    result = Catalog()
    latency = load_incident(FIXTURE)
    result.add(latency)
    other = latency.incident.model_copy(update={"id": "tui-fixture-drift",
                                                "pitfall": "silent_degradation"})
    result.add(LoadedIncident(other, latency.path, "1" * 64))
    return result


def record(incident: str, pitfall: str, score: int, minutes_ago: int, player: str = "ana",
           difficulty: int = 1) -> PlayRecord:
    when = NOW - timedelta(minutes=minutes_ago)
    return PlayRecord(player=player, incident_id=incident, incident_hash="0" * 64,
                      pitfall=pitfall, difficulty=difficulty, seed=1, actions=[], score=score,
                      grade="C", breakdown={}, started_at=when, ended_at=when)


def test_stored_steps_come_back_in_actions_file_order() -> None:
    assert action_step({"confidence": 0.7, "diagnose": "x"}) == {"diagnose": "x",
                                                                  "confidence": 0.7}
    assert list(action_step({"confidence": 0.7, "diagnose": "x"})) == ["diagnose", "confidence"]
    assert action_step({"minute": 3.5, "step": "hint"}) == "hint"
    assert action_step({"kind": "wait", "minutes": 2.0}) == {"wait": "2m"}
    assert action_step({"kind": "remediate", "remediations": ["a", "b"]}) == {
        "remediate": ["a", "b"]}
    text = steps_yaml(["acknowledge", {"diagnose": "d", "confidence": 0.6},
                       {"remediate": ["a", "b"]}])
    assert text == "- acknowledge\n- diagnose: d\n  confidence: 0.6\n- remediate: [a, b]\n"


def test_a_replay_rebuilds_the_same_session_and_debrief() -> None:
    loaded = load_incident(FIXTURE)
    actions = [wait(2), acknowledge(), open_("p99_latency"), hint(), open_("tokens_per_request"),
               diagnose("prompt_bloat", 0.75), remediate("rollback_prompt", "scale_out")]
    session = play_actions(loaded.incident, 21, actions)
    debrief = build_debrief(session)
    play_id = store_play(finished_play(loaded, session, debrief), player="ana")
    assert play_id is not None
    replay = load_replay(play_id, catalog=catalog())
    assert replay.debrief.as_json() == debrief.as_json()
    assert [item.action for item in replay.session.log] == actions
    assert not replay.incident_changed and replay.warnings() == []


def test_next_incident_prefers_the_unseen_and_reads_the_players_history() -> None:
    pack = catalog()
    with Store() as store:
        store.save_play(record("test-latency-regression", "llm_cost_latency", 95, 5))
        store.save_play(record("tui-fixture-drift", "silent_degradation", 40, 1,
                               player="bob"))
    # One random source for many picks: the unseen pitfall is weighted double.
    rng = random.Random(7)
    ana = [next_incident(pack, "ana", rng, plays=None) for _ in range(200)]
    assert ana.count("tui-fixture-drift") > 120
    # bob has played only the drift incident (badly), so for him it is the other way round.
    bob = [next_incident(pack, "bob", rng) for _ in range(200)]
    assert bob.count("test-latency-regression") > 110
    assert next_incident(pack, "ana", random.Random(3)) == next_incident(
        pack, "ana", random.Random(3))
    assert catalog_entries(pack)[0] == {"id": "test-latency-regression",
                                        "pitfall": "llm_cost_latency", "difficulty": 1}


def test_next_incident_still_picks_when_the_history_is_unreadable() -> None:
    db_path().parent.mkdir(parents=True, exist_ok=True)
    db_path().write_bytes(b"garbage" * 100)
    assert next_incident(catalog(), "ana", random.Random(1)) in catalog().incidents
    assert db_path().read_bytes() == b"garbage" * 100


def test_the_profile_puts_the_weakest_played_pitfall_first() -> None:
    plays = [record("a", "llm_cost_latency", 90, 30), record("a", "llm_cost_latency", 95, 20),
             record("b", "silent_degradation", 20, 10, difficulty=3),
             record("b", "silent_degradation", 30, 5, difficulty=3)]
    profile = build_profile("ana", plays, ["miscalibration", "llm_cost_latency"])
    order = [s.pitfall for s in profile.standings]
    assert order == ["silent_degradation", "llm_cost_latency", "miscalibration"]
    weak, strong, new = profile.standings
    assert weak.band == "weak" and weak.rating < 45 and weak.trend == [20.0, 30.0]
    assert strong.rating > 50 and not new.rated and new.band == "new"
    assert all(type(x) is float for x in weak.trend)
    assert profile.weakest is weak and profile.total_plays == 4
    assert profile.as_json()["weakest"] == "silent_degradation"
