"""A signal's `y_range:` fixes its panel's vertical scale in the war room, the full-size chart and
the preview's sparkline; without it the scale follows the data, as before."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from triage.authoring.preview import render_preview
from triage.tui.render.chart import ChartSpec, render_chart, scale


def test_scale_uses_the_fixed_ends_and_gives_way_to_data_beyond_them() -> None:
    values = [48.0, 50.0, 52.0]
    assert scale(values) == (48.0, 52.0)
    assert scale(values, fixed=(0.0, 100.0)) == (0.0, 100.0)
    assert scale(values, fixed=(0.0, None)) == (0.0, 52.0)
    # all data above a fixed top: the chart keeps a height instead of collapsing
    assert scale(values, fixed=(None, 10.0)) == (48.0, 52.0)


def test_full_chart_axis_reads_the_fixed_range() -> None:
    spec = ChartSpec(values=[48.0, 50.0, 52.0] * 20, start=0, page_minute=30, decimals=0)
    free = render_chart(spec, 60, 10).plain.splitlines()
    fixed = render_chart(ChartSpec(**{**spec.__dict__, "y_range": (0.0, 100.0)}), 60, 10)
    top, *_, bottom = fixed.plain.splitlines()[:7]
    assert free[0].lstrip().startswith("52") and top.lstrip().startswith("100")
    assert bottom.lstrip().startswith("0")


def test_preview_sparkline_sits_high_on_a_0_100_scale(shapes_incident) -> None:
    signal = shapes_incident.signals[0]
    flat = signal.model_copy(update={"baseline": 90.0, "effects": [], "noise": 0.0,
                                     "y_range": (0.0, 100.0)})
    incident = shapes_incident.model_copy(update={"signals": [flat, *shapes_incident.signals[1:]]})
    text = render_preview(incident, 1)
    line = text.splitlines()[text.splitlines().index(
        next(x for x in text.splitlines() if x.startswith(f"  {flat.id}:"))) + 1]
    assert set(line.strip()) == {"▇"}  # 90 of 100, not the mid-height block of flat data


def test_a_reversed_y_range_is_refused(shapes_incident) -> None:
    data = shapes_incident.signals[0].model_dump(by_alias=True)
    with pytest.raises(ValidationError, match="y_range low 100 must be below its high 0"):
        type(shapes_incident.signals[0]).model_validate({**data, "y_range": [100, 0]})
