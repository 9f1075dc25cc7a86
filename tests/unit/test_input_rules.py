"""Issue 18, item 14: one rule per input, everywhere. `--seed` means the same in every command;
FIFOs and devices are refused as paths instead of hanging; `gameday new --title` writes only
plans that validate; a link under a plan's `incident_dirs` that leads out of its folder is
refused (SECURITY.md, "References to other files")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
SEED_COMMANDS = {
    "play": ["play", str(FIXTURE), "--headless", "--actions", "ACTIONS", "--no-save"],
    "preview": ["preview", str(FIXTURE)],
    "export": ["export", str(FIXTURE)],
    "shift": ["shift", "--pages"],
}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seeded(command: str, seed: str, tmp_path: Path) -> list[str]:
    actions = tmp_path / "a.actions.yaml"
    actions.write_text("- acknowledge\n")
    argv = [str(actions) if word == "ACTIONS" else word for word in SEED_COMMANDS[command]]
    return [*argv, f"--seed={seed}"]


# -- one --seed rule ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(SEED_COMMANDS))
@pytest.mark.parametrize("seed", ["-1", str(-(2**63)), str(2**64), "2" * 200, "٣", " 5", "1e3",
                                  "0x10", ""])
def test_every_command_refuses_the_same_seeds(command: str, seed: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(seeded(command, seed, tmp_path))
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "is not a seed: a seed is a whole number from 0 to 18446744073709551615" in err
    assert "internal error" not in err


@pytest.mark.parametrize("command", sorted(SEED_COMMANDS))
@pytest.mark.parametrize("seed", ["0", "7", str(2**64 - 1)])
def test_every_command_takes_the_same_seeds(command: str, seed: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, *seeded(command, seed, tmp_path))
    assert code == 0, err


# -- FIFOs and devices -------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("argv", [
    ["validate", "{fifo}"],
    ["play", "{fifo}", "--headless", "--actions", "{fifo}"],
    ["play", str(FIXTURE), "--headless", "--actions", "{fifo}", "--no-save"],
    ["preview", "{fifo}"],
    ["export", "{fifo}"],
    ["gameday", "validate", "{fifo}"],
    ["shift", "--headless", "--decisions", "{fifo}", "--seed", "1"],
    ["list", "--dir", "{fifo}"],
    ["validate", "/dev/zero"],
    ["play", str(FIXTURE), "--headless", "--actions", "/dev/zero", "--no-save"],
])
def test_a_fifo_or_device_is_refused_not_waited_on(argv: list[str], fifo: Path) -> None:
    """Run in a child with a deadline: before the fix each of these hung on open() or read()."""
    words = [w.format(fifo=fifo) for w in argv]
    run = subprocess.run([sys.executable, "-m", "triage", *words], capture_output=True,
                         text=True, timeout=60, stdin=subprocess.DEVNULL)
    said = run.stdout + run.stderr
    assert run.returncode == 1, said
    where = "/dev/zero" if "/dev/zero" in words else str(fifo)
    what = "it is a device" if where == "/dev/zero" else "it is a FIFO (named pipe)"
    assert f"{where}:1:1: cannot read" in said and f"{what}, not a regular file" in said, said
    assert "Traceback" not in said and "internal error" not in said


# -- gameday new --title -----------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Fire 🔥 drill", 'Quotes "and" \\ back', "日本語のドリル",
                                   "tab\there", "x" * 100, "  spaced   out  "])
def test_gameday_new_writes_a_plan_that_validates(title: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from triage.gameday.checks import load_plan

    path = tmp_path / "plan.yaml"
    code, _, err = cli(capsys, "gameday", "new", str(path), "--title", title)
    assert code == 0, err
    assert cli(capsys, "validate", str(path))[0] == 0
    assert load_plan(path).plan.title == " ".join(title.split())


@pytest.mark.parametrize(("title", "message"), [
    ("x" * 101, "limited to 100 characters (it has 101)"),
    ("   ", "must not be empty"),
    ("lone \udcff surrogate", "would not validate"),
])
def test_gameday_new_refuses_a_title_its_plan_could_not_hold(
        title: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.yaml"
    code, _, err = cli(capsys, "gameday", "new", str(path), "--title", title)
    assert code == 2 and message in err
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_the_title_limit_is_the_plans() -> None:
    from triage.commands.gameday_plan import TITLE_LIMIT
    from triage.gameday.plan import GamePlan

    limits = [m.max_length for m in GamePlan.model_fields["title"].metadata
              if hasattr(m, "max_length")]
    assert limits == [TITLE_LIMIT]


# -- links out of incident_dirs ----------------------------------------------------------------


PLAN = """\
schema: triage/gameday@1
title: Leak
teams: [red]
incident_dirs: [inc]
rounds:
  - incident: {ref}
    seed: 1
    time_limit: 5m
"""


def test_a_linked_file_under_incident_dirs_that_leads_out_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_bytes(FIXTURE.read_bytes())
    plan_dir = tmp_path / "plan"
    (plan_dir / "inc").mkdir(parents=True)
    (plan_dir / "inc" / "leak.yaml").symlink_to(outside / "secret.yaml")
    plan = plan_dir / "plan.yaml"
    plan.write_text(PLAN.format(ref="test-latency-regression"))
    for argv in (["validate", str(plan)], ["gameday", "validate", str(plan)]):
        code, out, err = cli(capsys, *argv)
        assert code == 1
        assert f"{plan}:4:17: inc holds leak.yaml, a link that leads out of the plan's folder" \
            in out + err
    # A link that stays inside the plan's folder is fine, and so is the file itself.
    (plan_dir / "inc" / "leak.yaml").unlink()
    (plan_dir / "kept.yaml").write_bytes(FIXTURE.read_bytes())
    (plan_dir / "inc" / "inside.yaml").symlink_to(plan_dir / "kept.yaml")
    code, _, err = cli(capsys, "gameday", "validate", str(plan))
    assert code == 0, err
