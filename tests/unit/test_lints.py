"""Authoring lints: warnings when the wording of an incident gives the answer away.

Each test starts from the small shapes-only fixture with its options rewritten in parallel form
(which draws no warning), changes one thing, and runs `triage validate` (or `check`) on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from triage.authoring.wording import actions, has_clause, stems
from triage.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
PARALLEL = [
    "A prompt change made each request longer, so latency rose",
    "A traffic spike queued requests, so latency rose",
    "A GPU fault slowed every step, so latency rose",
]
# Real options and give-aways from the content review (training-lr-config-push and
# rag-retrieval-outage-hallucination), the correct option first.
LR_OPTIONS = [
    "The pushed config raised the learning rate far past what this job tolerates; its steps "
    "overshoot",
    "The checkpoint was corrupted during the slow upload, so the run resumed from bad weights",
    "A batch of mislabelled transactions is poisoning the gradients",
    "Fraudsters changed tactics and the model is relearning",
]
RAG_OPTIONS = [
    "The index was rebuilt with a new embedding model the query side does not use, so retrieval "
    "stopped grounding answers",
    "The vector store is overloaded and timing out, so retrieval fails",
    "The LLM provider silently shipped a worse model snapshot",
    "The agent desktop deploy changed what the copilot is asked",
]


def incident(diagnoses: list[str] = PARALLEL, **changes: Any) -> dict[str, Any]:
    """The fixture with these diagnosis texts (the first is correct) and top-level changes."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["diagnoses"] = [{"id": f"d{i}", "text": text, "correct": i == 0}
                         for i, text in enumerate(diagnoses)]
    data.update(changes)
    return data


def with_remediation(index: int, text: str, data: dict[str, Any] | None = None) -> dict:
    """`data` (default: the parallel incident) with remediation `index` reworded."""
    data = data or incident()
    data["remediations"][index]["text"] = text
    return data


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, Any],
             *argv: str) -> tuple[int, list[dict[str, Any]]]:
    """Write `data` and validate it as JSON: the exit code and every finding."""
    path = tmp_path / "incident.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    code = main(["validate", "--format", "json", *argv, str(path)])
    return code, json.loads(capsys.readouterr().out)


def messages(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(key, message) of each finding, every one of them a warning."""
    assert all(f["severity"] == "warning" for f in findings), findings
    return [(f["key"], f["message"]) for f in findings]


def test_a_warning_keeps_the_file_valid_in_every_format(tmp_path, capsys):
    """A correct option far longer than the rest: warned about, at its text, but still valid."""
    longest = "The new prompt v7 appends the whole FAQ to every request, so each one is longer"
    path = tmp_path / "a,b.yaml"
    path.write_text(yaml.safe_dump(incident([longest, *PARALLEL[1:]]), sort_keys=False,
                                   width=1000), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    index = text.index(longest)
    line, col = text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{path}:{line}:{col}: warning: the correct diagnosis is the "
                                "longest option (79 characters; the longest other has 48), so it "
                                "can be picked unread; write options in parallel form: similar "
                                "length, and a mechanism clause in every option"]
    assert err.strip() == "1 file valid, 1 warning"
    assert main(["validate", "--format", "json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)[0] == {
        "path": str(path), "line": line, "col": col, "key": "diagnoses[0].text",
        "message": out.split(": warning: ")[1].strip(), "severity": "warning"}
    assert main(["validate", "--format", "github", str(path)]) == 0
    assert capsys.readouterr().out.startswith(
        f"::warning file={str(path).replace(',', '%2C')},line={line},col={col},"
        "title=diagnoses[0].text::the correct diagnosis")


def test_options_in_parallel_form_draw_no_warning(tmp_path, capsys):
    assert validate(tmp_path, capsys, incident()) == (0, [])


def test_the_longest_correct_diagnosis_is_flagged_at_its_text(tmp_path, capsys):
    longest = ("The new prompt v7 appends the whole FAQ to every request, so each one is four "
               "times longer")
    code, found = validate(tmp_path, capsys, incident([longest, *PARALLEL[1:]]))
    assert code == 0
    assert messages(found) == [("diagnoses[0].text", "the correct diagnosis is the longest "
                                "option (90 characters; the longest other has 48), so it can be "
                                "picked unread; write options in parallel form: similar length, "
                                "and a mechanism clause in every option")]
    text = (tmp_path / "incident.yaml").read_text().splitlines()
    assert longest in text[found[0]["line"] - 1][found[0]["col"] - 1:]


def test_a_little_longer_is_not_flagged():
    """Both margins must hold: 1.25x the longest rival and 15 characters more."""
    from triage.authoring.lints import stands_out

    assert stands_out(75, 60) and not stands_out(74, 60)  # 1.25x
    assert stands_out(35, 20) and not stands_out(34, 20)  # 15 characters
    assert not stands_out(60, 60)


def test_the_only_option_with_a_mechanism_is_flagged(tmp_path, capsys):
    options = ["The prompt grew, so requests got longer", "A traffic spike from a partner's job",
               "A GPU fault on one of the serving nodes"]
    code, found = validate(tmp_path, capsys, incident(options))
    assert code == 0
    assert [(k, m.split(";")[0]) for k, m in messages(found)] == [
        ("diagnoses[0].text", "only the correct diagnosis explains a mechanism (a clause after "
         "',', '")]


def test_the_only_option_with_a_comma_is_flagged(tmp_path, capsys):
    options = ["The prompt grew, which made requests longer",
               "A traffic spike because a partner retried", "A GPU fault that slowed the nodes"]
    code, found = validate(tmp_path, capsys, incident(options))
    assert code == 0
    assert messages(found) == [("diagnoses[0].text", "only the correct diagnosis has a comma; "
                                "write options in parallel form: similar length, and a "
                                "mechanism clause in every option")]


def test_the_longest_fix_that_resolves_is_flagged(tmp_path, capsys):
    data = with_remediation(0, "Roll back system prompt v7 to v6 for every tenant in every region")
    code, found = validate(tmp_path, capsys, data)
    assert code == 0
    assert [(k, m.split(",")[0]) for k, m in messages(found)] == [
        ("remediations[0].text", "a remediation that resolves is the longest option (65 "
         "characters; the longest that does not resolve has 31)")]


@pytest.mark.parametrize(("text", "verbs"), [
    ("Add replicas and restart the gateway", "'add', 'restart'"),
    ("Add replicas, then purge the cache", "'add', 'purge'"),
    ("Add replicas; tell the owner", "'add', 'tell'"),
    ("Add replicas, retrain the model and roll back v7", "'add', 'retrain', 'roll'"),
])
def test_a_fix_that_bundles_actions_is_flagged(tmp_path, capsys, text, verbs):
    code, found = validate(tmp_path, capsys, with_remediation(1, text))
    count = verbs.count(",") + 1
    assert code == 0
    assert messages(found) == [("remediations[1].text", f"this remediation bundles {count} "
                                f"actions ({verbs}); one action per option: offer the others "
                                "as options of their own, or leave them to the debrief")]


@pytest.mark.parametrize("text", [
    "Cap retries at 2 per tool and steps at 15 per task",
    "Add replicas, leave the prompt as it is",
    "Add replicas (one per zone, then more)",
    "Add replicas in the east and west regions",
])
def test_one_action_with_details_is_not_a_bundle(tmp_path, capsys, text):
    assert validate(tmp_path, capsys, with_remediation(1, text)) == (0, [])


@pytest.mark.parametrize(("options", "where", "text", "words"), [
    (LR_OPTIONS, "hints", "The change history has a config push minutes before the first spike.",
     "'config', 'push'"),
    (RAG_OPTIONS, "questions", "Which embedding model encodes the index, and which encodes the "
     "questions?", "'embedding', 'index'"),
    (PARALLEL, "title", "Latency climbs after a longer prompt", "'longer', 'prompt'"),
])
def test_hints_questions_and_titles_that_name_the_answer_are_flagged(
        tmp_path, capsys, options, where, text, words):
    data = incident(options)
    if where == "hints":
        data["hints"] = [{"text": text, "cost": 10}]
    elif where == "questions":
        data["questions"][0]["ask"] = text
    else:
        data["title"] = text
    code, found = validate(tmp_path, capsys, data)
    key = {"hints": "hints[0].text", "questions": "questions[0].ask", "title": "title"}[where]
    what = {"hints": "hint", "questions": "question", "title": "title"}[where]
    assert code == 0
    content = [(k, m) for k, m in messages(found) if k == key]
    assert len(content) == 1, found
    assert content[0][1].startswith(f"this {what} gives the answer away: {words} come from the "
                                    "correct diagnosis and from no other option; ")


def test_a_question_under_a_generic_topic_is_not_checked(tmp_path, capsys):
    """Players see the topic's question ("What changed recently?"), not the `ask` text."""
    data = incident(RAG_OPTIONS)
    data["questions"][0]["ask"] = "Which embedding model encodes the index?"
    data["questions"][0]["topic"] = "recent-changes"
    _, found = validate(tmp_path, capsys, data)
    assert not [f for f in found if f["key"].startswith("questions")]


@pytest.mark.parametrize("hint", [
    "Compare tokens per request with latency.",          # names panels, not the cause
    "Line the change history up with the latency panel.",
    "Was the prompt touched?",                            # one distinctive word is not enough
])
def test_hints_that_point_at_where_to_look_are_not_flagged(tmp_path, capsys, hint):
    data = incident(hints=[{"text": hint, "cost": 5}])
    assert validate(tmp_path, capsys, data) == (0, [])


def test_an_invalid_file_gets_its_errors_and_no_warnings(tmp_path, capsys):
    data = incident(["A much longer correct option that explains a whole mechanism, so",
                     "short", "tiny"], difficulty=9)
    code, found = validate(tmp_path, capsys, data)
    assert code == 1
    assert [f["message"].split(" (")[0] for f in found] == [
        "difficulty must be at most 5; got 9"]
    assert "severity" not in found[0]


def test_a_bug_in_a_lint_is_one_warning_and_the_file_stays_valid(tmp_path, capsys, monkeypatch):
    import triage.authoring.lints

    def broken(incident, document):
        raise RuntimeError("boom")

    monkeypatch.setattr(triage.authoring.lints, "lint_incident", broken)
    code, found = validate(tmp_path, capsys, incident())
    assert code == 0
    assert messages(found) == [("", "internal error in triage (RuntimeError: boom); please "
                                "report it")]


def test_check_reports_the_warnings_and_still_passes(tmp_path, capsys):
    data = incident()
    data["questions"][0]["ask"] = "Was the prompt made longer?"
    path = tmp_path / "incident.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
    assert main(["check", "--seeds", "1", "--spoilers", "--format", "json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["ok"] and report["problems"] == []
    assert [(w["key"], w["severity"]) for w in report["warnings"]] == [
        ("questions[0].ask", "warning")]
    assert main(["check", "--seeds", "1", "--spoilers", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith(f"  {path}:") and ": warning: this question gives" in lines[-1]
    # Without --spoilers the warnings (which quote the answer) are only counted.
    assert main(["check", "--seeds", "1", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 wording warning hidden" in out and "this question gives" not in out


def test_the_lints_import_neither_numpy_nor_textual(tmp_path):
    path = tmp_path / "incident.yaml"
    data = with_remediation(1, "Add replicas and restart the gateway")
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code = ("import sys\nfrom triage.cli import main\nrc = main(['validate', %r])\n"
            "print(rc, 'numpy' in sys.modules, 'textual' in sys.modules, file=sys.stderr)"
            % str(path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "0 False False"
    assert ": warning: " in result.stdout


def test_words_stems_clauses_and_actions():
    assert stems("The pushed configs: pushing it!") == ["push", "config", "push"]
    assert stems("Raise it; it was raised") == ["rais", "rais"]
    assert stems("agent-runner v2.31 and item_price") == ["agent", "runner", "v2.31", "item_pric"]
    assert has_clause("A faulty GPU - on one node") and has_clause("Bad config, so it fails")
    assert has_clause("It fails because of X") and not has_clause("A month-end surge")
    assert actions("Roll back v2 and restart the pods") == ["roll", "restart"]
    assert actions("Fit X, then gate Y") == ["fit", "gate"]
    assert actions("Snooze the page; act on X") == ["snooze", "act"]
    assert actions("Retune the rule (ticket at 0.1, page at 0.25) and compare weekends") == [
        "retune", "compare"]
    assert actions("Shadow X and shadow-test Y", frozenset({"shadow"})) == ["shadow",
                                                                            "shadow-test"]
    assert actions("Keep the peak rate and clip gradients at 0.3") == ["clip"]
