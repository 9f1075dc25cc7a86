"""Cited evidence: what may be cited and when, what it earns, and the generic question menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.engine import actions as act
from triage.engine.actionfile import ActionFileError, parse_actions
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.evidence import CitationError, resolve
from triage.engine.session import ActionError, Session
from triage.model.colleague import menu
from triage.model.loader import incident_from_bytes
from triage.model.yamlsource import load_yaml_text

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"

COLLEAGUE = """\
questions:
  - id: what-changed
    topic: recent-changes
    who: dana (platform)
    answer: support-bot deployed prompt v7 at 14:02; the tokenizer moved to 2.3 at the same time.
    cost: 4m
  - id: hunch
    topic: opinion
    answer: Pretty sure it is the GPUs again; we had a bad node last week.
    cost: 2m
  - id: prompt-change
    ask: Did the system prompt change?
    answer: Yes, v7 appends the whole FAQ to every request.
    cost: 5m
"""


def incident(questions: str = COLLEAGUE, evidence: str | None = None):
    """The shapes fixture with the ML team rewritten as a colleague (and other evidence lists)."""
    text = FIXTURE.read_text()
    start, end = text.index("questions:"), text.index("diagnoses:")
    text = text[:start] + questions + text[end:]
    text = text.replace('{at: -2m, kind: deploy,', '{id: prompt-deploy, at: -2m, kind: deploy,')
    if evidence:
        start, end = text.index("evidence:"), text.index("hints:")
        text = text[:start] + evidence + text[end:]
    return incident_from_bytes(text.encode(), Path("colleague.yaml")).incident


def scores(inc, seed, steps):
    debrief = build_debrief(play_actions(inc, seed, steps))
    return debrief, {line.part: line for line in debrief.lines}


def test_the_menu_asks_generic_questions_and_keeps_old_ones() -> None:
    inc = incident()
    assert menu(inc.questions) == [
        ("recent-changes", "What changed recently?"),
        ("opinion", "What do you think is going on?"),
        ("prompt-change", "Did the system prompt change?")]
    session = Session(inc, 1)
    session.apply(act.ask("recent-changes"))
    assert list(session.asked) == ["what-changed"] and session.elapsed == 4
    session.apply(act.ask("recent-changes"))  # asking again is free
    assert session.elapsed == 4


def test_a_citation_needs_something_seen(shapes_incident) -> None:
    session = Session(shapes_incident, 2)
    for ref, why in (("logs#1", "open the logs first"), ("prompt-change", "ask the ML team"),
                     ("tokens_per_request@500m", "is in the future")):
        with pytest.raises(ActionError, match=why):
            session.apply(act.mark(ref))
    session.apply(act.mark("tokens_per_request"))  # every panel is on the dashboards
    session.apply(act.open_("changes"))
    session.apply(act.mark("changes#1"))
    assert list(session.marks) == ["tokens_per_request", "changes#1"]
    session.apply(act.unmark("tokens_per_request"))
    assert list(session.marks) == ["changes#1"]


def test_a_log_line_can_be_cited_only_once_it_was_logged(shapes_incident) -> None:
    session = Session(shapes_incident, 2)
    session.apply(act.open_("logs"))
    # The fixture's first line is logged a minute after onset, so it is there by the page.
    session.apply(act.mark("logs#1"))
    with pytest.raises(ActionError, match="no #9"):
        session.apply(act.mark("logs#9"))


def test_references_name_things_with_a_did_you_mean(shapes_incident) -> None:
    with pytest.raises(CitationError, match="did you mean 'tokens_per_request'"):
        resolve(shapes_incident, "tokens_per_requst")
    with pytest.raises(CitationError, match="not the whole view"):
        resolve(shapes_incident, "logs")
    assert resolve(shapes_incident, "changes#1").covers == {"changes"}
    assert resolve(incident(), "prompt-deploy").covers == {"prompt-deploy", "changes"}


def test_decisive_citations_earn_and_red_herrings_cost(shapes_incident) -> None:
    base = [act.acknowledge(), act.open_("changes")]
    fix = [act.remediate("rollback_prompt")]
    _, good = scores(shapes_incident, 1, [*base, act.diagnose(
        "prompt_bloat", 1.0, ["tokens_per_request", "changes#1"]), *fix])
    _, herring = scores(shapes_incident, 1, [*base, act.diagnose(
        "prompt_bloat", 1.0, ["tokens_per_request", "thumbs_down"]), *fix])
    assert good["evidence"].points == 20
    assert herring["evidence"].points == pytest.approx(20 * 0.7 - 7)
    assert "red herring" in herring["evidence"].detail


def test_the_signal_that_paged_alone_does_not_support_a_diagnosis(shapes_incident) -> None:
    steps = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["p99_latency"]),
             act.remediate("rollback_prompt")]
    debrief, lines = scores(shapes_incident, 1, steps)
    assert lines["evidence"].cap == 40 and debrief.score <= 40
    assert debrief.cited == [("p99_latency", "supporting")]


def test_a_decisive_answer_counts_and_a_wrong_opinion_is_a_red_herring() -> None:
    inc = incident(evidence="evidence:\n  decisive: [tokens_per_request, what-changed]\n"
                            "  supporting: [prompt-deploy]\n  red_herrings: [hunch]\n")
    base = [act.acknowledge(), act.ask("recent-changes"), act.ask("opinion")]
    fix = [act.remediate("rollback_prompt")]
    debrief, lines = scores(inc, 1, [*base, act.diagnose("prompt_bloat", 0.9, ["what-changed"]),
                                     *fix])
    assert lines["evidence"].cap is None and debrief.grade in "AB"
    _, misled = scores(inc, 1, [*base, act.diagnose("prompt_bloat", 0.9, ["hunch"]), *fix])
    assert misled["evidence"].points < 0 and misled["evidence"].cap == 40


def test_the_ideal_path_cites_what_explains_the_page_and_earns_an_a() -> None:
    inc = incident(evidence="evidence:\n  decisive: [p99_latency, prompt-deploy, what-changed]\n"
                            "  supporting: [tokens_per_request]\n")
    steps = ideal_actions(inc)
    diagnosis = next(step for step in steps if step.kind == "diagnose")
    assert diagnosis.cites == ("prompt-deploy", "what-changed", "p99_latency")
    debrief, _ = scores(inc, 3, steps)
    assert debrief.grade == "A"


def test_confidence_runs_from_zero_with_a_brier_score(shapes_incident) -> None:
    steps = [act.acknowledge(), act.diagnose("traffic_spike", 0.0, ["tokens_per_request"]),
             act.remediate("scale_out")]
    _, lines = scores(shapes_incident, 1, steps)
    assert lines["confidence"].points == 10  # sure it was wrong, and it was


def test_actions_files_cite_and_bad_citations_are_placed() -> None:
    inc = incident()
    text = ("- ask: recent-changes\n- mark: prompt-deploy\n- diagnose: prompt_bloat\n"
            "  confidence: 0.7\n  cite: [tokens_per_request@0m, what-changd]\n")
    with pytest.raises(ActionFileError) as caught:
        parse_actions(load_yaml_text(text, "a.yaml", expect_mapping=False), inc, "a.yaml")
    assert caught.value.problems[0].format().startswith("a.yaml:5:")
    assert "did you mean 'what-changed'" in str(caught.value)
    good = text.replace("what-changd", "what-changed")
    steps = parse_actions(load_yaml_text(good, "a.yaml", expect_mapping=False), inc, "a.yaml")
    assert steps[-1].cites == ("tokens_per_request@0m", "what-changed")
    assert steps[-1].to_step()["cite"] == ["tokens_per_request@0m", "what-changed"]
