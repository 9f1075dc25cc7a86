"""Issue 18, item 9: every command that writes a file (`history export -o`, `gameday report -o`,
`export -o`, `new`, `gameday new`) refuses an existing file unless `--force`, never writes
through a symbolic link, never writes onto the practice database, and replaces a file in one
rename, so a failed write leaves the old file as it was."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import db_path

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
GOOD = "- acknowledge\n- open: tokens_per_request\n- diagnose: prompt_bloat\n  confidence: 0.9\n" \
       "- remediate: [rollback_prompt]\n"
MINE = "my own notes\n"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def played(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """One stored play (id 1) to export."""
    actions = tmp_path / "good.actions.yaml"
    actions.write_text(GOOD)
    assert cli(capsys, "play", str(FIXTURE), "--seed", "3", "--headless", "--actions",
               str(actions))[0] == 0
    return 1


WRITERS = {
    "history export": ["history", "export", "1", "-o"],
    "export": ["export", str(FIXTURE), "--format", "csv", "-o"],
    "new": ["new", "--pitfall", "hallucination"],
    "gameday new": ["gameday", "new"],
}
"""Each command that writes a file, as argv lacking only the path to write."""


def run_writer(capsys: pytest.CaptureFixture[str], argv: list[str], path: Path,
               *extra: str) -> tuple[int, str]:
    if argv[0] in ("new", "gameday"):  # PATH is positional there
        full = [*argv[: 2 if argv[0] == "gameday" else 1], str(path),
                *argv[2 if argv[0] == "gameday" else 1:], *extra]
    else:
        full = [*argv, str(path), *extra]
    code, _, err = cli(capsys, *full)
    return code, err


@pytest.mark.parametrize("command", ["history export", "export", "new", "gameday new"])
def test_an_existing_file_is_kept_unless_force(command: str, played: int, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.yaml"
    path.write_text(MINE)
    code, err = run_writer(capsys, WRITERS[command], path)
    assert code == 2 and "already exists" in err and "--force" in err
    assert path.read_text() == MINE
    code, err = run_writer(capsys, WRITERS[command], path, "--force")
    assert code == 0, err
    assert path.read_text() != MINE and path.stat().st_size > 0


@pytest.mark.parametrize("command", ["history export", "export", "new", "gameday new"])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_is_never_written_through(command: str, dangling: bool, played: int,
                                         tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "elsewhere" / "target.yaml"
    target.parent.mkdir()
    if not dangling:
        target.write_text(MINE)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    for extra in ((), ("--force",)):
        code, err = run_writer(capsys, WRITERS[command], link, *extra)
        assert code == 2 and "symbolic link" in err
    assert (target.read_text() == MINE) if not dangling else not target.exists()
    assert link.is_symlink()


@pytest.mark.parametrize("command", ["history export", "export"])
def test_the_practice_database_is_never_written(command: str, played: int, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = db_path().read_bytes()
    for path in (db_path(), Path(f"{db_path()}-wal")):
        code, err = run_writer(capsys, WRITERS[command], path, "--force")
        assert code == 2 and "practice database" in err
    alias = tmp_path / "alias.db"  # the same file under another name
    os.link(db_path(), alias)
    code, err = run_writer(capsys, WRITERS[command], alias, "--force")
    assert code == 2 and "practice database" in err
    assert db_path().read_bytes() == before
    code, out, _ = cli(capsys, "history", "--format", "json")
    assert code == 0 and '"id": 1' in out


def test_gameday_report_will_not_overwrite_the_plan(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.yaml"
    assert cli(capsys, "gameday", "new", str(plan))[0] == 0
    text = plan.read_text()
    assert cli(capsys, "gameday", "run", str(plan), "--headless", "--actions-dir",
               str(tmp_path), "--run-id", "day")[0] == 0
    code, _, err = cli(capsys, "gameday", "report", "day", "-o", str(plan))
    assert code == 2 and "already exists" in err and plan.read_text() == text
    report = tmp_path / "report.md"
    assert cli(capsys, "gameday", "report", "day", "-o", str(report))[0] == 0
    assert report.read_text().startswith("# Game day:")


def test_a_new_file_gets_the_usual_permissions(played: int, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The temporary file is private (0600); the file it becomes is not."""
    umask = os.umask(0o022)
    try:
        path = tmp_path / "shared.yaml"
        assert cli(capsys, "history", "export", "1", "-o", str(path))[0] == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o600)
        assert cli(capsys, "history", "export", "1", "-o", str(path), "--force")[0] == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a replaced file keeps its own
    finally:
        os.umask(umask)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def _small_file_limit() -> None:
    """In the child: files may not grow past 16 KB (as on a nearly full disk); writing more
    fails with EFBIG instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """The export (about 60 KB) cannot be written whole: the old file stays as it was, and no
    half-written file or temporary file is left behind."""
    path = tmp_path / "series.csv"
    path.write_text(MINE)
    run = subprocess.run(
        [sys.executable, "-m", "triage", "export", str(FIXTURE), "--format", "csv", "-o",
         str(path), "--force"], capture_output=True, text=True, timeout=120,
        preexec_fn=_small_file_limit, env={**os.environ, "TRIAGE_HOME": str(tmp_path / "home")})
    assert run.returncode == 1, run.stderr
    assert f"cannot write {path}" in run.stderr and "existing file is unchanged" in run.stderr
    assert path.read_text() == MINE
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["series.csv"]
