"""Reading many plays cheaply: the columns a listing shows, a page at a time, nothing decoded
that the caller does not show.

`Store.list_plays` hands back whole plays (action logs and score breakdowns decoded), which is
what opening one play needs and far too much for a history of thousands: `triage history` at
10,000 plays read 250 MiB that way. Here a listing selects only its own columns and streams them
from SQLite's cursor, so memory stays flat in the number of plays, and an action log is decoded
only when its play is opened (`Store.get_play`).

A listing skips a play only when a field it shows cannot be read, and names it (as
`UnreadablePlay`), so one damaged row never hides the others. A fault in a field the listing does
not show (a breakdown that will not decode, say) is found when the play is opened and by
`triage history check`.

Needs nothing but the standard library's sqlite3 through `Store`: no dataclasses, JSON or
hashing, which `triage history` would otherwise load for nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from triage.store.fields import read_field

if TYPE_CHECKING:
    from triage.store.plays import Store

MODES = ("play", "shift", "gameday")
"""How a play was started: a single incident, a shift of several, or a round of a game day
(`triage.store.records` has it from here, so a listing can check a mode without loading the
records)."""

_DATE_SQL = "strftime('%Y-%m-%d %H:%M', ended_ts, 'unixepoch', 'localtime')"
"""When a play ended, to the minute, in the local zone (as `practice.history.local_time` shows
it: `ended_ts` is that same moment in POSIX seconds, naive times having been taken as local)."""

TABLE_COLUMNS = f"id, {_DATE_SQL}, player, incident_id, pitfall, grade, score, rules, mode"
"""What the history table shows, in this order (the date as text, local, to the minute); rows
come as plain tuples, nothing decoded or checked: `practice.history.write_history_text` checks
each distinct combination of the shown fields once."""


class PlaySummary(NamedTuple):
    """A play without its action log and breakdown: what `history --format json` and the history
    screen list. `actions` is how many steps the log holds."""

    id: int
    player: str
    incident_id: str
    incident_hash: str
    pitfall: str
    difficulty: int
    seed: int
    score: int
    grade: str
    mode: str
    started_at: datetime
    ended_at: datetime
    actions: int
    gameday_run: str | None
    team: str | None
    incident_path: str | None
    rules: int
    variant: str | None


SUMMARY_COLUMNS = (
    "id, player, incident_id, incident_hash, pitfall, difficulty, seed, score, grade, mode, "
    "started_at, ended_at, CASE WHEN json_valid(actions) AND json_type(actions) = 'array' "
    "THEN json_array_length(actions) END, gameday_run, team, incident_path, rules, variant"
)
"""The columns of a `PlaySummary`, in order (the action count is NULL for a log that will not
decode)."""

SCORE_COLUMNS = "id, incident_id, pitfall, difficulty, score, ended_ts"
"""What mastery and the "Practise" pick read (`ScoredPlay`), oldest first."""


READABLE = ("typeof(score) = 'integer' AND typeof(difficulty) = 'integer' "
             "AND typeof(pitfall) = 'text' AND typeof(incident_id) = 'text'")
"""The plays mastery can read (the others are reported as unreadable; `store.masterycache`
uses it too)."""


class ScoredPlay(NamedTuple):
    """A play as mastery sees it: which incident, its pitfall and difficulty, the score, and
    when it ended (POSIX seconds; `ended_at` gives the moment as a datetime)."""

    id: int
    incident_id: str
    pitfall: str
    difficulty: int
    score: int
    ended_ts: float

    @property
    def ended_at(self) -> datetime:
        """When the play ended (UTC)."""
        from datetime import timezone

        return datetime.fromtimestamp(self.ended_ts, timezone.utc)


def _where(player: str | None) -> tuple[str, list[Any]]:
    return (" WHERE player = ?", [player]) if player is not None else ("", [])


def _page(sql: str, params: list[Any], limit: int | None, offset: int) -> str:
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit) if limit is not None else -1, int(offset)]
    return sql


def table_rows(store: Store, player: str | None = None, limit: int | None = None,
               offset: int = 0) -> Iterator[tuple[Any, ...]]:
    """The history table's rows (`TABLE_COLUMNS`, as plain tuples: there may be thousands),
    newest first (by `ended_at`, then the newest saved), streamed: iterate inside one use of the
    store."""
    where, params = _where(player)
    # The player's name, when it is the filter, is a constant: not read from every row.
    columns = TABLE_COLUMNS if player is None else TABLE_COLUMNS.replace(" player,", " ?,", 1)
    params = [*([player] if player is not None else []), *params]
    sql = _page(f"SELECT {columns} FROM plays{where} ORDER BY ended_ts DESC, id DESC",
                params, limit, offset)
    with store.reading("list plays") as connection:
        yield from connection.execute(sql, params)


def table_extent(store: Store, player: str | None = None, limit: int | None = None,
                 offset: int = 0) -> tuple[int, int]:
    """(how many rows a listing has, the length of its longest incident id). A whole listing
    reads both from an index (`plays_by_player_scores`); a page of one reads its rows."""
    where, params = _where(player)
    if limit is None and not offset:
        sql = f"SELECT count(*), max(length(incident_id)) FROM plays{where}"
    else:
        inner = _page(f"SELECT incident_id FROM plays{where} ORDER BY ended_ts DESC, id DESC",
                      params, limit, offset)
        sql = f"SELECT count(*), max(length(incident_id)) FROM ({inner})"
    with store.reading("list plays") as connection:
        count, wide = connection.execute(sql, params).fetchone()
    return int(count), int(wide or 0)


def summaries(store: Store, player: str | None = None, limit: int | None = None,
              offset: int = 0) -> Iterator[PlaySummary | Any]:
    """Each play as a `PlaySummary`, newest first, streamed; a play whose shown fields do not
    decode comes as an `UnreadablePlay` in its place."""
    from triage.store.records import UnreadablePlay

    where, params = _where(player)
    sql = _page(f"SELECT {SUMMARY_COLUMNS} FROM plays{where} ORDER BY ended_ts DESC, id DESC",
                params, limit, offset)
    with store.reading("list plays") as connection:
        for row in connection.execute(sql, params):
            try:
                yield _summary(row, MODES)
            except (ValueError, TypeError, OverflowError) as error:
                yield UnreadablePlay(row[0], str(error))


def _summary(row: tuple[Any, ...], modes: tuple[str, ...]) -> PlaySummary:
    (play_id, player, incident_id, incident_hash, pitfall, difficulty, seed, score, grade, mode,
     started, ended, actions, run, team, path, rules, variant) = row  # fmt: skip
    if actions is None:
        raise ValueError("its action log cannot be read")
    if mode not in modes:
        raise ValueError(f"its mode cannot be read: {mode!r}")
    if not isinstance(score, int):
        raise ValueError(f"its score cannot be read: {score!r}")
    return PlaySummary(
        play_id, player, incident_id, incident_hash, pitfall, difficulty,
        read_field("seed", int, seed), score, grade, mode,
        read_field("start time", datetime.fromisoformat, started),
        read_field("end time", datetime.fromisoformat, ended), actions, run, team,
        path if isinstance(path, str) and path else None, read_field("rules version", int, rules),
        variant if isinstance(variant, str) else None)



def scored_plays(store: Store, player: str) -> tuple[list[ScoredPlay], list[Any]]:
    """Every play of `player` as mastery reads it, oldest first (then first saved), and the
    plays whose score or difficulty cannot be read (as `UnreadablePlay`s)."""
    with store.reading("read the player's scores") as connection:
        plays = list(map(ScoredPlay._make, connection.execute(
            f"SELECT {SCORE_COLUMNS} FROM plays WHERE player = ? AND {READABLE} "
            "ORDER BY ended_ts, id", (player,))))
        bad = connection.execute(f"SELECT id FROM plays WHERE player = ? AND NOT ({READABLE}) "
                                 "ORDER BY id", (player,)).fetchall()
    if not bad:
        return plays, []
    from triage.store.records import UnreadablePlay

    return plays, [UnreadablePlay(row[0], "its score or difficulty cannot be read")
                   for row in bad]


def played_incidents(store: Store, player: str) -> set[str]:
    """The ids of the incidents `player` has a stored play of."""
    with store.reading("read which incidents were played") as connection:
        return {row[0] for row in connection.execute(
            "SELECT DISTINCT incident_id FROM plays WHERE player = ?", (player,))}


def played_and_last(store: Store, player: str) -> tuple[set[str], str | None]:
    """The incidents `player` has a play of that mastery reads, and the incident of the last
    of them (the latest end time; of plays ending together, the one saved last), for the
    "Practise" pick beside the kept mastery."""
    with store.reading("read which incidents were played") as connection:
        seen = {row[0] for row in connection.execute(
            f"SELECT DISTINCT incident_id FROM plays WHERE player = ? AND {READABLE}", (player,))}
        last = connection.execute(
            f"SELECT incident_id FROM plays WHERE player = ? AND {READABLE} "
            "ORDER BY ended_ts DESC, id DESC LIMIT 1", (player,)).fetchone()
    return seen, last[0] if last else None
