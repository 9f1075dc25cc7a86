"""The practice database: paths, saving and listing plays, game days, migrations, damage."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage.store import (
    CURRENT_VERSION,
    PlayRecord,
    Store,
    StoreError,
    data_dir,
    db_path,
    default_player,
    schema,
)

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)


def make_play(player: str = "ana", minutes: int = 0, **changes: object) -> PlayRecord:
    """A small, complete play that ended `minutes` after T0."""
    fields: dict[str, object] = dict(
        player=player,
        incident_id="lr-spike",
        incident_hash="ab" * 32,
        pitfall="training_divergence",
        difficulty=2,
        seed=7,
        actions=[{"at": 1.5, "kind": "open", "target": "loss"}, {"at": 4.0, "kind": "ack"}],
        score=72,
        grade="B",
        breakdown={"diagnosis": 40, "speed": 12.5, "notes": ["ok"]},
        started_at=T0 + timedelta(minutes=minutes - 10),
        ended_at=T0 + timedelta(minutes=minutes),
    )
    fields.update(changes)
    return PlayRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TRIAGE_HOME", str(tmp_path / "home"))
    with Store() as opened:
        yield opened


# -- where data lives ---------------------------------------------------------------------------


def test_data_dir_prefers_triage_home_then_xdg_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.delenv("TRIAGE_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert data_dir() == tmp_path / "me" / ".local" / "share" / "triage"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "triage"
    monkeypatch.setenv("TRIAGE_HOME", str(tmp_path / "th"))
    assert data_dir() == tmp_path / "th"
    assert db_path() == tmp_path / "th" / "triage.db"


def test_default_player_is_the_os_user_or_player(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "dana")
    assert default_player() == "dana"

    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert default_player() == "player"


def test_store_creates_its_folder_under_triage_home(store: Store, tmp_path: Path) -> None:
    assert store.path == tmp_path / "home" / "triage.db"
    assert store.path.is_file()
    assert store.schema_version == CURRENT_VERSION


# -- plays ----------------------------------------------------------------------------------------


def test_a_saved_play_reads_back_identical(store: Store) -> None:
    record = make_play(seed=2**80, gameday_run=None, mode="shift")
    play_id = store.save_play(record)
    stored = store.get_play(play_id)
    assert stored is not None and stored.id == play_id
    for name in record.__dataclass_fields__:
        assert getattr(stored, name) == getattr(record, name), name
    assert store.get_play(play_id + 1) is None


def test_naive_and_offset_datetimes_round_trip(store: Store) -> None:
    naive = make_play(ended_at=datetime(2026, 1, 2, 3, 4, 5, 678901))
    offset = make_play(ended_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=5))))
    for record in (naive, offset):
        stored = store.get_play(store.save_play(record))
        assert stored is not None
        assert stored.ended_at == record.ended_at
        assert stored.ended_at.tzinfo == record.ended_at.tzinfo


def test_history_is_newest_first_by_end_time_and_per_player(store: Store) -> None:
    store.save_play(make_play("ana", minutes=30))
    store.save_play(make_play("ana", minutes=10))
    store.save_play(make_play("ben", minutes=20))
    # Ended at 09:50 local time in UTC+5, i.e. 04:50 UTC: the oldest, whatever its text says.
    store.save_play(make_play("ana", ended_at=datetime(2026, 11, 27, 9, 50, tzinfo=timezone(
        timedelta(hours=5)))))  # fmt: skip
    ana = store.list_plays(player="ana")
    assert [p.ended_at.timestamp() for p in ana] == sorted(
        (p.ended_at.timestamp() for p in ana), reverse=True
    )
    assert {p.player for p in ana} == {"ana"} and len(ana) == 3
    assert len(store.list_plays()) == 4
    assert len(store.list_plays(player="ana", limit=2)) == 2
    assert store.list_plays(player="nobody") == []
    assert store.players() == ["ana", "ben"]


def test_an_unsavable_play_stores_nothing(store: Store) -> None:
    with pytest.raises(ValueError, match="action log"):
        store.save_play(make_play(actions=[{"at": object()}]))
    with pytest.raises(StoreError) as caught:
        store.save_play(make_play(gameday_run="no-such-run", mode="gameday"))
    assert caught.value.kind == "conflict"
    assert store.list_plays() == []


def test_a_bad_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        make_play(mode="arcade")


def test_a_store_can_be_shared_with_a_worker_thread(store: Store) -> None:
    ids: list[int] = []
    worker = threading.Thread(target=lambda: ids.append(store.save_play(make_play())))
    worker.start()
    worker.join()
    assert [p.id for p in store.list_plays()] == ids


def test_the_store_reopens_after_close(store: Store) -> None:
    store.save_play(make_play())
    store.close()
    assert len(store.list_plays()) == 1


# -- game days ------------------------------------------------------------------------------------


def test_gameday_runs_and_their_plays(store: Store) -> None:
    plan = {"title": "Friday drill", "teams": ["red", "blue"], "rounds": [{"incident": "lr"}]}
    run = store.create_gameday_run("2026-11-27-friday", "Friday drill", json.dumps(plan),
                                   created_at=T0)
    assert run.plan == plan
    store.create_gameday_run("later", "Later", plan, created_at=T0 + timedelta(days=1))
    with pytest.raises(StoreError, match="already exists") as caught:
        store.create_gameday_run("later", "Again", plan)
    assert caught.value.kind == "conflict"
    for team, minutes in (("red", 1), ("blue", 2), ("red", 3)):
        store.save_play(make_play(team, minutes, gameday_run=run.id, team=team, mode="gameday"))
    store.save_play(make_play("solo", 9))
    assert len(store.list_plays(gameday_run=run.id)) == 3
    red = store.list_plays(gameday_run=run.id, team="red")
    assert [p.ended_at for p in red] == [T0 + timedelta(minutes=3), T0 + timedelta(minutes=1)]
    assert store.get_gameday_run(run.id) == run
    assert store.get_gameday_run("missing") is None
    assert [r.id for r in store.list_gameday_runs()] == ["later", run.id]


# -- schema versions ------------------------------------------------------------------------------

V1_DDL = """
CREATE TABLE plays (
    id INTEGER PRIMARY KEY AUTOINCREMENT, player TEXT NOT NULL, incident_id TEXT NOT NULL,
    incident_hash TEXT NOT NULL, pitfall TEXT NOT NULL, difficulty INTEGER NOT NULL,
    seed TEXT NOT NULL, actions TEXT NOT NULL, score INTEGER NOT NULL, grade TEXT NOT NULL,
    breakdown TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT NOT NULL,
    ended_ts REAL NOT NULL, checksum TEXT NOT NULL);
CREATE INDEX plays_by_player ON plays (player, ended_ts);
CREATE INDEX plays_by_ended ON plays (ended_ts);
PRAGMA user_version = 1;
"""


def test_a_version_1_database_migrates_without_losing_plays(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    raw = sqlite3.connect(path)
    raw.executescript(V1_DDL)
    for n in range(3):
        actions, breakdown = json.dumps([{"kind": "ack", "n": n}]), json.dumps({"total": n})
        checksum = hashlib.sha256(f"{actions}\n{breakdown}".encode()).hexdigest()
        ended = T0 + timedelta(minutes=n)
        raw.execute(
            "INSERT INTO plays (player, incident_id, incident_hash, pitfall, difficulty, seed, "
            "actions, score, grade, breakdown, started_at, ended_at, ended_ts, checksum) "
            "VALUES ('ana', 'lr', 'h', 'miscalibration', 3, '11', ?, ?, 'C', ?, ?, ?, ?, ?)",
            (actions, 50 + n, breakdown, T0.isoformat(), ended.isoformat(),
             ended.timestamp(), checksum),
        )  # fmt: skip
    raw.commit()
    raw.close()

    with Store(path) as store:
        assert store.schema_version == CURRENT_VERSION
        plays = store.list_plays(player="ana")
        assert [p.score for p in plays] == [52, 51, 50]
        assert plays[0].actions == [{"kind": "ack", "n": 2}] and plays[0].seed == 11
        assert {(p.mode, p.gameday_run, p.team) for p in plays} == {("play", None, None)}
        assert store.check() == []
        run = store.create_gameday_run("r1", "Drill", {})
        store.save_play(make_play(gameday_run=run.id, team="red", mode="gameday"))
        assert len(store.list_plays()) == 4


def test_a_failed_migration_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "triage.db") as store:
        store.save_play(make_play())

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    connection = sqlite3.connect(tmp_path / "triage.db", isolation_level=None)
    with pytest.raises(RuntimeError, match="step failed"):
        schema.migrate(connection)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert connection.execute("SELECT count(*) FROM plays").fetchone()[0] == 1
    connection.close()
