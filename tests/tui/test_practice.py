"""The practice screens inside the game app: history, replayed debriefs, mastery and a shift."""

from __future__ import annotations

from tui_helpers import notes, pilot_test, screen_text

from triage.engine.actions import acknowledge, diagnose, open_, remediate
from triage.engine.debrief import build_debrief, play_actions
from triage.engine.record import finished_play
from triage.practice.shift import build_shift
from triage.store import db_path
from triage.store.recording import store_play
from triage.tui.practice import HistoryScreen, ProfileScreen, ShiftScreen, shift_screen
from triage.tui.practice.launch import ShiftApp
from triage.tui.practice.shiftlook import InvestigationScreen
from triage.tui.practice.shiftresult import ShiftResultScreen
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.home import HomeScreen

SIZE = (120, 40)


def save(loaded, seed: int, *, correct: bool, player: str = "ana") -> int:
    inc = loaded.incident
    wrong = next(d.id for d in inc.diagnoses if not d.correct)
    actions = [acknowledge(), open_(inc.evidence.decisive[0]),
               diagnose(inc.correct_diagnosis.id if correct else wrong, 0.8),
               remediate(*inc.ideal_remediations)]
    session = play_actions(inc, seed, actions)
    play_id = store_play(finished_play(loaded, session, build_debrief(session)), player=player)
    assert play_id is not None
    return play_id


@pilot_test
async def test_history_lists_plays_and_opens_one_as_its_debrief(make_app, loaded) -> None:
    save(loaded, 3, correct=False)
    newest = save(loaded, 4, correct=True)
    save(loaded, 5, correct=True, player="bob")
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(HistoryScreen("ana"))
        await pilot.pause()
        text = screen_text(app)
        assert "History" in text and "ana" in text and "bob" not in text
        rows = [line for line in text.splitlines() if "tui-fixture-drift" in line]
        assert len(rows) >= 2 and rows[0].split()[0] == str(newest)
        assert "Silent accuracy degradation" in rows[0]
        assert "seed 4" in text  # the highlighted (newest) play's detail
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.seed == 4
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


@pilot_test
async def test_history_names_a_play_it_cannot_read_and_lists_the_rest(make_app, loaded) -> None:
    import sqlite3

    from triage.store import db_path

    kept = save(loaded, 3, correct=True)
    broken = save(loaded, 4, correct=True)
    with sqlite3.connect(db_path()) as raw:
        raw.execute("UPDATE plays SET actions = '{not json' WHERE id = ?", (broken,))
    raw.close()
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(HistoryScreen("ana"))
        await pilot.pause()
        rows = [line.split()[0] for line in screen_text(app).splitlines()
                if "tui-fixture-drift" in line]
        assert rows[:1] == [str(kept)] and str(broken) not in rows
        assert any(f"Stored play {broken} could not be read" in note for note in notes(app))


@pilot_test
async def test_history_reports_a_damaged_database_and_leaves_it(make_app) -> None:
    db_path().parent.mkdir(parents=True, exist_ok=True)
    db_path().write_bytes(b"broken" * 300)
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(HistoryScreen("ana"))
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "damaged" in text and "--reset-damaged-db" in text
        assert db_path().name in text
    assert db_path().read_bytes() == b"broken" * 300


@pilot_test
async def test_profile_shows_ratings_sparklines_and_the_next_pick(make_app, loaded) -> None:
    for seed, correct in ((1, False), (2, True), (3, True)):
        save(loaded, seed, correct=correct)
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ProfileScreen("ana"))
        await pilot.pause()
        text = screen_text(app)
        assert "Mastery" in text and "3 plays" in text
        assert "Silent accuracy degradation" in text and "Next up" in text
        from textual.widgets import Sparkline

        sparkline = app.screen.query_one(Sparkline)
        assert isinstance(sparkline.data, list) and len(sparkline.data) == 3
        assert sparkline.data[0] < sparkline.data[-1]
        await pilot.press("s")
        await pilot.pause()
        assert app.loaded is not None and app.loaded.incident.id == "tui-fixture-drift"


@pilot_test
async def test_a_shift_on_the_simulated_clock(make_app, catalog) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=SIZE) as pilot:
        screen = shift_screen(catalog, seed=3, tick_seconds=None)
        results = []
        app.push_screen(screen, results.append)
        await pilot.pause()
        assert "No pages yet" in screen_text(app) and "0:00 / 4:00" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        first = screen.session.shift.pages[0]
        assert screen.session.now == first.arrives_at
        assert first.alert in screen_text(app) and "1 waiting" in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        assert "investigated p1" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.decisions["p1"].choice == "investigate"
        assert "investigated (+0m)" in screen_text(app)
        # The cursor moved on to the page that is waiting; back on p1, a second call is refused.
        await pilot.press("up", "e")
        await pilot.pause()
        assert len(screen.session.decisions) == 1
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ShiftResultScreen)
        assert "SHIFT DEBRIEF" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert results and results[0] is not None and results[0].missed


@pilot_test
async def test_the_standalone_shift_app_exits_with_the_score(catalog) -> None:
    shift = build_shift(list(catalog.incidents.values()), 8, 60)
    app = ShiftApp(shift, tick_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ShiftScreen)
        # The cursor follows the queue, so "wait, resolve" handles every page in turn.
        for _ in shift.pages:
            await pilot.press("w", "n")
            await pilot.pause()
        await pilot.press("w")  # nothing more will arrive: the rest of the shift passes
        await pilot.pause()
        assert isinstance(app.screen, ShiftResultScreen)
        await pilot.press("enter")
        await pilot.pause()
    result = app.return_value
    assert result is not None
    assert [r.choice for r in result.pages] == ["noise"] * len(shift.pages)
    assert result.missed and result.wasted_minutes == 0
