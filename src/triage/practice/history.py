"""Past plays as data and as a table: what `triage history` prints and the history screen lists.

`history_rows` gives one JSON-ready dict per play (newest first, as the store returns them);
`render_history_text` lays the same rows out for a terminal. Dates in JSON are ISO 8601 as
stored; the table shows them in local time to the minute.

`write_history_text` and `write_history_json` print the same table and JSON straight from the
database, a row at a time (`triage.store.summaries`): what `triage history` runs, so ten thousand
plays cost no more memory than ten, and no action log is decoded to list its play.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from triage.engine.rules import RULES_VERSION
from triage.text.safe import clean_line

if TYPE_CHECKING:
    from triage.store import Store, StoredPlay


def pitfall_title(pitfall: str) -> str:
    """The pitfall's card title, or its id made readable when the card is unknown."""
    from triage.model.pitfalls import PITFALLS

    card = PITFALLS.get(pitfall)
    return card.title if card else pitfall.replace("_", " ")


def local_time(moment: datetime) -> str:
    """`2025-03-04 14:07` in the local time zone (naive times are taken as local already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def history_row(play: Any) -> dict[str, Any]:
    """One play (a `StoredPlay`, or a `PlaySummary` whose `actions` is the count) as a JSON
    object: id, player, incident, pitfall, seed, score, grade, times..."""
    return {
        "id": play.id,
        "player": play.player,
        "incident": play.incident_id,
        "pitfall": play.pitfall,
        "difficulty": play.difficulty,
        "seed": play.seed,
        "score": play.score,
        "grade": play.grade,
        "mode": play.mode,
        "started_at": play.started_at.isoformat(),
        "ended_at": play.ended_at.isoformat(),
        "minutes_played": round((play.ended_at - play.started_at).total_seconds() / 60, 1),
        "actions": play.actions if isinstance(play.actions, int) else len(play.actions),
        "gameday_run": play.gameday_run,
        "team": play.team,
        "incident_hash": play.incident_hash,
        "incident_path": play.incident_path,
        "rules": play.rules,
    }


def history_rows(plays: Iterable[StoredPlay]) -> list[dict[str, Any]]:
    """Rows for every play, in the order given (the store gives newest first)."""
    return [history_row(play) for play in plays]


def unreadable_lines(plays: Iterable[StoredPlay]) -> list[str]:
    """One line per play the store could not read (a `PlayList`'s `unreadable`), for stderr or
    the end of a table; empty when every play was read."""
    return skipped_lines(getattr(plays, "unreadable", ()))


def skipped_lines(skipped: Iterable[Any]) -> list[str]:
    """`unreadable_lines` for a list of `UnreadablePlay`s."""
    lines = [clean_line(f"play {bad.id}: unreadable, skipped ({bad.reason})") for bad in skipped]
    if lines:
        lines.append("The other plays are unaffected; 'triage history check' checks every play.")
    return lines


def render_history_text(plays: list[StoredPlay], player: str | None) -> str:
    """A table of plays (id, date, incident, pitfall, grade, score, mode), or a friendly
    note when there are none, then any plays that could not be read, by id. `player` None means
    the plays of everyone are shown."""
    if not plays:
        who = f"for {player}" if player else "yet"
        skipped = unreadable_lines(plays)
        return "\n".join([f"No plays {who}. Run 'triage' to play one.",
                          *([""] + skipped if skipped else [])]) + "\n"
    show_player = player is None
    # Ids are shown whole, however long, so one can be pasted into `triage play`.
    wide = max([len("INCIDENT"), *(len(clean_line(play.incident_id)) for play in plays)])
    header = f"{'ID':>5}  {'DATE':<16}  "
    header += f"{'PLAYER':<12}  " if show_player else ""
    header += f"{'INCIDENT':<{wide}}  {'PITFALL':<28}  {'GRADE':<5}  {'SCORE':>5}  MODE"
    lines = [header]
    for play in plays:
        line = f"{play.id:>5}  {local_time(play.ended_at):<16}  "
        line += f"{clean_line(play.player)[:12]:<12}  " if show_player else ""
        old = "*" if play.rules < RULES_VERSION else " "
        line += (f"{clean_line(play.incident_id):<{wide}}  "
                 f"{pitfall_title(play.pitfall)[:28]:<28}  {play.grade:<5}  {play.score:>5}{old} "
                 f"{play.mode}")
        lines.append(line.rstrip())
    lines += footer_lines(len(plays), player, any(play.rules < RULES_VERSION for play in plays),
                          unreadable_lines(plays))
    return "\n".join(lines) + "\n"


def footer_lines(count: int, player: str | None, older: bool, unread: list[str]) -> list[str]:
    """What follows the table: the star's meaning, the count and what to do next, and the
    plays that could not be read."""
    lines = [""]
    if older:
        lines.append("* scored under older rules (before the on-call loop, or before evidence "
                     "had to be cited): the score is kept as it was given; 'triage replay ID' "
                     "re-scores it under those rules.")
    lines.append(f"{count} play{'s' if count != 1 else ''}"
                 + (f" by {player}" if player else "")
                 + ". Replay one: triage replay ID; export its actions: "
                   "triage history export ID")
    return lines + (["", *unread] if unread else [])


def _header(wide: int, show_player: bool) -> str:
    header = f"{'ID':>5}  {'DATE':<16}  "
    header += f"{'PLAYER':<12}  " if show_player else ""
    return header + f"{'INCIDENT':<{wide}}  {'PITFALL':<28}  {'GRADE':<5}  {'SCORE':>5}  MODE"


def write_history_text(store: Store, player: str | None, out: TextIO, *,
                       limit: int | None = None, offset: int = 0) -> None:
    """Write `render_history_text`'s table of the plays in `store` (of `player`; None: everyone),
    newest first, skipping `offset` and showing at most `limit`, reading a row at a time."""
    from triage.store.summaries import table_extent, table_rows

    rows, wide = table_extent(store, player, limit, offset)
    wide = max(len("INCIDENT"), wide)
    show_player, count, older, skipped = player is None, 0, False, []
    # Everything between the date and the score, made (and its fields checked) once per
    # (incident, pitfall, grade, player, mode, rules): a history repeats a few dozen incidents
    # thousands of times. None for a combination that cannot be shown.
    middle: dict[tuple[Any, ...], str | None] = {}
    write = out.write
    for play_id, date, who, incident, pitfall, grade, score, rules, mode in (
            table_rows(store, player, limit, offset) if rows else ()):
        key = (incident, pitfall, grade, who, mode, rules)
        columns = middle.get(key, "")
        if columns == "":
            columns = middle[key] = _middle(key, wide, show_player)
        if columns is None or not isinstance(score, int):
            skipped.append(_unshown(play_id, key, score))
            continue
        if count == 0:
            write(_header(wide, show_player) + "\n")
        count += 1
        if rules < RULES_VERSION:
            older = True
            write(f"{play_id:>5}  {date:<16}  {columns}{score:>5}* {mode}\n")
        else:
            write(f"{play_id:>5}  {date:<16}  {columns}{score:>5}  {mode}\n")
    if not count:
        write(render_history_text(_Skipped(skipped), player))
        return
    write("\n".join(footer_lines(count, player, older, skipped_lines(skipped))) + "\n")


def _middle(key: tuple[Any, ...], wide: int, show_player: bool) -> str | None:
    """The columns from the player (when shown) to the grade, or None when a field of the row
    that the table shows does not read (a mode or rules version edited by hand, say)."""
    from triage.store.summaries import MODES

    incident, pitfall, grade, who, mode, rules = key
    if mode not in MODES or not isinstance(rules, int) or not all(
            isinstance(text, str) for text in (incident, pitfall, grade, who)):
        return None
    return ((f"{clean_line(who)[:12]:<12}  " if show_player else "")
            + f"{clean_line(incident):<{wide}}  {pitfall_title(pitfall)[:28]:<28}  "
            + f"{clean_line(grade):<5}  ")


def _unshown(play_id: int, key: tuple[Any, ...], score: Any) -> Any:
    """An `UnreadablePlay` naming the first field of a history row that does not read."""
    from triage.store.records import UnreadablePlay
    from triage.store.summaries import MODES

    incident, pitfall, grade, who, mode, rules = key
    problems = (("mode", mode not in MODES), ("rules version", not isinstance(rules, int)),
                ("score", not isinstance(score, int)),
                ("incident", not all(isinstance(t, str) for t in (incident, pitfall, grade, who))))
    what = next(name for name, bad in problems if bad)
    shown = {"mode": mode, "rules version": rules, "score": score}.get(what, incident)
    return UnreadablePlay(play_id, f"its {what} cannot be read: {shown!r}")


class _Skipped(list[Any]):
    """No plays, only the `unreadable` ones (what `unreadable_lines` reads)."""

    def __init__(self, unreadable: list[Any]) -> None:
        super().__init__()
        self.unreadable = tuple(unreadable)


def write_history_json(store: Store, player: str | None, out: TextIO, err: TextIO, *,
                       limit: int | None = None, offset: int = 0) -> None:
    """Write `history_rows` of the plays as a JSON array, as `print_json` lays it out, a row at
    a time; the plays that cannot be read are named on `err`."""
    import json

    from triage.store.records import UnreadablePlay
    from triage.store.summaries import summaries
    from triage.text.safe import inert_json

    skipped, first = [], True
    for play in summaries(store, player, limit, offset):
        if isinstance(play, UnreadablePlay):
            skipped.append(play)
            continue
        text = json.dumps(history_row(play), indent=2, ensure_ascii=False)
        out.write(("[\n  " if first else ",\n  ") + inert_json(text.replace("\n", "\n  ")))
        first = False
    out.write("[]\n" if first else "\n]\n")
    for line in skipped_lines(skipped):
        err.write(f"triage: {line}\n")
