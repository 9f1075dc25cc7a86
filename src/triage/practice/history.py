"""Past plays as data and as a table: what `triage history` prints and the history screen lists.

`history_rows` gives one JSON-ready dict per play (newest first, as the store returns them);
`render_history_text` lays the same rows out for a terminal. Dates in JSON are ISO 8601 as
stored; the table shows them in local time to the minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from triage.engine.rules import RULES_VERSION
from triage.model.pitfalls import PITFALLS
from triage.safetext import clean_line
from triage.store import StoredPlay


def pitfall_title(pitfall: str) -> str:
    """The pitfall's card title, or its id made readable when the card is unknown."""
    card = PITFALLS.get(pitfall)
    return card.title if card else pitfall.replace("_", " ")


def local_time(moment: datetime) -> str:
    """`2025-03-04 14:07` in the local time zone (naive times are taken as local already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def history_row(play: StoredPlay) -> dict[str, Any]:
    """One play as a JSON object: id, player, incident, pitfall, seed, score, grade, times..."""
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
        "actions": len(play.actions),
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
    skipped = getattr(plays, "unreadable", ())
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
    count = len(plays)
    lines.append("")
    if any(play.rules < RULES_VERSION for play in plays):
        lines.append("* scored under older rules (before evidence had to be cited): the score "
                     "is kept as it was given; 'triage replay ID' re-scores it under those rules.")
    lines.append(f"{count} play{'s' if count != 1 else ''}"
                 + (f" by {player}" if player else "")
                 + ". Replay one: triage replay ID; export its actions: "
                   "triage history export ID")
    skipped = unreadable_lines(plays)
    if skipped:
        lines += ["", *skipped]
    return "\n".join(lines) + "\n"
