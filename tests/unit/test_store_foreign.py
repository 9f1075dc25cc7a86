"""Issue 18, items 12 and 13: a play that was not saved exits 3; another program's SQLite file
is refused and never migrated; a read-only home can still be listed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import Store, StoreError, db_path
from triage.store.identity import APPLICATION_ID

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
GOOD = "- acknowledge\n- open: tokens_per_request\n- diagnose: prompt_bloat\n  confidence: 0.9\n" \
       "- remediate: [rollback_prompt]\n"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def play_argv(tmp_path: Path, *extra: str) -> list[str]:
    actions = tmp_path / "good.actions.yaml"
    actions.write_text(GOOD)
    return ["play", str(FIXTURE), "--seed", "3", "--headless", "--actions", str(actions), *extra]


def foreign_database(path: Path, *statements: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as raw:
        for statement in statements or ("CREATE TABLE notes (body TEXT)",
                                        "INSERT INTO notes VALUES ('mine')"):
            raw.execute(statement)
    raw.close()
    return path.read_bytes()


# -- item 13: foreign files --------------------------------------------------------------------


@pytest.mark.parametrize("statements", [
    (),  # another app's notes: no application id, user_version 0
    ("CREATE TABLE plays (id INTEGER PRIMARY KEY, title TEXT)", "PRAGMA user_version = 2"),
    ("CREATE TABLE t (x)", "PRAGMA application_id = 1234"),  # another app's own id
])
def test_another_programs_database_is_refused_and_left_alone(
        statements: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = foreign_database(db_path(), *statements)
    for argv in (["history"], ["history", "--reset-damaged-db"], play_argv(tmp_path)):
        code, out, err = cli(capsys, *argv)
        assert code in (1, 3) and "is not a triage practice database" in err
        assert "damaged" not in err
    assert db_path().read_bytes() == before
    assert sorted(p.name for p in db_path().parent.iterdir()) == ["triage.db"]  # no -wal


def test_an_older_triage_database_is_recognised_and_stamped(tmp_path: Path) -> None:
    """A database written before the application id existed is triage's by its plays table; it
    opens as before and gets the id, so the next open recognises it at once."""
    path = tmp_path / "triage.db"
    with Store(path) as store:
        assert store.list_plays() == []
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id = 0")
    raw.close()
    with Store(path) as store:
        assert store.list_plays() == []
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    path.write_bytes(b"")
    with Store(path) as store:
        assert store.list_plays() == []


# -- item 12: a play that was not saved exits 3 -------------------------------------------------


def test_play_exits_3_when_the_database_is_damaged(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db_path().parent.mkdir(parents=True, exist_ok=True)
    db_path().write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    code, out, err = cli(capsys, *play_argv(tmp_path))
    assert code == 3 and "the play was not saved" in err
    assert "DEBRIEF" in out  # the player still gets what they played for
    assert cli(capsys, *play_argv(tmp_path, "--no-save"))[0] == 0


def test_play_exits_3_when_the_lock_is_held_too_long(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import triage.store.connection

    Store().open().close()
    monkeypatch.setattr(triage.store.connection, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(db_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another triage in the middle of a long write
    try:
        code, _, err = cli(capsys, *play_argv(tmp_path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 3 and "busy" in err
    code, out, _ = cli(capsys, *play_argv(tmp_path))
    assert code == 0 and cli(capsys, "history", "--format", "json")[1].count('"id"') == 1


def test_play_exits_3_when_the_store_refuses_the_file(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    foreign_database(db_path())
    assert cli(capsys, *play_argv(tmp_path))[0] == 3


# -- item 13: a read-only home -----------------------------------------------------------------


def run_in_read_only_home(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run triage with `home` read-only: a read-only bind mount in a private mount namespace when
    running as root (who may write anything else), otherwise by taking away write permission."""
    command = [sys.executable, "-m", "triage", *argv]
    env = {**os.environ, "TRIAGE_HOME": str(home)}
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in (home, *home.iterdir())}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
    unshare = shutil.which("unshare")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    if unshare is None or subprocess.run([unshare, "-rm", "true"], capture_output=True).returncode:
        pytest.skip("running as root without user namespaces: cannot make a read-only home")
    return subprocess.run([unshare, "-rm", "sh", "-c", script, str(home), *command],
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_read_only_home_can_be_listed_and_a_play_there_exits_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        assert cli(capsys, *play_argv(tmp_path))[0] == 0
    home = db_path().parent
    before = sorted(p.name for p in home.iterdir())
    listed = run_in_read_only_home(home, "history", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count('"id"') == 2
    checked = run_in_read_only_home(home, "history", "check")
    assert checked.returncode == 0 and ": ok (2 plays" in checked.stdout
    exported = run_in_read_only_home(home, "history", "export", "2")
    assert exported.returncode == 0 and "- acknowledge" in exported.stdout
    played = run_in_read_only_home(home, *play_argv(tmp_path))
    assert played.returncode == 3 and "read-only" in played.stderr and "DEBRIEF" in played.stdout
    assert sorted(p.name for p in home.iterdir()) == before
    assert cli(capsys, "history", "--format", "json")[1].count('"id"') == 2


def test_the_store_api_reports_a_foreign_file_by_kind(tmp_path: Path) -> None:
    path = tmp_path / "triage.db"
    foreign_database(path)
    with pytest.raises(StoreError) as caught:
        Store(path).open()
    assert caught.value.kind == "foreign" and not caught.value.damaged
