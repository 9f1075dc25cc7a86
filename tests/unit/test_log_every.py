"""A repeating log line may repeat at a seed-varied interval: `every: [20m, 40m]`."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from triage.model.loader import incident_from_bytes
from triage.sim.world import build_world

FIXTURE = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"
LINE = 'message: "healthy", every: 30m}'


def incident(every: str):
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(LINE) == 1
    raw = text.replace(LINE, f'message: "healthy", every: {every}}}').encode()
    return incident_from_bytes(raw, FIXTURE).incident


def healthy_gaps(world) -> set[float]:
    times = [entry.minute for entry in world.logs if entry.message == "healthy"]
    return {round(b - a, 6) for a, b in zip(times, times[1:], strict=False)}


def test_each_play_draws_one_interval_within_the_range():
    ranged = incident("[20m, 40m]")
    gaps = [healthy_gaps(build_world(ranged, seed)) for seed in range(1, 9)]
    assert all(len(g) == 1 for g in gaps), "one interval per play"
    drawn = {g.pop() for g in gaps}
    assert all(20 <= gap <= 40 for gap in drawn) and len(drawn) > 1, drawn
    again = healthy_gaps(build_world(ranged, 3))
    assert again == healthy_gaps(build_world(ranged, 3)), "the same seed draws the same"


def test_a_range_moves_no_other_draw_of_the_play():
    fixed, ranged = build_world(incident("30m"), 5), build_world(incident("[20m, 40m]"), 5)
    assert fixed.series.keys() == ranged.series.keys()
    for name, values in fixed.series.items():
        assert np.array_equal(values, ranged.series[name]), name
    other = [(e.minute, e.message) for e in fixed.logs if e.message != "healthy"]
    assert other == [(e.minute, e.message) for e in ranged.logs if e.message != "healthy"]
    assert [c.minute for c in fixed.changes] == [c.minute for c in ranged.changes]
