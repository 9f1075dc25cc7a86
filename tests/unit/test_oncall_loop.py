"""The on-call loop in the engine: actions act on the running world, harm accrues and is scored
against the ideal loop, a premature "resolved" is caught, old actions files play as they did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.cli import main
from triage.engine import actions as act
from triage.engine.actionfile import ActionFileError, dump_actions, parse_actions
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.ideal import ideal_loop_play
from triage.engine.session import ActionError
from triage.model.yamlsource import load_yaml_text

FIX, HARMFUL = "rollback_prompt", "raise_timeout"


def loop(incident, *steps):  # noqa: ANN001, ANN201
    return play_actions(incident, 1, [act.acknowledge(), *steps], loop=True)


def test_a_fix_acts_from_its_minute_and_the_play_goes_on(shapes_incident) -> None:
    session = loop(shapes_incident, act.wait(5))
    untouched = session.untouched.series["p99_latency"]
    at = session.minute
    session.apply(act.remediate(FIX))
    assert not session.ended and session.remediations == (FIX,)
    session.apply(act.wait(90))
    after = session.world.series["p99_latency"]
    assert (after[:at + 1] == untouched[:at + 1]).all(), "what came before the fix is unchanged"
    assert after[session.minute] < untouched[session.minute] - 100, "and after it, it heals"
    assert not any(s.alert.signal == "p99_latency" for s in session.firing())


def test_undoing_a_fix_brings_the_incident_back(shapes_incident) -> None:
    session = loop(shapes_incident, act.remediate(FIX), act.wait(60))
    healed = session.world.series["p99_latency"][session.minute]
    session.apply(act.revert(FIX))
    session.apply(act.wait(60))
    assert session.world.series["p99_latency"][session.minute] > healed + 100
    with pytest.raises(ActionError, match="not in effect"):
        session.apply(act.revert(FIX))


def test_a_harmful_option_shows_on_the_curves_and_costs_harm(shapes_incident) -> None:
    fixed = loop(shapes_incident, act.remediate(FIX), act.wait(60))
    both = loop(shapes_incident, act.remediate(HARMFUL), act.wait(10), act.remediate(FIX),
                act.wait(50))
    assert both.world.series["p99_latency"][both.minute] > \
        fixed.world.series["p99_latency"][fixed.minute] + 200, "the timeout's ramp shows"
    assert both.accrued() > fixed.accrued()


def test_the_ideal_loop_resolves_and_earns_an_a(shapes_incident) -> None:
    ideal = ideal_loop_play(shapes_incident, 1)
    assert ideal is not None and ideal.end_reason == "declared resolved"
    kinds = [entry.action.kind for entry in ideal.log]
    assert kinds.index("remediate") < kinds.index("update") < kinds.index("resolve")
    debrief = build_debrief(ideal)
    assert debrief.grade == "A" and debrief.loop is not None and debrief.loop.resolved


def test_declaring_resolved_after_a_wrong_fix_scores_below_watching(shapes_incident) -> None:
    diagnosis = act.diagnose("prompt_bloat", 0.9, ["tokens_per_request", "changes#1"])
    looked, wrong = act.open_("changes"), act.remediate("retrain")
    hasty = loop(shapes_incident, looked, diagnosis, wrong, act.resolve())
    patient = loop(shapes_incident, looked, diagnosis, wrong, act.wait(15), act.remediate(FIX),
                   act.wait(60), act.resolve())
    hasty_debrief, patient_debrief = build_debrief(hasty), build_debrief(patient)
    assert hasty_debrief.score < patient_debrief.score
    lines = {line.part: line for line in hasty_debrief.lines}
    assert lines["resolution"].points == 0 and "too early" in lines["resolution"].detail
    assert any("too early" in note for note in hasty_debrief.notes)


def test_a_status_update_is_checked_against_the_moment_it_was_sent(shapes_incident) -> None:
    session = loop(shapes_incident, act.update(impact="stopped", cause="prompt_bloat",
                                               done=[], next="monitor", eta="recovered"))
    sent = session.oncall.updates[-1]
    assert not sent.correct("impact") and sent.truth["impact"] == "ongoing"
    assert sent.correct("cause") and sent.correct("done")
    assert not sent.correct("eta") and sent.truth["eta"] == "unknown", "nothing fixes it yet"


def test_people_speak_and_the_owner_brings_facts(shapes_incident) -> None:
    session = loop(shapes_incident, act.wait(30))
    said = [(item.inject.kind, item.minute) for item in session.oncall.delivered]
    assert ("eta_request", 15.0) in said and ("wrong_fix", 4.0) in said
    before = session.elapsed
    session.apply(act.escalate("model-owner"))
    assert session.elapsed == before + 10
    factual = [q.id for q in shapes_incident.questions if q.topic != "opinion"]
    assert set(factual) <= set(session.asked)


def test_an_old_actions_file_plays_one_shot_under_its_rules(shapes_incident) -> None:
    steps = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request"]),
             act.remediate(FIX)]
    session = play_actions(shapes_incident, 1, steps)
    assert session.oncall is None and session.end_reason == "remediation applied"
    debrief = build_debrief(session)
    assert debrief.rules == 2 and "speed" in {line.part for line in debrief.lines}
    assert debrief.loop is not None and not debrief.loop.resolved, "impact is still reported"


def test_loop_steps_are_checked_with_positions(shapes_incident) -> None:
    text = ("- acknowledge\n- declare: SEV7\n- update: {impact: gone}\n"
            "- escalate: the-boss\n- revert: rollbak_prompt\n")
    with pytest.raises(ActionFileError) as raised:
        parse_actions(load_yaml_text(text, "steps.yaml", expect_mapping=False), shapes_incident,
                      "steps.yaml")
    shown = [problem.format() for problem in raised.value.problems]
    assert any(line.startswith("steps.yaml:2:") and "SEV1 (worst) to SEV4" in line
               for line in shown)
    assert any(line.startswith("steps.yaml:3:") and "'gone' is not a choice for impact" in line
               for line in shown)
    assert any("model-owner" in line for line in shown)
    assert any("did you mean 'rollback_prompt'" in line for line in shown)


def test_the_json_debrief_carries_impact_and_resolution(tmp_path, capsys, shapes_incident
                                                        ) -> None:
    ideal = ideal_loop_play(shapes_incident, 1)
    steps = tmp_path / "loop.yaml"
    steps.write_text(dump_actions([entry.action for entry in ideal.log]), encoding="utf-8")
    incident = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
    code = main(["play", str(incident), "--seed", "1", "--headless", "--actions", str(steps),
                 "--format", "json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rules"] == 3 and out["resolved"] is True
    assert out["resolved_at"] == pytest.approx(ideal.oncall.resolved_at)
    impact = out["impact"]
    assert impact["unit"] and impact["accrued"] == pytest.approx(impact["ideal"], abs=0.2)
    assert impact["ideal"] < impact["nothing"]


def test_a_stored_loop_play_replays_to_its_own_score(capsys, shapes_incident) -> None:
    from triage.engine.record import finished_play
    from triage.model.loader import load_incident
    from triage.store import Store
    from triage.store.recording import store_play

    fixture = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
    loaded = load_incident(fixture)
    session = loop(loaded.incident, act.declare(3), act.remediate(HARMFUL), act.wait(5),
                   act.revert(HARMFUL), act.remediate(FIX), act.wait(20),
                   act.update(impact="ongoing", eta="under-1h"), act.resolve())
    debrief = build_debrief(session)
    play_id = store_play(finished_play(loaded, session, debrief), player="ana")
    with Store() as store:
        assert store.get_play(play_id).rules == 3
    assert main(["replay", str(play_id), "--dir", str(fixture.parent), "--format", "json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["score"] == debrief.score and replayed["rules"] == 3
    assert replayed["impact"]["accrued"] == round(debrief.loop.accrued, 1)
