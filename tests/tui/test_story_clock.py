"""`timeline.clock` sets the wall-clock time at minute 0: the status bar, log lines, the change
table, report headings and the preview all read from it; without it the clock starts at 00:00."""

from __future__ import annotations

from pathlib import Path

from triage.authoring.preview import render_preview
from triage.engine.session import Session
from triage.model.loader import load_incident
from triage.text.clock import clock
from triage.tui.render.status import render_clock
from triage.tui.screens.changes import change_row, column_widths
from triage.tui.screens.logs import log_prompt

FIXTURES = Path(__file__).parents[1] / "fixtures"


def clocked(tmp_path: Path, text: str, at: str = "09:40") -> Path:
    path = tmp_path / "clocked.yaml"
    path.write_text(text.replace("  duration: 6h\n", f'  duration: 6h\n  clock: "{at}"\n', 1))
    return path


def hhmm(minute: float) -> str:
    whole = int(minute) % 1440
    return f"{whole // 60:02d}:{whole % 60:02d}"


def test_clock_counts_from_the_start_and_days_from_the_page() -> None:
    assert clock(130, 130) == "02:10"
    assert clock(130, 130, start=580) == "11:50"
    assert clock(-30, 130, start=580) == "09:10"  # before minute 0, same day
    assert clock(130, 130, start=1380) == "01:10"  # the page is past midnight: its day
    assert clock(10, 130, start=1380) == "-1d 23:10"


def test_status_log_and_change_times_read_the_incidents_clock(tmp_path: Path) -> None:
    plain = load_incident(FIXTURES / "shapes_only.yaml").incident
    incident = load_incident(clocked(tmp_path, (FIXTURES / "shapes_only.yaml").read_text()))
    session = Session(incident.incident, 1)
    start = incident.incident.timeline.clock_minutes
    assert render_clock(session).plain.startswith(f"◷ {hhmm(session.now + start)}")
    assert render_clock(Session(plain, 1)).plain.startswith(f"◷ {hhmm(session.now)}")
    entry = session.world.logs[-1]
    line = log_prompt(entry, False, session.page_minute, start)
    row = next(iter(line.columns[1].cells)).plain  # type: ignore[union-attr]
    assert row.startswith(hhmm(entry.minute + start))
    change = session.world.changes[0]
    widths = column_widths([change], session.page_minute, start)
    grid = change_row(change, session.page_minute, widths, False, start)
    assert next(iter(grid.columns[1].cells)).plain == hhmm(change.minute + start)  # type: ignore


def test_preview_report_headings_read_the_incidents_clock() -> None:
    drift = load_incident(FIXTURES.parent.parent / "incidents"
                          / "recs-ranker-price-drift.yaml").incident
    shifted = drift.model_copy(update={"timeline": drift.timeline.model_copy(
        update={"clock": "09:40"})})
    heads = [line.strip() for line in render_preview(shifted, 1).splitlines()
             if "report at" in line.lower() or "diagram at" in line.lower()]
    base = [line.strip() for line in render_preview(drift, 1).splitlines()
            if "report at" in line.lower() or "diagram at" in line.lower()]
    assert heads and len(heads) == len(base)
    for moved, original in zip(heads, base, strict=True):
        h, m = map(int, original[-5:].split(":"))
        assert moved.endswith(hhmm(h * 60 + m + 580))
