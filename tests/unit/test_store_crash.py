"""The practice database under stress: concurrent writers and SIGKILL in the middle of saves."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import triage
from triage.store import Store

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
