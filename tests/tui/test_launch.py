"""`launch`: what `triage` and `triage play` call to open the TUI."""

from __future__ import annotations

import argparse

from tui_helpers import FIXTURE_FILE

from triage.tui import launch as launch_module
from triage.tui.app import TriageApp


def _args(**kwargs) -> argparse.Namespace:
    defaults = {"dirs": [], "player": "ana", "gameday": None, "team": None, "no_save": True}
    return argparse.Namespace(**{**defaults, **kwargs})


def test_unknown_incident_exits_1_with_its_problems(capsys) -> None:
    assert launch_module.launch(_args(), incident_ref="no-such-incident-xyz", seed=1) == 1
    assert "no-such-incident-xyz" in capsys.readouterr().err


def test_named_incident_runs_the_app_with_the_options(monkeypatch, gc_freezes) -> None:
    ran: list[TriageApp] = []

    def run(self: TriageApp, *args: object, **kwargs: object) -> None:
        assert gc_freezes == [1], "start-up's objects are frozen out of the collector's way first"
        ran.append(self)

    monkeypatch.setattr(TriageApp, "run", run)
    code = launch_module.launch(_args(team="blue", gameday="gd-1"),
                                incident_ref=str(FIXTURE_FILE), seed=5)
    assert code == 0 and len(ran) == 1
    app = ran[0]
    assert app.options.player == "ana" and app.options.save is False
    assert app.options.team == "blue" and app.options.gameday_run == "gd-1"
    assert app.tick_seconds and app._first[1] == 5
