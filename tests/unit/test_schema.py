"""`triage schema`: a draft 2020-12 JSON Schema that every shipped incident satisfies."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import jsonschema
import pytest

from triage.cli import main
from triage.model.incident import PitfallId
from triage.model.yamlsource import load_yaml

REPO = Path(__file__).parent.parent.parent
FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def schema() -> dict:
    from triage.authoring.jsonschema_export import json_schema

    return json_schema("incident")


@pytest.fixture(scope="module")
def validator(schema: dict) -> jsonschema.Draft202012Validator:
    """One validator, its schema checked against the metaschema once (as jsonschema.validate
    would do on every call, which was 95% of each test below)."""
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def shipped_incidents() -> list[Path]:
    """The built-in pack, the test fixtures that are incidents, and every scaffold."""
    from triage.model.pack import builtin_dir, yaml_files

    roots = [p for p in (builtin_dir(), REPO / "incidents") if p.is_dir()]
    files = yaml_files(roots) + [FIXTURES / "shapes_only.yaml"]
    return [p for p in dict.fromkeys(files) if not p.name.endswith((".actions.yaml",
                                                                    ".actions.yml"))]


def test_cli_prints_the_schema_with_its_draft(capsys):
    assert main(["schema"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["title"] == "triage incident (triage/incident@1)"
    assert list(data)[0] == "$schema"
    jsonschema.Draft202012Validator.check_schema(data)


def test_unknown_kind_is_a_usage_error(capsys):
    assert main(["schema", "--kind", "incidnet"]) == 2
    assert "did you mean 'incident'" in capsys.readouterr().err


def test_descriptions_come_from_field_docstrings(schema):
    alert = schema["$defs"]["Alert"]["properties"]
    assert "for" in alert and "for_" not in alert
    assert alert["for"]["description"].startswith("How long the condition must hold")
    assert schema["properties"]["schema"]["description"].startswith("Format and version")
    assert schema["properties"]["schema"].get("const") == "triage/incident@1"


@pytest.mark.parametrize("path", shipped_incidents(), ids=lambda p: p.name)
def test_every_shipped_incident_validates_against_the_schema(validator, path):
    validator.validate(load_yaml(path).data)


@pytest.mark.parametrize("pitfall", sorted(typing.get_args(PitfallId)))
def test_every_scaffold_validates_against_the_schema(validator, pitfall):
    from triage.authoring.scaffold import render_scaffold
    from triage.model.yamlsource import load_yaml_text

    data = load_yaml_text(render_scaffold(pitfall, "x-1", "A title: with 'quotes'")).data
    validator.validate(data)


def _timeline_schema(schema: dict, value) -> bool:
    validator = jsonschema.Draft202012Validator(schema)
    document = load_yaml(FIXTURES / "shapes_only.yaml").data
    # times relative to the onset may be negative; the timeline's own durations have bounds
    # (tested in test_schema_agrees.py)
    document["logs"][0]["at"] = value
    document["changes"][0]["at"] = [value, value]
    return validator.is_valid(document)


@pytest.mark.parametrize("value", ["15m", "2h", "1h30m", "1h 30m", "90s", "-30m", "2d", "-1d12h",
                                   45, 12.5])
def test_durations_the_loader_accepts_are_accepted(schema, value):
    assert _timeline_schema(schema, value)


def test_a_day_is_twenty_four_hours():
    from triage.model.types import parse_minutes

    assert parse_minutes("2d") == parse_minutes("48h") == 2880
    assert parse_minutes("-1d12h") == -2160


@pytest.mark.parametrize("value", ["15 minutes", "2w", "1y", "m", "", True, None])
def test_durations_the_loader_refuses_are_refused(schema, value):
    assert not _timeline_schema(schema, value)


def test_ranges_clamps_and_unknown_keys(schema):
    validator = jsonschema.Draft202012Validator(schema)
    document = load_yaml(FIXTURES / "shapes_only.yaml").data
    signal = document["signals"][0]
    signal.update(baseline=[400, 440], clamp=[0, None], noise=[5, 10])
    assert validator.is_valid(document)
    signal["baseline"] = [1, 2, 3]
    assert not validator.is_valid(document)
    signal["baseline"] = 420
    signal["nosie"] = 3
    assert not validator.is_valid(document)


def test_the_authoring_guide_explains_every_key_and_kind():
    from pydantic import BaseModel

    from triage.model import (
        colleague,
        incident,
        physics,
        physics_serving,
        signals,
        story,
        variants,
    )

    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    modules = (incident, colleague, story, variants, signals, physics, physics_serving)
    models = [value for module in modules for value in vars(module).values()
              if isinstance(value, type) and issubclass(value, BaseModel)
              and value.__module__ == module.__name__ and not value.__name__.startswith("_")]
    assert len(models) >= 25
    for model in models:
        assert f"#### {model.__name__}" in guide, model.__name__
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in guide, f"{model.__name__}.{name}"
    for kind in ("step", "ramp", "spike", "decay", "seasonality", "random_walk", "training",
                 "drift", "calibration", "delayed_accuracy", "retrieval"):
        assert f"`{kind}`" in guide


def test_pre_commit_hooks_run_validate_and_check_on_yaml():
    import re

    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load(
        (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["entry"] for h in hooks.values()} == {"triage validate", "triage check"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        for path in ("incidents/a.yml", "incidents/llm/b.yaml", "packs/incidents/c.yaml",
                     "incidents/a.actions.yaml"):
            assert re.search(hook["files"], path), path
        # pre-commit's own config, CI files and other YAML are not incidents (review: the old
        # default `\.ya?ml$` failed on .pre-commit-config.yaml itself)
        for path in (".pre-commit-config.yaml", ".github/workflows/ci.yml", "b.yaml",
                     "README.md", "my-incidents.yaml", "incidents.yaml"):
            assert not re.search(hook["files"], path), path


def test_game_day_plan_schema(capsys):
    assert main(["schema", "--kind", "gameday"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["properties"]["schema"].get("const") == "triage/gameday@1"
    jsonschema.Draft202012Validator.check_schema(data)
