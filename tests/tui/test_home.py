"""The home screen, the catalog, the scoring screen and the keys dialog."""

from __future__ import annotations

from textual.binding import Binding
from tui_helpers import pilot_test, screen_text

from triage.tui.app import TriageApp
from triage.tui.screens import (
    ask,
    catalog,
    changes,
    debrief,
    diagnosis,
    hint,
    home,
    keys,
    logs,
    page,
    panel,
    report,
    scoring,
    warroom,
)
from triage.tui.screens.catalog import CatalogScreen
from triage.tui.screens.home import HomeScreen
from triage.tui.screens.keys import KeysScreen
from triage.tui.screens.page import PageScreen
from triage.tui.screens.scoring import ScoringScreen
from triage.tui.widgets import confidence
from triage.tui.widgets import panel as panel_widget


@pilot_test
async def test_home_catalog_then_play(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Start a random incident" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        text = screen_text(app)
        assert "Checkout ranker quietly loses accuracy" in text and "checkout-ranker" in text
        assert "★★☆ " in text and "☆☆" not in text and "id tui-fixture-drift" in text
        # Not played yet: neither the pitfall nor the tags (which often name it) show.
        assert "Silent accuracy degradation" not in text and "fixture, drift" not in text
        assert "? = the pitfall, shown once you have finished the incident" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        assert app.loaded is not None and app.loaded.incident.id == "tui-fixture-drift"


@pilot_test
async def test_catalog_shows_the_pitfall_of_a_finished_incident(make_app, loaded) -> None:
    from datetime import datetime, timezone

    from triage.store import PlayRecord, Store, default_player

    ended = datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)
    with Store() as store:
        store.save_play(PlayRecord(
            player=default_player(), incident_id=loaded.incident.id, incident_hash="ab" * 32,
            pitfall=loaded.incident.pitfall, difficulty=2, seed=7, actions=[], score=80,
            grade="B", breakdown={}, started_at=ended, ended_at=ended))
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "Silent accuracy degradation" in text and "tags fixture, drift" in text
        assert "? = the pitfall" not in text


@pilot_test
async def test_the_page_never_shows_the_pitfall(make_app, loaded) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        text = screen_text(app)
        assert loaded.incident.title in text
        assert "Silent accuracy degradation" not in text and "silent" not in text.lower()


@pilot_test
async def test_random_and_scoring(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
        assert "Resolution" in screen_text(app)
        await pilot.press("end")  # the cap and the grades follow the table
        await pilot.pause()
        assert "Unsupported diagnoses cannot pass" in screen_text(app)
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)


@pilot_test
async def test_question_mark_lists_the_screen_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        assert "Acknowledge" in screen_text(app)
        await pilot.press("escape", "a", "question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Diagnose" in text and "Logs" in text and "Ask team" in text


@pilot_test
async def test_ctrl_q_quits_from_a_dialog(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "h", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def test_every_binding_has_an_id() -> None:
    classes = [TriageApp, confidence.ConfidenceBar, panel_widget.MetricPanel]
    for module in (ask, catalog, changes, debrief, diagnosis, hint, home, keys, logs, page,
                   panel, report, scoring, warroom):
        classes += [obj for obj in vars(module).values()
                    if isinstance(obj, type) and obj.__module__ == module.__name__
                    and "BINDINGS" in vars(obj)]
    missing = [(cls.__name__, b.key) for cls in classes for b in vars(cls).get("BINDINGS", [])
               if isinstance(b, Binding) and not b.id]
    assert not missing
    assert len(classes) > 14


@pilot_test
async def test_home_reaches_practice_history_and_mastery(make_app) -> None:
    from triage.tui.practice import HistoryScreen, ProfileScreen

    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        text = screen_text(app)
        assert "Practise what you need most" in text and "Your history" in text
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        assert app.loaded is not None
