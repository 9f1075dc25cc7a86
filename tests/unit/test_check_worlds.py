"""Issue 21, item 5: `triage check` builds each seed's world once and shares it between the
ideal path, the other options and every blind strategy, and its verdicts are those of plays on
worlds built afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.authoring.blindplay import STRATEGIES, blind_results
from triage.authoring.checker import check_incident
from triage.authoring.worlds import SharedWorlds
from triage.engine.scoring import score_lines, total_score
from triage.model.loader import load_incident

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
SEEDS = (1, 2)


def test_blind_play_and_the_option_checks_build_no_world_of_their_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import triage.engine.session as session_module
    import triage.sim.world as world_module
    from triage.authoring.choices import alternatives, harmful_lower
    from triage.authoring.worlds import SharedWorlds

    incident = load_incident(FIXTURE).incident
    worlds = SharedWorlds(incident)
    for seed in SEEDS:  # what check has done before the blind strategies and the options play
        worlds.world(seed)
        worlds.ideal(seed)
    runs = [_Run(seed, worlds.play(seed, worlds.ideal(seed))) for seed in SEEDS]
    built: list[int] = []
    original = world_module.build_world

    def counting(incident, seed, decision=None, **more):  # type: ignore[no-untyped-def]
        if decision is None and not more.get("schedule"):  # a world before any action
            built.append(seed)
        return original(incident, seed, decision, **more)

    monkeypatch.setattr(world_module, "build_world", counting)
    monkeypatch.setattr(session_module, "build_world", counting)
    results = blind_results(incident, SEEDS, worlds)
    list(alternatives(worlds, runs))
    list(harmful_lower(worlds, runs))
    assert len(results) == len(STRATEGIES) + 1 and built == []
    # called without them, it builds its own (once per seed)
    blind_results(incident, SEEDS)
    assert sorted(set(built)) == list(SEEDS)
    assert check_incident(incident, SEEDS)  # and the whole check still runs on shared worlds


class _Run:
    """What the option checks read of a seed's ideal play."""

    def __init__(self, seed: int, ideal: object) -> None:
        from triage.engine.scoring import score_lines, total_score

        self.seed, self.ideal = seed, ideal
        self.score = total_score(score_lines(ideal))


def test_blind_play_scores_the_same_on_a_shared_world_as_on_fresh_ones() -> None:
    incident = load_incident(FIXTURE).incident
    shared = blind_results(incident, SEEDS, SharedWorlds(incident))
    fresh = blind_results(incident, SEEDS, SharedWorlds(incident))
    assert [r.scores for r in shared] == [r.scores for r in fresh]
    assert [r.name for r in shared] == [*STRATEGIES, "ideal"]
    worlds = SharedWorlds(incident)
    again = [total_score(score_lines(worlds.session(seed))) for seed in SEEDS for _ in (1, 2)]
    assert again[0] == again[1] and again[2] == again[3]  # a played world is not changed
