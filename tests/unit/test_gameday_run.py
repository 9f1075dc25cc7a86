"""A whole game day without a UI: turns, stored plays, standings and the retro report."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from triage.engine import actions as act
from triage.gameday.checks import load_plan
from triage.gameday.report import report_csv, report_json, report_markdown
from triage.gameday.runner import GameDay, GamedayError, Turn, run_plan_headless
from triage.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
INCIDENT = FIXTURES / "shapes_only.yaml"
PLAN = f"""\
schema: triage/gameday@1
title: Friday drill
teams: [red, blue]
rounds:
  - title: Warm-up
    incident: {INCIDENT.name}
    seed: 3
    time_limit: 10m
  - incident: {INCIDENT.name}
    seed: 4
    time_limit: 10m
    weight: 2
    hints: false
"""
GOOD = """\
- acknowledge
- open: tokens_per_request
- open: changes
- diagnose: prompt_bloat
  confidence: 0.9
- remediate: rollback_prompt
"""
WRONG = """\
- acknowledge
- diagnose: traffic_spike
  confidence: 0.8
- remediate: scale_out
"""


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())  # plans name files beside them
    return path


@pytest.fixture
def plays_dir(tmp_path: Path) -> Path:
    plays = tmp_path / "plays"
    for team, rounds in {"red": (GOOD, GOOD), "blue": (WRONG,)}.items():
        (plays / team).mkdir(parents=True)
        for number, text in enumerate(rounds, start=1):
            (plays / team / f"round-{number}.yaml").write_text(text, encoding="utf-8")
    return plays


def triage(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "triage", *argv], capture_output=True,
                          text=True, timeout=120)


def test_python_api_plays_every_turn_and_stores_tagged_plays(plan_path: Path) -> None:
    loaded = load_plan(plan_path)
    steps = [act.acknowledge(), act.open_("tokens_per_request"),
             act.diagnose("prompt_bloat", 0.9), act.remediate("rollback_prompt")]
    store = Store()
    game = run_plan_headless(loaded, {("red", 0): steps, ("blue", 1): steps}, store=store,
                             run_id="drill")
    assert [(t.round_index, t.team) for t in game.turns()] == [
        (0, "red"), (0, "blue"), (1, "blue"), (1, "red")]  # the order rotates each round
    plays = store.list_plays(gameday_run="drill")
    assert len(plays) == 4 and {p.mode for p in plays} == {"gameday"}
    assert sorted(p.team for p in plays) == ["blue", "blue", "red", "red"]
    standings = GameDay.open(store, "drill").standings()
    by_team = {t.team: t for t in standings.teams}
    assert by_team["blue"].points[1] == 2 * by_team["red"].points[0]  # round 2 counts double
    assert by_team["red"].points[1] == 0  # no actions: the clock ran out
    assert standings.teams[0].team == "blue" and standings.complete


def test_hints_are_refused_when_the_round_forbids_them(plan_path: Path) -> None:
    game = GameDay.create(load_plan(plan_path))
    game.play_turn(Turn(0, "red"), [act.hint(), act.timeout()])
    with pytest.raises(GamedayError, match="round 2: step 1 .*hints are off"):
        game.play_turn(Turn(1, "red"), [act.hint()])


def test_headless_cli_runs_the_plan_to_a_report(plan_path: Path, plays_dir: Path) -> None:
    run = triage("gameday", "run", str(plan_path), "--headless", "--actions-dir",
                 str(plays_dir), "--run-id", "friday", "--format", "json")
    assert run.returncode == 0, run.stderr
    standings = json.loads(run.stdout)
    assert [s["team"] for s in standings["standings"]] == ["red", "blue"]
    assert standings["standings"][1]["points"][1] == 0

    board = triage("gameday", "board", "friday", "--once")
    assert board.returncode == 0 and "Final: red wins." in board.stdout
    assert "Warm-up" in board.stdout

    md = triage("gameday", "report", "friday", "--format", "md")
    assert md.returncode == 0, md.stderr
    assert "| 1 | red |" in md.stdout and "prompt_bloat (right)" in md.stdout
    assert "traffic_spike (wrong)" in md.stdout and "open tokens_per_request" in md.stdout

    rows = list(csv.DictReader(io.StringIO(triage("gameday", "report", "--format",
                                                  "csv").stdout)))
    assert [(r["round"], r["team"]) for r in rows] == [
        ("1", "red"), ("1", "blue"), ("2", "red"), ("2", "blue")]
    red = rows[0]
    assert red["time_to_acknowledge"] == "0.0" and red["correct"] == "yes"
    assert red["evidence_opened"] == "tokens_per_request;changes"
    assert red["remediations"] == "rollback_prompt" and rows[3]["ended"] == "time ran out"

    data = json.loads(triage("gameday", "report", "friday", "--format", "json").stdout)
    timeline = data["plays"][0]["timeline"]
    assert [step["action"] for step in timeline][0] == "acknowledge"
    assert data["plays"][0]["time_to_diagnose"] == pytest.approx(3.0)


def test_reports_from_the_api_match_the_store(plan_path: Path) -> None:
    store = Store()
    game = run_plan_headless(load_plan(plan_path), {}, store=store, run_id="empty")
    standings = GameDay.open(store, "empty").standings()
    assert report_markdown(standings).startswith("# Game day: Friday drill")
    assert report_csv(standings).count("\n") == 5
    assert json.loads(report_json(standings))["complete"] is True
    assert game.standings().as_json()["standings"] == standings.as_json()["standings"]


def test_a_headless_play_tagged_with_the_run_counts(plan_path: Path, tmp_path: Path) -> None:
    from triage.gameday.records import summarise_actions

    store = Store()
    GameDay.create(load_plan(plan_path), store, run_id="mixed")
    actions = tmp_path / "red.actions.yaml"
    actions.write_text(GOOD, encoding="utf-8")
    run = triage("play", str(INCIDENT), "--seed", "3", "--headless", "--actions",
                 str(actions), "--gameday", "mixed", "--team", "red")
    assert run.returncode == 0, run.stderr
    game = GameDay.open(store, "mixed")
    assert [(r.round_index, r.team) for r in game.results] == [(0, "red")]
    # Its log holds bare steps; the minutes come back by replaying them.
    assert game.results[0].summary.diagnosed == pytest.approx(3.0)
    assert summarise_actions([{"minute": 1, "action": {"open": "logs"}}]).opened == (("logs", 1),)


def test_bad_actions_dirs_are_reported_with_positions(plan_path: Path, plays_dir: Path) -> None:
    (plays_dir / "blu").mkdir()
    (plays_dir / "red" / "round-2.yaml").write_text("- acknowledge\n- opn: logs\n")
    run = triage("gameday", "run", str(plan_path), "--headless", "--actions-dir", str(plays_dir))
    assert run.returncode == 1
    assert "no team named 'blu' in the plan (did you mean 'blue'?)" in run.stderr
    assert f"{plays_dir / 'red' / 'round-2.yaml'}:2:8: unknown action 'opn'" in run.stderr


def test_unknown_runs_and_usage_errors() -> None:
    assert triage("gameday", "board", "nope", "--once").returncode == 1
    assert triage("gameday", "report").returncode == 1  # no runs yet
    assert triage("gameday", "run", "missing.yaml", "--headless").returncode == 2
