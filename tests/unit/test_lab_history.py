"""Lab results are recorded beside the plays (schema version 8); older databases keep working."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from triage.cli import main
from triage.store import CURRENT_VERSION, Store, db_path, schema
from triage.store.labs import best_scores, lab_results

SENSIBLE = (Path(__file__).parent.parent / "fixtures" / "labs"
            / "training-pipeline-alerts.sensible.rules.yaml")
V7_PLAY = (
    "INSERT INTO plays (player, incident_id, incident_hash, pitfall, difficulty, seed, actions, "
    "score, grade, breakdown, started_at, ended_at, ended_ts, checksum, mode, rules) VALUES "
    "('ana', 'some-incident', 'h', 'input_drift', 1, '4', '[]', 71, 'C', '{}', "
    "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 0, 'c', 'play', 2)")


def test_a_replay_of_rules_is_recorded_and_listed(capsys):
    argv = ["lab", "alerts", "training-pipeline-alerts", "--rules", str(SENSIBLE),
            "--format", "json"]
    assert main([*argv, "--player", "ana"]) == 0
    score = json.loads(capsys.readouterr().out)["score"]
    assert main([*argv, "--player", "ana", "--no-save"]) == 0
    assert main(["lab", "alerts", "training-pipeline-alerts", "--player", "ana"]) == 0
    with Store() as store:
        [result] = lab_results(store, "ana")
        assert (result.lab_id, result.seed, result.score) == ("training-pipeline-alerts", 1, score)
        assert result.rules == SENSIBLE.read_text()
        assert best_scores(store, "ana") == {"training-pipeline-alerts": (score, 1)}
        assert lab_results(store, "bo") == []
    capsys.readouterr()
    assert main(["lab", "history", "--player", "ana"]) == 0
    out = capsys.readouterr().out
    assert "training-pipeline-alerts" in out and f"{score:.1f}" in out


def test_a_version_7_database_gains_the_table_and_keeps_its_plays(capsys):
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:7]:  # the database as the release before labs left it
        step(raw)
    raw.execute("PRAGMA user_version = 7")
    raw.execute(V7_PLAY)
    raw.close()
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION >= 8
        assert [play.incident_id for play in store.list_plays()] == ["some-incident"]
        assert lab_results(store, "ana") == []
