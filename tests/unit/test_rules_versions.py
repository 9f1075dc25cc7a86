"""Plays keep the score their rules gave them: stored with the rules version, replayed under it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from triage.cli import main
from triage.engine import actions as act
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.record import finished_play
from triage.engine.rules import RULES_VERSION
from triage.model.loader import load_incident
from triage.store import CURRENT_VERSION, PlayRecord, Store, db_path
from triage.store.recording import store_play

FIXTURES = Path(__file__).parent.parent / "fixtures"
WHEN = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
# A play as triage scored it before citations existed: it opened the decisive panel, cited nothing.
OLD_STEPS = [act.acknowledge(), act.open_("tokens_per_request"), act.open_("changes"),
             act.diagnose("prompt_bloat", 0.9), act.remediate("rollback_prompt")]


def test_a_version_1_play_replays_to_its_own_score_and_says_so(capsys) -> None:
    loaded = load_incident(FIXTURES / "shapes_only.yaml")
    session = play_actions(loaded.incident, 4, OLD_STEPS)
    old = build_debrief(session, rules=1)
    assert old.score >= 90  # under version 1, opening things was evidence enough
    with Store() as store:
        play_id = store.save_play(PlayRecord(
            player="ana", incident_id=loaded.incident.id, incident_hash=loaded.sha256,
            pitfall="llm_cost_latency", difficulty=1, seed=4,
            actions=[a.to_step() for a in OLD_STEPS], score=old.score, grade=old.grade,
            breakdown=old.as_json()["breakdown"], started_at=WHEN, ended_at=WHEN, rules=1))
    code = main(["replay", str(play_id), "--dir", str(FIXTURES), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["score"] == old.score
    assert json.loads(out)["rules"] == 1
    assert "scoring rules v1" in err and "warning" not in err
    # The same steps played today are an unsupported diagnosis.
    assert build_debrief(session).score <= 40


def test_new_plays_are_stored_with_the_current_rules() -> None:
    loaded = load_incident(FIXTURES / "shapes_only.yaml")
    steps = [*OLD_STEPS[:3], act.diagnose("prompt_bloat", 0.9, ["tokens_per_request"]),
             OLD_STEPS[-1]]
    session = play_actions(loaded.incident, 4, steps)
    play_id = store_play(finished_play(loaded, session, build_debrief(session)), player="ana")
    with Store() as store:
        play = store.get_play(play_id)
    assert play is not None and play.rules == 2 and play.score >= 90
    assert play.actions[3]["cite"] == ["tokens_per_request"]


def test_plays_stored_before_the_rules_column_read_as_version_1() -> None:
    from triage.store import schema
    from triage.store.records import play_checksum

    # A database as the release before rules versions wrote it: migrations 1 and 2 only.
    db_path().parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(db_path(), isolation_level=None)
    for step in schema.MIGRATIONS[:2]:
        step(raw)
    raw.execute("PRAGMA user_version = 2")
    actions, breakdown = "[]", "{}"
    raw.execute(
        "INSERT INTO plays (player, incident_id, incident_hash, pitfall, difficulty, seed, "
        "actions, score, grade, breakdown, started_at, ended_at, ended_ts, checksum) "
        "VALUES ('ana', 'x', ?, 'drift', 1, '1', ?, 77, 'C', ?, ?, ?, ?, ?)",
        ("0" * 64, actions, breakdown, WHEN.isoformat(), WHEN.isoformat(), WHEN.timestamp(),
         play_checksum(actions, breakdown)))
    raw.close()
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION
        (play,) = store.list_plays()
    assert (play.score, play.rules) == (77, 1)


@pytest.mark.parametrize("confidence", [0.0, 0.25, 1.0])
def test_confidence_anywhere_from_zero_is_accepted_and_stored(confidence: float) -> None:
    loaded = load_incident(FIXTURES / "shapes_only.yaml")
    session = play_actions(loaded.incident, 1, [
        act.acknowledge(), act.diagnose("traffic_spike", confidence, ["tokens_per_request"]),
        act.remediate("scale_out")])
    assert session.confidence == confidence


def test_game_day_weights_cannot_lift_an_unsupported_diagnosis_to_a_pass() -> None:
    from types import SimpleNamespace

    from triage.gameday.scoreboard import weighted_points

    parts = {"diagnosis": {"points": 35, "max": 35}, "evidence": {"points": 0, "max": 20,
                                                                   "cap": 40.0},
             "remediation": {"points": 20, "max": 20}, "speed": {"points": 15, "max": 15},
             "confidence": {"points": 10, "max": 10}, "hints": {"points": 0, "max": 0}}
    result = SimpleNamespace(score=40, breakdown=parts)
    weights = {"diagnosis": 3.0, "evidence": 0.0}
    assert weighted_points(result, weights, 1.0) == 40.0


def test_history_marks_plays_scored_under_older_rules(capsys) -> None:
    with Store() as store:
        for rules, score in ((1, 93), (RULES_VERSION, 61)):
            store.save_play(PlayRecord(
                player="ana", incident_id=f"inc-{rules}", incident_hash="0" * 64,
                pitfall="input_drift", difficulty=1, seed=1, actions=[], score=score,
                grade="A" if score > 90 else "D", breakdown={}, started_at=WHEN, ended_at=WHEN,
                rules=rules))
    assert main(["history", "--player", "ana"]) == 0
    out = capsys.readouterr().out
    old_line = next(line for line in out.splitlines() if "inc-1" in line)
    new_line = next(line for line in out.splitlines() if f"inc-{RULES_VERSION}" in line)
    assert "93*" in old_line and "61*" not in new_line
    assert "scored under older rules" in out
    assert main(["history", "--player", "ana", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(row["rules"] for row in rows) == [1, RULES_VERSION]
