"""`triage serve`: textual-serve on loopback by default, serving its page, stopping cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from triage.commands.serve import is_loopback, served_command

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, deadline: float) -> tuple[int, str]:
    """GET `url`, retrying until the server answers or the deadline passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def serve(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "triage", "serve", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "100"})


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("triage serve did not stop within 15 s of SIGTERM")


def test_serve_binds_loopback_serves_the_page_and_stops(tmp_path: Path) -> None:
    port = free_port()
    process = serve("--port", str(port))
    try:
        status, page = get(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
    finally:
        out, err = stop(process)
    assert status == 200 and "<html" in page.lower()
    assert f"ws://127.0.0.1:{port}/ws" in page
    assert process.returncode is not None and "Traceback" not in err
    assert f"127.0.0.1:{port}" in out


def test_serve_gameday_creates_a_run_that_tabs_join(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())  # plans name files beside them
    plan.write_text(f"schema: triage/gameday@1\ntitle: Tabs\nteams: [red, blue]\nrounds:\n"
                    f"  - {{incident: {INCIDENT.name}, seed: 1, time_limit: 5m}}\n")
    port = free_port()
    process = serve("--port", str(port), "--gameday", str(plan), "--run-id", "tabs")
    try:
        status, _ = get(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
    finally:
        out, err = stop(process)
    assert status == 200
    assert "game day run tabs" in err and "gameday join tabs" in out
    from triage.store import Store

    assert Store().get_gameday_run("tabs") is not None


def test_other_addresses_need_public_and_warn() -> None:
    refused = subprocess.run([sys.executable, "-m", "triage", "serve", "--host", "10.1.2.3"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--public" in refused.stderr
    # 192.0.2.1 is reserved for documentation: the warning prints, then binding fails.
    public = subprocess.run([sys.executable, "-m", "triage", "serve", "--host", "192.0.2.1",
                             "--public", "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60)
    assert "warning: serving on 192.0.2.1" in public.stderr
    assert public.returncode == 1 and "cannot serve on 192.0.2.1" in public.stderr


def test_loopback_detection_and_the_served_command() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.5", "example.com", "::"))
    assert served_command("run 1").endswith("-m triage gameday join 'run 1'")
    assert served_command(None).endswith("-m triage")
