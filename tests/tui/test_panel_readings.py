"""What a panel says about its value and its scale (issue 19, items 2, 4 and 8).

A flat series draws as a line at its value (the canary-pods panel at 0 was a half-height block
on a -1..1 axis); a chart zoomed in on a small range says so; a PSI is drawn and named against
its bands; a tile with no alert wired never says `ok`; a firing tile keeps `▲ FIRING` when it is
narrow.
"""

from __future__ import annotations

from dataclasses import replace

from triage.engine.session import Session
from triage.model.pack import find_incident
from triage.sim.physics.readings import PSI_READING
from triage.tui.render.chart import ChartSpec, bar_cells, bounds, render_chart
from triage.tui.render.panel import PanelView, panel_rows, panel_view


def view(values: list[float], **changes: object) -> PanelView:
    """A panel over `values` (the last is now), with no alert unless told."""
    base = PanelView(signal_id="s", title="S", unit="", decimals=3, window=values,
                     history=values, end_minute=len(values) - 1, thresholds=[],
                     firing=False, opened=False, cost=1.0)
    return replace(base, **changes)


def lines(panel: PanelView, width: int = 27, height: int = 12) -> list[str]:
    return ["".join(text for text, _ in row) for row in panel_rows(panel, width, height)]


def test_a_flat_zero_is_a_line_along_the_floor_of_a_0_to_1_scale() -> None:
    assert bounds([0.0] * 30) == (0.0, 1.0)
    rows = bar_cells([0.0] * 30, 6, *bounds([0.0] * 30))
    assert {char for char, _ in rows[-1]} == {"▁"}
    assert all(char == " " for row in rows[:-1] for char, _ in row)
    chart = render_chart(ChartSpec(values=[0.0] * 60, start=0, page_minute=30, decimals=0),
                         60, 10).plain.splitlines()
    assert chart[0].split("│")[0].strip() == "1" and chart[6].split("│")[0].strip() == "0"
    assert "-1" not in "".join(line.split("│")[0] for line in chart[:7])
    assert set(chart[6].split("│")[1]) == {"▁"} and "█" not in "".join(chart)


def test_a_flat_tile_says_flat_at_its_value() -> None:
    shown = lines(view([0.0] * 120, decimals=0))
    assert "flat at 0" in shown[1]
    assert all(set(line) <= {" "} for line in shown[2:-1])
    assert set(shown[-1]) <= {" ", "▁"} and shown[-1].count("▁") > 20


def test_a_scale_zoomed_in_on_a_small_range_says_so() -> None:
    wobble = [1.42 + 0.45 * i / 119 for i in range(120)]
    assert "zoomed 1.42–1.87" in lines(view(wobble, decimals=2))[1]
    from_zero = [v - 1.42 for v in wobble]
    assert "zoom" not in lines(view(from_zero, decimals=2))[1]


def test_psi_noise_stays_low_under_its_bands_and_the_tile_names_the_band() -> None:
    noise = [0.014 + 0.037 * ((i * 5) % 9) / 8 for i in range(120)]
    plain = lines(view(noise))
    read = lines(view(noise, reading=PSI_READING))
    assert "█" in plain[2], "autoscaled alone, the noise fills the tile"
    filled = [index for index, line in enumerate(read) if index >= 2 and line.strip()]
    assert filled and min(filled) >= 2 + 10 * 3 // 4, read  # at most the bottom quarter
    assert read[0].rstrip().endswith("no shift") and "ok" not in read[0]
    assert lines(view([2.18] * 120, reading=PSI_READING))[0].rstrip().endswith("significant")


def test_a_tile_without_an_alert_says_no_alert_not_ok() -> None:
    errors = [95.4] * 120
    assert lines(view(errors, unit="%"))[0].rstrip().endswith("no alert")
    wired = view(errors, thresholds=[(">", 50.0)])
    assert lines(wired)[0].rstrip().endswith("breaching"), "over the line, not fired yet"
    assert lines(replace(wired, window=[10.0], history=[10.0]))[0].rstrip().endswith("ok")


def test_a_narrow_firing_tile_keeps_its_label_before_its_unit() -> None:
    tokens = view([1055.0] * 100 + [9393.0] * 20, unit="tokens", decimals=0, firing=True,
                  thresholds=[(">", 4000.0)])
    assert lines(tokens, width=20)[0].rstrip().endswith("▲ FIRING")
    assert lines(tokens, width=27)[0].startswith("9,393 tokens")


def test_the_fraud_drift_psi_panels_are_read_against_the_bands() -> None:
    session = Session(find_incident("silent-accuracy-fraud-drift").incident, 3)
    assert panel_view(session, "psi_amount").reading is not None
    assert panel_view(session, "accuracy").reading is None
