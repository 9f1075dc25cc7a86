"""A shift labels each page real or noise by what the incident's own answer says: a healthy model
behind a too-tight alert (overfitting scenario A) is noise, never a real incident."""

from __future__ import annotations

import pytest

from triage.model.pack import load_catalog
from triage.practice.shift import ShiftAction, answers_false_alarm, build_shift, run_shift
from triage.practice.shiftscore import score_shift

HEALTHY = "ticket-router-train-gap"  # formerly overfitting-scenario-a-healthy


@pytest.fixture(scope="module")
def incidents() -> dict:
    return {key: loaded.incident for key, loaded in load_catalog().incidents.items()}


def test_the_pack_marks_every_answer_that_says_nothing_was_wrong(incidents) -> None:
    marked = {key for key, incident in incidents.items() if answers_false_alarm(incident)}
    assert {HEALTHY, "eta-predictor-feature-drift"} <= marked
    assert all(incidents[key].pitfall == "false_alarm" for key in marked - {HEALTHY})
    assert incidents[HEALTHY].correct_diagnosis.false_alarm


@pytest.mark.parametrize("seed", [142045, *range(1, 61)])
def test_a_page_is_real_only_when_its_incident_says_so(incidents, seed: int) -> None:
    shift = build_shift(list(incidents.values()), seed)
    for page in shift.pages:
        if page.incident_id is None:
            assert page.kind == "noise"
            continue
        own = answers_false_alarm(incidents[page.incident_id], page.incident_seed)
        assert page.kind == ("noise" if own else "real"), (page.id, page.incident_id)
        assert page.incident_id != HEALTHY  # real incidents fill the real slots


def test_with_only_false_alarms_their_pages_are_noise_and_resolving_them_misses_nothing(
        incidents) -> None:
    alarms = [incidents[HEALTHY], incidents["eta-predictor-feature-drift"]]
    shift = build_shift(alarms, 7)
    from_incidents = [page for page in shift.pages if page.incident_id]
    assert from_incidents and all(page.kind == "noise" for page in from_incidents)
    result = score_shift(run_shift(shift, [ShiftAction("noise", p.id) for p in shift.pages]))
    assert result.missed == [] and result.lines[0].detail.startswith("caught 0 of 0")
