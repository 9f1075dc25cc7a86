"""`ReplayedNoise` gives the values a direct draw gives, and leaves the generator where a direct
draw leaves it: drift worlds stay the same, bit for bit, while holding one feature's noise."""

from __future__ import annotations

import numpy as np
import pytest

from triage.sim.physics._noise import ReplayedNoise


@pytest.mark.parametrize(("normal", "sort"), [(True, True), (True, False), (False, False)])
def test_replay_is_the_direct_draw_and_moves_the_generator_alike(normal: bool, sort: bool) -> None:
    direct, replayed = np.random.default_rng([7, 3]), np.random.default_rng([7, 3])
    shape = (6, 50)
    block = direct.standard_normal(shape) if normal else direct.random(shape)
    if sort:
        block = np.sort(block, axis=1)
    noise = ReplayedNoise(replayed, shape, normal=normal, sort=sort)
    assert np.array_equal(direct.standard_normal(9), replayed.standard_normal(9))
    assert np.array_equal(next(noise.blocks(6)), block)
    assert np.array_equal(next(noise.blocks(6, 4)), block[4:])
    assert next(noise.blocks(6)) is not next(noise.blocks(6))  # each read is the caller's own
    for rows, start in [(16, 0), (4, 0), (4, 3), (5, 5), (50, 2)]:
        blocks = list(noise.blocks(rows, start))
        assert all(len(block) <= rows for block in blocks)
        assert np.array_equal(np.concatenate(blocks), block[start:])


class HeldNoise(ReplayedNoise):
    """The noise drawn once and held, and measured in one block, as drift worlds were built
    before the replay."""

    __slots__ = ("_held",)

    def _draw(self, rng: np.random.Generator) -> np.ndarray:
        block = super()._draw(rng)
        self._held = np.sort(block, axis=1) if self._sort else block
        return block

    def blocks(self, rows: int, start: int = 0):  # noqa: ANN201 - the held array, in one block
        yield self._held[start:]


@pytest.mark.parametrize("incident_id", ["claims-autoapprove-feature-drift",
                                         "eta-predictor-feature-drift"])
def test_drift_worlds_are_the_same_as_with_the_noise_held(monkeypatch, incident_id: str) -> None:
    """Every series of a drift world, untouched and with each fix applied part-way (a retrain or
    a revert reads the noise from a later window on), equals the world built holding the noise."""
    from triage.model.pack import find_incident
    from triage.sim.physics import drift
    from triage.sim.world import Decision, build_world

    incident = find_incident(incident_id).incident
    decisions = [None, *(Decision(200.0, (option.id,)) for option in incident.remediations)]

    def worlds() -> list[dict[str, np.ndarray]]:
        return [build_world(incident, seed, decision).series
                for seed in (1, 2) for decision in decisions]

    replayed = worlds()
    monkeypatch.setattr(drift, "ReplayedNoise", HeldNoise)
    held = worlds()
    for ours, theirs in zip(replayed, held, strict=True):
        assert ours.keys() == theirs.keys()
        for name in ours:
            assert np.array_equal(ours[name], theirs[name]), name
