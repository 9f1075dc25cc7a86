"""`triage serve`: loopback by default, its own host names and page only, bounded input, a page
that works offline, and a clean stop."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from serve_helpers import INCIDENT, Served, free_port, get, write_plan
from tab_client import Tab, drawn_size

from triage.commands.serve import is_loopback, served_command


def test_serve_binds_loopback_serves_an_offline_page_and_stops() -> None:
    served = Served()
    try:
        status, page = get(f"{served.url}/", time.monotonic() + 30)
        font, _ = get(f"{served.url}/static/fonts/RobotoMono-VariableFont_wght.ttf",
                      time.monotonic() + 5)
        listing, _ = get(f"{served.url}/static/", time.monotonic() + 5)
    finally:
        log = served.stop()
    assert status == 200 and "<html" in page.lower()
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    # Nothing on the page comes from another host: no font host, no CDN.
    assert re.findall(r"(?:src|href)=\"(https?:[^\"]*)\"", page) == []
    assert "googleapis" not in page and "@font-face" in page and font == 200
    assert "xterm-helper-textarea" in page and ".focus(" in page  # keys work before a click
    assert listing == 403  # no directory listing of the static files
    assert f"127.0.0.1:{served.port}" in log and "Traceback" not in log


def test_a_request_for_another_host_name_is_refused() -> None:
    """DNS rebinding: a name the attacker controls that resolves to 127.0.0.1."""
    served = Served()
    try:
        served.wait_ready()
        status, body = get(f"{served.url}/", time.monotonic() + 5,
                           headers={"Host": f"evil.example:{served.port}"})
        local, _ = get(f"{served.url}/", time.monotonic() + 5,
                       headers={"Host": f"localhost:{served.port}"})
    finally:
        log = served.stop()
    assert status == 421 and "does not answer to that host name" in body
    assert local == 200
    assert f"refused a request for host 'evil.example:{served.port}'" in log


def test_a_websocket_from_another_page_is_refused(tmp_path: Path) -> None:
    """Any web page open in the facilitator's browser could otherwise drive a tab."""
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs")

    async def scenario() -> str:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Tab(served.url, origin="https://evil.example").open()
        assert refused.value.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await Tab(served.url, origin="").open()  # no Origin at all
        tab = await Tab(served.url).open()  # the server's own page
        await tab.wait_for("join code", timeout=60)
        await tab.close()
        return tab.drawn

    try:
        served.wait_ready()
        drawn = asyncio.run(scenario())
    finally:
        log = served.stop()
    assert "join code" in drawn
    assert "refused a websocket from origin 'https://evil.example'" in log


def test_terminal_size_and_messages_are_bounded(tmp_path: Path) -> None:
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs")

    async def scenario() -> list[int | None]:
        huge = await Tab(served.url, width=30000, height=30000).open()
        await huge.wait_for("join code", timeout=60)
        assert len(served.children()) == 1
        assert drawn_size(huge.raw) == (500, 200)  # the tab was started at the clamped size
        await huge.send("resize", {"width": 10**9, "height": 10**9})  # clamped again
        await huge.send("stdin", "A" * 1_000_000)  # far over the message cap
        codes = [await huge.wait_closed()]
        for bad in ("not json", ["resize", {}], ["stdin", 5], ["nope"]):
            tab = await Tab(served.url).open()
            if isinstance(bad, str):
                assert tab.ws is not None
                await tab.ws.send_str(bad)
            else:
                await tab.send(*bad)
            codes.append(await tab.wait_closed())
            await tab.close()
        await huge.close()
        return codes

    try:
        served.wait_ready()
        codes = asyncio.run(scenario())
        deadline = time.monotonic() + 15
        while served.children() and time.monotonic() < deadline:
            time.sleep(0.2)
        left = served.children()
    finally:
        log = served.stop()
    assert codes == [1009, 1008, 1008, 1008, 1008]
    assert left == []  # every closed tab's process has ended
    assert "tab 1 closed: websocket error (Message size" in log
    assert "malformed message (not JSON)" in log
    assert "malformed message (stdin: expected text)" in log
    assert "Traceback" not in log and "locals" not in log


def test_serve_on_ipv6_loopback_gives_a_working_page(tmp_path: Path) -> None:
    try:
        free_port("::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs", host="[::1]")

    async def scenario() -> None:
        tab = await Tab(served.url).open()
        await tab.wait_for("join code", timeout=60)
        await tab.close()

    try:
        status, page = get(f"{served.url}/", time.monotonic() + 30)
        asyncio.run(scenario())
    finally:
        served.stop()
    assert status == 200 and f'"ws://[::1]:{served.port}/ws"' in page


def test_dir_reaches_the_tabs(tmp_path: Path) -> None:
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())  # not in the built-in pack
    served = Served("--dir", str(tmp_path))

    async def scenario() -> None:
        tab = await Tab(served.url, width=120, height=40).open()
        await tab.wait_for("Practise", timeout=60)
        await tab.keys("b")  # the catalog lists the folder's incident
        await tab.wait_for("Latency climbs after a tokenizer deploy")
        await tab.close()

    try:
        served.wait_ready()
        asyncio.run(scenario())
    finally:
        log = served.stop()
    assert f"--dir {tmp_path.resolve()}" in log


def test_other_addresses_need_public_and_warn() -> None:
    refused = subprocess.run([sys.executable, "-m", "triage", "serve", "--host", "10.1.2.3"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--public" in refused.stderr
    # 192.0.2.1 is reserved for documentation: the warning prints, then binding fails, and
    # nothing claims to be serving.
    public = subprocess.run([sys.executable, "-m", "triage", "serve", "--host", "192.0.2.1",
                             "--public", "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60)
    assert "warning: serving on 192.0.2.1" in public.stderr
    assert public.returncode == 1 and "cannot serve on 192.0.2.1" in public.stderr
    assert "Serving" not in public.stdout


def test_loopback_detection_and_the_served_command() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.5", "example.com", "::"))
    assert served_command("run 1").endswith("-m triage gameday join 'run 1'")
    assert served_command(None).endswith("-m triage")
    assert served_command(None, dirs=[Path("/packs/x")]).endswith("-m triage play --dir /packs/x")
