"""Start and stop a real `triage serve` for tests: a free loopback port, the page, the codes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def free_port(host: str = "127.0.0.1") -> int:
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def get(url: str, deadline: float, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """GET `url`, retrying until the server answers (any status) or the deadline passes."""
    request = urllib.request.Request(url, headers=headers or {})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def write_plan(folder: Path, *, teams: str = "[red, blue]", rounds: int = 1,
               limit: str = "5m") -> Path:
    """A plan beside a copy of the test incident (plans name files beside them)."""
    (folder / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    body = "".join(f"  - {{incident: {INCIDENT.name}, seed: {n + 1}, time_limit: {limit}}}\n"
                   for n in range(rounds))
    plan = folder / "plan.yaml"
    plan.write_text(f"schema: triage/gameday@1\ntitle: Tabs\nteams: {teams}\nrounds:\n{body}",
                    encoding="utf-8")
    return plan


class Served:
    """A `triage serve` subprocess; its stderr is read as it runs (the join codes, the log)."""

    def __init__(self, *argv: str, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        bare = host.strip("[]")
        bracketed = f"[{bare}]" if ":" in bare else bare
        self.url = f"http://{bracketed}:{self.port}"
        self.log_path = Path(os.environ["TRIAGE_HOME"]) / f"serve-{self.port}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.game_day = any(arg in ("--gameday", "--run") for arg in argv)
        self._log = self.log_path.open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage", "serve", "--host", host, "--port", str(self.port),
             *argv], stdout=self._log, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "COLUMNS": "100"})

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while "Press Ctrl+C" not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"triage serve did not start:\n{self.log()}")
            time.sleep(0.1)
        # A game day prints its join codes after the address, and a busy machine may not have
        # written them yet when "Press Ctrl+C" shows: wait for the line that ends them.
        while self.game_day and "scoreboard" not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"triage serve printed no join codes:\n{self.log()}")
            time.sleep(0.05)

    def codes(self) -> dict[str, str]:
        return dict(re.findall(r"^  (\S+)\s+([A-Z2-9]{3}-[A-Z2-9]{3})$", self.log(), re.M))

    def children(self) -> list[int]:
        """Process ids of the tab processes this server started: forked by its warm parent
        (`triage-warm`, `triage.web.warmtabs`), or its own children when started cold."""
        found = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,comm="], capture_output=True,
                               text=True)
        rows = [line.split(None, 2) for line in found.stdout.splitlines() if line.strip()]
        server = self.process.pid
        warm = {int(pid) for pid, ppid, comm in rows
                if int(ppid) == server and comm.strip() == "triage-warm"}
        return [int(pid) for pid, ppid, _ in rows
                if (int(ppid) == server and int(pid) not in warm) or int(ppid) in warm]

    def stop(self, timeout: float = 15.0) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                pytest.fail(f"triage serve did not stop within {timeout} s of SIGTERM")
        self._log.close()
        return self.log()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
