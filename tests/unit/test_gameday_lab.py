"""Lab rounds in game days: plans that name an alert lab, each team's rules file, the lab score
as the round's points, the report's lab figures, validation with positions, and `serve`
refusing what its tabs cannot play."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from triage.cli import main
from triage.gameday.checks import PlanError, load_plan
from triage.gameday.resolve import ResolvedRound, RunInfo
from triage.gameday.runner import GameDay, Turn
from triage.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
INCIDENT = FIXTURES / "shapes_only.yaml"
SENSIBLE = FIXTURES / "labs" / "support-bot-alerts.sensible.rules.yaml"
ERRORS_ONLY = (FIXTURES / "labs" / "support-bot-alerts.errors-only.rules.yaml").read_text()
PLAN = f"""\
schema: triage/gameday@1
title: Alerts drill
teams: [red, blue, green]
rounds:
  - incident: {INCIDENT.name}
    seed: 3
    time_limit: 10m
  - title: Pager rules
    lab: support-bot-alerts
    seed: 3
    time_limit: 20m
    weight: 2
"""


@pytest.fixture
def drill(tmp_path: Path) -> Path:
    """A plan with an incident round and a lab round; red and blue submit rules, green none."""
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    for team, rules in (("red", SENSIBLE.read_text()), ("blue", ERRORS_ONLY)):
        (tmp_path / "plays" / team).mkdir(parents=True)
        (tmp_path / "plays" / team / "round-2.yaml").write_text(rules, encoding="utf-8")
    return tmp_path


def _lab_score(rules: Path, capsys: pytest.CaptureFixture[str]) -> float:
    assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(rules), "--seed", "3",
                 "--format", "json"]) == 0
    return float(json.loads(capsys.readouterr().out)["score"])


def test_a_lab_round_scores_each_teams_rules_as_the_lab_does(drill: Path, capsys) -> None:
    assert main(["gameday", "run", str(drill / "plan.yaml"), "--headless", "--actions-dir",
                 str(drill / "plays"), "--run-id", "drill", "--format", "json"]) == 0
    standings = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in standings["rounds"]] == ["incident", "lab"]
    points = {row["team"]: row["points"][1] for row in standings["standings"]}
    assert main(["history", "profile", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["labs"] == []  # not the facilitator's results
    red = _lab_score(SENSIBLE, capsys)
    (drill / "blue.rules.yaml").write_text(ERRORS_ONLY)
    blue = _lab_score(drill / "blue.rules.yaml", capsys)
    # The round's weight applies to the lab score as a whole; no rules score nothing.
    assert points == {"red": round(2 * red, 1), "blue": round(2 * blue, 1), "green": 0.0}
    assert red > blue > 0
    # The board reads the lab round back from the store (a team's lab result, under TEAM@RUN).
    with Store() as store:
        game = GameDay.open(store, "drill")
        assert {t.team: t.points[1] for t in game.standings().teams} == points


def test_the_report_shows_each_teams_lab_figures(drill: Path, capsys) -> None:
    assert main(["gameday", "run", str(drill / "plan.yaml"), "--headless", "--actions-dir",
                 str(drill / "plays"), "--run-id", "drill"]) == 0
    capsys.readouterr()
    assert main(["gameday", "report", "drill", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    lab_part = markdown.split("## Round 2: Pager rules")[1]
    assert "Alert lab `support-bot-alerts`" in lab_part and "weight 2" in lab_part
    assert "| Precision | Recall | Caught | Median delay |" in lab_part
    assert "Pages/week" in lab_part
    assert "No rules submitted (scored as an empty rule set): green." in lab_part
    blue = next(line for line in lab_part.splitlines() if line.startswith("| blue"))
    assert "| 1.00 | 0.25 | 1/4 |" in blue  # every page real, one incident of four caught
    assert main(["gameday", "report", "drill", "--format", "json"]) == 0
    plays = json.loads(capsys.readouterr().out)["plays"]
    lab = {p["team"]: p["lab"] for p in plays if p["kind"] == "lab"}
    for figures in lab.values():
        assert {"precision", "recall", "median_delay_minutes", "pages_per_week"} <= set(figures)
    assert lab["green"]["recall"] == 0.0
    assert main(["gameday", "report", "drill", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].endswith(",precision,recall,median_delay_minutes,pages_per_week")
    assert any(",rules submitted,1.0,0.25," in row for row in rows)
    import csv

    by_round = [(r["round"], r["correct"], r["recall"]) for r in csv.DictReader(rows)]
    assert ("1", "no", "") in by_round and ("2", "", "0.25") in by_round  # no diagnosis in a lab


def test_only_a_teams_first_result_of_the_round_counts(drill: Path, capsys) -> None:
    loaded = load_plan(drill / "plan.yaml")
    from triage.gameday.labround import rules_for

    with Store() as store:
        game = GameDay.create(loaded, store, run_id="twice")
        lab = game.lab(1)
        first = game.play_lab(Turn(1, "red"), rules_for(lab, ERRORS_ONLY, "a"))
        game.play_lab(Turn(1, "red"), rules_for(lab, SENSIBLE.read_text(), "b"))
        again = GameDay.open(store, "twice")
        (red,) = [t for t in again.standings().teams if t.team == "red"]
        assert red.points[1] == round(2 * first.score, 1)  # weight 2


def test_a_bad_lab_id_and_bad_rules_are_reported_at_their_positions(drill: Path,
                                                                   capsys) -> None:
    plan = drill / "plan.yaml"
    plan.write_text(PLAN.replace("lab: support-bot-alerts", "lab: support-bot-alert"))
    assert main(["validate", str(plan)]) == 1
    err = "".join(capsys.readouterr())
    assert f"{plan}:9:10: no lab with id 'support-bot-alert' (did you mean " \
           "'support-bot-alerts'?)" in err
    plan.write_text(PLAN.replace("    lab: support-bot-alerts\n",
                                 "    lab: support-bot-alerts\n    hints: true\n"
                                 "    incident: x\n"))
    with pytest.raises(PlanError) as raised:
        load_plan(plan)
    assert [p.format().split(": ", 1)[1] for p in raised.value.problems] == [
        "give one of 'incident', 'pick' and 'lab', not 'incident' and 'lab'"]
    plan.write_text(PLAN)
    (drill / "plays" / "blue" / "round-2.yaml").write_text(
        ERRORS_ONLY.replace("error_rate_pct", "error_rate"))
    assert main(["gameday", "run", str(plan), "--headless", "--actions-dir",
                 str(drill / "plays"), "--no-save"]) == 1
    err = capsys.readouterr().err
    assert f"{drill / 'plays' / 'blue' / 'round-2.yaml'}:5:15: unknown signal 'error_rate' " \
           "(did you mean 'error_rate_pct'?)" in err


def test_serve_and_join_refuse_lab_rounds_rather_than_half_play_them(drill: Path,
                                                                   capsys) -> None:
    from triage.commands.serve import _prepare_run

    args = argparse.Namespace(gameday=drill / "plan.yaml", run_id=None, dirs=[], new=False,
                              new_run_id=None, player=None)
    assert _prepare_run(args) == 1
    err = capsys.readouterr().err
    assert f"{drill / 'plan.yaml'}:9:10: round 2 of 'Alerts drill' is a lab round" in err
    assert "browser tabs cannot play lab rounds yet" in err and "triage gameday run PLAN" in err
    with Store() as store:
        GameDay.create(load_plan(drill / "plan.yaml"), store, run_id="hotseat")
    assert _prepare_run(argparse.Namespace(**{**vars(args), "gameday": None,
                                              "run_id": "hotseat"})) == 1
    assert "is a lab round" in capsys.readouterr().err
    assert main(["gameday", "join", "hotseat", "--team", "red"]) == 1
    assert "browser tabs cannot play lab rounds yet" in capsys.readouterr().err


def test_runs_stored_before_lab_rounds_still_open_as_incident_rounds() -> None:
    stored = {"title": "Old", "teams": ["red"], "weights": {"diagnosis": 1.0},
              "rounds": [{"index": 0, "title": "Round 1", "incident_id": "x", "incident_title":
                          "X", "pitfall": "input_drift", "difficulty": 2, "path": "/x.yaml",
                          "seed": 1, "time_limit": 5.0, "weight": 1.0, "hints": True}]}
    (spec,) = RunInfo.from_json("old", stored).rounds
    assert spec == ResolvedRound(0, "Round 1", "x", "X", "input_drift", 2, "/x.yaml", 1, 5.0,
                                 1.0, True)
    assert spec.kind == "incident"


def test_the_guides_lab_round_plans_validate_and_their_rules_load(tmp_path: Path,
                                                                  capsys) -> None:
    import re

    from triage.lab.load import find_lab, load_rules

    docs = Path(__file__).parents[2] / "docs"
    kinds = []
    for name in ("gameday.md", "labs.md"):
        text = (docs / name).read_text(encoding="utf-8")
        for block in re.findall(r"```yaml\n(schema: triage/gameday@1\n.*?)```", text, re.S):
            plan = tmp_path / f"{name}.plan.yaml"
            plan.write_text(block, encoding="utf-8")
            assert main(["validate", str(plan)]) == 0, capsys.readouterr()
            kinds.append([spec.kind for spec in load_plan(plan).rounds])
    assert ["lab", "incident"] in kinds and ["lab", "lab"] in kinds
    guide = (docs / "gameday.md").read_text(encoding="utf-8")
    rules = re.search(r"  ```yaml\n(  groups:\n.*?)  ```", guide, re.S)
    assert rules, "the lab rounds section shows a team's rules file"
    path = tmp_path / "round-1.yaml"
    path.write_text("\n".join(line[2:] for line in rules.group(1).splitlines()) + "\n")
    assert [r.alert for r in load_rules(path, find_lab("support-bot-alerts")).rules] == [
        "AnswerErrors"]


def test_lab_alerts_submits_a_teams_rules_to_a_run(drill: Path, capsys) -> None:
    with Store() as store:
        GameDay.create(load_plan(drill / "plan.yaml"), store, run_id="open")
    rules = drill / "plays" / "blue" / "round-2.yaml"
    argv = ["lab", "alerts", "support-bot-alerts", "--rules", str(rules), "--seed", "3",
            "--format", "json"]
    assert main([*argv, "--gameday", "open", "--team", "Blue"]) == 0
    score = json.loads(capsys.readouterr().out)["score"]
    assert main([*argv, "--gameday", "open", "--team", "blu"]) == 1
    assert "no team 'blu' in run open (did you mean 'blue'?)" in capsys.readouterr().err
    assert main([*argv, "--gameday", "open"]) == 2
    with Store() as store:
        teams = {t.team: t for t in GameDay.open(store, "open").standings().teams}
    assert teams["blue"].points == [None, round(2 * score, 1)]
    assert teams["red"].points == [None, None]
    assert main(["history", "profile", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["labs"] == []  # the team's, not the player's


def test_the_example_plans_commented_lab_round_validates_once_uncommented(tmp_path: Path,
                                                                         capsys) -> None:
    plan = tmp_path / "friday.yaml"
    assert main(["gameday", "new", str(plan)]) == 0
    text = plan.read_text(encoding="utf-8")
    assert "  # - title: Pager rules\n  #   lab: support-bot-alerts\n" in text
    plan.write_text(text.replace("  # - title", "  - title").replace("  #   ", "    "))
    assert [spec.kind for spec in load_plan(plan).rounds] == ["incident", "incident", "lab"]
