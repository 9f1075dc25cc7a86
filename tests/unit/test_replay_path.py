"""`triage replay` and `history export` for plays of an incident file outside the built-in pack:
the file is kept with the play (schema version 6), so the replay finds it, the exported replay
line works as printed, and a file that moved is reported with the `--dir` to pass."""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import CURRENT_VERSION, Store, db_path, schema

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
GOOD = "- acknowledge\n- open: tokens_per_request\n- open: changes\n" \
       "- diagnose: prompt_bloat\n  confidence: 0.9\n- remediate: [rollback_prompt]\n"


def cli(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def played(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """A play of a copy of the fixture, named by a relative path with a space in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my pack").mkdir()
    incident = tmp_path / "my pack" / "latency incident.yaml"
    shutil.copy(FIXTURE, incident)
    (tmp_path / "steps.yaml").write_text(GOOD)
    code, out, _ = cli(capsys, "play", "my pack/latency incident.yaml", "--seed", "4",
                       "--headless", "--actions", "steps.yaml", "--format", "json")
    assert code == 0
    return incident, json.loads(out)


def test_the_play_keeps_the_absolute_path_of_its_file(capsys, played) -> None:
    incident, _ = played
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION >= 6
        assert store.list_plays()[0].incident_path == str(incident)
    row = json.loads(cli(capsys, "history", "--format", "json")[1])[0]
    assert row["incident_path"] == str(incident)


def test_a_play_from_a_file_replays_without_dir(capsys, played, tmp_path, monkeypatch) -> None:
    _, original = played
    monkeypatch.chdir(tmp_path.parent)  # the relative path it was played by no longer works
    code, out, err = cli(capsys, "replay", "1", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == original and "warning" not in err


def test_a_renamed_file_in_the_same_folder_is_still_found(capsys, played) -> None:
    incident, original = played
    incident.rename(incident.with_name("renamed.yaml"))
    code, out, err = cli(capsys, "replay", "1", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["score"] == original["score"]


def test_a_moved_file_is_reported_with_the_dir_to_pass(capsys, played, tmp_path) -> None:
    incident, original = played
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    incident.rename(elsewhere / incident.name)
    code, out, err = cli(capsys, "replay", "1")
    assert code == 1 and out == ""
    assert f"the file it was played from, {incident}, is no longer there" in err
    assert "triage replay 1 --dir FOLDER" in err and "Traceback" not in err
    code, out, err = cli(capsys, "replay", "1", "--dir", str(elsewhere), "--format", "json")
    assert code == 0 and json.loads(out)["score"] == original["score"]


def test_a_file_that_no_longer_loads_shows_its_problems(capsys, played) -> None:
    incident, _ = played
    incident.write_text(incident.read_text().replace("pitfall: llm_cost_latency",
                                                     "pitfall: llm_cost_latenc"))
    code, _, err = cli(capsys, "replay", "1")
    assert code == 1 and f"{incident}, no longer loads" in err
    assert f"{incident}:" in err and "llm_cost_latency" in err  # the problem, with a suggestion


def header_command(text: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith("# Replay: "))
    return shlex.split(line.removeprefix("# Replay: "))


def test_the_exported_replay_line_works_as_printed(capsys, played, tmp_path) -> None:
    incident, original = played
    code, _, err = cli(capsys, "history", "export", "1", "-o", "exported play.yaml")
    assert code == 0
    written = (tmp_path / "exported play.yaml").read_text()
    argv = header_command(written)
    assert argv[:3] == ["triage", "play", str(incident)]
    assert argv[-2:] == ["--actions", "exported play.yaml"]
    # The note on stderr is the same command, and both run as printed.
    assert shlex.split(err.split("replay it with: ", 1)[1]) == argv
    code, out, _ = cli(capsys, *argv[1:], "--format", "json", "--no-save")
    assert code == 0 and json.loads(out) == original
    # Exported to stdout, the line names the incident's file and leaves the actions file to you.
    code, out, _ = cli(capsys, "history", "export", "1")
    assert header_command(out)[2:] == [str(incident), "--seed", "4", "--headless", "--actions",
                                       "THIS_FILE"]


def test_a_built_in_play_exports_its_id(capsys, tmp_path, monkeypatch) -> None:
    from triage.model.loader import load_incident
    from triage.model.pack import builtin_dir

    monkeypatch.chdir(tmp_path)
    builtin = load_incident(sorted(builtin_dir().glob("*.yaml"))[0]).incident.id
    (tmp_path / "steps.yaml").write_text("- acknowledge\n")
    assert cli(capsys, "play", builtin, "--seed", "2", "--headless", "--actions",
               "steps.yaml")[0] == 0
    code, out, _ = cli(capsys, "history", "export", "1")
    assert code == 0 and header_command(out)[2] == builtin
    assert cli(capsys, "replay", "1")[0] == 0


V5_PLAY = (
    "INSERT INTO plays (player, incident_id, incident_hash, pitfall, difficulty, seed, actions, "
    "score, grade, breakdown, started_at, ended_at, ended_ts, checksum, mode, rules, variant) "
    "VALUES ('ana', 'test-latency-regression', 'h', 'llm_cost_latency', 1, '4', ?, 0, 'F', "
    "'{}', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 0, 'c', 'play', 2, NULL)"
)


def test_plays_stored_before_version_6_keep_working(capsys, tmp_path) -> None:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:5]:  # the database as the release before this one left it
        step(raw)
    raw.execute("PRAGMA user_version = 5")
    steps = [{"acknowledge": None}, {"diagnose": "prompt_bloat", "confidence": 0.9},
             {"remediate": ["rollback_prompt"]}]
    raw.execute(V5_PLAY, (json.dumps(["acknowledge", *steps[1:]]),))
    raw.close()
    with Store() as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.get_play(1).incident_path is None
    code, out, _ = cli(capsys, "replay", "1", "--dir", str(FIXTURE.parent), "--format", "json")
    assert code == 0 and json.loads(out)["diagnosis"] == "prompt_bloat"
    code, _, err = cli(capsys, "replay", "1")
    assert code == 1
    assert "stored before triage kept the incident's file" in err
    assert "triage replay 1 --dir FOLDER" in err
    code, out, _ = cli(capsys, "history", "export", "1")
    assert code == 0 and header_command(out)[2] == "test-latency-regression"
