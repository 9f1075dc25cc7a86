"""docs/labs.md: its lab example validates and passes check as written, its rules example loads
against the support-bot lab, and it names every key of the lab format."""

from __future__ import annotations

import re
from pathlib import Path

from triage.cli import main
from triage.lab.load import builtin_labs_dir, load_lab, load_rules

DOC = Path(__file__).parent.parent.parent / "docs" / "labs.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_example_lab_validates_and_passes_check_as_written(tmp_path, capsys):
    [example] = [block for block in yaml_blocks() if block.startswith("schema: triage/lab@1")]
    path = tmp_path / "checkout-api.yaml"
    path.write_text(example, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert main(["check", str(path), "--seeds", "2"]) == 0
    assert "FAIL" not in capsys.readouterr().out
    assert main(["lab", "alerts", str(path), "--format", "json"]) == 0


def test_the_example_rules_load_against_the_support_bot_lab(tmp_path):
    [rules] = [block for block in yaml_blocks() if block.startswith("groups:")]
    path = tmp_path / "my.rules.yaml"
    path.write_text(rules, encoding="utf-8")
    lab = load_lab(builtin_labs_dir() / "support-bot-alerts.yaml")
    assert [rule.alert for rule in load_rules(path, lab).rules] == ["AnswerErrors"]


def test_the_guide_names_every_key_of_the_lab_format():
    from triage.lab import model

    text = DOC.read_text(encoding="utf-8")
    for cls in (model.Lab, model.History, model.Dashboard, model.LabSignal, model.PsiMeasure,
                model.LabelsMeasure, model.LabEffect, model.LabEvent, model.LabIncident,
                model.LabAction):
        for name, info in cls.model_fields.items():
            assert f"`{info.alias or name}`" in text, f"{cls.__name__}.{name}"
