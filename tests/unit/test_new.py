"""`triage new`: a scaffold for every pitfall that validates and passes check as written."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest

from triage.cli import main
from triage.model.incident import PitfallId

PITFALLS = sorted(typing.get_args(PitfallId))


def test_there_is_a_template_for_every_pitfall_and_no_other():
    from triage.authoring.scaffold import pitfall_ids

    assert pitfall_ids() == PITFALLS


@pytest.mark.parametrize("pitfall", PITFALLS)
def test_new_then_validate_then_check_for_every_pitfall(tmp_path, capsys, pitfall):
    path = tmp_path / f"My {pitfall}.yaml"
    assert main(["new", str(path), "--pitfall", pitfall]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A new triage incident")
    assert f"pitfall: {pitfall}" in text
    capsys.readouterr()
    code = main(["validate", str(path)])
    validated = capsys.readouterr()  # drained, so check's JSON is read on its own
    assert code == 0, validated.out
    assert "warning" not in validated.out + validated.err, validated.out
    assert main(["check", "--format", "json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["ok"] and report["id"] == f"my-{pitfall}"
    assert {c["name"] for c in report["checks"]} >= {"ideal path earns A",
                                                      "deterministic per seed"}


def test_title_is_quoted_safely_and_id_comes_from_the_file_name(tmp_path, capsys):
    from triage.model.loader import load_incident

    path = tmp_path / "sub" / "Loss Spike!.yml"
    title = 'Loss: "spiky" # not a comment'
    assert main(["new", str(path), "--pitfall", "training_divergence", "--title", title]) == 0
    incident = load_incident(path).incident
    assert (incident.id, incident.title) == ("loss-spike", title)


def test_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text("mine\n")
    assert main(["new", str(path), "--pitfall", "hallucination"]) == 2
    assert path.read_text() == "mine\n"
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["x.yaml", "--pitfall", "halucination"], "did you mean 'hallucination'"),
    (["x.txt", "--pitfall", "hallucination"], "ends in .yaml or .yml"),
    (["x.yaml", "--pitfall", "hallucination", "--title", " "], "must not be empty"),
    (["x.yaml", "--pitfall", "hallucination", "--title", "t" * 101], "100 characters"),
])
def test_usage_errors(tmp_path, capsys, argv, message):
    argv[0] = str(tmp_path / argv[0])
    assert main(["new", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not Path(argv[0]).exists()


def test_play_plays_a_file_outside_the_built_in_pack(tmp_path, capsys):
    from triage.engine.actionfile import dump_actions
    from triage.engine.debrief import ideal_actions
    from triage.model.loader import load_incident

    path = tmp_path / "elsewhere" / "drift-outside.yaml"
    assert main(["new", str(path), "--pitfall", "input_drift"]) == 0
    actions = tmp_path / "ideal.actions.yaml"
    actions.write_text(dump_actions(ideal_actions(load_incident(path).incident)))
    capsys.readouterr()
    code = main(["play", str(path), "--headless", "--actions", str(actions), "--seed", "3",
                 "--no-save", "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (result["incident"], result["seed"], result["grade"]) == ("drift-outside", 3, "A")


def test_the_guides_complete_example_checks_as_written(tmp_path, capsys) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = guide.index("```yaml\n", guide.index("## A complete example")) + len("```yaml\n")
    path = tmp_path / "lr-push-divergence.yaml"
    path.write_text(guide[start:guide.index("```\n", start)], encoding="utf-8")
    assert main(["check", "--seeds", "2", str(path)]) == 0, capsys.readouterr().out
    assert main(["validate", str(path)]) == 0
    assert "warning" not in capsys.readouterr().out
