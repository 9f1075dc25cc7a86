"""`triage list` keeps an incident's pitfall to itself until the player has finished it.

The text table shows `?` for unplayed incidents (all of them with `--spoilers` shown), and a
damaged or missing practice database only means nothing has been finished. `--format json` is
for scripts and always has the pitfall.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage.cli import main
from triage.practice.finished import finished_incidents
from triage.store import PlayRecord, Store, db_path, default_player

PLAYED = "fraud-scorer-ct-grad-norm"
PLAYED_PITFALL = "training_divergence"
UNPLAYED = "ticket-router-train-gap"
ENDED = datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)


def save_play(player: str, incident_id: str = PLAYED, pitfall: str = PLAYED_PITFALL) -> None:
    """Store a finished play, as the debrief of a real play would."""
    record = PlayRecord(
        player=player, incident_id=incident_id, incident_hash="ab" * 32, pitfall=pitfall,
        difficulty=1, seed=1, actions=[{"at": 1.0, "kind": "ack"}], score=90, grade="A",
        breakdown={"diagnosis": 35}, started_at=ENDED - timedelta(minutes=20), ended_at=ENDED)
    with Store() as store:
        store.save_play(record)


def list_rows(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[dict[str, str], str]:
    """Run `triage list` (text); the PITFALL cell of each id, and everything printed."""
    assert main([*argv, "list"] if argv[:1] == ("--player",) else ["list", *argv]) == 0
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines()[1:]:
        if not line.strip():
            break
        incident_id, pitfall = line.split()[:2]
        rows[incident_id] = pitfall
    return rows, out


def test_no_pitfall_is_shown_before_anything_is_played(capsys: pytest.CaptureFixture[str]) -> None:
    rows, out = list_rows(capsys)
    assert rows and set(rows.values()) == {"?"}
    assert PLAYED_PITFALL not in out and "false_alarm" not in out and "overfitting " not in out
    assert "the pitfall shows once you finish the incident (or --spoilers)" in out
    # Ordered by difficulty then id, not grouped by pitfall.
    difficulties = [int(line.split()[2]) for line in out.splitlines()[1:len(rows) + 1]]
    assert difficulties == sorted(difficulties)
    assert not db_path().exists()  # listing does not create the practice database


def test_the_pitfall_shows_once_the_player_has_finished_the_incident(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows, _ = list_rows(capsys)
    assert rows[PLAYED] == "?"
    save_play(default_player())
    rows, out = list_rows(capsys)
    assert rows[PLAYED] == PLAYED_PITFALL
    assert rows[UNPLAYED] == "?"
    assert "(or --spoilers)" in out


def test_only_the_players_own_plays_count(capsys: pytest.CaptureFixture[str]) -> None:
    save_play("someone-else")
    assert list_rows(capsys)[0][PLAYED] == "?"
    assert list_rows(capsys, "--player", "someone-else")[0][PLAYED] == PLAYED_PITFALL
    assert list_rows(capsys, "--player=someone-else")[0][PLAYED] == PLAYED_PITFALL
    assert main(["list", "--player", "someone-else"]) == 0
    assert f"{PLAYED_PITFALL}  " in capsys.readouterr().out


def test_spoilers_show_every_pitfall(capsys: pytest.CaptureFixture[str]) -> None:
    rows, out = list_rows(capsys, "--spoilers")
    assert "?" not in rows.values()
    assert rows[PLAYED] == PLAYED_PITFALL and rows[UNPLAYED] == "overfitting"
    assert "--spoilers" not in out


def test_json_always_has_the_pitfall(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[PLAYED]["pitfall"] == PLAYED_PITFALL
    assert set(rows[UNPLAYED]) == {"id", "title", "pitfall", "difficulty", "service", "path"}


def test_a_damaged_database_hides_the_pitfalls_and_is_left_as_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = db_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"this is not a database" * 200
    database.write_bytes(garbage)
    rows, _ = list_rows(capsys)
    assert set(rows.values()) == {"?"}
    assert database.read_bytes() == garbage
    assert [p.name for p in database.parent.iterdir() if p.name.startswith("triage.db")] == [
        "triage.db"]


def test_finished_incidents_reads_one_players_plays(tmp_path: Path) -> None:
    assert finished_incidents("ana", path=tmp_path / "none.db") == frozenset()
    assert not (tmp_path / "none.db").exists()
    save_play("ana")
    save_play("ana", UNPLAYED, "overfitting")
    save_play("bo", "llm-token-cost-spike", "llm_cost_latency")
    assert finished_incidents("ana") == {PLAYED, UNPLAYED}
    assert finished_incidents("bo", path=db_path()) == {"llm-token-cost-spike"}
    assert finished_incidents("cy") == frozenset()


def test_list_with_a_history_stays_light() -> None:
    """Reading the history costs sqlite3, not Textual, numpy, pydantic or YAML."""
    save_play(default_player())
    code = ("import sys\nfrom triage.cli import main\nmain(['list'])\n"
            "print(sorted(m for m in ('numpy', 'pydantic', 'yaml', 'textual') if m in sys.modules),"
            " file=sys.stderr)")
    env = {**os.environ, "TRIAGE_HOME": str(db_path().parent)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True) for _ in range(2)]  # the second with a warm cache
    played_row = next(line for line in runs[1].stdout.splitlines() if line.startswith(PLAYED))
    assert played_row.split()[1] == PLAYED_PITFALL
    assert runs[1].stderr.strip().splitlines()[-1] == "[]"
