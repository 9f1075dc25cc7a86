"""The engine's rules as a player meets them: clock, evidence, scoring, determinism."""

from __future__ import annotations

import pytest

from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.scoring import score_lines, total_score
from triage.engine.session import ActionError, Session
from triage.sim.world import build_world


def _score(incident, seed, steps):
    return build_debrief(play_actions(incident, seed, steps))


def test_page_fires_after_onset_and_clock_starts_there(shapes_incident):
    session = Session(shapes_incident, seed=3)
    assert session.page is not None and session.page.alert.name == "LatencySLOBurn"
    assert session.page_minute > session.world.onset
    assert session.elapsed == 0
    assert session.values("p99_latency")[-1] > 800


def test_opening_costs_simulated_time_and_grows_the_curves(shapes_incident):
    session = Session(shapes_incident, seed=3)
    before = len(session.values("p99_latency"))
    session.apply(act.open_("logs"))
    session.apply(act.wait(10))
    assert session.elapsed == pytest.approx(13)
    assert len(session.values("p99_latency")) == before + 13


def test_ideal_path_scores_highest(shapes_incident):
    ideal = _score(shapes_incident, 5, ideal_actions(shapes_incident))
    assert ideal.grade == "A" and ideal.score >= 95
    wrong = _score(shapes_incident, 5, [act.acknowledge(), act.diagnose("traffic_spike", 0.9),
                                        act.remediate("scale_out")])
    assert wrong.score < ideal.score - 40


def test_harmful_remediation_lowers_the_score(shapes_incident):
    base = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request"])]
    good = _score(shapes_incident, 1, base + [act.remediate("rollback_prompt")])
    harmful = _score(shapes_incident, 1, base + [act.remediate("rollback_prompt", "raise_timeout")])
    parts = [{line.part: line.points for line in d.lines} for d in (good, harmful)]
    assert parts[1]["remediation"] == parts[0]["remediation"] - 12
    assert harmful.score < good.score - 10


def test_evidence_counts_only_when_cited_not_when_opened(shapes_incident):
    cited = [act.acknowledge(), act.diagnose("prompt_bloat", 1.0, ["tokens_per_request"]),
             act.remediate("rollback_prompt")]
    opened = [act.acknowledge(), act.open_("tokens_per_request"), act.open_("changes"),
              act.diagnose("prompt_bloat", 1.0), act.remediate("rollback_prompt")]
    supported, unread = _score(shapes_incident, 1, cited), _score(shapes_incident, 1, opened)
    points = [{d.part: d.points for d in debrief.lines} for debrief in (supported, unread)]
    assert points[0]["evidence"] > 0 and supported.grade == "A"
    assert points[1]["evidence"] == 0
    # Right cause, resolving fix, on time, sure: still not a pass without evidence.
    assert unread.score <= 40 and unread.grade == "F"


def test_version_1_rules_still_score_stored_plays_as_they_were(shapes_incident):
    before = [act.acknowledge(), act.open_("tokens_per_request"),
              act.diagnose("prompt_bloat", 1.0), act.remediate("rollback_prompt")]
    session = play_actions(shapes_incident, 1, before)
    old = build_debrief(session, rules=1)
    lines = {d.part: d for d in old.lines}
    assert lines["evidence"].points > 0 and "opened 1/1 decisive" in lines["evidence"].detail
    assert old.rules == 1 and old.as_json()["rules"] == 1 and build_debrief(session).rules == 2


def test_same_actions_same_score_and_different_seeds_differ(shapes_incident):
    steps = ideal_actions(shapes_incident)
    first, again = _score(shapes_incident, 9, steps), _score(shapes_incident, 9, steps)
    assert first.as_json() == again.as_json()
    a, b = build_world(shapes_incident, 1), build_world(shapes_incident, 2)
    assert a.series["p99_latency"].tobytes() != b.series["p99_latency"].tobytes()
    assert build_world(shapes_incident, 1).series["p99_latency"].tobytes() == \
        a.series["p99_latency"].tobytes()


def test_confidence_is_scored_with_brier(shapes_incident):
    steps = [act.acknowledge(), act.diagnose("traffic_spike", 0.5), act.remediate("scale_out")]
    lines = {line.part: line for line in score_lines(play_actions(shapes_incident, 1, steps))}
    assert lines["confidence"].points == pytest.approx(7.5)


def test_hints_cost_their_points(shapes_incident):
    steps = ideal_actions(shapes_incident)
    plain = _score(shapes_incident, 2, steps)
    hinted = _score(shapes_incident, 2, [act.hint(), *steps])
    assert hinted.score == plain.score - 5
    session = Session(shapes_incident, 2)
    session.apply(act.hint())
    with pytest.raises(ActionError):
        session.apply(act.hint())


def test_refused_actions_change_nothing(shapes_incident):
    session = Session(shapes_incident, 1)
    for bad in (act.open_("nope"), act.ask("nope"), act.remediate("rollback_prompt"),
                act.diagnose("prompt_bloat", 1.2), act.wait(0),
                act.diagnose("prompt_bloat", 0.9, ["logs#1"]), act.mark("prompt-change")):
        with pytest.raises(ActionError):
            session.apply(bad)
    assert session.elapsed == 0 and session.log == []


def test_remediation_restores_the_curve_in_the_what_if(shapes_incident):
    debrief = _score(shapes_incident, 4, ideal_actions(shapes_incident))
    whatif = debrief.whatif
    assert whatif is not None and whatif.signal == "tokens_per_request"
    assert whatif.ideal[-1] < whatif.no_action[-1] - 1000
    assert total_score(debrief.lines) == debrief.score


def test_a_harmful_choice_shows_the_panel_it_hurt(shapes_incident):
    steps = [act.acknowledge(), act.open_("tokens_per_request"), act.diagnose("prompt_bloat", 0.9)]
    harmful = _score(shapes_incident, 2, steps + [act.remediate("rollback_prompt",
                                                                "raise_timeout")])
    assert harmful.side_effect is not None and harmful.side_effect.signal == "p99_latency"
    assert harmful.side_effect.yours[-1] > harmful.side_effect.ideal[-1] + 200
    clean = _score(shapes_incident, 2, steps + [act.remediate("rollback_prompt")])
    assert clean.side_effect is None
    assert clean.opened == {"tokens_per_request"}
