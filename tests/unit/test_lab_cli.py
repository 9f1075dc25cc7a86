"""`triage lab list|alerts|new`, and validate, preview, check and schema on lab files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from triage.cli import main

REPO = Path(__file__).parent.parent.parent
LABS = REPO / "labs"
SENSIBLE = (Path(__file__).parent.parent / "fixtures" / "labs"
            / "support-bot-alerts.sensible.rules.yaml")
KEYS = {"precision", "recall", "median_delay_minutes", "pages_per_week", "score"}


def test_lab_list_names_every_builtin_lab(capsys):
    assert main(["lab", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in rows} == {"support-bot-alerts", "fraud-model-alerts",
                                           "training-pipeline-alerts"}


def test_alerts_json_has_the_figures_overall_and_per_rule(capsys):
    assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(SENSIBLE),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert KEYS <= set(data) and KEYS <= set(data["overall"]) and KEYS <= set(data["reference"])
    assert [rule["alert"] for rule in data["per_rule"]] == [
        "SlowAnswers", "AnswerErrors", "SpendHigh", "AccuracyDrop", "Ungrounded"]
    assert all(KEYS <= set(rule) for rule in data["per_rule"])
    assert data["reference"]["score"] > data["score"]


def test_alerts_twice_prints_the_same_report(capsys):
    argv = ["lab", "alerts", "fraud-model-alerts", "--seed", "7", "--format", "json"]
    main(argv)
    first = capsys.readouterr().out
    main(argv)
    assert capsys.readouterr().out == first


def test_the_text_debrief_teaches_why_the_accuracy_rule_was_late(capsys):
    assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(SENSIBLE)]) == 0
    out = capsys.readouterr().out
    assert "LATE new-feature-questions" in out
    assert "labels arrive 2d after the fact" in out
    assert "Reference: QuestionDrift" in out
    assert "FALSE TICKET SpendHigh" in out and "Marketing email" in out
    assert "  yours     " in out and "  reference " in out


def test_bad_rules_exit_1_with_positions_and_unknown_lab_exits_2(tmp_path, capsys):
    rules = tmp_path / "bad.rules.yaml"
    rules.write_text("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: latency > 1\n"
                     "    labels: {severity: page, action: rollback}\n")
    assert main(["lab", "alerts", "support-bot-alerts", "--rules", str(rules)]) == 1
    assert f"{rules}:5:11: unknown signal 'latency'" in capsys.readouterr().err
    assert main(["lab", "alerts", "support-bot-alert"]) == 2
    assert "did you mean 'support-bot-alerts'?" in capsys.readouterr().err


def test_lab_new_writes_a_scaffold_that_checks_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "checkout-api.yaml"
    assert main(["lab", "new", str(path)]) == 0
    assert main(["check", str(path), "--seeds", "1"]) == 0
    assert "the reference catches every incident" in capsys.readouterr().out
    path.write_text("my edits")
    assert main(["lab", "new", str(path)]) == 2
    assert path.read_text() == "my edits"
    assert main(["lab", "new", str(path), "--force"]) == 0
    assert path.read_text().startswith("# An alert lab")


def test_validate_check_and_preview_understand_labs(tmp_path, capsys):
    assert main(["validate", str(LABS)]) == 0
    broken = tmp_path / "broken.yaml"
    text = (LABS / "support-bot-alerts.yaml").read_text()
    broken.write_text(text.replace("dashboard: quality\n", "dashboard: qualty\n", 1))
    assert main(["validate", str(broken)]) == 1
    assert "unknown dashboard 'qualty' (did you mean 'quality'?)" in capsys.readouterr().out
    assert main(["preview", str(LABS / "training-pipeline-alerts.yaml")]) == 0
    out = capsys.readouterr().out
    assert "checkpoint_age_min" in out and "lr-divergence" not in out
    assert main(["preview", str(LABS / "training-pipeline-alerts.yaml"), "--spoilers"]) == 0
    assert "lr-divergence" in capsys.readouterr().out


def test_schema_kind_lab_accepts_every_builtin_lab(capsys):
    from triage.model.yamlsource import load_yaml

    assert main(["schema", "--kind", "lab"]) == 0
    schema = json.loads(capsys.readouterr().out)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(LABS.glob("*.yaml")):
        assert not list(validator.iter_errors(load_yaml(path).data)), path
    assert main(["schema", "--kind", "lab-rules"]) == 0
    rules = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))
    assert not list(rules.iter_errors(load_yaml(SENSIBLE).data))


def test_lab_commands_do_not_import_textual():
    code = ("import sys\nfrom triage.cli import main\n"
            "main(['lab', 'alerts', 'support-bot-alerts', '--format', 'json'])\n"
            "print('textual' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False"
