"""Benchmark the practice database: save 1,000 plays, list history, open, check, rate mastery.

Run: `python benchmarks/bench_store.py [--plays N] [--dir DIR]`. Each save is its own durable
transaction (WAL + synchronous=FULL), as in the game, so the save figure includes one fsync per
play; pass `--dir` to measure on a particular disk (the default is a temporary directory).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

from triage.store import PlayRecord, Store
from triage.store.mastery import mastery, pick_next

T = TypeVar("T")
PITFALLS = ("training_divergence", "silent_degradation", "miscalibration", "train_prod_mismatch")


def make_play(n: int, rnd: random.Random) -> PlayRecord:
    """A realistic play: ~60 actions, a full breakdown, one of three players."""
    ended = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=17 * n)
    actions = [
        {"at": i * 0.75, "kind": rnd.choice(["open_panel", "query_logs", "ask", "hint"]),
         "target": f"panel-{rnd.randint(1, 12)}", "detail": "x" * rnd.randint(0, 40)}
        for i in range(rnd.randint(30, 90))
    ]  # fmt: skip
    return PlayRecord(
        player=("ana", "ben", "cho")[n % 3],
        incident_id=f"incident-{n % 24}",
        incident_hash="f" * 64,
        pitfall=PITFALLS[n % 4],
        difficulty=1 + n % 5,
        seed=n,
        actions=actions,
        score=rnd.randint(0, 100),
        grade="B",
        breakdown={"diagnosis": 30, "remediation": 25, "evidence": 10, "speed": 8.5, "brier": 0.12},
        started_at=ended - timedelta(minutes=14),
        ended_at=ended,
    )


def timed(label: str, action: Callable[[], T], count: int = 1) -> T:
    """Run `action`, print how long it took (and per item when `count` > 1), return its result."""
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    per = f"  ({elapsed / count * 1000:.2f} ms each)" if count > 1 else ""
    print(f"{label:<42} {elapsed * 1000:9.1f} ms{per}")
    return result


def main() -> None:
    """Print timings for the store's common operations."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plays", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    rnd = random.Random(1)
    records = [make_play(n, rnd) for n in range(args.plays)]
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "triage.db"
        store = timed("create a fresh database", lambda: Store(path).open())

        def save_all() -> None:
            for record in records:
                store.save_play(record)

        timed(f"save {args.plays} plays (one transaction each)", save_all, args.plays)
        store.close()
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"{'database size (with -wal)':<42} {size / 1024:9.1f} KiB")
        store = timed("reopen (quick_check + migrate check)", lambda: Store(path).open())
        everything = timed("list all plays", store.list_plays)
        timed("list one player's last 20", lambda: store.list_plays(player="ana", limit=20))
        ana = timed("list one player's plays", lambda: store.list_plays(player="ana"))
        timed("players()", store.players)
        timed("check() (integrity + checksums)", store.check)
        timed("mastery table for one player", lambda: mastery(ana, PITFALLS))
        catalog = [
            {"id": f"incident-{i}", "pitfall": PITFALLS[i % 4], "difficulty": 1 + i % 5}
            for i in range(24)
        ]
        timed("pick_next over one player's plays", lambda: pick_next(catalog, ana, rnd))
        store.close()
        assert len(everything) == args.plays


if __name__ == "__main__":
    main()
