"""Ids with a dot (`quality.v2`) are valid in an incident; the TUI must play them.

Textual refuses `.` in a widget id, so a dashboard, panel or diagnosis named that way used to
stop the war room with a traceback.
"""

from __future__ import annotations

import re

from textual.widgets import RadioButton, TabbedContent
from tui_helpers import FIXTURE_FILE, pilot_test, screen_text

from triage.model.loader import incident_from_bytes
from triage.model.pack import Catalog
from triage.tui.app import PlayOptions, create_app
from triage.tui.render.ids import dom_id
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.diagnosis import DiagnosisScreen
from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.warroom import WarRoomScreen

RENAMES = {"quality": "quality.v2", "accuracy": "accuracy.top1", "unit_change": "etl.unit_change"}


def dotted_incident():
    text = FIXTURE_FILE.read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        text = re.sub(rf"\b(?<![-.]){old}\b(?![-.])", new, text)
    return incident_from_bytes(text.encode(), FIXTURE_FILE)


def test_ids_that_textual_refuses_get_a_readable_stand_in():
    assert dom_id("panel-", "accuracy") == "panel-accuracy"
    dotted = dom_id("panel-", "accuracy.top1")
    assert dotted.startswith("panel-accuracy_top1-") and dotted != dom_id("panel-", "accuracy_top1")


@pilot_test
async def test_a_dotted_dashboard_panel_and_diagnosis_play_to_the_debrief() -> None:
    loaded = dotted_incident()
    catalog = Catalog()
    catalog.add(loaded)
    app = create_app(catalog, incident=loaded, seed=7, options=PlayOptions(save=False),
                     tick_seconds=None, rng_seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == dom_id("dash-", "quality.v2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert "accuracy.top1" in app.session.opened
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosisScreen)
        buttons = [b.id for b in app.screen.query_one("#causes").query(RadioButton)]
        keys = ["down"] * buttons.index(dom_id("dx-", "etl.unit_change")) + ["enter"]
        await pilot.press(*keys, "tab", "tab", "ctrl+s")
        await pilot.pause()
        assert app.session.diagnosis == "etl.unit_change" and not app.session.ended
        await pilot.press("f", "enter")  # Act: the first option (dotted ids all the way)
        await pilot.pause()
        assert len(app.session.remediations) == 1
        await pilot.press("f", "end", "enter")  # resolve: the status update first
        await pilot.pause()
        await pilot.press("enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter",
                          "ctrl+s")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.session.diagnosis == "etl.unit_change"
        assert "right root cause" in screen_text(app)
