"""Served game days, headless: join codes, one live tab per team, turns that survive a reconnect
and a server restart, deadlines kept by the store, plays saved only by the seat's holder, and
team plays stored under the team."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from triage.engine import actions as act
from triage.gameday.checks import load_plan
from triage.gameday.runner import GameDay, Turn
from triage.gameday.scoreboard import render_board
from triage.gameday.tabs import (
    STALE_SECONDS,
    TeamTab,
    join_codes,
    normalise_code,
    presence,
    reap_expired,
)
from triage.store import Store
from triage.store.recording import team_player
from triage.store.turns import TurnRefused

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


class Clock:
    """A wall clock the test moves by hand (POSIX seconds)."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_game(tmp_path: Path, rounds: int = 2, limit: str = "2m") -> GameDay:
    plan = tmp_path / "plan.yaml"
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    body = "".join(f"  - {{incident: {INCIDENT.name}, seed: {n + 1}, time_limit: {limit}}}\n"
                   for n in range(rounds))
    plan.write_text(f"schema: triage/gameday@1\ntitle: Tabs day\nteams: [red, blue]\n"
                    f"rounds:\n{body}", encoding="utf-8")
    return GameDay.create(load_plan(plan), Store(), run_id="tabs")


def reopen(game: GameDay) -> GameDay:
    """The run as another process (a new tab, a restarted server) sees it."""
    return GameDay.open(Store(), game.run.run_id)


def test_each_team_gets_a_code_that_joins_only_that_team(tmp_path: Path) -> None:
    game = make_game(tmp_path)
    codes = join_codes(game)
    assert set(codes) == {"red", "blue"} and codes["red"] != codes["blue"]
    assert join_codes(reopen(game)) == codes  # stable across processes
    tab = TeamTab(reopen(game), pid=os.getpid())
    assert tab.join("ZZZ-ZZZ").refused == "unknown" and tab.team is None
    typed = codes["blue"].lower().replace("-", " ")  # how a person might type it
    assert normalise_code(typed) == codes["blue"]
    assert tab.join(typed).team == "blue"


def test_one_live_tab_per_team_and_a_gone_tab_frees_the_seat(tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock()
    codes = join_codes(game)
    first = TeamTab(reopen(game), now=clock)
    assert first.join(codes["red"]).team == "red"
    second = TeamTab(reopen(game), now=clock)
    refused = second.join(codes["red"])
    assert refused.team is None and refused.refused == "taken" and refused.taken_since
    clock.now += STALE_SECONDS / 2
    assert first.heartbeat()
    clock.now += STALE_SECONDS / 2 + 1
    assert second.join(codes["red"]).refused == "taken"  # still renewed: still live
    clock.now += STALE_SECONDS + 1  # the first tab went silent
    assert second.join(codes["red"]).team == "red"
    assert not first.heartbeat()  # and it knows it lost the seat


def test_a_tab_whose_process_ended_frees_the_seat_at_once(tmp_path: Path) -> None:
    game = make_game(tmp_path)
    codes = join_codes(game)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    ghost = TeamTab(reopen(game), pid=int(dead.stdout))
    assert ghost.join(codes["red"]).team == "red"
    assert TeamTab(reopen(game)).join(codes["red"]).team == "red"


def test_a_reconnect_resumes_the_same_turn_and_deadline(tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock()
    codes = join_codes(game)
    tab = TeamTab(reopen(game), now=clock)
    tab.join(codes["red"])
    live = tab.begin(Turn(0, "red"))
    deadline = live.deadline_ts
    assert deadline == clock.now + 120 and not live.resumed
    for action in (act.acknowledge(), act.open_("tokens_per_request"), act.hint()):
        live.session.apply(action)
        tab.record(live, action)
    clock.now += 15
    tab.leave()  # the tab is closed

    clock.now += 3
    again = TeamTab(reopen(game), now=clock)
    assert again.join(codes["red"]).team == "red"
    resumed = again.begin(Turn(0, "red"))
    assert resumed.resumed and resumed.deadline_ts == deadline
    assert resumed.remaining(clock.now) == pytest.approx(120 - 18)
    assert resumed.session.acknowledged_at is not None
    assert "tokens_per_request" in resumed.session.opened and resumed.session.hints_taken == 1
    assert Store().list_plays(gameday_run="tabs") == []  # nothing was discarded or stored


def test_the_store_refuses_actions_after_the_deadline_and_scores_the_stored_turn(
        tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock()
    tab = TeamTab(reopen(game), now=clock)
    tab.join(join_codes(game)["blue"])
    live = tab.begin(Turn(0, "blue"))
    tab.record(live, act.acknowledge())
    clock.now += 121 + 5
    late = act.diagnose("prompt_bloat", 0.9)
    with pytest.raises(TurnRefused) as refused:
        tab.record(live, late)
    assert refused.value.reason == "deadline"
    tab.record(live, act.timeout())  # the end itself may still be recorded
    result = tab.finish(Turn(0, "blue"))
    assert result.summary.timed_out and result.summary.diagnosis is None
    with pytest.raises(TurnRefused) as again:
        tab.finish(Turn(0, "blue"))
    assert again.value.reason == "finished"
    assert len(Store().list_plays(gameday_run="tabs", team="blue")) == 1


def test_only_the_seat_holder_saves_a_play(tmp_path: Path) -> None:
    """A ghost (a tab whose seat was taken over) can neither record nor store anything."""
    game, clock = make_game(tmp_path), Clock()
    codes = join_codes(game)
    ghost = TeamTab(reopen(game), now=clock)
    ghost.join(codes["red"])
    live = ghost.begin(Turn(0, "red"))
    clock.now += STALE_SECONDS + 1
    heir = TeamTab(reopen(game), now=clock)
    assert heir.join(codes["red"]).team == "red"
    for attempt in (lambda: ghost.record(live, act.acknowledge()),
                    lambda: ghost.finish(Turn(0, "red"))):
        with pytest.raises(TurnRefused) as refused:
            attempt()
        assert refused.value.reason == "seat"
    assert Store().list_plays(gameday_run="tabs") == []
    heir.finish(Turn(0, "red"))
    assert len(Store().list_plays(gameday_run="tabs")) == 1


def test_the_server_ends_an_abandoned_turn_at_its_deadline(tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock()
    tab = TeamTab(reopen(game), now=clock)
    tab.join(join_codes(game)["red"])
    live = tab.begin(Turn(0, "red"))
    tab.record(live, act.acknowledge())
    server = reopen(game)
    clock.now += 60
    assert reap_expired(server, now=clock) == []  # not due yet
    clock.now += 61 + 1
    assert tab.heartbeat()
    assert reap_expired(server, now=clock) == []  # due, but its live tab ends it itself
    tab.leave()
    ended = reap_expired(server, now=clock)
    assert [(r.team, r.round_index, r.summary.timed_out) for r in ended] == [("red", 0, True)]
    assert ended[0].summary.acknowledged is not None  # scored from what the team did
    assert reap_expired(server, now=clock) == []


def test_team_plays_are_stored_under_the_team_not_the_facilitator(tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock()
    tab = TeamTab(reopen(game), now=clock)
    tab.join(join_codes(game)["red"])
    tab.begin(Turn(0, "red"))
    tab.finish(Turn(0, "red"))
    game.play_turn(Turn(0, "blue"), [act.acknowledge()])  # hot-seat and headless too
    players = {p.team: p.player for p in Store().list_plays(gameday_run="tabs")}
    assert players == {"red": team_player("tabs", "red"), "blue": team_player("tabs", "blue")}
    from triage.store import default_player

    assert Store().list_plays(player=default_player()) == []


def test_the_board_shows_who_is_connected(tmp_path: Path) -> None:
    game, clock = make_game(tmp_path), Clock(time.time())  # the board reads the real clock
    assert presence(game) == ()  # a hot-seat or headless run has no tabs
    tab = TeamTab(reopen(game), now=clock)
    tab.join(join_codes(game)["blue"])
    tab.begin(Turn(0, "blue"))
    board = render_board(reopen(game).standings())
    assert "Tabs: red not connected; blue connected, round 1 in play (" in board


@pytest.mark.parametrize("cites", [(), ("tokens_per_request@0m",)])
def test_a_recorded_turn_scores_exactly_like_the_same_play_headless(
        tmp_path: Path, cites: tuple[str, ...]) -> None:
    """The play is rebuilt from the stored steps: every kind must survive the round trip."""
    game, clock = make_game(tmp_path), Clock()
    steps = [act.acknowledge(), act.open_("tokens_per_request"), act.wait(3),
             act.mark("tokens_per_request@0m"), act.unmark("tokens_per_request@0m"),
             act.mark("tokens_per_request@0m"), act.diagnose("prompt_bloat", 0.9, cites),
             act.declare(2), act.remediate("rollback_prompt"), act.wait(30),
             act.update(impact="stopped", cause="prompt_bloat", done=["rollback_prompt"]),
             act.resolve()]
    tab = TeamTab(reopen(game), now=clock)
    tab.join(join_codes(game)["red"])
    live = tab.begin(Turn(0, "red"))
    for action in steps:
        live.session.apply(action)
        tab.record(live, action)
    served = tab.finish(Turn(0, "red"))
    headless = game.play_turn(Turn(0, "blue"), steps)
    assert served.summary.diagnosis == "prompt_bloat" and not served.summary.timed_out
    assert served.summary.resolved is not None and served.summary.severity == 2
    assert (served.score, served.breakdown) == (headless.score, headless.breakdown)
