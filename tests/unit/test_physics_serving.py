"""The retrieval system, label feeds that change at the onset, and the drift features added for
authors (unit changes, drift before the onset, missing values, summary statistics), as an on-call
engineer would see them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import TypeAdapter, ValidationError

from triage.model.physics import PhysicsSpec
from triage.sim.physics import Intervention, PhysicsResult, check_overrides, run_physics

SPEC = TypeAdapter(PhysicsSpec)
MINUTES, ONSET, FIX = 360, 120.0, 200.0


def run(spec: dict[str, Any], seed: int = 1, fix: dict[str, Any] | None = None) -> PhysicsResult:
    intervention = Intervention(at=FIX, overrides=fix) if fix else None
    return run_physics(SPEC.validate_python(spec), rng=np.random.default_rng(seed),
                       minutes=MINUTES, onset=ONSET, intervention=intervention)


def mean(series: np.ndarray, start: int, stop: int) -> float:
    return float(series[start:stop].mean())


# --- retrieval ---------------------------------------------------------------------------------

LOST_DOCS = {"kind": "retrieval", "onset_coverage": 0.4}
BAD_RANKING = {"kind": "retrieval", "onset_precision": 0.12}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_lost_documents_hallucinate_with_confidence_intact(seed: int) -> None:
    s = run(LOST_DOCS, seed).series
    before, after = slice(0, 120), slice(140, 200)
    assert mean(s["hit_rate"], 0, 120) > 0.9 and mean(s["hit_rate"], 140, 200) < 0.5
    assert mean(s["consistency"], 140, 200) < mean(s["consistency"], 0, 120) - 0.15
    assert mean(s["judged_correct"], 140, 200) < mean(s["judged_correct"], 0, 120) - 0.2
    assert mean(s["hallucinated"], 140, 200) > 0.3 > 0.06 > mean(s["hallucinated"], 0, 120)
    # the trap: the model sounds as sure as ever
    drop = float(s["confidence"][before].mean() - s["confidence"][after].mean())
    assert 0 < drop < 0.05


def test_restoring_the_index_resolves_more_passages_only_helps_when_ranking_broke() -> None:
    base, restored = run(LOST_DOCS).series, run(LOST_DOCS, fix={"restore_index": True}).series
    assert mean(restored["hit_rate"], 220, 360) > 0.9 > 0.5 > mean(base["hit_rate"], 220, 360)
    wider = run(LOST_DOCS, fix={"top_k": 12}).series
    assert mean(wider["hit_rate"], 220, 360) < 0.5  # the documents are gone: no rank finds them
    assert mean(wider["context_tokens"], 220, 360) == 3 * mean(base["context_tokens"], 220, 360)
    ranking = run(BAD_RANKING).series
    reranked = run(BAD_RANKING, fix={"top_k": 12}).series
    assert mean(reranked["hit_rate"], 220, 360) > mean(ranking["hit_rate"], 220, 360) + 0.25


def test_a_strict_prompt_trades_hallucinations_for_unanswered_questions() -> None:
    base, strict = run(LOST_DOCS).series, run(LOST_DOCS, fix={"abstain": 0.8}).series
    assert mean(strict["hallucinated"], 220, 360) < mean(base["hallucinated"], 220, 360) / 3
    assert mean(strict["abstained"], 220, 360) > 0.4 > mean(base["abstained"], 220, 360)
    assert mean(strict["grounded"], 220, 360) > mean(base["grounded"], 220, 360) + 0.2
    assert mean(strict["hit_rate"], 220, 360) == pytest.approx(mean(base["hit_rate"], 220, 360))


@pytest.mark.parametrize("value, message", [(2.5, "whole number"), (0, "positive"),
                                            (True, "not a boolean")])
def test_top_k_overrides_must_be_whole_numbers(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_overrides(SPEC.validate_python(LOST_DOCS), {"top_k": value})


# --- label feeds -------------------------------------------------------------------------------

STALLED = {"kind": "delayed_accuracy", "degraded_accuracy": 0.92, "label_delay": "30m",
           "onset_label_delay": "3d", "unlabelled": "negative"}


def test_a_stalled_feed_counted_as_negatives_looks_like_a_model_collapse() -> None:
    s = run(STALLED).series
    assert mean(s["true_accuracy"], 0, 360) == pytest.approx(0.92)
    assert mean(s["accuracy"], 0, 140) > 0.88
    assert s["accuracy"][250:].max() < 0.05  # every overdue label counted wrong
    assert mean(s["labels"], 160, 360) == 0 < mean(s["labels"], 0, 140)
    assert s["awaiting_labels"][:140].max() == 0 and s["awaiting_labels"][250:].min() > 500


def test_the_same_stall_skipped_freezes_the_measurement_instead() -> None:
    s = run({**STALLED, "unlabelled": "skip"}).series
    assert s["accuracy"][250:].min() > 0.85
    assert np.all(s["accuracy"][250:] == s["accuracy"][250])  # nothing new to score: it holds


@pytest.mark.parametrize("fix", [{"restore_feed": True}, {"skip_unlabelled": True}])
def test_restoring_the_feed_or_fixing_the_job_brings_accuracy_back(fix: dict) -> None:
    s = run(STALLED, fix=fix).series
    assert s["accuracy"][200:].min() > 0.85
    if "restore_feed" in fix:
        assert s["labels"][200] > 1000  # the backlog arrives at once
        assert s["awaiting_labels"][240:].max() == 0


def test_a_feed_change_that_changes_nothing_measures_like_the_plain_system() -> None:
    plain = run({"kind": "delayed_accuracy"}, 4).series
    same = run({"kind": "delayed_accuracy", "onset_label_delay": "60m"}, 4).series
    for name in ("accuracy", "labels", "labelled_window", "true_accuracy", "awaiting_labels"):
        assert np.array_equal(plain[name], same[name]), name


def test_a_slower_feed_delays_the_lag_and_a_lossy_one_thins_the_labels() -> None:
    slow = run({"kind": "delayed_accuracy", "onset_label_delay": "2h"}).series
    # labels of predictions from before the change still come an hour late (until 3h), the
    # next ones two hours late (from 4h): an hour with none
    assert mean(slow["labels"], 185, 240) == 0 < mean(slow["labels"], 245, 360)
    lossy = run({"kind": "delayed_accuracy", "label_rate": 0.25, "onset_label_rate": 0.05}).series
    assert mean(lossy["labels"], 260, 360) == pytest.approx(
        mean(lossy["labels"], 0, 120) / 5, rel=0.2)
    with pytest.raises(ValidationError, match="must not exceed label_rate"):
        SPEC.validate_python({"kind": "delayed_accuracy", "onset_label_rate": 0.5})


# --- drift features ----------------------------------------------------------------------------

UNIT = {"kind": "drift", "ramp": "0m", "drifting": ["amount"],
        "features": [{"name": "amount", "mean": 40, "std": 12, "shift": 0, "multiply": 100},
                     {"name": "country", "categories": {"us": 5, "de": 3}}]}


def test_a_unit_change_multiplies_the_values_and_saturates_the_statistics() -> None:
    s = run(UNIT).series
    assert mean(s["mean.amount"], 0, 120) == pytest.approx(40, rel=0.05)
    assert mean(s["mean.amount"], 130, 360) == pytest.approx(4000, rel=0.05)
    assert mean(s["median.amount"], 130, 360) == pytest.approx(4000, rel=0.05)
    assert s["psi.amount"][130:].min() > 5 and s["ks.amount"][130:].min() > 0.99
    report = run(UNIT).report(200)
    assert report is not None
    assert report.rows[0][0] == "amount" and report.rows[0][2] == "significant"
    summary = {line.split(":")[0]: line for line in report.notes if ": mean " in line}
    found = re.fullmatch(r"amount: mean (\S+) \((\S+)\), median (\S+) \((\S+)\), "
                         r"missing 0% \(0%\)", summary["amount"])
    assert found is not None
    now, reference, median, ref_median = (float(v) for v in found.groups())
    assert now == pytest.approx(4000, rel=0.05) and reference == pytest.approx(40, rel=0.05)
    assert median == pytest.approx(4000, rel=0.05) and ref_median == pytest.approx(40, rel=0.1)
    assert summary["country"] == "country: mean —, median —, missing 0% (0%)"


def test_drift_can_start_before_the_onset() -> None:
    early = {**UNIT, "start": "-60m", "ramp": "2h",
             "features": [{"name": "amount", "shift": 1.5}]}
    s = run(early).series
    assert s["psi.amount"][30:60].max() < 0.1 < s["psi.amount"][110:120].min()


def test_values_going_missing_show_in_psi_and_in_the_missing_share() -> None:
    spec = {**UNIT, "features": [{"name": "amount", "shift": 0, "drifted_missing": 0.3},
                                 {"name": "country", "categories": {"us": 5, "de": 3},
                                  "missing": 0.1, "drifted_missing": 0.1}]}
    s = run(spec).series
    assert mean(s["missing.amount"], 0, 120) == 0
    assert mean(s["missing.amount"], 130, 360) == pytest.approx(0.3, abs=0.02)
    assert s["psi.amount"][130:].min() > 0.25 > s["psi.amount"][:120].max()
    assert mean(s["missing.country"], 0, 360) == pytest.approx(0.1, abs=0.02)
    report = run(spec).report(200)
    assert report is not None
    assert any(line.startswith("country: ") and line.endswith("(10%)") for line in report.notes)
    retrained = run(spec, fix={"retrain": True}).series
    assert retrained["psi.amount"][220:].max() < 0.1  # the new reference expects the nulls


# --- in an incident ----------------------------------------------------------------------------

RAG = Path(__file__).parents[1] / "fixtures" / "rag_physics.yaml"


def test_a_retrieval_incident_plays_its_remediations_through_the_physics() -> None:
    from triage.model.loader import load_incident
    from triage.sim.world import Decision, build_world

    incident = load_incident(RAG).incident
    base = build_world(incident, 2)
    at = base.onset + 60
    restored = build_world(incident, 2, Decision(at, ("restore",)))
    wider = build_world(incident, 2, Decision(at, ("more_passages",)))
    late = slice(int(at) + 20, None)
    assert restored.series["hit_rate"][late].mean() > 90 > 50 > base.series["hit_rate"][late].mean()
    assert wider.series["hit_rate"][late].mean() < 50  # no_effect, as the file says...
    assert wider.series["context_tokens"][late].mean() == 3000  # ...and it costs tokens


def test_a_fractional_top_k_is_reported_at_its_value(tmp_path: Path, capsys) -> None:
    from triage.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text(RAG.read_text().replace("top_k: 12}", "top_k: 12.5}"))
    assert main(["validate", str(bad)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"{bad}:37:")
    assert line.endswith("top_k: expected a whole number, got 12.5")
