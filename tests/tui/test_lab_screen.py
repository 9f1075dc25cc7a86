"""The alert lab in the game: from the home menu to a lab's training week, rules and replay."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea
from tui_helpers import pilot_test, plain_of, screen_text

from triage.store.paths import default_player
from triage.tui.screens.lab import LabListScreen
from triage.tui.screens.lab_design import DRAFTS, LabDesignScreen, rules_path

SENSIBLE = (Path(__file__).parent.parent / "fixtures" / "labs"
            / "support-bot-alerts.sensible.rules.yaml")


def report(app) -> str:
    return plain_of(app.screen.query_one("#lab-report", Static).content)


@pilot_test
async def test_design_rules_replay_and_read_the_debrief(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRIAGE_HOME", str(tmp_path))
    DRAFTS.clear()
    app = make_app(incident=None)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LabListScreen)
        assert "Support bot: three dashboards, one month" in screen_text(app)
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LabDesignScreen)
        text = screen_text(app)
        assert "p95_latency_ms" in text and "median 1,808" in text
        editor = app.screen.query_one(TextArea)
        assert "# Actions: fail_over_provider, rollback" in editor.text
        editor.text = SENSIBLE.read_text().replace("action: retrain}", "action: retrian}")
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "rules:21:44: unknown action 'retrian' (did you mean 'retrain'?)" in report(app)
        editor.text = SENSIBLE.read_text()
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = report(app)
        assert "rules: written in the game" in shown
        assert "LATE new-feature-questions" in shown and "labels arrive 2d after" in shown
        from triage.store import Store
        from triage.store.labs import lab_results

        with Store() as store:
            [recorded] = lab_results(store, app.options.player or default_player())
        assert recorded.lab_id == "support-bot-alerts" and recorded.rules == SENSIBLE.read_text()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rules_path("support-bot-alerts").read_text() == SENSIBLE.read_text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LabListScreen)
        assert DRAFTS["support-bot-alerts"] == SENSIBLE.read_text()
        await pilot.press("escape", "a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"best {recorded.score:.1f} of 1 replay" in screen_text(app)
