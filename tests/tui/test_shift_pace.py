"""The shift at a humane pace: the clock slows while a page waits, `w` never skips a waiting page
without a second press, and new pages are announced on the screen's own line, not in a pop-up
over the page text."""

from __future__ import annotations

from tui_helpers import pilot_test, screen_text

from triage.practice.noise import NOISE
from triage.practice.shift import WAITING_SECONDS, Page, Shift
from triage.tui.practice import ShiftScreen
from triage.tui.practice.shiftlook import InvestigationScreen


def noise_page(page_id: str, at: float, template: int = 5) -> Page:
    t = NOISE[template]  # TLSCertificateExpiring: never clears by itself
    return Page(page_id, at, "noise", t.alert, t.severity, t.service, t.summary, t.context,
                t.lesson)


SHIFT = Shift(seed=1, minutes=120, pages=(noise_page("p1", 0), noise_page("p2", 40, 6),
                                          noise_page("p3", 45, 7)))


async def open_shift(app, pilot) -> tuple[ShiftScreen, list]:
    said: list = []
    app.notify = lambda *args, **kwargs: said.append(args)  # type: ignore[method-assign]
    screen = ShiftScreen(SHIFT, tick_seconds=None)
    app.push_screen(screen)
    await pilot.pause()
    return screen, said


@pilot_test
async def test_while_a_page_waits_a_minute_takes_six_real_seconds(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _ = await open_shift(app, pilot)
        assert WAITING_SECONDS == 6 and screen.session.pending()
        for _ in range(5):
            screen.pass_real_time(1.0)
        assert screen.session.now == 0  # five seconds of reading cost nothing yet
        screen.pass_real_time(1.0)
        assert screen.session.now == 1
        for _ in range(24):
            screen.pass_real_time(1.0)
        assert screen.session.now == 5  # the acknowledge target is half a real minute
        text = screen_text(app)
        assert "clock: 1 min per 6 s" in text and "Waiting, oldest first: p1" in text
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.now == 7 and not screen.session.pending()
        assert "p1 resolved as noise: 2 minutes." in screen_text(app)
        for _ in range(3):  # nothing waits: one minute a second
            screen.pass_real_time(1.0)
        assert screen.session.now == 10 and "Queue empty" in screen_text(app)


@pilot_test
async def test_w_warns_before_it_lets_a_waiting_page_wait(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _ = await open_shift(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        assert screen.session.now == 0
        assert "p1 is waiting for you" in " ".join(screen_text(app).split())
        await pilot.press("w")
        await pilot.pause()
        assert screen.session.now == 40  # asked twice: the clock runs to the next page
        await pilot.press("n")  # the warning about p1 does not outlive its page
        await pilot.pause()
        assert "is waiting for you" not in " ".join(screen_text(app).split())


@pilot_test
async def test_new_pages_are_announced_beside_the_queue_not_over_the_page(make_app) -> None:
    app = make_app(incident=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, said = await open_shift(app, pilot)
        await pilot.press("i")  # 15 minutes on noise: nothing arrives meanwhile
        await pilot.pause()
        assert isinstance(app.screen, InvestigationScreen)
        await pilot.press("enter", "w")
        await pilot.pause()
        assert screen.session.now == 40
        await pilot.press("i")  # p2 at 40: p3 arrives at 45, during the investigation
        await pilot.pause()
        look = " ".join(screen_text(app).split())
        assert "While you worked: p3 DriftMonitorHeartbeatMissed arrived" in look
        await pilot.press("enter")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "New page p3 (drift-monitor): DriftMonitorHeartbeatMissed" in text
        # The page's own text shows in full, and no pop-up was raised over it.
        assert " ".join(NOISE[7].context.split()) in text
        assert said == []
