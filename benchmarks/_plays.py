"""A scratch practice database full of stored plays, for the history benchmarks.

The plays are real: every incident of the built-in pack is played headless once by its ideal path
and by two blind strategies (so the scores vary), and each play is turned into a `PlayRecord`
with the fields the game stores. Those records are then copied, one after another in time, until
there are as many as asked, and written in one transaction through `triage.store.plays.
insert_play`, the same function `Store.save_play` uses (the game commits each play on its own,
with an fsync; one transaction only saves the benchmark minutes of fsyncs). Every stored play is
therefore readable and replayable, and `triage history check` passes on the result.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

STRATEGIES = ("ideal", "random", "open everything")
PLAYER = "bench"
"""Whose plays they are (the benchmark runs `triage --player bench history`)."""


def base_records() -> list:
    """One real play per (incident of the pack, strategy), as PlayRecords."""
    from triage.authoring.blindplay import play_strategy
    from triage.engine.debrief import build_debrief
    from triage.model.pack import load_catalog
    from triage.store import PlayRecord

    catalog = load_catalog()
    records = []
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for incident_id in sorted(catalog.incidents):
        loaded = catalog.incidents[incident_id]
        for strategy in STRATEGIES:
            session = play_strategy(loaded.incident, strategy, 1)
            debrief = build_debrief(session)
            records.append(PlayRecord(
                player=PLAYER, incident_id=loaded.incident.id, incident_hash=loaded.sha256,
                pitfall=loaded.incident.pitfall, difficulty=loaded.incident.difficulty,
                seed=session.seed, actions=[item.action.to_step() for item in session.log],
                score=debrief.score, grade=debrief.grade,
                breakdown=debrief.as_json()["breakdown"], started_at=start, ended_at=start,
                rules=debrief.rules, variant=debrief.variant,
                incident_path=os.path.abspath(loaded.path)))
    return records


def fill(path: Path, count: int, records: list) -> None:
    """Write `count` plays (copies of `records`, 7 minutes apart, each lasting 12 minutes) into a
    fresh practice database at `path`."""
    from dataclasses import replace

    from triage.store import Store
    from triage.store.plays import insert_play

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with Store(path) as store, store.reading("fill the benchmark database") as db:
        db.execute("BEGIN IMMEDIATE")
        for index in range(count):
            ended = start + timedelta(minutes=7 * index)
            record = replace(records[index % len(records)], started_at=ended
                             - timedelta(minutes=12), ended_at=ended)
            insert_play(db, record, path)
        db.execute("COMMIT")
