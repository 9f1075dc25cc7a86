"""The retrieval system's calibration (`ece` and its reliability diagram), and the built-in
hallucination incident simulated by it: policy-copilot's quality and grounding panels are
computed from one retrieval system whose remediations re-run it, not drawn as shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydantic import TypeAdapter

from triage import stats
from triage.model.loader import load_incident
from triage.model.physics import PhysicsSpec
from triage.sim.physics import Intervention, run_physics
from triage.sim.world import Decision, build_world

SPEC = TypeAdapter(PhysicsSpec)
POLICY = Path(__file__).parents[2] / "incidents" / "policy-copilot-consistency.yaml"
LOST_DOCS = {"kind": "retrieval", "onset_coverage": 0.4}


def run(spec: dict, seed: int = 1, fix: dict | None = None):  # noqa: ANN201
    intervention = Intervention(at=200.0, overrides=fix) if fix else None
    return run_physics(SPEC.validate_python(spec), rng=np.random.default_rng(seed), minutes=360,
                       onset=120.0, intervention=intervention)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_answers_from_memory_are_as_sure_and_wrong_more_often_so_ece_rises(seed: int) -> None:
    s = run(LOST_DOCS, seed).series
    assert s["ece"][:120].max() < 0.08 < 0.15 < s["ece"][140:200].mean()
    restored = run(LOST_DOCS, seed, {"restore_index": True}).series
    assert restored["ece"][220:].mean() < 0.06
    assert np.array_equal(restored["ece"][:200], s["ece"][:200])  # the past is not rewritten


def test_the_reliability_report_is_the_panels_window() -> None:
    result = run(LOST_DOCS, 2, {"restore_index": True})
    for minute in (60, 150, 250):
        report = result.report(minute)
        assert report is not None and report.title == "Reliability diagram"
        assert report.notes[0].startswith(f"ECE {result.series['ece'][minute]:.3f} over ")
        assert "answers" in report.notes[0]
    assert sum(int(row[1]) for row in result.report(150).rows) < 400  # declined ones left out


def test_the_panel_ece_is_the_textbook_ece_of_the_answered_questions() -> None:
    from triage.sim.physics import retrieval

    rng = np.random.default_rng(5)
    confidence = rng.random((3, 200))
    right = (rng.random((3, 200)) < confidence).astype(np.float64)
    answered = rng.random((3, 200)) < 0.7
    ours = retrieval._calibration_error(confidence, right, answered)
    for row in range(3):
        keep = answered[row]
        assert ours[row] == pytest.approx(stats.ece(confidence[row][keep], right[row][keep]))


# --- the built-in incident ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def policy():  # noqa: ANN201
    return load_incident(POLICY).incident


def seed_of(incident, variant: str) -> int:  # noqa: ANN001
    from triage.model.variants import pick_variant

    return next(s for s in range(1, 50) if pick_variant(incident, s).id == variant)


def test_the_hallucination_panels_read_the_retrieval_system(policy) -> None:
    physics = {s.id: s.physics for s in policy.signals if s.physics}
    assert physics == {"retrieval_success": "answers.hit_rate",
                       "self_consistency": "answers.consistency",
                       "spot_accuracy": "answers.judged_correct",
                       "mean_confidence": "answers.confidence", "ece": "answers.ece"}
    for variant in policy.variants:
        assert variant.systems["answers"].kind == "retrieval"
        assert not {s.id for s in variant.signals} & set(physics)  # no variant draws them


@pytest.mark.parametrize("variant, fix, other", [("encoder-mismatch", "rollback_index",
                                                  "scale_vector_store"),
                                                 ("node-lost", "scale_vector_store",
                                                  "rollback_index")])
def test_the_fix_re_runs_the_system_and_the_wrong_one_does_not(policy, variant, fix,
                                                               other) -> None:
    seed = seed_of(policy, variant)
    base = build_world(policy, seed)
    at = base.onset + 40
    fixed = build_world(policy, seed, Decision(at, (fix,)))
    wrong = build_world(policy, seed, Decision(at, (other,)))
    late = slice(int(at) + 15, None)
    for world in (base, fixed, wrong):  # grounding, agreement and correctness move together
        hit = world.series["retrieval_success"][late].mean()
        agree = world.series["self_consistency"][late].mean()
        assert (hit > 90) == (agree > 85) == (world is fixed)
    assert base.series["mean_confidence"][late].mean() > 88  # as sure as ever
    assert fixed.series["ece"][late].mean() < 0.06 < 0.1 < base.series["ece"][late].mean()


def test_a_prompt_that_declines_without_a_source_helps_but_grounds_nothing(policy) -> None:
    seed = seed_of(policy, "node-lost")
    base = build_world(policy, seed)
    at = base.onset + 40
    strict = build_world(policy, seed, Decision(at, ("refuse_ungrounded",)))
    late = slice(int(at) + 15, None)
    assert strict.series["retrieval_success"][late].mean() == pytest.approx(
        base.series["retrieval_success"][late].mean())
    assert strict.series["self_consistency"][late].mean() > \
        base.series["self_consistency"][late].mean() + 5
