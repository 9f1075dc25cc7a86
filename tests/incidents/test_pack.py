"""Every shipped incident: valid, checked playable, and built to teach (the library's rules)."""

from __future__ import annotations

from collections import Counter

import pytest

from triage.authoring.checker import check_incident
from triage.engine.session import Session
from triage.model.loader import load_incident
from triage.model.pack import builtin_dir, load_catalog, yaml_files
from triage.model.variants import resolved
from triage.sim.world import build_world

CORE = ("training_divergence", "silent_degradation", "miscalibration", "train_prod_mismatch")
FILES = yaml_files([builtin_dir()])


def _ids(paths):
    return [p.stem for p in paths]


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_incident_is_valid_and_checks(path):
    incident = load_incident(path).incident
    checks = check_incident(incident, seeds=(1, 2, 3))
    failed = [f"{c.name}: {c.detail}" for c in checks if not c.ok]
    assert failed == []


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_incident_is_built_to_teach(path):
    incident = load_incident(path).incident
    assert path.stem == incident.id
    # Each root-cause variant is a whole incident of its own, as a seed plays it; a harmful
    # option is wanted in the incident (one variant's harm may be another's dud).
    played_all = [resolved(incident, v.id) for v in incident.variants] or [incident]
    assert any(r.effect == "harmful" for played in played_all for r in played.remediations)
    for played in played_all:
        assert len(played.signals) >= 6
        assert len({s.dashboard for s in played.signals}) >= 2
        assert played.evidence.red_herrings, "needs a red herring"
        assert len(played.diagnoses) >= 5, "five to seven root causes"
        assert len(played.remediations) >= 4
        assert played.debrief.ask, "the debrief names the question to ask the ML team"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_incident_varies_by_seed(path):
    incident = load_incident(path).incident
    a, b = build_world(incident, 1), build_world(incident, 2)
    assert any(a.series[k].tobytes() != b.series[k].tobytes() for k in a.series)


def test_library_covers_the_guide():
    catalog = load_catalog()
    assert catalog.problems == []
    incidents = [x.incident for x in catalog.incidents.values()]
    pitfalls = Counter(i.pitfall for i in incidents)
    assert len(incidents) >= 37
    assert len(pitfalls) >= 12
    for pitfall in CORE:
        assert pitfalls[pitfall] >= 4, pitfall
        levels = {i.difficulty for i in incidents if i.pitfall == pitfall}
        assert {1, 2, 3} <= levels, (pitfall, levels)
    assert pitfalls["false_alarm"] >= 2
    assert pitfalls["overfitting"] >= 3


def test_the_answer_changes_with_the_seed_and_length_gives_nothing_away():
    incidents = [x.incident for x in load_catalog().incidents.values()]
    def answers(incident) -> set[str]:
        return {Session(incident, seed).incident.correct_diagnosis.id for seed in range(1, 21)}

    changing = [i.id for i in incidents if len(answers(i)) > 1]
    assert len(changing) >= 10, changing
    played = [resolved(i, v.id) for i in incidents for v in i.variants]
    played += [i for i in incidents if not i.variants]
    longest = [p.id for p in played
               if len(p.correct_diagnosis.text) >= max(len(d.text) for d in p.diagnoses)]
    assert len(longest) <= len(played) / 3, longest
