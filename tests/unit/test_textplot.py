"""Numbers as the panels and previews print them."""

from __future__ import annotations

import pytest

from triage.text.plot import format_value


@pytest.mark.parametrize(("value", "decimals", "unit", "shown"), [
    (182.4, 2, "ms", "182.40 ms"),
    (1234.5, 1, "", "1,234.5"),
    (-0.0001, 3, "", "0.000"),  # a gap a hair below zero reads as zero, not "-0.000"
    (-0.0, 0, "", "0"),
    (-0.004, 2, "%", "0.00 %"),
    (-0.006, 2, "", "-0.01"),
    (-1234.5, 1, "ms", "-1,234.5 ms"),
])
def test_values_read_as_a_person_would_write_them(value, decimals, unit, shown):
    assert format_value(value, decimals, unit) == shown


# ---- clock-aligned panel buckets (tui.render.chart.aligned_buckets) ---------------------------

def test_aligned_buckets_have_edges_on_the_clock() -> None:
    from triage.tui.render.chart import aligned_buckets

    values = [float(m) for m in range(300)]  # value = its minute
    buckets, covered = aligned_buckets(values, 299, width=25, span=120)
    assert len(buckets) == 25  # 5-minute buckets (120 / 25, rounded up) fill the width
    assert covered[0] == 175.0 and covered[-1] == 299.0  # from the edge at minute 175
    assert buckets[-1] == 299.0 and buckets[-2] == 294.0  # each keeps its max
    # a minute later only the newest bucket changes; at the next edge all move one column
    later, _ = aligned_buckets(values[:301] + [300.0], 300, width=25, span=120)
    assert later[:-1] == buckets[1:] and later[-1] == 300.0


def test_aligned_buckets_within_a_bucket_change_only_the_newest() -> None:
    from triage.tui.render.chart import aligned_buckets

    values = [float(m % 7) for m in range(400)]
    first, _ = aligned_buckets(values[:201], 200, width=30, span=120)
    second, _ = aligned_buckets(values[:202], 201, width=30, span=120)
    assert first[:-1] == second[:-1]


def test_aligned_buckets_short_history_and_min_mode() -> None:
    from triage.tui.render.chart import aligned_buckets

    buckets, covered = aligned_buckets([5.0, 1.0, 3.0], 2, width=10, span=120, mode="min")
    assert buckets == [1.0] and covered == [5.0, 1.0, 3.0]  # 12-minute buckets: one, partial
    assert aligned_buckets([], 0, width=10, span=120) == ([], [])
    assert aligned_buckets([1.0], 0, width=0, span=120) == ([], [])
