"""History at scale: `triage history`, `history profile` and the "Practise" pick over 10,000 plays.

A scratch TRIAGE_HOME is filled with real stored plays (`_plays.py`: every built-in incident
played by its ideal path and two blind strategies, copied forward in time), 1,000, 10,000 and
(unless `--quick`) 100,000 of them, all by one player.

- "history": `triage history` against a Python process that reads the same columns straight from
  sqlite3 and prints each row as the sqlite3 shell would ('|'-joined). Target: within 1.5x.
- "history peak RSS": the peak RSS of `triage history` at 10,000 plays against the same command
  at 1,000 (flat: within 1.1x); 100,000 plays reported in the note.
- "history profile": `triage history profile` against a Python process that runs the raw
  aggregate (plays, mean score and last play per pitfall, in SQL) and prints it. Target: 2x.
  The profile keeps each player's mastery in the database and folds in only the plays saved
  since (`store.masterycache`); the "every play folded" row times it with that forgotten before
  each run (as after an older play is imported or a play changes): reported, no target.
- "Practise pick": what the home screen's Practise runs, in process: `coach.next_incident` with
  the pack loaded and the database open. Target: under 50 ms. Baseline: reading the columns a
  pick once folded over every play (incident, pitfall, difficulty, score, end time) straight
  from sqlite3; the pick now reads the kept mastery and the incidents played instead.

Children are timed from spawn to exit, interleaved, medians of paired ratios.
Run: `python benchmarks/bench_history.py [--repeat N] [--quick]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
from pathlib import Path

from _harness import (
    PYTHON,
    Figure,
    child_env,
    interleaved,
    medians,
    paired_ratio,
    spawn,
    spawn_rss_fresh,
    table,
    timed,
    triage_command,
)
from _plays import PLAYER, base_records, fill

HISTORY_TARGET, RSS_TARGET, PROFILE_TARGET, PICK_TARGET_MS = 1.5, 1.1, 2.0, 50.0

READ_COLUMNS = """\
import sqlite3, sys
write = sys.stdout.write
for row in sqlite3.connect(sys.argv[1]).execute(
        "SELECT id, ended_at, player, incident_id, pitfall, grade, score, rules, mode "
        "FROM plays WHERE player = ? ORDER BY ended_ts DESC, id DESC", (sys.argv[2],)):
    write("|".join(map(str, row)) + "\\n")
"""
RAW_AGGREGATE = """\
import sqlite3, sys
write = sys.stdout.write
for row in sqlite3.connect(sys.argv[1]).execute(
        "SELECT pitfall, count(*), avg(score), max(ended_ts) FROM plays WHERE player = ? "
        "GROUP BY pitfall ORDER BY pitfall", (sys.argv[2],)):
    write("|".join(map(str, row)) + "\\n")
"""


def homes(folder: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    """A TRIAGE_HOME per size, each holding that many plays by `PLAYER`."""
    records = base_records()
    found = {}
    for size in sizes:
        home = folder / f"home-{size}"
        home.mkdir()
        fill(home / "triage.db", size, records)
        found[size] = home
    return found


def _forget_mastery(db: str) -> None:
    """Drop every player's kept mastery, so the next profile folds in every play (untimed)."""
    import sqlite3

    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM mastery_marks")
    raw.close()


def _pick_ms(home: Path, repeat: int) -> tuple[float, float]:
    """Median time (ms) of the Practise pick and of reading its columns raw, interleaved."""
    import sqlite3

    from triage.model.pack import load_catalog
    from triage.practice.coach import next_incident
    from triage.store import Store

    catalog = load_catalog()
    rng = random.Random(1)
    db = home / "triage.db"
    with Store(db, quick_check=False) as store:
        raw = sqlite3.connect(db)
        query = ("SELECT id, incident_id, pitfall, difficulty, score, ended_ts FROM plays "
                 "WHERE player = ? ORDER BY ended_ts, id")
        times = medians(interleaved({
            "ours": timed(lambda: next_incident(catalog, PLAYER, rng, store=store)),
            "base": timed(lambda: raw.execute(query, (PLAYER,)).fetchall()),
        }, repeat))
        raw.close()
    return times["ours"] * 1000, times["base"] * 1000


def figures(repeat: int = 9, quick: bool = False) -> list[Figure]:
    """The history figures."""
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    triage = triage_command()
    with tempfile.TemporaryDirectory(prefix="triage-bench-history-") as folder:
        found = homes(Path(folder), sizes)
        big = found[10_000]
        env = child_env(TRIAGE_HOME=str(big))
        db = str(big / "triage.db")
        runs = {
            "base": lambda: spawn([PYTHON, "-c", READ_COLUMNS, db, PLAYER], env=env)[0],
            "ours": lambda: spawn([*triage, "--player", PLAYER, "history"], env=env)[0],
            "agg": lambda: spawn([PYTHON, "-c", RAW_AGGREGATE, db, PLAYER], env=env)[0],
            "profile": lambda: spawn([*triage, "--player", PLAYER, "history", "profile"],
                                     env=env)[0],
            "cold": lambda: (_forget_mastery(db),
                             spawn([*triage, "--player", PLAYER, "history", "profile"],
                                   env=env)[0])[1],
        }
        results = interleaved(runs, repeat)
        times = medians(results)
        rss = {size: statistics.median(
            spawn_rss_fresh([*triage, "--player", PLAYER, "history"],
                            env=child_env(TRIAGE_HOME=str(home))) / 1024 for _ in range(3))
            for size, home in found.items()}
        pick_ms, pick_base_ms = _pick_ms(big, max(repeat, 9))
        note_100k = ""
        if 100_000 in found:
            home = found[100_000]
            env_100k = child_env(TRIAGE_HOME=str(home))
            huge = medians(interleaved({
                "base": lambda: spawn([PYTHON, "-c", READ_COLUMNS, str(home / "triage.db"),
                                       PLAYER], env=env_100k)[0],
                "ours": lambda: spawn([*triage, "--player", PLAYER, "history"],
                                      env=env_100k)[0],
                "profile": lambda: spawn([*triage, "--player", PLAYER, "history", "profile"],
                                         env=env_100k)[0],
                "cold": lambda: (_forget_mastery(str(home / "triage.db")),
                                 spawn([*triage, "--player", PLAYER, "history", "profile"],
                                       env=env_100k)[0])[1],
            }, max(3, repeat // 3)))
            huge_pick, _ = _pick_ms(home, 5)
            note_100k = (f"; at 100,000 plays: history {huge['ours'] * 1000:.0f} ms (raw read "
                         f"{huge['base'] * 1000:.0f} ms), peak RSS {rss[100_000]:.1f} MiB, "
                         f"profile {huge['profile'] * 1000:.0f} ms (every play folded "
                         f"{huge['cold'] * 1000:.0f} ms), Practise pick "
                         f"{huge_pick:.0f} ms")
    ratio = paired_ratio(results, "ours", "base")
    profile_ratio = paired_ratio(results, "profile", "agg")
    cold_ratio = paired_ratio(results, "cold", "agg")
    rss_ratio = rss[10_000] / rss[1_000]
    return [
        Figure("history, 10,000 plays (text table)", times["ours"], times["base"], "s",
               f"<= {HISTORY_TARGET}x", ratio <= HISTORY_TARGET, ratio=ratio,
               note="baseline: python reads the same columns from sqlite3 and prints them "
                    "'|'-joined" + note_100k),
        Figure("history peak RSS, 10,000 vs 1,000 plays", rss[10_000], rss[1_000], "MiB",
               f"<= {RSS_TARGET}x (flat)", rss_ratio <= RSS_TARGET, ratio=rss_ratio),
        Figure("history profile, 10,000 plays", times["profile"], times["agg"], "s",
               f"<= {PROFILE_TARGET}x", profile_ratio <= PROFILE_TARGET, ratio=profile_ratio,
               note="baseline: the raw per-pitfall aggregate (count, mean score, last play) "
                    "in SQL, printed; the mastery kept in the database, no play since"),
        Figure("history profile, 10,000 plays, every play folded", times["cold"],
               times["agg"], "s", "reported", True, ratio=cold_ratio,
               note="the kept mastery forgotten before each run (an older play imported, a "
                    "play changed): every play read and folded, and the mastery kept again"),
        Figure("Practise pick, 10,000 plays (in process)", pick_ms, pick_base_ms, "ms",
               f"< {PICK_TARGET_MS:g} ms", pick_ms < PICK_TARGET_MS,
               note="coach.next_incident with the pack loaded and the database open (it reads "
                    "the kept mastery); baseline: reading the columns of every play from sqlite3, "
                    "what a pick once folded"),
    ]


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-play figures")
    args = parser.parse_args()
    print(table(figures(args.repeat, args.quick)))


if __name__ == "__main__":
    main()
