"""Game-day plans: validated like incidents, with every error at its line and column."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage.gameday.checks import PlanError, load_plan
from triage.gameday.plan import plan_json_schema

FIXTURES = Path(__file__).parent.parent / "fixtures"
INCIDENT = FIXTURES / "shapes_only.yaml"
# A plan names files inside its own folder, so each test's plan gets a copy of the fixtures.
PLAN_INCIDENT, PLAN_DIR = "fixtures/shapes_only.yaml", "fixtures"


def write_plan(tmp_path: Path, body: str) -> Path:
    shutil.copytree(FIXTURES, tmp_path / PLAN_DIR, dirs_exist_ok=True)
    path = tmp_path / "plan.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [p.format().removeprefix(f"{path}:") for p in caught.value.problems]


GOOD = f"""\
schema: triage/gameday@1
title: Friday drill
teams: [red, blue]
rounds:
  - incident: {PLAN_INCIDENT}
    seed: 3
    time_limit: 10m
  - pick: {{pitfall: llm_cost_latency, difficulty: [1, 2]}}
    seed: 4
    time_limit: 90s
    weight: 2
incident_dirs: [{PLAN_DIR}]
"""


def test_a_good_plan_resolves_every_round(tmp_path: Path) -> None:
    loaded = load_plan(write_plan(tmp_path, GOOD))
    assert loaded.plan.teams == ["red", "blue"]
    assert loaded.rounds[0].incident_id == "test-latency-regression"
    assert loaded.rounds[1].pitfall == "llm_cost_latency"
    assert loaded.rounds[1].difficulty in (1, 2)
    assert [r.time_limit for r in loaded.rounds] == [10.0, 1.5]
    assert loaded.rounds[1].weight == 2 and loaded.rounds[1].title == "Round 2"


def test_shape_errors_are_pinned_to_line_and_column(tmp_path: Path) -> None:
    path = write_plan(tmp_path, f"""\
schema: triage/gameday@1
title: Friday drill
teams: [red, blue]
hints: maybe
rounds:
  - incident: {PLAN_INCIDENT}
    seed: -1
    time_limit: soon
    wieght: 2
""")
    assert problems(path) == [
        "4:8: expected true or false, got the string 'maybe'",
        "7:11: seed must be at least 0; got -1",
        "8:17: 'soon' is not a duration; write it like 15m, 2h, 1h30m, 2d or 90s",
        "9:5: unknown key 'wieght' (did you mean 'weight'?)",
    ]


def test_plan_rules_are_pinned_too(tmp_path: Path) -> None:
    path = write_plan(tmp_path, """\
schema: triage/gameday@1
title: Friday drill
teams: [red, Red]
rounds:
  - seed: 1
    time_limit: 5m
""")
    assert problems(path) == [
        "3:14: team 'Red' is listed twice (also item 1)",
        "5:5: a round needs 'incident: ID|PATH', 'pick: {pitfall, difficulty}' or "
        "'lab: LAB_ID|PATH'",
    ]
    path = write_plan(tmp_path, f"""\
schema: triage/gameday@1
title: Friday drill
teams: [red]
incident_dirs: [{PLAN_DIR}]
rounds:
  - incident: test-latency-regresion
    seed: 1
    time_limit: 5m
  - pick: {{pitfall: training_divergence, difficulty: 5}}
    seed: 2
    time_limit: 5m
  - incident: {PLAN_INCIDENT}
    seed: 1
    time_limit: 5m
  - incident: {PLAN_INCIDENT}
    seed: 1
    time_limit: 5m
""")
    assert problems(path) == [
        "6:15: no incident with id 'test-latency-regresion' "
        "(did you mean 'test-latency-regression'?)",
        "9:11: no incident in the catalog matches pitfall training_divergence and difficulty 5",
        "16:11: round 4 plays 'test-latency-regression' with the same seed as round 3; "
        "give it another seed",
    ]


def test_validate_and_schema_commands_know_plans(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from triage.authoring import validation

    monkeypatch.setitem(validation.KINDS, "triage/gameday@1",
                        "triage.gameday.checks:validate_plan_kind")
    good = validation.validate_file(write_plan(tmp_path, GOOD))
    assert good.ok and good.kind == "triage/gameday@1"
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("seed: 3", "seed: three"), encoding="utf-8")
    result = validation.validate_file(bad)
    assert [(p.line, p.col) for p in result.problems] == [(6, 11)]
    schema = plan_json_schema()
    assert schema["properties"]["schema"]["const"] == "triage/gameday@1"
    assert {"title", "teams", "rounds"} <= set(schema["required"])


def test_the_json_schema_accepts_the_example(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    path = tmp_path / "day.yaml"
    shutil.copytree(FIXTURES, tmp_path / PLAN_DIR)
    subprocess.run([sys.executable, "-m", "triage", "gameday", "new", str(path),
                    "--dir", str(tmp_path / PLAN_DIR)], check=True, capture_output=True)
    jsonschema.validate(yaml.safe_load(path.read_text()), plan_json_schema())


def test_gameday_new_writes_a_commented_plan_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "plans" / "day.yaml"
    shutil.copytree(FIXTURES, tmp_path / "plans" / PLAN_DIR)
    run = subprocess.run([sys.executable, "-m", "triage", "gameday", "new", str(path),
                          "--dir", str(tmp_path / "plans" / PLAN_DIR)], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    text = path.read_text()
    assert text.count("\n#") >= 3 and "schema: triage/gameday@1" in text
    loaded = load_plan(path)
    assert len(loaded.rounds) == 2 and loaded.plan.scoring.evidence == 1.5
    again = subprocess.run([sys.executable, "-m", "triage", "gameday", "new", str(path)],
                           capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_an_incident_file_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan(INCIDENT)
    assert "this is an incident file" in caught.value.problems[0].message
    assert json.dumps(plan_json_schema())


def test_the_guide_s_example_plan_validates_as_written(tmp_path: Path) -> None:
    """A facilitator copies the plan in docs/gameday.md first: it must name real incidents."""
    import re

    guide = (Path(__file__).parents[2] / "docs" / "gameday.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(schema: triage/gameday@1\n.*?)```", guide, re.S)
    assert block, "the guide shows a plan"
    plan = tmp_path / "plan.yaml"
    plan.write_text(block.group(1), encoding="utf-8")
    loaded = load_plan(plan)
    assert len(loaded.rounds) == 2
