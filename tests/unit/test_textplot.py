"""Numbers as the panels and previews print them."""

from __future__ import annotations

import pytest

from triage.textplot import format_value


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
