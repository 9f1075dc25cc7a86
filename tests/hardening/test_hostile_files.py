"""Hostile incident files and plans: every command that reads them refuses them the same way.

Each file in `corpus.py` is wrong in one way (YAML tricks, bytes, absurd numbers, paths that leave
the plan's folder). Every command that reads authored files must answer it with a positioned
problem (`path:line:col: message`), exit 1, run nothing, and finish well inside the hang guard.
Speed and memory figures come from `benchmarks/bench_hostile.py`; one test here checks memory in
a subprocess for the largest inputs, since memory (unlike time) does not depend on a busy machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import ACTIONS, HEAVY, INCIDENTS, PLANS, PWNED, write_pack
from hardening_helpers import hang_guard, run_cli

GOOD_ACTIONS = "- acknowledge\n- diagnose: prompt_bloat\n- remediate: rollback_prompt\n"
POSITIONED = re.compile(r"^\s*(?P<path>\S.*?):(?P<line>\d+):(?P<col>\d+): \S", re.MULTILINE)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan folder holding a valid incident, an actions dir, and every hostile case in case/."""
    root = tmp_path_factory.mktemp("hostile")
    pack = write_pack(root)
    (pack / "case").mkdir()
    (pack / "actions").mkdir()
    (pack / "steps.actions.yaml").write_text(GOOD_ACTIONS)
    for name, build in INCIDENTS.items():
        (pack / "case" / f"{name}.yaml").write_bytes(build())
        (pack / f"plan-{name}.yaml").write_text(
            "schema: triage/gameday@1\ntitle: t\nteams: [red]\nrounds:\n"
            f"  - {{incident: case/{name}.yaml, seed: 1, time_limit: 10m}}\n")
    for name, build in PLANS.items():
        (pack / f"{name}.yaml").write_bytes(build())
    return pack


def _commands(pack: Path, name: str) -> dict[str, list[str]]:
    path, plan = str(pack / "case" / f"{name}.yaml"), str(pack / f"plan-{name}.yaml")
    actions = str(pack / "steps.actions.yaml")
    return {
        "validate": ["validate", path],
        "check": ["check", "--seeds", "1", path],
        "preview": ["preview", path],
        "play --headless": ["play", path, "--headless", "--actions", actions, "--no-save"],
        "play (TUI)": ["play", path],
        "export": ["export", path],
        "gameday validate": ["gameday", "validate", plan],
        "gameday run": ["gameday", "run", plan, "--headless", "--actions-dir",
                        str(pack / "actions"), "--no-save"],
    }


COMMANDS = list(_commands(Path("."), "x"))


@pytest.fixture(autouse=True)
def _no_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    """`play PATH` loads the incident before the TUI; a file that got through must not open it."""
    import triage.tui.app

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a hostile incident got far enough to open the TUI")

    monkeypatch.setattr(triage.tui.app, "create_app", refuse)


def assert_refused(code: int, out: str, err: str, must_name: Path) -> None:
    """Exit 1, a positioned problem naming `must_name`, and no traceback."""
    text = out + err
    assert code == 1, text
    assert "Traceback" not in text and "internal error" not in text, text
    found = [m for m in POSITIONED.finditer(text) if must_name.name in m.group(0)]
    assert found, f"no path:line:col problem naming {must_name.name} in:\n{text}"
    assert all(int(m.group("line")) >= 1 and int(m.group("col")) >= 1 for m in found)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(INCIDENTS))
def test_every_command_refuses_every_hostile_incident(
    pack: Path, case: str, command: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(pack.parent)  # where the code-execution cases would drop their file
    code, out, err = run_cli(capsys, *_commands(pack, case)[command])
    assert_refused(code, out, err, pack / "case" / f"{case}.yaml")
    assert not (pack.parent / PWNED).exists()


def test_list_names_every_hostile_file_in_a_directory(pack: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "list", "--dir", str(pack / "case"))
    assert code == 1 and "Traceback" not in out + err
    named = {Path(m.group("path")).stem for m in POSITIONED.finditer(err)}
    assert set(INCIDENTS) <= named, sorted(set(INCIDENTS) - named)
    assert "test-latency-regression" not in out  # none of the hostile copies is listed


@pytest.mark.parametrize("command", ["validate", "gameday validate", "gameday run"])
@pytest.mark.parametrize("case", list(PLANS))
def test_hostile_plans_are_refused(pack: Path, case: str, command: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = pack / f"{case}.yaml"
    argv = {"validate": ["validate", str(path)],
            "gameday validate": ["gameday", "validate", str(path)],
            "gameday run": ["gameday", "run", str(path), "--headless", "--actions-dir",
                            str(pack / "actions"), "--no-save"]}[command]
    code, out, err = run_cli(capsys, *argv)
    assert_refused(code, out, err, path)


@pytest.mark.parametrize("command", ["play --headless", "validate", "gameday run"])
@pytest.mark.parametrize("case", list(ACTIONS))
def test_hostile_actions_files_are_refused(tmp_path: Path, case: str, command: str,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pack = write_pack(tmp_path)
    incident = pack / "incident.yaml"
    if command == "gameday run":
        (pack / "plan.yaml").write_text("schema: triage/gameday@1\ntitle: t\nteams: [red]\n"
                                        "rounds:\n  - {incident: incident.yaml, seed: 1, "
                                        "time_limit: 10m}\n")
        path = pack / "actions" / "red" / "round-1.yaml"
        path.parent.mkdir(parents=True)
        argv = ["gameday", "run", str(pack / "plan.yaml"), "--headless", "--actions-dir",
                str(pack / "actions"), "--no-save"]
    else:
        path = pack / f"{case}.actions.yaml"
        argv = (["play", str(incident), "--headless", "--actions", str(path), "--no-save"]
                if command == "play --headless" else
                ["validate", "--incident", str(incident), str(path)])
    path.write_bytes(ACTIONS[case])
    code, out, err = run_cli(capsys, *argv)
    if command == "validate" and case == "refused-at-play":
        assert code == 0, out + err  # each step is valid alone; the play refuses the order
        return
    assert_refused(code, out, err, path)
    assert not (tmp_path / PWNED).exists()


def test_a_link_out_of_the_plan_folder_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pack = write_pack(tmp_path)
    (pack / "elsewhere").symlink_to(tmp_path / "outside", target_is_directory=True)
    plan = pack / "plan.yaml"
    plan.write_text("schema: triage/gameday@1\ntitle: t\nteams: [red]\n"
                    "incident_dirs: [elsewhere]\nrounds:\n"
                    "  - {incident: elsewhere/incident.yaml, seed: 1, time_limit: 10m}\n")
    code, out, err = run_cli(capsys, "gameday", "validate", str(plan))
    assert code == 1
    assert f"{plan}:4:17: elsewhere leads out of the plan's folder" in err
    assert f"{plan}:6:16: elsewhere/incident.yaml leads out of the plan's folder" in err


def test_gameday_new_will_not_write_a_reference_out_of_the_plan_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    write_pack(tmp_path)
    code, _, err = run_cli(capsys, "gameday", "new", str(tmp_path / "pack" / "day.yaml"),
                           "--dir", str(tmp_path / "outside"))
    assert code == 2 and "outside the plan's folder" in err
    assert not (tmp_path / "pack" / "day.yaml").exists()


@pytest.mark.parametrize("case", list(HEAVY))
def test_valid_incidents_at_the_limits_still_play(tmp_path: Path, case: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(HEAVY[case]())
    actions = tmp_path / "steps.actions.yaml"
    actions.write_text("- wait: 30m\n- open: logs\n" + GOOD_ACTIONS)
    code, out, err = run_cli(capsys, "play", str(path), "--headless", "--actions", str(actions),
                             "--no-save", "--seed", "3")
    assert code == 0, err
    assert "DEBRIEF" in out


MEMORY_LIMIT_MB = 200
# Read, then refuse, in a fresh interpreter; print the peak resident memory of that child.
_MEASURE = """\
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "triage", "validate", sys.argv[1]],
                     capture_output=True, timeout=60)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_the_largest_hostile_inputs_are_refused_in_little_memory(pack: Path) -> None:
    biggest = ["50mb", "billion-laughs", "million-item-list", "ten-thousand-signals",
               "deep-block-maps", "drift-max-everything"]
    for case in biggest:
        with hang_guard(60):
            run = subprocess.run([sys.executable, "-c", _MEASURE,
                                  str(pack / "case" / f"{case}.yaml")],
                                 capture_output=True, text=True, timeout=60)
        code, peak_kb = map(int, run.stdout.split())
        assert code == 1, (case, run.stderr)
        assert peak_kb / 1024 < MEMORY_LIMIT_MB, (case, f"{peak_kb / 1024:.0f} MB")
