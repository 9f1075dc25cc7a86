"""`triage serve` in a real browser: Chromium through Playwright (skipped when either is absent).

The page must take keys before any click (textual.js never focuses its terminal), and must not
ask any other host for anything (the stock page fetched its font from a font host)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serve_helpers import Served, write_plan

from triage.store import Store
from triage.store.turns import TurnLedger

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")


def test_a_real_tab_takes_keys_before_a_click_and_asks_no_other_host(tmp_path: Path) -> None:
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs")
    requested: list[str] = []
    try:
        served.wait_ready()
        code = served.codes()["red"]
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.on("request", lambda request: requested.append(request.url))
                page.goto(f"{served.url}/")
                page.wait_for_function("document.body.classList.contains('-first-byte')",
                                       timeout=60_000)
                focused = page.evaluate("document.activeElement.className")
                font_ready = page.evaluate(
                    "document.fonts.ready.then(() => document.fonts.check('16px \"Roboto Mono\"'))")
                page.keyboard.type(code.lower(), delay=30)  # no click first
                page.keyboard.press("Enter")
                holder = None
                deadline = time.monotonic() + 30
                while holder is None and time.monotonic() < deadline:
                    seats = {s.team: s for s in TurnLedger(Store()).seats("tabs")}
                    holder = seats["red"].holder if "red" in seats else None
                    time.sleep(0.2)
            finally:
                browser.close()
    finally:
        served.stop()
    assert "xterm-helper-textarea" in focused
    assert holder is not None, "the keys typed before any click did not reach the tab"
    assert font_ready
    hosts = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https")}
    assert hosts == {f"127.0.0.1:{served.port}"}
