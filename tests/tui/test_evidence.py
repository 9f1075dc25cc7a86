"""Marking evidence with `m` while investigating, and citing it with the diagnosis."""

from __future__ import annotations

from textual.widgets import OptionList
from tui_helpers import diagnose_fix_and_resolve, notes, pilot_test, screen_text, widget_text

from triage.engine.session import MAX_MARKS
from triage.tui.screens.ask import AskScreen
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.diagnosis import DiagnosisScreen
from triage.tui.screens.logs import LogsScreen
from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.widgets.citations import CitationList
from triage.tui.widgets.panel import MetricPanel

SIZE = (120, 40)


@pilot_test
async def test_marks_made_while_investigating_are_cited_and_credited(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        await pilot.press("a")
        await pilot.pause()
        # One key at a time, as a player reads: on a loaded machine a key pressed before the new
        # tab's first refresh moved the focus onto its first panel instead of the next one.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "panel-feature_psi"
        await pilot.press("m")
        await pilot.pause()
        psi = f"feature_psi@{int(session.elapsed)}m"
        assert list(session.marks) == [psi]
        assert any(f"marked Feature PSI (basket_size) at +{int(session.elapsed)}m (1 of "
                   f"{MAX_MARKS})" in note for note in notes(app))
        panel = app.screen.query_one("#panel-feature_psi", MetricPanel)
        assert "◆ Feature PSI" in widget_text(panel).splitlines()[0], "the mark is a glyph"
        sidebar = [line.rpartition("│")[2] for line in screen_text(app).splitlines()]
        at = next(i for i, line in enumerate(sidebar) if "Marked evidence 1/6" in line)
        marked = sidebar[at + 1].strip()
        assert marked.startswith("◆ Feature PSI (") and marked.endswith(f"… +{psi[12:-1]}m")

        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogsScreen)
        lines = app.screen.query_one("#log-lines", OptionList)
        assert lines.highlighted == lines.option_count - 1, "the cursor starts on the newest line"
        newest = session.visible_logs()[-1]
        await pilot.press("m")
        await pilot.pause()
        log_ref = f"logs#{newest.index + 1}"
        assert list(session.marks) == [psi, log_ref]
        assert any(line.lstrip().startswith("◆") and newest.message in line
                   for line in screen_text(app).splitlines())
        clock = session.now

        await pilot.press("escape", "k")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        text = screen_text(app)
        assert "What changed recently?" in text, "the generic question menu"
        assert "Did anything change in the features?" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert "what-changed" in session.asked
        assert "dana (feature ETL): The ETL team moved basket_size" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert list(session.marks) == [psi, log_ref, "what-changed"]
        assert session.now == clock + 5, "marking is free: only the question took time"

        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosisScreen)
        text = screen_text(app)
        assert "Evidence you cite (up to 3)" in text
        assert f"Feature PSI (basket_size) at +{psi.split('@')[1][:-1]}m" in text
        assert newest.message in text
        assert "What changed recently? · dana (feature ETL)" in text
        assert app.screen.query_one(CitationList).cites == [psi, log_ref, "what-changed"]
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"], ["right"] * 4)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert session.cites == (psi, log_ref, "what-changed")
        assert (psi, "decisive") in app.debrief.cited
        assert dict(app.debrief.cited)[log_ref] == "supporting"
        text = screen_text(app)
        assert "what you cited" in text
        assert any("decisive" in line and "Feature PSI (basket_size) at +" in line
                   for line in text.splitlines())
        assert "capped" not in text
        assert app.debrief.score >= 80


@pilot_test
async def test_a_diagnosis_citing_nothing_is_capped_and_says_why(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        assert "Nothing marked yet: mark evidence with m while you investigate" in \
            screen_text(app)
        assert not app.screen.query(CitationList)
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"], ["right"] * 5)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.session.diagnosis == "unit_change" and app.session.cites == ()
        assert app.debrief.score <= 40 and app.debrief.grade == "F"
        text = screen_text(app)
        assert "capped at 40: you cited nothing, so the diagnosis is unsupported" in text
        assert "press m on what settles the incident" in text
        assert "You cited nothing with your diagnosis." in text


@pilot_test
async def test_m_again_unmarks_and_a_fourth_citation_is_refused(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        await pilot.press("a", "m", "m")
        await pilot.pause()
        assert session.marks == {}, "m on a marked panel drops the mark"
        assert any(note.startswith("unmarked p95 latency") for note in notes(app))
        panel = app.screen.query_one("#panel-latency_p95", MetricPanel)
        assert "◆" not in widget_text(panel).splitlines()[0]
        # four marks: three panels here, and one panel full-size
        await pilot.press("m", "right", "m", "right", "m", "right_square_bracket", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        await pilot.press("m")
        await pilot.pause()
        assert "◆ marked at +" in screen_text(app)
        assert len(session.marks) == 4
        await pilot.press("escape", "d")
        await pilot.pause()
        citations = app.screen.query_one(CitationList)
        assert citations.cites == list(session.marks)[:3], "the first three start checked"
        citations.focus()
        await pilot.press("down", "down", "down", "space")
        await pilot.pause()
        assert citations.cites == list(session.marks)[:3]
        assert any("Cite at most 3" in note for note in notes(app))
        await pilot.press("up", "space", "down", "space")
        await pilot.pause()
        marks = list(session.marks)
        assert citations.cites == [marks[0], marks[1], marks[3]]


@pilot_test
async def test_a_refused_mark_says_why(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        await pilot.press("a")
        await pilot.pause()
        for ref in ("accuracy", "accuracy@0m", "feature_psi", "feature_psi@0m", "traffic",
                    "error_rate"):
            session.marks[ref] = 0.0  # marks kept earlier, to reach the limit quickly
        assert app.focused is not None and app.focused.id == "panel-latency_p95"
        await pilot.press("m")
        await pilot.pause()
        assert any("at most 6 marks: drop one first" in note for note in notes(app))
        assert "latency_p95@0m" not in session.marks
        app.screen.query_one("#investigate").focus()  # the sidebar, not a panel
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert any("Move to a panel" in note for note in notes(app))


@pilot_test
async def test_changes_and_reports_are_marked_and_m_is_in_the_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        session = app.session
        await pilot.press("a", "question_mark")
        await pilot.pause()
        assert "m   Mark evidence" in screen_text(app), "the ? keys list shows m"
        await pilot.press("escape", "c")
        await pilot.pause()
        assert "m Mark evidence" in screen_text(app), "the footer shows m"
        await pilot.press("m")  # the cursor starts on the newest change
        await pilot.pause()
        assert list(session.marks) == ["changes#1"]
        row = next(line for line in screen_text(app).splitlines() if "basket_size" in line)
        assert row.startswith("◆"), row
        await pilot.press("escape", "r")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert list(session.marks) == ["changes#1", "drift_report"]
        assert "Feature drift report   ◆ marked" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert list(session.marks) == ["changes#1"]
        assert "◆ marked" not in screen_text(app)
