"""docs/scoring.md says what the engine does: its table is the engine's, its examples add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.engine import actions as act
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.scoring import rules_markdown

DOCS = Path(__file__).parent.parent.parent / "docs" / "scoring.md"


def test_the_published_table_is_the_engines() -> None:
    assert rules_markdown() in DOCS.read_text(encoding="utf-8")


def play(incident, steps):
    return build_debrief(play_actions(incident, 1, steps))


@pytest.mark.parametrize(("waited", "score"), [(0, 100), (80, 95), (120, 90)])
def test_a_right_supported_answer_that_takes_its_time_still_passes(
        shapes_incident, waited: int, score: int) -> None:
    # mitigation par is 40m: on time, at twice par, at three times par
    steps = [act.acknowledge(), act.open_("changes"), act.wait(waited - 2) if waited else None,
             act.diagnose("prompt_bloat", 1.0, ["tokens_per_request", "changes#1"]),
             act.remediate("rollback_prompt")]
    debrief = play(shapes_incident, [s for s in steps if s is not None])
    assert debrief.score == score and debrief.grade == "A"


def test_the_worked_examples_add_up(shapes_incident) -> None:
    herring = play(shapes_incident, [
        act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request", "thumbs_down"]),
        act.remediate("rollback_prompt")])
    assert herring.score == 87
    page_only = play(shapes_incident, [act.acknowledge(), act.diagnose(
        "prompt_bloat", 1.0, ["p99_latency"]), act.remediate("rollback_prompt")])
    assert sum(line.points for line in page_only.lines) == pytest.approx(86)
    assert page_only.score == 40 and page_only.grade == "F"
    harmful = play(shapes_incident, [act.acknowledge(), act.diagnose(
        "prompt_bloat", 1.0, ["tokens_per_request"]),
        act.remediate("rollback_prompt", "raise_timeout")])
    assert {line.part: line.points for line in harmful.lines}["remediation"] == 8


def test_a_harmful_or_useless_choice_is_no_mitigation(shapes_incident) -> None:
    base = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request"])]
    harmful = play(shapes_incident, [*base, act.remediate("raise_timeout")])
    idle = play(shapes_incident, [*base, act.remediate("retrain")])
    for debrief in (harmful, idle):
        speed = {line.part: line for line in debrief.lines}["speed"]
        assert speed.points == 5 and "no mitigation" in speed.detail
        assert "mitigated after" not in speed.detail
    helped = play(shapes_incident, [*base, act.remediate("scale_out")])
    assert {line.part: line for line in helped.lines}["speed"].points == 15


def test_two_causes_each_with_its_own_fix_need_both_fixes(shapes_incident) -> None:
    both_help = shapes_incident.model_copy(update={"remediations": [
        r.model_copy(update={"effect": "helps"}) if r.id == "rollback_prompt" else r
        for r in shapes_incident.remediations]})
    assert both_help.ideal_remediations == ["rollback_prompt", "scale_out"]
    base = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request"])]
    one = play(both_help, [*base, act.remediate("rollback_prompt")])
    two = play(both_help, [*base, act.remediate("rollback_prompt", "scale_out")])
    parts = [{line.part: line.points for line in d.lines} for d in (one, two)]
    assert (parts[0]["remediation"], parts[1]["remediation"]) == (10, 20)
    assert two.score - one.score == 10


def test_the_loops_worked_examples_add_up(shapes_incident) -> None:
    """docs/scoring.md's worked examples of the on-call loop (rules 3), as written."""
    dx = act.diagnose("prompt_bloat", 1.0, ["tokens_per_request", "changes#1"])
    true = {"impact": "stopped", "cause": "prompt_bloat", "done": ["rollback_prompt"],
            "next": "monitor", "eta": "recovered"}

    def loop(*steps, **said) -> object:  # noqa: ANN003
        start = [act.acknowledge(), act.declare(2), act.open_("changes")]
        session = play_actions(shapes_incident, 1, [*start, *steps, act.update(
            **{**true, **said}), act.resolve()], loop=True)
        return build_debrief(session)

    fix, watch = act.remediate("rollback_prompt"), act.wait(50)
    assert loop(dx, fix, watch).score == 100
    assert loop(dx, fix).score == 92
    assert loop(dx, fix, impact="ongoing", eta="under-1h").score == 95
    slow = loop(act.wait(60), dx, fix, watch)
    assert slow.score == 91
    assert {line.part: round(line.points, 1) for line in slow.lines}["impact"] == 5.9
    harmful = act.remediate("raise_timeout")
    left = loop(dx, harmful, act.wait(10), fix, watch, done=["raise_timeout", "rollback_prompt"])
    assert left.score == 67
    assert loop(dx, harmful, act.wait(10), fix, act.revert("raise_timeout"), watch).score == 76
    page_only = loop(act.diagnose("prompt_bloat", 1.0, ["p99_latency"]), fix, watch)
    assert sum(line.points for line in page_only.lines) == pytest.approx(86)
    assert page_only.score == 40
