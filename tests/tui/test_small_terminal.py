"""80x24 is a supported size: everything needed to play is visible or reachable by scrolling.

A playtest at 80x24 lost `? Keys` off the end of every footer, the `▲ FIRING` label of the
firing tile, and told two token panels apart by nothing (`gen_ai.client.tok…` twice); the
diagnosis's Submit sat below the screen.
"""

from __future__ import annotations

from textual.widgets import Button
from tui_helpers import pilot_test, screen_text

from triage.model.pack import find_incident
from triage.tui.screens.diagnosis import DiagnosisScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.widgets.panel import MetricPanel

SIZE = (80, 24)


def footer_line(app) -> str:  # noqa: ANN001
    return screen_text(app).splitlines()[-1]


@pilot_test
async def test_the_footer_keeps_question_mark_keys_in_view_at_80_columns(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_line(app).rstrip().endswith("? Keys"), footer_line(app)
        assert "o Shift" in footer_line(app)
        await pilot.press("r")  # a random incident's page, then its war room
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        line = footer_line(app)
        assert line.rstrip().endswith("? Keys"), line
        for key in ("m Mark", "l Logs", "d Diagnose", "] Next"):
            assert key in line, line
        assert "^q" not in line or "^q Quit" in line, "a key is shown whole or not at all"


@pilot_test
async def test_the_firing_tile_and_the_token_panels_at_80x24(make_app) -> None:
    app = make_app(incident=find_incident("llm-token-cost-spike"), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        for _ in range(20):  # the second dashboard's panels are built when it is first shown
            await pilot.pause()
            panels = {panel.signal_id: panel for panel in app.screen.query(MetricPanel)}
            if "input_tokens" in panels and panels["input_tokens"].size.width:
                break
        await pilot.pause()
        firing = [panel for panel in panels.values() if panel.view.firing]
        assert firing and all(panel.size.width < 25 for panel in firing)
        text = screen_text(app)
        assert "▲ FIRING" in text
        titles = [str(panels[name].border_title) for name in ("input_tokens", "output_tokens")]
        assert titles[0] != titles[1] and "(input)" in titles[0] and "(output)" in titles[1]
        assert all(title in text for title in titles), titles


@pilot_test
async def test_submit_is_reached_by_tabbing_on_the_diagnosis_at_80x24(make_app) -> None:
    app = make_app(incident=find_incident("llm-token-cost-spike"), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosisScreen)
        submit = app.screen.query_one("#submit", Button)
        for _ in range(8):
            if app.focused is submit:
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is submit
        assert "Submit (ctrl+s)" in screen_text(app)
        assert footer_line(app).rstrip().endswith("? Keys")
