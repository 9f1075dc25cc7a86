"""The JSON Schema says what `triage validate` enforces: on every built-in incident and on one-edit
probes, `jsonschema` and `validate` agree, except on the cross-field rules the authoring guide
lists under "What only validate checks"."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from triage.authoring.validation import validate_file
from triage.model.yaml12 import dump_yaml
from triage.model.yamlsource import load_yaml, load_yaml_text

REPO = Path(__file__).parent.parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "shapes_only.yaml"
TRAINER = REPO / "incidents" / "fraud-scorer-ct-grad-norm.yaml"
GUIDE = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    from triage.authoring.jsonschema_export import json_schema

    schema = json_schema("incident")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def cross_field_rules() -> set[str]:
    section = GUIDE.split("### What only validate checks", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE))


# (id, file, old, new, the cross-field rule that makes validate stricter, or None: they agree)
PROBES = [
    ("unchanged", FIXTURE, "", "", None),
    ("difficulty-text", FIXTURE, "difficulty: 1", 'difficulty: "1"', None),
    ("difficulty-bool", FIXTURE, "difficulty: 1", "difficulty: true", None),
    ("difficulty-high", FIXTURE, "difficulty: 1", "difficulty: 9", None),
    ("warm-start-int", TRAINER, "    signal: 2.5", "    signal: 2.5\n    warm_start: 1", None),
    ("warm-start-text", TRAINER, "    signal: 2.5", "    signal: 2.5\n    warm_start: 'true'",
     None),
    ("warm-start-yes", TRAINER, "    signal: 2.5", "    signal: 2.5\n    warm_start: yes", None),
    ("warm-start-true", TRAINER, "    signal: 2.5", "    signal: 2.5\n    warm_start: true", None),
    ("learning-rate-exponent", TRAINER, "learning_rate: 0.05 ", "learning_rate: 5e-2 ", None),
    ("learning-rate-high", TRAINER, "learning_rate: 0.05 ", "learning_rate: 500 ", None),
    ("steps-octal", TRAINER, "steps_per_minute: 4", "steps_per_minute: 010", None),
    ("steps-float", TRAINER, "steps_per_minute: 4", "steps_per_minute: 4.0", None),
    ("noise-negative", FIXTURE, "    noise: 10\n", "    noise: -1\n", None),
    ("noise-range-negative", FIXTURE, "    noise: 10\n", "    noise: [-1, 2]\n", None),
    ("duration-zero", FIXTURE, "  duration: 6h", "  duration: 0", None),
    ("duration-negative", FIXTURE, "  duration: 6h", "  duration: -6h", None),
    ("duration-number-long", FIXTURE, "  duration: 6h", "  duration: 20000", None),
    ("duration-spaces", FIXTURE, "  duration: 6h", "  duration: 5h 30m", None),
    ("duration-words", FIXTURE, "  duration: 6h", "  duration: 6 hours", None),
    ("at-far", FIXTURE, "- {at: 1m,", "- {at: 2000000,", None),
    ("baseline-huge", FIXTURE, "    baseline: 420", "    baseline: 1e13", None),
    ("par-negative", FIXTURE, "acknowledge: 5m", "acknowledge: -5m", None),
    ("every-number-low", FIXTURE, "every: 30m", "every: 0.5", None),
    ("sexagesimal", FIXTURE, "- {at: 1m,", "- {at: 1:30,", None),
    ("underscore", FIXTURE, "    baseline: 420", "    baseline: 1_000", None),
    ("decimals-high", FIXTURE, "    decimals: 0\n  - id: tokens", "    decimals: 9\n  - id: tokens",
     None),
    ("decimals-float", FIXTURE, "    decimals: 0\n  - id: tokens",
     "    decimals: 2.0\n  - id: tokens", None),
    ("hint-cost", FIXTURE, "latency., cost: 5}", "latency., cost: 500}", None),
    ("alert-name", FIXTURE, "name: LatencySLOBurn", "name: latency-slo", None),
    ("id-pattern", FIXTURE, "id: test-latency-regression", "id: Test_Latency", None),
    ("title-number", FIXTURE, "title: Latency climbs after a tokenizer deploy", "title: 1e3", None),
    ("unknown-key", FIXTURE, "    noise: 10\n", "    nois: 10\n", None),
    ("bad-choice", FIXTURE, "pitfall: llm_cost_latency", "pitfall: llm_cost", None),
    ("too-few-diagnoses", FIXTURE, "  - {id: gpu_fault, text: A GPU fault, explanation: Errors "
     "are flat.}\n", "", None),
    ("expect-flat", FIXTURE, "    baseline: 91\n", "    baseline: 91\n    expect: flat\n", None),
    ("expect-bad", FIXTURE, "    baseline: 91\n", "    baseline: 91\n    expect: still\n", None),
    ("whatif-too-many", FIXTURE, "  ask: What changed", "  whatif: [p99_latency, error_rate, "
     "accuracy, thumbs_down]\n  ask: What changed", None),
    # the rules the guide lists as checked by validate only
    ("every-text-low", FIXTURE, "every: 30m", "every: 30s", "duration-text-bounds"),
    ("duration-text-long", FIXTURE, "  duration: 6h", "  duration: 8d", "duration-text-bounds"),
    ("unknown-dashboard", FIXTURE, "    dashboard: quality\n    unit", "    dashboard: qualty\n"
     "    unit", "names-exist"),
    ("whatif-unknown", FIXTURE, "  ask: What changed", "  whatif: [p99_latncy]\n  ask: What "
     "changed", "names-exist"),
    ("two-correct", FIXTURE, "text: A traffic spike,", "text: A traffic spike, correct: true,",
     "one-correct"),
    ("above-and-below", FIXTURE, "    above: 800", "    above: 800\n    below: 100", "one-of"),
    ("reversed-range", FIXTURE, "by: [500, 700]", "by: [700, 500]", "ordered-pairs"),
    ("reversed-clamp", FIXTURE, "clamp: [0, 100]", "clamp: [100, 0]", "ordered-pairs"),
    ("onset-late", FIXTURE, "onset: [100m, 140m]", "onset: 7h", "onset-in-timeline"),
    ("restores-physics", TRAINER, "trainer: {learning_rate: 0.05}",
     "trainer: {learning_rate: 0.05}\n    restores: [grad_norm]", "restores-physics"),
    ("bad-parameter", TRAINER, "trainer: {learning_rate: 0.05}", "trainer: {learning_rat: 0.05}",
     "physics-outputs"),
]


@pytest.mark.parametrize(("name", "source", "old", "new", "rule"), PROBES,
                         ids=[probe[0] for probe in PROBES])
def test_schema_and_validate_agree_on_one_edit_probes(validator, tmp_path, name, source, old, new,
                                                      rule):
    text = source.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    schema_ok = validator.is_valid(load_yaml_text(text, str(path)).data)
    validate_ok = validate_file(path).ok
    if rule is None:
        assert schema_ok == validate_ok, (name, schema_ok, validate_ok)
    else:
        assert rule in cross_field_rules()
        assert schema_ok and not validate_ok, (name, schema_ok, validate_ok)


def test_every_built_in_incident_passes_both(validator):
    for path in sorted((REPO / "incidents").glob("*.yaml")):
        assert validator.is_valid(load_yaml(path).data), path
        assert validate_file(path).ok, path


def test_patterns_have_messages_and_hover_text_has_no_doubled_titles(validator):
    from triage.authoring.jsonschema_export import json_schema

    schema = json_schema("incident")
    patterns, titled = [], []

    def walk(node, where):
        if isinstance(node, dict):
            if "pattern" in node:
                patterns.append((where, "patternErrorMessage" in node))
            for key, value in node.items():
                if key == "properties":
                    titled.extend(f"{where}.{name}" for name, prop in value.items()
                                  if isinstance(prop, dict) and "title" in prop)
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(schema, "")
    assert patterns and all(has for _, has in patterns), [w for w, has in patterns if not has]
    assert titled == []
    recipes = schema["$defs"]["TrainingPhysics"]["description"]
    assert "\n- Scenario B, overfitting: `warm_start: false, features: 64" in recipes
    assert all(not line.endswith(",") for line in recipes.splitlines())  # no mid-sentence breaks


def test_game_day_durations_match_what_triage_parses(tmp_path):
    from triage.authoring.jsonschema_export import json_schema
    from triage.cli import main

    path = tmp_path / "drill.yaml"
    assert main(["gameday", "new", str(path)]) == 0
    plan = load_yaml(path).data
    check = jsonschema.Draft202012Validator(json_schema("gameday"))
    assert check.is_valid(plan)
    for spelling, valid in (("10 m", True), ("1h 30m", True), ("10m", True), ("ten", False)):
        rounds = [{**plan["rounds"][0], "time_limit": spelling}, *plan["rounds"][1:]]
        edited = {**plan, "rounds": rounds}
        assert check.is_valid(edited) == valid, spelling
        path.write_text(dump_yaml(edited), encoding="utf-8")
        assert validate_file(path).ok == valid, spelling
    text_seed = {**plan, "rounds": [{**plan["rounds"][0], "seed": "7"}, *plan["rounds"][1:]]}
    path.write_text(dump_yaml(text_seed), encoding="utf-8")
    assert not check.is_valid(text_seed) and not validate_file(path).ok  # no lax coercion
