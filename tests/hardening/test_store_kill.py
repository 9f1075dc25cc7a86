"""SIGKILL a real `triage play --headless` while it saves: the database stays whole.

`tests/unit/test_store_crash.py` kills a loop of `Store.save_play` calls and runs two writers
at once. This test kills the real command, several at a time: each subprocess runs
`triage play --headless` through `triage.cli.main`, with `store_play` wrapped only to say
"saving" on stdout just before the save starts (and each SQL statement slowed by half a
millisecond, so the save outlasts the kill), and the parent kills it a random few
milliseconds later, inside opening, migrating or committing. Afterwards the database opens
cleanly, passes SQLite's integrity check and triage's own, every play it holds is whole, and
every play a process said it had saved is there.
"""

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
from hardening_helpers import hang_guard

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "shapes_only.yaml"
ACTIONS = "- acknowledge\n- open: tokens_per_request\n- diagnose: prompt_bloat\n" \
          "- remediate: rollback_prompt\n"
DRIVER = """\
import sqlite3
import sys
import time
import triage.store.recording as recording

# Every SQL statement takes half a millisecond longer, so a save lasts long enough for the kills
# to land inside it on a fast, idle disk too (a save that took under a millisecond once left
# only one of twelve kills inside it, and the guard below failed).
_connect = sqlite3.connect

def slow_connect(*args, **kwargs):
    connection = _connect(*args, **kwargs)
    connection.set_trace_callback(lambda statement: time.sleep(0.0005))
    return connection

sqlite3.connect = slow_connect

real = recording.store_play

def traced(*args, **kwargs):
    print("saving", flush=True)
    play_id = real(*args, **kwargs)
    print(f"saved {play_id}", flush=True)
    return play_id

recording.store_play = traced
from triage.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _spawn(actions: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, "play", str(FIXTURE), "--headless", "--actions",
         str(actions), "--seed", str(seed), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killing_triage_play_mid_save_never_damages_the_store(tmp_path: Path) -> None:
    actions = tmp_path / "steps.actions.yaml"
    actions.write_text(ACTIONS)
    rng = random.Random(20261127)
    said_saved: set[int] = set()
    killed = killed_unsaved = 0
    with hang_guard(120):
        for batch in range(3):
            players = [_spawn(actions, batch * 10 + n) for n in range(4)]
            for process in players:
                assert process.stdout is not None
                line = process.stdout.readline()
                assert line == "saving\n", process.communicate()[1]
                if rng.random() < 0.8:  # a save takes a few ms: most kills land inside it
                    time.sleep(rng.uniform(0.0, 0.006) if rng.random() < 0.7 else 0.02)
                    os.kill(process.pid, signal.SIGKILL)
            for process in players:
                out, err = process.communicate(timeout=60)
                saved = [int(line.split()[1]) for line in out.splitlines()
                         if line.startswith("saved ") and line.split()[1].isdigit()]
                said_saved.update(saved)
                killed += process.returncode == -signal.SIGKILL
                killed_unsaved += process.returncode == -signal.SIGKILL and not saved
                assert "Traceback" not in err, err
    assert killed_unsaved >= 3, "too few kills landed before the save returned"

    from triage.store import Store

    with Store() as store:  # TRIAGE_HOME is this test's own (tests/conftest.py)
        assert store.check() == []
        stored = {play.id: play for play in store.list_plays()}
        path = store.path
    assert said_saved <= set(stored), "a play the command reported as saved was lost"
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute("SELECT actions, breakdown, checksum FROM plays").fetchall()
    finally:
        connection.close()
    for actions_json, breakdown_json, checksum in rows:
        assert hashlib.sha256(f"{actions_json}\n{breakdown_json}".encode()).hexdigest() == checksum
        assert json.loads(actions_json) == [
            "acknowledge", {"open": "tokens_per_request"},
            {"diagnose": "prompt_bloat", "confidence": 1.0}, {"remediate": ["rollback_prompt"]}]
    history = subprocess.run([sys.executable, "-m", "triage", "history"], capture_output=True,
                             text=True, timeout=60)
    assert history.returncode == 0, history.stderr
