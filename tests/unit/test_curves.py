"""`triage check` looks at the curves: what each option does in the what-if must agree with its
`effect`; `expect: flat` panels stay flat; the debrief's what-if shows the panels authors choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.authoring.checker import check_incident
from triage.engine.debrief import build_debrief, ideal_actions, play_actions, whatif_signals
from triage.engine.scoring import evidence_roles
from triage.model.loader import load_incident
from triage.model.yamlsource import load_yaml_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
SEEDS = (1, 2, 3)


def incident_from(tmp_path: Path, *edits: tuple[str, str]):
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return load_incident(path).incident


def results(incident) -> dict[str, object]:
    return {r.name: r for r in check_incident(incident, SEEDS)}


def test_the_fixture_agrees_with_its_curves(tmp_path):
    found = results(incident_from(tmp_path))
    assert found["resolves rollback_prompt brings the curves back"].ok
    assert "tokens_per_request comes back" in found[
        "resolves rollback_prompt brings the curves back"].detail
    assert found["harmful raise_timeout makes a curve worse"].ok


def test_a_resolving_option_that_changes_no_curve_fails(tmp_path):
    incident = incident_from(tmp_path, (
        "effect: resolves, restores: [p99_latency, tokens_per_request]}", "effect: resolves}"))
    result = results(incident)["resolves rollback_prompt brings the curves back"]
    assert not result.ok
    assert "none of tokens_per_request comes back toward its normal range" in result.detail
    assert result.without_spoilers().name == "a resolving option brings the curves back"


def test_a_harmful_option_that_changes_no_curve_fails(tmp_path):
    incident = incident_from(tmp_path, (
        "    signal_effects:\n      - {signal: p99_latency, effect: {kind: ramp, over: 20m, "
        "by: 400}}\n", ""))
    result = results(incident)["harmful raise_timeout makes a curve worse"]
    assert not result.ok and "no signal ends further" in result.detail


def test_a_helping_option_must_bring_some_signal_back(tmp_path):
    assert results(incident_from(tmp_path))["helps scale_out brings a curve back"].ok
    idle = incident_from(tmp_path, (", signal_effects: [{signal: p99_latency, effect: {kind: "
                                    "step, by: -250}}]}", "}"))
    result = results(idle)["helps scale_out brings a curve back"]
    assert not result.ok and "0% of the way" in result.detail


def test_a_flat_decisive_panel_is_checked_to_stay_flat(tmp_path):
    flat = incident_from(tmp_path, ("    baseline: 91\n", "    baseline: 91\n    expect: flat\n"),
                         ("decisive: [tokens_per_request]", "decisive: [tokens_per_request, "
                          "accuracy]"))
    found = results(flat)
    assert found["accuracy stays flat"].ok
    assert "decisive panel accuracy moves" not in found  # flat panels are not asked to move
    moving = incident_from(tmp_path, ("    baseline: 91\n", "    baseline: 91\n    expect: flat\n"
                                      "    effects: [{kind: step, by: -20}]\n"))
    assert not results(moving)["accuracy stays flat"].ok


@pytest.mark.parametrize("pitfall", ["input_drift", "miscalibration", "silent_degradation",
                                     "overfitting", "false_alarm"])
def test_the_scaffolds_pass_the_curve_checks(pitfall):
    from triage.authoring.scaffold import render_scaffold
    from triage.model.loader import validate_document

    incident, problems = validate_document(load_yaml_text(render_scaffold(pitfall, "x-1", None),
                                                          "x.yaml"), "x.yaml")
    assert incident is not None, problems
    failed = [r for r in check_incident(incident, SEEDS)
              if not r.ok and ("brings" in r.name or "worse" in r.name or "flat" in r.name)]
    assert failed == []


def test_the_what_if_shows_the_decisive_panel_even_behind_a_report(tmp_path):
    incident = incident_from(tmp_path, ("decisive: [tokens_per_request]",
                                        "decisive: [changes, tokens_per_request]"))
    assert whatif_signals(incident) == ["tokens_per_request"]


def test_authors_choose_the_what_if_panels(tmp_path):
    incident = incident_from(tmp_path, ("  ask: What changed in the prompt template?",
                                        "  ask: What changed in the prompt template?\n"
                                        "  whatif: [p99_latency, error_rate]"))
    assert whatif_signals(incident) == ["p99_latency", "error_rate"]
    session = play_actions(incident, 1, ideal_actions(incident, 1))
    debrief = build_debrief(session)
    assert debrief.whatif is not None and debrief.whatif.signal == "p99_latency"
    assert [w.signal for w in debrief.more_whatifs] == ["error_rate"]


def test_a_what_if_panel_must_exist(tmp_path):
    from triage.model.loader import IncidentError

    with pytest.raises(IncidentError, match="no panel named 'p99_latncy'"):
        incident_from(tmp_path, ("  ask: What changed in the prompt template?",
                                 "  ask: What changed in the prompt template?\n"
                                 "  whatif: [p99_latncy]"))


def test_reassuring_but_misleading_evidence_costs_like_a_red_herring(tmp_path):
    from triage.engine.actions import acknowledge, diagnose, open_, remediate
    from triage.engine.debrief import cited_roles

    incident = incident_from(tmp_path, ("  red_herrings: [thumbs_down]",
                                        "  red_herrings: [thumbs_down]\n"
                                        "  reassuring: [error_rate]"))
    session = play_actions(incident, 1, [acknowledge(), open_("tokens_per_request"),
                                         open_("error_rate"),
                                         diagnose("prompt_bloat", 1.0,
                                                  ["tokens_per_request", "error_rate"]),
                                         remediate("rollback_prompt")])
    assert "error_rate" in evidence_roles(session)[2]
    assert cited_roles(session) == [("tokens_per_request", "decisive"),
                                    ("error_rate", "reassuring but misleading")]
