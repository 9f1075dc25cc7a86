"""Dates and time zones: orderings follow stored moments, never the day the suite runs."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage.engine.record import finished_play
from triage.gameday.runner import new_run_id
from triage.practice.history import local_time
from triage.store import PlayRecord, Store, clock
from triage.store.recording import build_record

CHATHAM = timezone(timedelta(hours=13, minutes=45))
ST_JOHNS = timezone(-timedelta(hours=3, minutes=30))


def play(ended_at: datetime, player: str = "ana") -> PlayRecord:
    """A minimal stored play that ended at `ended_at`."""
    return PlayRecord(player=player, incident_id="lr", incident_hash="0" * 64,
                      pitfall="training_divergence", difficulty=1, seed=1, actions=[],
                      score=50, grade="D", breakdown={}, started_at=ended_at, ended_at=ended_at)


@pytest.fixture(params=["Pacific/Chatham", "America/St_Johns", "UTC"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The process's local time zone set to each of a few awkward ones in turn."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_the_tests_read_a_known_clock(wall_clock: list[datetime]) -> None:
    first, second = clock.utc_now(), clock.utc_now()
    assert second - first == timedelta(seconds=1) and wall_clock == [first, second]


def test_a_run_started_in_the_last_second_of_the_year_gets_a_sane_id() -> None:
    last_second = datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert new_run_id("Fire drill!", last_second) == "fire-drill-20261231-235959"
    # The id names the UTC moment, whatever offset the start was given in.
    in_chatham = last_second.astimezone(CHATHAM)
    assert in_chatham.year == 2027
    assert new_run_id("Fire drill!", in_chatham) == "fire-drill-20261231-235959"


def test_a_new_run_id_reads_the_clock(wall_clock: list[datetime]) -> None:
    assert new_run_id("drill") == "drill-20260314-092653"


def test_game_day_runs_order_by_the_moment_they_began_across_offsets(local_zone: str) -> None:
    base = datetime(2026, 12, 31, 20, 0, tzinfo=timezone.utc)
    with Store() as store:
        # As text, '2027-01-01T09:...+13:45' sorts after '2026-12-31T...'; as moments it is first.
        store.create_gameday_run("chatham", "A", {}, created_at=(base).astimezone(CHATHAM))
        store.create_gameday_run("utc", "B", {}, created_at=base + timedelta(minutes=30))
        store.create_gameday_run("st-johns", "C", {},
                                 created_at=(base + timedelta(minutes=10)).astimezone(ST_JOHNS))
        store.create_gameday_run("tie-1", "D", {}, created_at=base - timedelta(hours=1))
        store.create_gameday_run("tie-2", "E", {}, created_at=base - timedelta(hours=1))
        order = [run.id for run in store.list_gameday_runs()]
    assert order == ["utc", "st-johns", "chatham", "tie-2", "tie-1"]


def test_history_orders_plays_by_when_they_ended_ties_newest_saved_first(local_zone: str) -> None:
    base = datetime(2030, 1, 1, 0, 0, tzinfo=timezone.utc)
    with Store() as store:
        late = store.save_play(play((base + timedelta(minutes=5)).astimezone(ST_JOHNS)))
        early = store.save_play(play(base.astimezone(CHATHAM)))
        tie_a = store.save_play(play(base - timedelta(days=400)))
        tie_b = store.save_play(play(base - timedelta(days=400)))
        ids = [p.id for p in store.list_plays()]
    assert ids == [late, early, tie_b, tie_a]


def test_times_are_shown_in_the_local_zone(local_zone: str) -> None:
    moment = datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    expected = {"Pacific/Chatham": "2027-01-01 13:44", "America/St_Johns": "2026-12-31 20:29",
                "UTC": "2026-12-31 23:59"}
    assert local_time(moment) == expected[local_zone]
    assert os.environ["TZ"] == local_zone


def test_a_saved_play_ends_at_the_clocks_moment(wall_clock: list[datetime]) -> None:
    from triage.engine.actions import acknowledge
    from triage.engine.debrief import build_debrief, play_actions
    from triage.model.loader import load_incident

    loaded = load_incident(Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml")
    session = play_actions(loaded.incident, 1, [acknowledge()])
    record = build_record(finished_play(loaded, session, build_debrief(session)), player="ana")
    assert record.ended_at == wall_clock[-1] == record.started_at
