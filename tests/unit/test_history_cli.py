"""`triage history`, `history export`, `history profile` and `triage replay`, driven through the
CLI as a player would, including every way the practice database can be bad."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from triage.cli import main
from triage.store import PlayRecord, Store, db_path, default_player

FIXTURES = Path(__file__).parent.parent / "fixtures"
FIXTURE = FIXTURES / "shapes_only.yaml"
GOOD = "- acknowledge\n- open: tokens_per_request\n- open: changes\n" \
       "- diagnose: prompt_bloat\n  confidence: 0.9\n- remediate: [rollback_prompt]\n"
POOR = "- wait: 30m\n- acknowledge\n- diagnose: traffic_spike\n  confidence: 0.7\n" \
       "- remediate: [raise_timeout]\n"


def cli(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def play(capsys, tmp_path: Path, steps: str, seed: int, *extra: str,
         incident: Path = FIXTURE) -> dict:
    actions = tmp_path / f"actions-{seed}.yaml"
    actions.write_text(steps)
    code, out, _ = cli(capsys, *extra, "play", str(incident), "--seed", str(seed), "--headless",
                       "--actions", str(actions), "--format", "json")
    assert code == 0
    return json.loads(out)


def damage() -> bytes:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    content = b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 2000
    path.write_bytes(content)
    return content


# ---- listing ---------------------------------------------------------------------------------


def test_no_plays_yet(capsys) -> None:
    expected = f"No plays for {default_player()}. Run 'triage' to play one.\n"
    assert cli(capsys, "history")[:2] == (0, expected)
    code, out, _ = cli(capsys, "history", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_plays_newest_first_with_the_fields_scripts_need(capsys, tmp_path: Path) -> None:
    first = play(capsys, tmp_path, GOOD, 5)
    second = play(capsys, tmp_path, POOR, 6)
    code, out, _ = cli(capsys, "history", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [row["seed"] for row in rows] == [6, 5]
    for row, result in zip(rows, (second, first), strict=True):
        assert {"id", "incident", "seed", "score", "grade", "started_at", "pitfall"} <= set(row)
        assert (row["incident"], row["score"], row["grade"]) == (
            "test-latency-regression", result["score"], result["grade"])
    assert rows[0]["id"] > rows[1]["id"]
    code, out, _ = cli(capsys, "history")
    lines = out.splitlines()
    assert "INCIDENT" in lines[0] and "PITFALL" in lines[0] and "GRADE" in lines[0]
    assert lines[1].split()[0] == str(rows[0]["id"]) and "LLM cost and latency" in lines[1]
    assert str(second["score"]) in lines[1] and second["grade"] in lines[1].split()
    code, out, _ = cli(capsys, "history", "--limit", "1", "--format", "json")
    assert [row["seed"] for row in json.loads(out)] == [6]
    assert cli(capsys, "history", "--limit", "0")[0] == 2


def test_long_incident_ids_are_shown_whole_so_they_can_be_pasted_back(capsys, tmp_path) -> None:
    long_id = "comment-moderation-calibration-page"  # 35 characters
    actions = tmp_path / "ack.yaml"
    actions.write_text("- acknowledge\n")
    assert cli(capsys, "play", long_id, "--seed", "2", "--headless", "--actions",
               str(actions))[0] == 0
    play(capsys, tmp_path, GOOD, 5)
    code, out, _ = cli(capsys, "history")
    header, *rows = out.splitlines()
    pasted = rows[1].split()[3]
    assert code == 0 and pasted == long_id
    assert rows[0].split()[3] == "test-latency-regression"
    assert header.index("PITFALL") == rows[1].index("Confidence miscalibration")
    assert cli(capsys, "play", pasted, "--seed", "2", "--headless", "--actions", str(actions),
               "--no-save")[0] == 0


def test_each_player_has_their_own_history(capsys, tmp_path: Path) -> None:
    play(capsys, tmp_path, GOOD, 1, "--player", "ana")
    play(capsys, tmp_path, POOR, 2, "--player", "bob")
    for argv in (["--player", "bob", "history"], ["history", "--player", "bob"]):
        code, out, _ = cli(capsys, *argv, "--format", "json")
        assert [(r["player"], r["seed"]) for r in json.loads(out)] == [("bob", 2)]
    code, out, _ = cli(capsys, "history", "--all-players", "--format", "json")
    assert sorted(r["player"] for r in json.loads(out)) == ["ana", "bob"]
    code, out, _ = cli(capsys, "history", "--player", "ana", "profile", "--format", "json")
    profile = json.loads(out)
    assert profile["player"] == "ana" and profile["plays"] == 1
    assert profile["pitfalls"][0]["pitfall"] == "llm_cost_latency"
    assert profile["pitfalls"][0]["trend"] == [float(profile["pitfalls"][0]["trend"][0])]
    code, out, _ = cli(capsys, "history", "profile", "--player", "carl")
    assert code == 0 and "Mastery of carl (0 plays)" in out


# ---- export and replay -----------------------------------------------------------------------


def test_export_writes_an_actions_file_that_replays_to_the_same_score(capsys, tmp_path) -> None:
    original = play(capsys, tmp_path, GOOD, 5)
    play_id = json.loads(cli(capsys, "history", "--format", "json")[1])[0]["id"]
    target = tmp_path / "exported.yaml"
    code, _, err = cli(capsys, "history", "export", str(play_id), "-o", str(target))
    assert code == 0 and f"triage play {FIXTURE} --seed 5" in err
    assert "- diagnose: prompt_bloat\n  confidence: 0.9\n" in target.read_text()
    code, out, _ = cli(capsys, "play", str(FIXTURE), "--seed", "5", "--headless", "--actions",
                       str(target), "--format", "json", "--no-save")
    assert code == 0 and json.loads(out) == original
    code, out, _ = cli(capsys, "history", "export", str(play_id))
    assert code == 0 and out.replace("THIS_FILE", str(target)) == target.read_text()
    code, _, err = cli(capsys, "history", "export", "999")
    assert code == 1 and "no play 999" in err


def test_replay_gives_the_same_json_as_the_headless_play(capsys, tmp_path: Path) -> None:
    original = play(capsys, tmp_path, POOR, 9)
    play_id = json.loads(cli(capsys, "history", "--format", "json")[1])[0]["id"]
    code, out, err = cli(capsys, "replay", str(play_id), "--dir", str(FIXTURES),
                         "--format", "json")
    assert code == 0 and json.loads(out) == original and "warning" not in err
    code, out, _ = cli(capsys, "replay", str(play_id), "--dir", str(FIXTURES))
    assert code == 0 and out.startswith("DEBRIEF") and f"Score {original['score']}/100" in out
    assert cli(capsys, "replay", "12345")[0] == 1


def test_replay_warns_when_the_incident_changed(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    incident = folder / "latency.yaml"
    shutil.copy(FIXTURE, incident)
    original = play(capsys, tmp_path, GOOD, 3, incident=incident)
    incident.write_text(incident.read_text().replace("is climbing.", "is climbing fast."))
    code, out, err = cli(capsys, "replay", "1", "--dir", str(folder), "--format", "json")
    assert code == 0 and "changed since play 1 was recorded" in err
    assert json.loads(out)["score"] == original["score"]
    incident.unlink()
    code, _, err = cli(capsys, "replay", "1", "--dir", str(folder))
    assert code == 1 and "test-latency-regression" in err


def test_replay_reads_game_day_action_logs(capsys) -> None:
    from datetime import datetime, timezone

    from triage.model.loader import load_incident

    loaded = load_incident(FIXTURE)
    now = datetime(2027, 1, 1, 0, 0, 30, tzinfo=timezone.utc)
    steps = [{"minute": 0.0, "step": "acknowledge"},
             {"minute": 0.0, "step": {"confidence": 0.9, "diagnose": "prompt_bloat"}},
             {"minute": 0.0, "step": {"remediate": ["rollback_prompt"]}}]
    with Store() as store:
        play_id = store.save_play(PlayRecord(
            player="team-a", incident_id=loaded.incident.id, incident_hash=loaded.sha256,
            pitfall="llm_cost_latency", difficulty=1, seed=2, actions=steps, score=0,
            grade="F", breakdown={}, started_at=now, ended_at=now))
    code, out, err = cli(capsys, "replay", str(play_id), "--dir", str(FIXTURES),
                         "--format", "json")
    assert code == 0 and json.loads(out)["diagnosis"] == "prompt_bloat"
    assert "the stored play scored 0" in err


# ---- a bad database --------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["history"], ["history", "--format", "json"], ["replay", "1"],
                                  ["history", "export", "1"], ["history", "profile"]])
def test_a_damaged_database_fails_with_its_path_and_is_kept(capsys, argv) -> None:
    content = damage()
    code, out, err = cli(capsys, *argv)
    assert code == 1 and out == ""
    assert str(db_path()) in err and "damaged" in err and "--reset-damaged-db" in err
    assert db_path().read_bytes() == content


def test_reset_damaged_db_keeps_the_file_aside_and_starts_fresh(capsys) -> None:
    content = damage()
    code, out, err = cli(capsys, "history", "--reset-damaged-db", "--format", "json")
    assert code == 0 and json.loads(out) == []
    aside = [p for p in db_path().parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content and str(aside[0]) in err
    with Store() as store:
        assert store.list_plays() == []


@pytest.mark.parametrize(("answer", "code"), [("y", 0), ("n", 1), ("", 1)])
def test_on_a_terminal_the_player_is_asked(capsys, monkeypatch, answer: str, code: int) -> None:
    content = damage()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    asked = []
    monkeypatch.setattr("builtins.input", lambda *prompt: asked.append(prompt) or answer)
    result, out, err = cli(capsys, "history", "--format", "json")
    assert result == code and asked == [()]
    assert "start a fresh one? [y/N]" in err and (out == "" if code else json.loads(out) == [])
    kept = [p for p in db_path().parent.iterdir() if ".corrupt-" in p.name]
    if code == 0:
        assert kept[0].read_bytes() == content
    else:
        assert not kept and db_path().read_bytes() == content


def test_a_newer_database_is_refused_and_never_touched(capsys) -> None:
    with Store():
        pass
    with sqlite3.connect(db_path()) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = db_path().read_bytes()
    for argv in (["history"], ["history", "--reset-damaged-db"], ["replay", "1"]):
        code, _, err = cli(capsys, *argv)
        assert code == 1 and "newer version of triage" in err and str(db_path()) in err
    assert db_path().read_bytes() == before
    assert not [p for p in db_path().parent.iterdir() if ".corrupt-" in p.name]


def test_an_unusable_path_is_reported(capsys) -> None:
    db_path().mkdir(parents=True)
    code, _, err = cli(capsys, "history")
    assert code == 1 and str(db_path()) in err and "folder" in err


def test_a_subprocess_sees_exit_1_and_no_textual(tmp_path: Path) -> None:
    damage()
    code = ("import sys\nfrom triage.cli import main\nrc = main(%r)\n"
            "print('textual' in sys.modules, file=sys.stderr)\nsys.exit(rc)")
    for argv in (["history"], ["replay", "1"], ["history", "export", "1"]):
        result = subprocess.run([sys.executable, "-c", code % argv], capture_output=True,
                                text=True, stdin=subprocess.DEVNULL)
        assert result.returncode == 1 and str(db_path()) in result.stderr
        assert result.stderr.strip().splitlines()[-1] == "False"
