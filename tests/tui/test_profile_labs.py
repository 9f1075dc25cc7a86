"""The Mastery screen lists alert-lab results beside the ratings: an `alert labs` column per
pitfall, each lab's best score, and the pitfalls the player's rules keep missing."""

from __future__ import annotations

from tui_helpers import pilot_test, screen_text

from triage.store import Store
from triage.store.labs import save_lab_result
from triage.tui.practice import ProfileScreen

FATES = [{"id": "drift", "pitfall": "input_drift", "caught": False},
         {"id": "outage", "pitfall": "llm_cost_latency", "caught": True}]


@pilot_test
async def test_mastery_shows_lab_results_beside_the_ratings(make_app) -> None:
    with Store() as store:
        for score in (31.5, 47.25):
            save_lab_result(store, "ana", "support-bot-alerts", "h", 1, "groups: []",
                            {"score": score, "recall": 0.5, "incidents": FATES})
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ProfileScreen("ana"))
        await pilot.pause()
        text = screen_text(app)
        assert "alert labs" in text and "Alert labs" in text
        drift = next(line for line in text.splitlines() if "Input drift" in line)
        assert "not played yet" in drift and "caught 0/2" in drift
        lab = next(line for line in text.splitlines() if "support-bot-alerts" in line)
        assert "best  47.2" in lab and "2 replays" in lab and "recall 0.50" in lab
        assert "Your alert rules keep missing: Input drift" in text


@pilot_test
async def test_mastery_without_lab_results_has_no_lab_column(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ProfileScreen("ana"))
        await pilot.pause()
        assert "alert labs" not in screen_text(app).casefold()
