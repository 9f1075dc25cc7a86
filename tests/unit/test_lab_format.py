"""Lab and rules files: what an author or a player sees when a file is wrong, at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.lab.expr import ExprError, parse_expr
from triage.lab.load import LabError, load_lab, load_rules
from triage.lab.scaffold import render_lab_scaffold

REPO = Path(__file__).parent.parent.parent
SUPPORT = REPO / "labs" / "support-bot-alerts.yaml"


@pytest.fixture(scope="module")
def lab():
    return load_lab(SUPPORT)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(error: LabError) -> list[str]:
    return [problem.format() for problem in error.problems]


def test_a_rule_outside_the_subset_is_reported_at_its_column(tmp_path, lab):
    rules = write(tmp_path, "r.yaml", "groups:\n  - name: g\n    rules:\n      - alert: A\n"
                  "        expr: rate(p95_latency_ms[5m]) > 1\n"
                  "        labels: {severity: page, action: rollbak}\n")
    with pytest.raises(LabError) as caught:
        load_rules(rules, lab)
    found = messages(caught.value)
    assert found[0].startswith(f"{rules}:5:15: unknown function 'rate': every lab signal is a "
                               "gauge")
    assert found[1] == (f"{rules}:6:42: unknown action 'rollbak' (did you mean 'rollback'?); "
                        "the menu has fail_over_provider, rollback, restore_retrieval, "
                        "scale_out, retrain, review_inputs, investigate")


def test_a_misspelt_signal_points_inside_a_quoted_expr_and_suggests_the_name(tmp_path, lab):
    rules = write(tmp_path, "r.yaml", "groups:\n- name: g\n  rules:\n  - alert: A\n"
                  "    expr: 'avg_over_time(p95_latency[1h]) > 2000'\n"
                  "    labels: {severity: ticket, action: scale_out}\n")
    with pytest.raises(LabError) as caught:
        load_rules(rules, lab)
    assert messages(caught.value) == [
        f"{rules}:5:26: unknown signal 'p95_latency' (did you mean 'p95_latency_ms'?)"]


def test_a_hidden_signal_cannot_be_alerted_on(tmp_path, lab):
    rules = write(tmp_path, "r.yaml", "groups:\n- name: g\n  rules:\n  - alert: A\n"
                  "    expr: true_accuracy < 0.9\n"
                  "    labels: {severity: ticket, action: retrain}\n")
    with pytest.raises(LabError) as caught:
        load_rules(rules, lab)
    assert "'true_accuracy' is hidden" in messages(caught.value)[0]


def test_rules_file_keys_are_checked_like_prometheus_would(tmp_path, lab):
    rules = write(tmp_path, "r.yaml", "groups:\n- name: g\n  rules:\n  - alert: A\n"
                  "    expr: error_rate_pct > 3\n    fro: 10m\n"
                  "    labels: {severity: urgent, action: rollback}\n")
    with pytest.raises(LabError) as caught:
        load_rules(rules, lab)
    found = messages(caught.value)
    assert any(":6:5: unknown key 'fro' (did you mean 'for'?)" in line for line in found)
    assert f"{rules}:7:24: 'urgent' is not one of: page, ticket" in found


@pytest.mark.parametrize(("text", "index", "words"), [
    ("a > 1 and b < 2", 6, "one condition per rule"),
    ("a == 1", 2, "use > or <"),
    ('a{job="x"} > 1', 1, "label matchers"),
    ("a[5m] > 1", 1, "needs a function around it"),
    ("avg_over_tme(a[1h]) > 1", 0, "did you mean 'avg_over_time'"),
    ("a > ", 4, "expected a signal"),
    ("a > 5m", 4, "a threshold is a plain number"),
])
def test_expressions_outside_the_subset_say_what_to_write(text, index, words):
    with pytest.raises(ExprError) as caught:
        parse_expr(text)
    assert caught.value.index == index
    assert words in caught.value.message


def test_the_subset_reads_windows_offsets_and_ratios():
    condition = parse_expr("avg_over_time(cost[6h]) > 1.5 * avg_over_time(cost[6h] offset 1w)")
    assert condition.signals == ["cost"]
    assert condition.looks_back == 6 * 60 + 10080
    assert parse_expr("val / train > 1.25").signals == ["val", "train"]


def test_lab_cross_references_are_positioned_with_did_you_mean(tmp_path):
    text = render_lab_scaffold(Path("x.yaml")).replace("dashboard: drift", "dashboard: drfit")
    text = text.replace("fits: [retrain]", "fits: [retrian]")
    text = text.replace("start: [9d, 11d]", "start: [2d, 3d]")
    path = write(tmp_path, "x.yaml", text)
    with pytest.raises(LabError) as caught:
        load_lab(path)
    found = "\n".join(messages(caught.value))
    assert "unknown dashboard 'drfit' (did you mean 'drift'?)" in found
    assert "unknown action 'retrian' (did you mean 'retrain'?)" in found
    assert "starts inside the training window" in found
    assert all(line.startswith(f"{path}:") for line in messages(caught.value))


def test_the_scaffold_is_a_valid_lab(tmp_path):
    lab = load_lab(write(tmp_path, "my lab.yaml", render_lab_scaffold(Path("my lab.yaml"))))
    assert lab.id == "my-lab"
    assert len(lab.incidents) == 2
