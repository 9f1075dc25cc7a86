"""Mastery's "Next up" is the incident Practise then starts (one pick, not two draws)."""

from __future__ import annotations

from tui_helpers import pilot_test, screen_text

from triage.model.pack import load_catalog
from triage.tui.practice import ProfileScreen
from triage.tui.screens.home import HomeScreen


@pilot_test
async def test_next_up_on_the_mastery_screen_is_what_practise_starts(make_app) -> None:
    catalog = load_catalog()
    for rng_seed in (1, 2, 3):
        app = make_app(incident=None, catalog=catalog, rng_seed=rng_seed)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ProfileScreen())
            await pilot.pause()
            suggested = app.screen.suggested
            assert suggested in catalog.incidents
            assert f"({suggested}," in " ".join(screen_text(app).split())
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("p")
            await pilot.pause()
            assert app.loaded is not None and app.loaded.incident.id == suggested
