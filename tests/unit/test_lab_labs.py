"""Every built-in lab holds what issue #22 asks: the reference catches every incident, paging on
any movement is mostly false and scores badly, no rules catch nothing, a sensible hand-written
set scores in between, and the same lab, seed and rules give the same figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.lab.baselines import any_movement_rules, empty_rules
from triage.lab.history import simulate
from triage.lab.load import builtin_labs_dir, lab_files, load_lab, load_rules, reference_rules
from triage.lab.replay import replay

FIXTURES = Path(__file__).parent.parent / "fixtures" / "labs"
LABS = ["support-bot-alerts", "fraud-model-alerts", "training-pipeline-alerts"]
SEEDS = (1, 2)


@pytest.fixture(scope="module", params=[(lab, seed) for lab in LABS for seed in SEEDS],
                ids=lambda p: f"{p[0]}-seed{p[1]}")
def replays(request):
    lab_id, seed = request.param
    lab = load_lab(builtin_labs_dir() / f"{lab_id}.yaml")
    history = simulate(lab, seed)
    sensible = load_rules(FIXTURES / f"{lab_id}.sensible.rules.yaml", lab)
    return {name: replay(history, rules) for name, rules in (
        ("reference", reference_rules(lab)), ("any", any_movement_rules(history)),
        ("empty", empty_rules()), ("sensible", sensible))}


def test_the_builtin_labs_are_the_three_the_guide_asks_for():
    ids = sorted(load_lab(path).id for path in lab_files([builtin_labs_dir()]))
    assert ids == sorted(LABS)


def test_the_reference_catches_every_incident_with_no_false_page(replays):
    reference = replays["reference"]
    assert reference.overall.recall == 1.0
    assert all(catch.caught and catch.action_fits for catch in reference.catches)
    assert reference.overall.precision == 1.0
    assert reference.overall.score > 80


def test_paging_on_any_movement_is_mostly_false_and_scores_badly(replays):
    loud = replays["any"].overall
    assert loud.precision is not None and loud.precision < 0.3
    assert loud.pages_per_week > 100
    assert loud.score < 5


def test_no_rules_catch_nothing_and_score_nothing(replays):
    empty = replays["empty"].overall
    assert empty.recall == 0.0
    assert empty.harm_before_detection == empty.harm_if_missed > 0
    assert empty.score == 0.0


def test_a_sensible_hand_written_set_scores_between_them(replays):
    sensible = replays["sensible"].overall.score
    assert replays["any"].overall.score < sensible < replays["reference"].overall.score
    assert replays["empty"].overall.score < sensible


def test_late_catches_cost_harm_the_reference_avoids(replays):
    """The trade-off a player feels: the sensible set's slower rules let harm run on."""
    sensible, reference = replays["sensible"].overall, replays["reference"].overall
    assert sensible.harm_before_detection > reference.harm_before_detection
    assert sensible.worst_delay_minutes > reference.worst_delay_minutes


@pytest.mark.parametrize("lab_id", LABS)
def test_same_lab_seed_and_rules_give_the_same_figures(lab_id):
    lab = load_lab(builtin_labs_dir() / f"{lab_id}.yaml")
    rules = load_rules(FIXTURES / f"{lab_id}.sensible.rules.yaml", lab)
    first, second = (replay(simulate(lab, 3), rules) for _ in range(2))
    assert first.overall == second.overall
    assert first.per_rule == second.per_rule
    assert replay(simulate(lab, 4), rules).overall != first.overall
