"""Issue 21, item 3: `triage history` reads a row at a time and only the columns it shows, yet a
player sees exactly what the whole-play listing showed; pages with --limit and --offset; the
profile and the "Practise" pick, read from light rows, agree with the same over whole plays; a
version-6 database gains the v7 index and keeps every play."""

from __future__ import annotations

import io
import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from triage.cli import main
from triage.practice.coach import build_profile, player_plays
from triage.practice.history import (
    history_rows,
    render_history_text,
    write_history_json,
    write_history_text,
)
from triage.store import CURRENT_VERSION, PlayRecord, Store, db_path
from triage.store.mastery import mastery, pick_next

INCIDENTS = [("lr-push", "training_divergence", 2), ("ctr-drift", "silent_degradation", 3),
             ("a-very-long-incident-id-that-widens-the-column", "miscalibration", 4),
             ("quiet-alert", "false_alarm", 1)]
CATALOG = [{"id": i, "pitfall": p, "difficulty": d} for i, p, d in INCIDENTS]


def record(n: int, player: str = "ana") -> PlayRecord:
    incident, pitfall, difficulty = INCIDENTS[n % len(INCIDENTS)]
    ended = datetime(2025, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=n % 3))) \
        + timedelta(minutes=37 * n)
    return PlayRecord(player=player, incident_id=incident, incident_hash="0" * 64,
                      pitfall=pitfall, difficulty=difficulty, seed=n, actions=["acknowledge"] * n,
                      score=(n * 29) % 101, grade="ABCDF"[n % 5], breakdown={"speed": n},
                      started_at=ended - timedelta(minutes=9), ended_at=ended,
                      mode=("play", "shift", "gameday")[n % 3] if n % 3 != 2 else "play",
                      rules=1 + n % 3)


@pytest.fixture
def plays() -> None:
    with Store() as store:
        for n in range(24):
            store.save_play(record(n, "ana" if n % 4 else "ben"))


@pytest.mark.parametrize("player", ["ana", None])
def test_the_streamed_table_and_json_are_what_the_whole_plays_gave(plays: None,
                                                                   player: str | None) -> None:
    from triage.commands.common import print_json

    with Store() as store:
        whole = store.list_plays(player=player)
        table = io.StringIO()
        write_history_text(store, player, table)
        assert table.getvalue() == render_history_text(whole, player)
        streamed = io.StringIO()
        write_history_json(store, player, streamed, io.StringIO())
    assert "*" in table.getvalue() and "a-very-long-incident-id" in table.getvalue()
    with pytest.MonkeyPatch.context() as patch:
        printed = io.StringIO()
        patch.setattr("sys.stdout", printed)
        print_json(history_rows(whole))
    assert streamed.getvalue() == printed.getvalue()


def test_history_pages_with_limit_and_offset(plays: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--player", "ana", "history", "--format", "json"]) == 0
    every = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert len(every) == 18
    assert main(["--player", "ana", "history", "--limit", "5", "--offset", "3",
                 "--format", "json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == every[3:8]
    assert main(["--player", "ana", "history", "--limit", "2", "--offset", "17"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[1:2]] == [str(every[17])]
    assert "1 play by ana" in out
    assert main(["--player", "ana", "history", "--offset", "40"]) == 0
    assert "No plays for ana" in capsys.readouterr().out
    assert main(["history", "--offset", "-1"]) == 2
    assert "--offset must be at least 0" in capsys.readouterr().err


def test_profile_and_pick_from_light_rows_agree_with_whole_plays(plays: None) -> None:
    with Store() as store:
        whole = store.list_plays(player="ana")
        light = player_plays("ana", store)
    assert len(light) == len(whole) == 18
    assert mastery(light, ["overfitting"]) == mastery(whole, ["overfitting"])
    assert build_profile("ana", light) == build_profile("ana", whole)
    picks = [pick_next(CATALOG, light, random.Random(seed)) for seed in range(20)]
    assert picks == [pick_next(CATALOG, whole, random.Random(seed)) for seed in range(20)]
    assert len(set(picks)) > 1


def test_a_version_6_database_gains_the_index_and_keeps_its_plays() -> None:
    from triage.store.identity import APPLICATION_ID
    from triage.store.plays import insert_play
    from triage.store.schema import MIGRATIONS

    db_path().parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(db_path(), isolation_level=None)
    for step in MIGRATIONS[:6]:  # the schema as triage wrote it at version 6
        step(raw)
    raw.execute("PRAGMA user_version = 6")
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("BEGIN")
    for n in range(24):
        insert_play(raw, record(n, "ana" if n % 4 else "ben"), db_path())
    raw.execute("COMMIT")
    raw.close()
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION >= 7
        assert len(store.list_plays()) == 24 and store.check() == []
        with store.reading("explain") as connection:
            plan = connection.execute(
                "EXPLAIN QUERY PLAN SELECT incident_id, score FROM plays WHERE player = 'ana' "
                "ORDER BY ended_ts").fetchall()
    assert "COVERING INDEX plays_by_player_scores" in str(plan)
