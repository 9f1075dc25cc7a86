"""Finished plays are stored with everything a replay needs, and a broken database never
costs the player their debrief."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from triage.cli import main
from triage.engine.actions import acknowledge, diagnose, hint, open_, remediate, wait
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.record import finished_play
from triage.model.loader import load_incident
from triage.store import Store, db_path, default_player
from triage.store.recording import build_record, store_play

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
ACTIONS = [acknowledge(), open_("tokens_per_request"), wait(3), hint(),
           diagnose("prompt_bloat", 0.8), remediate("rollback_prompt")]


def finished():
    loaded = load_incident(FIXTURE)
    session = play_actions(loaded.incident, 11, ACTIONS)
    return loaded, session, build_debrief(session)


def test_a_stored_play_has_everything_a_replay_needs() -> None:
    loaded, session, debrief = finished()
    started = datetime(2026, 3, 14, 9, 19, tzinfo=timezone.utc)
    play_id = store_play(finished_play(loaded, session, debrief), player="ana", started_at=started)
    assert play_id is not None
    with Store() as store:
        play = store.get_play(play_id)
    assert play is not None
    assert (play.player, play.incident_id, play.seed) == ("ana", loaded.incident.id, 11)
    assert play.incident_hash == loaded.sha256
    assert (play.pitfall, play.difficulty) == ("llm_cost_latency", 1)
    assert play.actions == json.loads(json.dumps([a.to_step() for a in ACTIONS]))
    assert play.breakdown == json.loads(json.dumps(debrief.as_json()["breakdown"]))
    assert (play.score, play.grade, play.mode) == (debrief.score, debrief.grade, "play")
    assert play.started_at == started and play.ended_at >= started
    assert db_path().exists()


def test_the_player_defaults_to_the_os_user_and_the_mode_is_kept() -> None:
    loaded, session, debrief = finished()
    record = build_record(finished_play(loaded, session, debrief), mode="shift")
    assert record.player == default_player()
    assert record.mode == "shift"
    assert record.started_at == record.ended_at


def test_a_damaged_database_is_reported_and_left_alone(capsys: pytest.CaptureFixture) -> None:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all\n" * 200)
    loaded, session, debrief = finished()
    assert store_play(finished_play(loaded, session, debrief)) is None
    err = capsys.readouterr().err
    assert "the play was not saved" in err and str(path) in err
    assert "--reset-damaged-db" in err
    assert path.read_bytes() == b"not a database at all\n" * 200


def test_the_tui_can_take_the_error_itself() -> None:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00garbage" * 500)
    seen = []
    loaded, session, debrief = finished()
    assert store_play(finished_play(loaded, session, debrief), on_error=seen.append) is None
    assert len(seen) == 1 and seen[0].damaged and seen[0].path == path


def test_headless_play_stores_unless_told_not_to(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture) -> None:
    actions = tmp_path / "actions.yaml"
    actions.write_text("- acknowledge\n- diagnose: prompt_bloat\n  confidence: 0.9\n"
                       "- remediate: [rollback_prompt]\n")
    argv = ["play", str(FIXTURE), "--seed", "4", "--headless", "--actions", str(actions)]
    assert main([*argv, "--no-save"]) == 0
    assert not db_path().exists() or Store().list_plays() == []
    assert main(["--player", "bea", *argv]) == 0
    capsys.readouterr()
    with Store() as store:
        plays = store.list_plays()
    assert [(p.player, p.seed, p.incident_id) for p in plays] == [
        ("bea", 4, "test-latency-regression")]
