"""Play the fixture incident from the page to the debrief by keyboard, as a player would."""

from __future__ import annotations

from textual.widgets import TabbedContent
from tui_helpers import diagnose_fix_and_resolve, pilot_test, screen_text

from triage.engine.actions import wait
from triage.engine.debrief import play_actions
from triage.tui.app import PlayOptions
from triage.tui.screens.ask import AskScreen
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.diagnosis import DiagnosisScreen
from triage.tui.screens.hint import HintScreen
from triage.tui.screens.home import HomeScreen
from triage.tui.screens.logs import LogsScreen
from triage.tui.screens.page import PageScreen
from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.warroom import WarRoomScreen


@pilot_test
async def test_page_to_debrief_by_keyboard(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        text = screen_text(app)
        assert "RankerAccuracyLow" in text and "accuracy < 85 for 3m" in text
        session = app.session
        start = session.now

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert session.acknowledged_at == 0.0

        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "dash-quality"
        assert app.focused is not None and app.focused.id == "panel-accuracy"

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert "accuracy" in session.opened
        assert session.now == start + 1
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, LogsScreen)
        assert "logs" in session.opened and session.now == start + 4
        assert "score distribution shifted" in screen_text(app)

        await pilot.press("escape", "k")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "what-changed" in session.asked and session.now == start + 9
        assert "[red]The model" in screen_text(app), "answers are literal text"

        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HintScreen)
        assert session.hints_taken == 0, "a hint is charged only after confirmation"
        assert "costs 5 points" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert session.hints_taken == 1
        assert "Look at what changed" in screen_text(app)

        await pilot.press("n", "d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosisScreen)
        # the right root cause, confidence 50% -> 90%, the first remediation
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"],
                                       ["right"] * 4)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert session.ended and session.diagnosis == "unit_change"
        assert session.confidence == 0.9 and session.remediations == ("revert_etl",)
        text = screen_text(app)
        assert f"{app.debrief.score}/100" in text and "grade" in text

        # A play named on the command line starts with no home screen; leaving the debrief
        # mounts one, and a replay starts from it.
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen) and app.session is not session
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen", "PageScreen"]


@pilot_test
async def test_a_named_play_loads_the_catalog_only_when_home_needs_it(make_app, catalog) -> None:
    loads = []
    app = make_app(catalog=lambda: loads.append(1) or catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack) and not loads
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and not loads
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and loads == [1]
        assert len(app.screen_stack) == 2  # the default screen, then home


@pilot_test
async def test_evidence_and_clock_replay_exactly(make_app, loaded) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "c")
        await pilot.pause()
        await pilot.press("escape", "w", "w")
        await pilot.pause()
        session = app.session
        assert "changes" in session.opened
        assert session.elapsed == 2 + 5 + 5
        replay = play_actions(loaded.incident, session.seed, [e.action for e in session.log])
        assert replay.now == session.now and replay.opened == session.opened


@pilot_test
async def test_real_time_tick_moves_the_clock(make_app) -> None:
    app = make_app(tick_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        before = app.session.now
        await pilot.pause(0.3)
        assert app.session.now > before
        assert [entry.action.kind for entry in app.session.log] == ["idle"], "one stretch"


@pilot_test
async def test_click_refused_hint_and_incomplete_diagnosis_change_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.click("#panel-latency_p95")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert "latency_p95" in app.session.opened
        await pilot.press("escape", "h")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert app.session.hints_taken == 0
        await pilot.press("d", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosisScreen)
        assert app.session.diagnosis is None and not app.session.ended


@pilot_test
async def test_timeline_running_out_ends_in_the_debrief(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "l")
        await pilot.pause()
        while not app.session.ended:
            app.apply_action(wait(240))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "timeline ran out" in screen_text(app)


@pilot_test
async def test_finished_play_is_stored(make_app) -> None:
    from triage.store import Store

    app = make_app(options=PlayOptions(player="ana", save=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"])
        await pilot.pause()
        assert isinstance(app.stored, int)
    with Store() as store:
        plays = store.list_plays(player="ana")
    assert [p.id for p in plays] == [app.stored]
    assert plays[0].incident_id == app.session.incident.id
    assert plays[0].seed == app.session.seed and plays[0].score == app.debrief.score


@pilot_test
async def test_a_play_ended_as_the_app_quits_is_still_stored(make_app) -> None:
    """The debrief is built and the play stored after the war room closes; quitting in that
    moment still stores the play, once."""
    from triage.engine.actions import diagnose, remediate, resolve
    from triage.store import Store

    app = make_app(options=PlayOptions(player="ana", save=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        incident = app.session.incident
        app.apply_action(diagnose(incident.correct_diagnosis.id, 0.9))
        app.apply_action(remediate(*incident.ideal_remediations))
        if not app.session.ended:
            app.apply_action(resolve())
        assert app.session.ended
        app.exit()  # before the debrief could be shown
    with Store() as store:
        plays = store.list_plays(player="ana")
    assert [p.id for p in plays] == [app.stored] and app.debrief is not None
    assert plays[0].score == app.debrief.score


@pilot_test
async def test_sidebar_entries_run_their_actions(make_app) -> None:
    """Choosing "Wait 5 minutes" or "Ask the ML team" in the sidebar does what its key does."""
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        entries = app.screen.query_one("#investigate", OptionList)
        entries.focus()
        ids = [entries.get_option_at_index(i).id for i in range(entries.option_count)]
        before = app.session.now
        entries.highlighted = ids.index("wait")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.now == before + 5
        entries.highlighted = ids.index("ask")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
