"""One time format, from one source: in a multi-day incident the status clock, the change table
(its `when` and `vs page`) and the drift report's heading all count days from the day of the
page, and a change's `vs page` is the difference of the clocks shown."""

from __future__ import annotations

import re

from tui_helpers import pilot_test, screen_text

from triage.model.pack import find_incident
from triage.text.clock import clock, from_page
from triage.tui.screens.changes import ChangesScreen
from triage.tui.screens.report import ReportScreen


def test_days_count_from_the_day_of_the_page() -> None:
    page = 1440 + 10 * 60 + 41  # the second day, 10:41
    assert clock(page, page) == "10:41"
    assert clock(1440 + 9 * 60 + 11.9, page) == "09:11"  # cut to the minute, never rounded up
    assert clock(881.2, page) == "-1d 14:41"
    assert clock(-886.8, page) == "-2d 09:13"
    assert clock(2 * 1440 + 10, page) == "+1d 00:10"
    assert clock(130, 130) == "02:10" and clock(-60, 130) == "-1d 23:00"
    assert from_page(106.6, 130) == "-24m"  # 01:46 against a page at 02:10 (was -23m)
    assert from_page(1991.2, page) == "-1h30m" and from_page(881.2, page) == "-20h00m"


def minutes(label: str) -> int:
    """A clock label back to minutes since the page's midnight."""
    days, hours, mins = re.fullmatch(r"(?:([+-]\d+)d )?(\d\d):(\d\d)", label).groups()
    return int(days or 0) * 1440 + int(hours) * 60 + int(mins)


def offset(label: str) -> int:
    sign, hours, mins = re.fullmatch(r"([+-])(?:(\d+)h)?(\d+)m", label).groups()
    return (-1 if sign == "-" else 1) * (int(hours or 0) * 60 + int(mins))


@pilot_test
async def test_a_two_day_incident_reads_on_one_clock(make_app) -> None:
    loaded = find_incident("catalog-tagger-weekly-report")
    app = make_app(incident=loaded, seed=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        session = app.session
        now = screen_text(app)
        shown = re.search(r"◷ (\S+(?: \d\d:\d\d)?)", now).group(1)
        assert shown == clock(session.now, session.page_minute)
        assert not shown.startswith(("d2", "+", "-"))  # the page's own day is today
        page_clock = minutes(shown) - int(session.elapsed)
        app.push_screen(ChangesScreen(session))
        await pilot.pause()
        rows = re.findall(r"((?:[+-]\d+d )?\d\d:\d\d)\s+([+-]\d+h\d\dm|[+-]\d+m)\s",
                          screen_text(app))
        assert len(rows) >= 5
        for when, vs_page in rows:
            assert minutes(when) - page_clock == offset(vs_page), (when, vs_page)
        assert any(when.startswith("-1d ") for when, _ in rows)  # yesterday says so
        await pilot.press("escape")
        app.push_screen(ReportScreen(session, "drift_report"))
        await pilot.pause()
        heading = re.search(r"Drift report at (\S+(?: \d\d:\d\d)?)", screen_text(app)).group(1)
        assert heading == clock(session.minute, session.page_minute)
