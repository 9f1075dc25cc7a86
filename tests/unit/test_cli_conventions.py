"""Command-line conventions: `--version`, `--player` after the command, one default seed for
preview, export and a headless play, one exit code and shape for an incident that does not exist,
and the index cache under `$XDG_CACHE_HOME`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
STEPS = ("- acknowledge\n- open: tokens_per_request\n- diagnose: prompt_bloat\n  confidence: 0.9\n"
         "- remediate: [rollback_prompt]\n")


def triage(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "triage", *argv], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main([flag])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "triage 0.1.0"


def test_player_after_the_command_is_the_same_as_before(tmp_path: Path, capsys) -> None:
    actions = tmp_path / "a.yaml"
    actions.write_text(STEPS)
    common = ["--seed", "2", "--headless", "--actions", str(actions)]
    assert main(["play", str(FIXTURE), *common, "--player", "alice"]) == 0
    assert main(["--player", "bob", "play", str(FIXTURE), *common]) == 0
    capsys.readouterr()
    with Store() as store:
        assert sorted(store.players()) == ["alice", "bob"]
    for argv in (["serve", "--player", "alice", "--help"], ["shift", "--player", "a", "--help"],
                 ["gameday", "run", "--player", "a", "--help"], ["replay", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0, argv
    capsys.readouterr()


def test_preview_export_and_a_headless_play_share_the_default_seed(tmp_path: Path,
                                                                     capsys) -> None:
    assert main(["preview", str(FIXTURE), "--format", "json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert main(["export", str(FIXTURE), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert preview["seed"] == 1
    column = rows[0].split(",").index("p99_latency")
    exported = [float(row.split(",")[column]) for row in rows[1:]]
    assert exported == pytest.approx(preview["signals"]["p99_latency"], rel=1e-5)
    actions = tmp_path / "a.yaml"
    actions.write_text(STEPS)
    assert main(["play", str(FIXTURE), "--headless", "--actions", str(actions), "--format",
                 "json", "--no-save"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 1


@pytest.mark.parametrize("command", [["preview"], ["export"],
                                     ["play", "--headless", "--actions", str(FIXTURE)], ["play"]])
def test_an_incident_that_does_not_exist_is_a_usage_error_whatever_its_form(command,
                                                                            capsys) -> None:
    for ref, message in (
            ("no-such-incident", "no incident with id 'no-such-incident'; give an id from "
                                 "'triage list' or the path of an incident file"),
            ("nope.yaml", "no such file: nope.yaml"),
            ("./nope", "no such file: ./nope")):
        assert main([*command[:1], ref, *command[1:]]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == f"triage: error: {message}\n"


def test_an_unknown_id_close_to_a_real_one_gets_a_suggestion(capsys) -> None:
    assert main(["preview", "fraud-scorer-ct-grad-nor"]) == 2
    assert "(did you mean 'fraud-scorer-ct-grad-norm'?)" in capsys.readouterr().err


def test_the_index_cache_lives_in_the_xdg_cache_home(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert triage("list", "--format", "json", env=env).returncode == 0
    assert (tmp_path / "cache" / "triage" / "incident-index.json").is_file()
    assert not (tmp_path / "data").exists()  # listing stores nothing
    env.pop("XDG_CACHE_HOME")
    assert triage("list", env=env).returncode == 0
    assert (tmp_path / "home" / ".cache" / "triage" / "incident-index.json").is_file()
