"""Issue 21, item 3: `history profile` keeps each player's mastery in the database and folds in
only the plays saved since; whatever happens to the plays in between (more plays, an older play
imported late, a play changed, damaged or removed, a read-only database, a new rating formula),
the profile is the one a fold over every play gives, to the last bit."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage.cli import main
from triage.practice.coach import build_profile
from triage.store import PlayRecord, Store, db_path
from triage.store import mastery as mastery_rules
from triage.store.masterycache import player_mastery

PITFALLS = [("lr-push", "training_divergence", 2), ("ctr-drift", "silent_degradation", 3),
            ("conf", "miscalibration", 4), ("quiet-alert", "false_alarm", 1)]
T0 = datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)


def record(n: int, minute: int | None = None, player: str = "ana") -> PlayRecord:
    incident, pitfall, difficulty = PITFALLS[n % len(PITFALLS)]
    ended = T0 + timedelta(minutes=37 * n if minute is None else minute)
    return PlayRecord(player=player, incident_id=incident, incident_hash="0" * 64,
                      pitfall=pitfall, difficulty=difficulty, seed=n, actions=["acknowledge"],
                      score=(n * 29 + 7) % 101, grade="B", breakdown={"speed": n},
                      started_at=ended - timedelta(minutes=9), ended_at=ended)


def save(*records: PlayRecord) -> None:
    with Store() as store:
        for one in records:
            store.save_play(one)


def profile_json(capsys: pytest.CaptureFixture[str], player: str = "ana") -> dict:
    assert main(["--player", player, "history", "profile", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def expected_json(player: str = "ana") -> dict:
    """The profile a fold over every stored play gives (no cache involved)."""
    from triage.model.pitfalls import PITFALLS as CARDS

    with Store() as store:
        every = store.list_plays(player=player)
    return build_profile(player, every, set(CARDS)).as_json()


def marks() -> list[tuple]:
    with sqlite3.connect(db_path()) as raw:
        return raw.execute("SELECT player, through_id, unreadable FROM mastery_marks").fetchall()


def test_plays_saved_between_profiles_are_folded_in_exactly(
        capsys: pytest.CaptureFixture[str]) -> None:
    save(*(record(n) for n in range(30)), record(0, player="ben"))
    first = profile_json(capsys)
    assert first == expected_json() and first["plays"] == 30
    assert marks() == [("ana", 30, "")]
    for batch in (range(30, 31), range(31, 70)):
        save(*(record(n) for n in batch))
        assert profile_json(capsys) == expected_json()
    # Ratings are compared as the JSON rounds them; the cached floats are the fold's, bit for bit.
    with Store() as store:
        cached, unreadable = player_mastery(store, "ana")
        every = store.list_plays(player="ana")
    folded = {row.pitfall: row for row in mastery_rules.mastery(every)}
    assert cached == folded and not unreadable
    assert marks()[0][:2] == ("ana", 71)  # ben's play took id 31


def test_an_older_play_saved_late_or_a_changed_play_is_counted_where_it_belongs(
        capsys: pytest.CaptureFixture[str]) -> None:
    save(*(record(n) for n in range(20)))
    profile_json(capsys)
    save(record(21, minute=5))  # ended before most plays already folded in
    assert marks() == []
    assert profile_json(capsys) == expected_json()
    with sqlite3.connect(db_path()) as raw:
        raw.execute("UPDATE plays SET score = 100 WHERE id = 3")
    assert marks() == []
    assert profile_json(capsys) == expected_json()
    with sqlite3.connect(db_path()) as raw:
        raw.execute("DELETE FROM plays WHERE id = 4")
    assert profile_json(capsys) == expected_json() and expected_json()["plays"] == 20


def test_an_unreadable_play_is_named_on_every_run_not_only_the_first(
        capsys: pytest.CaptureFixture[str]) -> None:
    save(*(record(n) for n in range(8)))
    with sqlite3.connect(db_path()) as raw:
        raw.execute("UPDATE plays SET score = 'lots' WHERE id = 2")
    for _ in range(2):
        assert main(["--player", "ana", "history", "profile"]) == 0
        out, err = capsys.readouterr()
        assert "play 2: unreadable" in err and "(7 plays)" in out
    assert marks() == [("ana", 8, "2")]


def test_a_read_only_database_gives_the_profile_and_keeps_nothing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    save(*(record(n) for n in range(12)))
    # As this process cannot write it (a file mode alone does not stop root).
    monkeypatch.setattr("triage.store.connection.needs_read_only", lambda path: True)
    assert profile_json(capsys) == expected_json()
    assert marks() == []


def test_ratings_kept_under_another_formula_are_worked_out_again(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    save(*(record(n) for n in range(12)))
    profile_json(capsys)
    with sqlite3.connect(db_path()) as raw:
        raw.execute("UPDATE mastery_rows SET rating = 99.5")  # what the old formula said
    monkeypatch.setattr("triage.store.masterycache.FORMULA_VERSION",
                        mastery_rules.FORMULA_VERSION + 1)
    assert profile_json(capsys) == expected_json()
    with sqlite3.connect(db_path()) as raw:
        assert raw.execute("SELECT DISTINCT formula FROM mastery_marks").fetchall() == \
            [(mastery_rules.FORMULA_VERSION + 1,)]


def test_a_version_8_database_gains_the_cache_and_keeps_every_play(tmp_path: Path) -> None:
    save(*(record(n) for n in range(6)))
    with sqlite3.connect(db_path()) as raw:
        for name in ("mastery_forget_on_insert", "mastery_forget_on_update",
                     "mastery_forget_on_delete"):
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute("DROP TABLE mastery_marks")
        raw.execute("DROP TABLE mastery_rows")
        raw.execute("PRAGMA user_version = 8")
    with Store() as store:
        assert store.schema_version >= 9
        assert sum(row.plays for row in player_mastery(store, "ana")[0].values()) == 6
        assert store.count_plays() == 6


def test_the_practise_pick_from_kept_mastery_is_the_pick_from_every_play() -> None:
    """"Start" reads the kept mastery and two small queries instead of every play; for any
    random source it picks what the fold over every play picks: after batches, a late import,
    a renamed incident and a tie in end times (the last play is the one saved last)."""
    import random
    from dataclasses import replace

    from triage.practice.coach import next_incident, player_plays
    from triage.store.mastery import pick_next

    entries = [{"id": incident, "pitfall": pitfall, "difficulty": difficulty}
               for incident, pitfall, difficulty in PITFALLS + [("fresh", "miscalibration", 2)]]

    class Pack:  # a catalog whose "conf" was once called "old-conf"
        incidents: dict = {}
        aliases = {"old-conf": "conf"}

    pack = Pack()
    pack.incidents = {e["id"]: type("Loaded", (), {"incident": type("I", (), e)()})()
                      for e in entries}

    def agree() -> None:
        with Store() as store:
            plays = player_plays("ana", store)
            renamed = [p._replace(incident_id="conf") if p.incident_id == "old-conf" else p
                       for p in plays]
            for seed in range(40):
                kept = next_incident(pack, "ana", random.Random(seed), store=store)
                assert kept == pick_next(entries, renamed, random.Random(seed)), seed

    agree()  # no plays yet
    save(*(record(n) for n in range(9)))
    agree()
    save(*(record(n) for n in range(9, 15)), record(15, minute=3))  # a late import
    agree()
    # Both miscalibration incidents played, the last two at the same end time: the one saved
    # last ("conf", under its former id) is the last play, so a repeat picks "fresh".
    last_minute = 37 * 20
    save(replace(record(2, minute=last_minute), incident_id="fresh"))
    save(replace(record(2, minute=last_minute), incident_id="old-conf"))
    agree()


def test_history_check_finds_kept_mastery_edited_by_hand_and_forgets_it() -> None:
    """The triggers see every change to the plays, not to the cache: `history check` folds each
    player's plays again, reports a kept mastery that differs and forgets it."""
    save(*(record(n) for n in range(8)), record(8, player="bob"))
    with Store() as store:
        full = player_mastery(store, "ana")[0]
        player_mastery(store, "bob")
        assert store.check() == []
    with sqlite3.connect(db_path()) as raw:
        raw.execute("UPDATE mastery_rows SET rating = rating + 7 WHERE player = 'ana' AND "
                    "pitfall = 'miscalibration'")
    raw.close()
    with Store() as store:
        assert player_mastery(store, "ana")[0] != full  # the edit is read as it stands
        problems = store.check()
        assert len(problems) == 1 and "player ana" in problems[0] and "forgotten" in problems[0]
        assert player_mastery(store, "ana")[0] == full
        assert store.check() == []
