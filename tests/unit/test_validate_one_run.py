"""`triage validate` reports every problem in one run, in the author's terms: a schema error does
not hide a broken reference elsewhere, and each message says what to write."""

from __future__ import annotations

from pathlib import Path

from triage.authoring.validation import validate_file

REPO = Path(__file__).parent.parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "shapes_only.yaml"
TRAINER = REPO / "incidents" / "fraud-scorer-ct-grad-norm.yaml"


def edited(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> list[str]:
    """Validate `source` after the edits; every problem as `LINE:COL: message`."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return [f"{p.line}:{p.col}: {p.message}" for p in validate_file(path).problems]


def test_a_key_typo_in_a_signal_does_not_hide_a_broken_alert_reference(tmp_path):
    lines = edited(tmp_path, FIXTURE, ("    dashboard: ops\n    unit: ms",
                                       "    dashbord: opz\n    unit: ms"),
                   ("    signal: p99_latency\n    above: 800",
                    "    signal: p99_latncy\n    above: 800"))
    assert lines == [
        "20:5: unknown key 'dashbord' (did you mean 'dashboard'?)",
        "20:15: no dashboard named 'opz' (did you mean 'ops'?)",  # the value under the typo
        "59:13: no signal named 'p99_latncy' (did you mean 'p99_latency'?)",
    ]


def test_a_broken_system_does_not_hide_a_remediation_parameter(tmp_path):
    bad_parameter = ("trainer: {learning_rate: 0.05}", "trainer: {learning_rat: 0.05}")
    for broken in (("    signal: 2.5", "    signal: -2.5"), ("    signal: 2.5", "    sgnal: 2.5"),
                   ("    kind: training", "    kind: trainin")):
        lines = edited(tmp_path, TRAINER, broken, bad_parameter)
        assert len(lines) == 2, lines
        assert lines[1].endswith("system 'trainer' has no parameter 'learning_rat' (did you mean "
                                 "'learning_rate'?); a training system takes: learning_rate, "
                                 "clip, l2, stop")


def test_a_typo_in_the_evidence_section_does_not_hide_a_broken_item(tmp_path):
    lines = edited(tmp_path, FIXTURE, ("  red_herrings: [thumbs_down]",
                                       "  red_herring: [thumbs_down]\n  supporting: [nope]"),
                   ("  supporting: [changes, p99_latency]\n", ""))
    assert lines == ["90:3: unknown key 'red_herring' (did you mean 'red_herrings'?)",
                     "91:16: no panel, report, question, log line or change named 'nope'"]


def test_a_removed_timeline_key_does_not_invent_an_onset_error(tmp_path):
    lines = edited(tmp_path, FIXTURE, ("  duration: 6h", "  duration: 6 hours"),
                   ("  onset: [100m, 140m]", "  onset: 7h"))
    assert lines == ["11:13: '6 hours' is not a duration; write it like 15m, 2h, 1h30m, 2d or 90s"]


def test_restores_on_a_physics_signal_is_an_error_with_the_alternative(tmp_path):
    lines = edited(tmp_path, TRAINER, ("trainer: {learning_rate: 0.05}",
                                       "trainer: {learning_rate: 0.05}\n    restores: [grad_norm]"))
    assert len(lines) == 1
    assert lines[0].endswith(
        "'grad_norm' comes from physics (trainer.grad_norm), and restores only fades a signal's "
        "own effects, so it changes nothing here: set the system's parameters under physics: "
        "{trainer: {...}} instead; a training system takes: learning_rate, clip, l2, stop")


def test_messages_keep_the_authors_units_and_name_the_key(tmp_path):
    assert edited(tmp_path, FIXTURE, ("every: 30m", "every: 30s")) == [
        "67:72: every must be at least 1m; got 30s"]
    assert edited(tmp_path, FIXTURE, ("  duration: 6h", "  duration: 10m")) == [
        "11:13: duration must be at least 30m; got 10m"]
    assert edited(tmp_path, FIXTURE, ("    noise: 10\n", "    noise: -1\n")) == [
        "23:12: noise must be at least 0; got -1"]
    assert edited(tmp_path, FIXTURE, ("width: 20m}", "width: 0s}")) == [
        "56:47: width must be above 0m; got 0s"]


def test_a_short_list_is_reported_at_its_key_with_its_minimum(tmp_path):
    lines = edited(tmp_path, FIXTURE, ("  - {id: traffic_spike, text: A traffic spike, explanation:"
                                       " Traffic is flat.}\n", ""),
                   ("  - {id: gpu_fault, text: A GPU fault, explanation: Errors are flat.}\n", ""))
    assert lines == ["75:1: diagnoses needs at least 2 items; it has 1"]


def test_patterns_are_explained_in_words(tmp_path):
    assert edited(tmp_path, FIXTURE, ("name: LatencySLOBurn", "name: latency-slo")) == [
        "58:11: 'latency-slo' is not valid here: an alert name starts with a letter and has only "
        "letters, digits and '_' (like LatencySLOBurn)"]


def test_no_lax_coercion(tmp_path):
    assert edited(tmp_path, FIXTURE, ("difficulty: 1", 'difficulty: "1"')) == [
        "6:13: expected a whole number, got the string '1'"]
    assert edited(tmp_path, FIXTURE, ("difficulty: 1", "difficulty: true")) == [
        "6:13: expected a whole number, got the boolean true"]
    lines = edited(tmp_path, TRAINER, ("    signal: 2.5", "    signal: 2.5\n    warm_start: 1"))
    line = TRAINER.read_text(encoding="utf-8").splitlines().index("    signal: 2.5") + 2
    assert lines == [f"{line}:17: expected true or false, got the number 1"]
    assert edited(tmp_path, FIXTURE, ("    decimals: 0\n  - id: tokens", "    decimals: 2.0\n"
                                      "  - id: tokens")) == []  # JSON Schema's integer, too


def test_a_question_id_is_evidence(tmp_path):
    assert edited(tmp_path, FIXTURE, ("decisive: [tokens_per_request]",
                                      "decisive: [tokens_per_request, prompt-change]")) == []
