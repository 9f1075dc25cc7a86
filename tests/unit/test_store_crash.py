"""The practice database under stress: concurrent writers, SIGKILL mid-save, damaged and newer
files, unusable paths, a writer kept waiting."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import triage
from triage.store import CURRENT_VERSION, PlayRecord, Store, StoreError
from triage.store import connection as connection_module

SRC = Path(triage.__file__).resolve().parents[1]

PLAY_MAKER = """
import random, sys, time
from datetime import datetime, timedelta, timezone
from triage.store import PlayRecord, Store

def make(player, n, rnd):
    count = rnd.randint(20, 400)
    actions = [{"at": i * 0.5, "kind": "open_panel", "target": "p" * rnd.randint(1, 60)}
               for i in range(count)]
    ended = datetime(2026, 11, 27, tzinfo=timezone.utc) + timedelta(seconds=n)
    return PlayRecord(
        player=player, incident_id=f"inc-{n}", incident_hash="0" * 64, pitfall="miscalibration",
        difficulty=3, seed=n, actions=actions, score=rnd.randint(0, 100), grade="C",
        breakdown={"n_actions": count, "last": actions[-1]}, started_at=ended, ended_at=ended,
    )
"""

WRITER = (
    PLAY_MAKER
    + """
path, player, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
rnd = random.Random(player)
while time.time() < start:
    time.sleep(0.001)
with Store(path) as store:  # both writers open a database that does not exist yet
    for n in range(50):
        store.save_play(make(player, n, rnd))
"""
)

KILLED_SAVER = (
    PLAY_MAKER
    + """
path, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
store = Store(path).open()
print("ready", flush=True)
n = 0
while True:
    play_id = store.save_play(make("killed", seed * 100_000 + n, rnd))
    print(play_id, flush=True)  # only after the commit returned
    n += 1
"""
)


def make_play(minutes: int = 0, actions: list | None = None) -> PlayRecord:
    """A small, complete play that ended `minutes` after a fixed time."""
    ended = datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc) + timedelta(minutes=minutes)
    return PlayRecord("ana", "lr-spike", "ab" * 32, "training_divergence", 2, 7,
                      actions if actions is not None else [{"kind": "ack"}], 72, "B",
                      {"total": 72}, ended - timedelta(minutes=10), ended)  # fmt: skip


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _assert_every_play_whole(path: Path) -> int:
    """Integrity check passes and every play's JSON parses and matches its checksum."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute("SELECT id, actions, breakdown, checksum FROM plays").fetchall()
    finally:
        connection.close()
    for play_id, actions, breakdown, checksum in rows:
        expected = hashlib.sha256(f"{actions}\n{breakdown}".encode()).hexdigest()
        assert checksum == expected, f"play {play_id} does not match its checksum"
        parsed_actions, parsed_breakdown = json.loads(actions), json.loads(breakdown)
        assert len(parsed_actions) == parsed_breakdown["n_actions"]
        assert parsed_actions[-1] == parsed_breakdown["last"]
    return len(rows)


def test_two_writers_at_once_lose_no_play(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    start = time.time() + 1.0
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), player, str(start)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for player in ("ana", "ben")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
    with Store(path) as store:
        assert len(store.list_plays(player="ana")) == 50
        assert len(store.list_plays(player="ben")) == 50
        assert store.players() == ["ana", "ben"]
        assert store.check() == []
    assert _assert_every_play_whole(path) == 100


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_saves_never_leaves_damage_or_half_a_play(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    rng = random.Random(20261127)
    committed: set[int] = set()
    for attempt in range(25):
        saver = subprocess.Popen(
            [sys.executable, "-c", KILLED_SAVER, str(path), str(attempt)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert saver.stdout is not None
        if attempt % 5 == 0:
            # Anywhere from interpreter start-up through creating or migrating the database.
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            assert saver.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0.0, 0.12))
        os.kill(saver.pid, signal.SIGKILL)
        output, errors = saver.communicate(timeout=10)
        assert saver.returncode == -signal.SIGKILL, errors
        committed.update(int(line) for line in output.split() if line.isdigit())

    assert len(committed) > 25, "the saver should have finished many plays before the kills"
    with Store(path) as store:  # opens cleanly: no StoreError
        assert store.check() == []
        stored = {play.id for play in store.list_plays(player="killed")}
    assert committed <= stored, "a play reported as saved was lost"
    assert _assert_every_play_whole(path) == len(stored)


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    raw = sqlite3.connect(path)
    # A newer triage's database carries triage's application id (older ones, their plays table).
    raw.executescript(f"CREATE TABLE future (x); PRAGMA user_version = {CURRENT_VERSION + 1};"
                      "PRAGMA application_id = 1414678849;")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of triage") as caught:
        Store(path).open()
    assert caught.value.kind == "newer" and str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["triage.db"]


# -- damage ---------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    path.write_bytes(b"definitely not sqlite\n" * 300)
    with pytest.raises(StoreError) as caught:
        Store(path).open()
    message = str(caught.value)
    assert caught.value.damaged
    assert message == f"the practice database at {path} is damaged (file is not a database)"


def test_damaged_pages_are_found_when_opening(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    with Store(path) as store:
        for n in range(150):
            store.save_play(make_play(minutes=n, actions=[{"n": n, "pad": "x" * 300}] * 4))
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[5 * page : 12 * page] = b"\xa5" * (7 * page)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="is damaged") as caught:
        Store(path).open()
    assert caught.value.damaged and str(path) in str(caught.value)


def test_recover_moves_the_damaged_files_aside_and_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    garbage = b"\x00garbage" * 512
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"old wal")
    Path(f"{path}-shm").write_bytes(b"old shm")

    aside = Store.recover(path)
    assert re.fullmatch(r"triage\.db\.corrupt-\d{8}T\d{6}", aside.name)
    assert aside.read_bytes() == garbage
    assert Path(f"{aside}-wal").read_bytes() == b"old wal"
    assert Path(f"{aside}-shm").read_bytes() == b"old shm"
    with Store(path) as fresh:
        assert fresh.list_plays() == []
        fresh.save_play(make_play())

    path.write_bytes(garbage)  # damaged again within the same second: a second, distinct name
    second = Store.recover(path)
    assert second != aside and second.exists() and aside.exists()


def test_an_unusable_path_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "triage.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder") as caught:
        Store(folder).open()
    assert caught.value.kind == "unreadable"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder") as caught:
        Store(blocker / "triage.db").open()
    assert caught.value.kind == "unreadable"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    Store(path).open().close()
    path.chmod(0)
    try:
        with pytest.raises(StoreError) as caught:
            Store(path).open()
        assert str(path) in str(caught.value) and caught.value.kind == "unreadable"
    finally:
        path.chmod(0o644)


def test_a_writer_held_up_too_long_gets_a_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "triage.db"
    with Store(path) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError, match="busy") as caught:
                store.save_play(make_play())
            assert caught.value.kind == "busy"
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.save_play(make_play())
        assert len(store.list_plays()) == 1
