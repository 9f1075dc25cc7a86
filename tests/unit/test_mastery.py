"""Mastery: ratings that follow results (recent ones most), trends, and what to practise next."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from triage.store import PlayRecord, Store
from triage.store.mastery import (
    START_RATING,
    mastery,
    pick_next,
    rating,
    ratings,
    score_trend,
    target_difficulty,
    update_rating,
)

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Play:
    """The fields mastery reads, without the rest of a PlayRecord."""

    incident_id: str
    pitfall: str
    difficulty: int
    score: int
    ended_at: datetime


def history(pitfall: str, scores: list[int], difficulty: int = 3, start: int = 0) -> list[Play]:
    """Plays of `pitfall`, one an hour from `start` hours after T0, on made-up incidents."""
    return [
        Play(
            f"{pitfall}-old-{start + n}",
            pitfall,
            difficulty,
            score,
            T0 + timedelta(hours=start + n),
        )
        for n, score in enumerate(scores)
    ]


@dataclass(frozen=True)
class Entry:
    """A catalog entry given as an object rather than a dict."""

    id: str
    pitfall: str
    difficulty: int


# -- ratings --------------------------------------------------------------------------------------


def test_an_unplayed_pitfall_is_unrated_at_50() -> None:
    assert rating([], "miscalibration") == START_RATING == 50.0
    (row,) = mastery([], pitfalls=["miscalibration"])
    assert row.rating == 50.0 and not row.rated and row.trend == []


def test_the_rating_rises_with_good_results_and_falls_with_bad_ones() -> None:
    good, bad = history("drift", [90] * 6), history("drift", [15] * 6)
    assert rating(good, "drift") > 70
    assert rating(bad, "drift") < 30
    climbing = [rating(good[: n + 1], "drift") for n in range(6)]
    assert climbing == sorted(climbing)
    recovered = rating(bad + history("drift", [95] * 6, start=6), "drift")
    assert recovered > rating(bad, "drift") + 30


def test_the_rating_stays_within_0_and_100() -> None:
    assert 95 <= rating(history("p", [100] * 300, difficulty=5), "p") <= 100
    assert 0 <= rating(history("p", [0] * 300, difficulty=1), "p") <= 5


def test_the_same_score_counts_for_more_on_a_harder_incident() -> None:
    easy = rating(history("p", [80] * 3, difficulty=1), "p")
    hard = rating(history("p", [80] * 3, difficulty=5), "p")
    assert hard > easy + 10


def test_recent_plays_weigh_more_whatever_order_plays_arrive_in() -> None:
    improving = history("p", [20] * 8 + [90] * 8)
    slipping = history("p", [90] * 8 + [20] * 8)
    random.Random(3).shuffle(improving)
    assert rating(improving, "p") > rating(slipping, "p") + 30


def test_statistically_the_rating_tracks_the_last_plays_more_than_the_first() -> None:
    rng = random.Random(11)
    finals, first_means, last_means = [], [], []
    for _ in range(300):
        scores = [rng.randint(0, 100) for _ in range(20)]
        finals.append(rating(history("p", scores), "p"))
        first_means.append(statistics.fmean(scores[:5]))
        last_means.append(statistics.fmean(scores[-5:]))
    assert statistics.correlation(finals, last_means) > 0.6
    assert abs(statistics.correlation(finals, first_means)) < 0.2


def test_pitfalls_are_rated_separately() -> None:
    plays = history("a", [95] * 5) + history("b", [10] * 5, start=5)
    rated = ratings(plays)
    assert rated["a"] > 60 > 40 > rated["b"]


def test_every_way_of_rating_gives_the_same_floats_as_one_play_at_a_time() -> None:
    # `history profile` (mastery) and the Practise pick (ratings) each fold the plays their own
    # faster way; a player must see the same rating on both, to the last bit.
    rng = random.Random(5)
    plays = [Play(f"i{n}", rng.choice("abc"), rng.randint(0, 7), rng.randint(-20, 130),
                  T0 + timedelta(minutes=n)) for n in range(2000)]
    folded: dict[str, float] = {}
    for play in plays:
        folded[play.pitfall] = update_rating(folded.get(play.pitfall, START_RATING),
                                             play.difficulty, play.score)
    assert ratings(plays) == folded
    assert {row.pitfall: row.rating for row in mastery(plays)} == folded


def test_the_trend_is_recent_scores_oldest_first_as_floats() -> None:
    plays = history("a", [10, 20, 30, 40]) + history("b", [99], start=10)
    random.Random(1).shuffle(plays)
    assert score_trend(plays, "a") == [10.0, 20.0, 30.0, 40.0]
    assert all(type(value) is float for value in score_trend(plays, "a"))
    assert score_trend(plays, "a", limit=2) == [30.0, 40.0]
    assert score_trend(plays, "missing") == []
    rows = {row.pitfall: row for row in mastery(plays, pitfalls=["c"])}
    assert rows["a"].plays == 4 and rows["a"].trend == [10.0, 20.0, 30.0, 40.0]
    assert rows["c"].rating == 50.0 and not rows["c"].rated


def test_mastery_reads_plays_straight_from_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "triage.db") as store:
        for n, score in enumerate([60, 85, 95]):
            ended = T0 + timedelta(hours=n)
            store.save_play(PlayRecord("ana", f"i{n}", "h", "drift", 3, n, [], score, "B", {},
                                       ended, ended))  # fmt: skip
        plays = store.list_plays(player="ana")
    assert score_trend(plays, "drift") == [60.0, 85.0, 95.0]
    assert rating(plays, "drift") > 50


# -- what next ------------------------------------------------------------------------------------

CATALOG = [
    {"id": f"{pitfall}-{level}", "pitfall": pitfall, "difficulty": level}
    for pitfall in ("weak", "strong")
    for level in (1, 3, 5)
]


def picks(catalog: list, plays: list[Play], seed: int = 5, count: int = 2000) -> Counter[str]:
    rng = random.Random(seed)
    return Counter(pick_next(catalog, plays, rng) for _ in range(count))


def test_weak_pitfalls_come_up_more_often_but_strong_ones_still_appear() -> None:
    seen_all = [
        Play(entry["id"], entry["pitfall"], entry["difficulty"], 50, T0 - timedelta(days=30))
        for entry in CATALOG
    ]
    plays = seen_all + history("weak", [15] * 6) + history("strong", [98] * 6, start=6)
    counts = picks(CATALOG, plays)
    weak = sum(n for incident, n in counts.items() if incident.startswith("weak"))
    assert weak / 2000 > 0.7
    assert 2000 - weak > 20


def test_unseen_incidents_come_before_repeats() -> None:
    catalog = [{"id": f"i{n}", "pitfall": "p", "difficulty": 3} for n in range(5)]
    played = [Play(f"i{n}", "p", 3, 70, T0 + timedelta(hours=n)) for n in range(3)]
    assert set(picks(catalog, played, count=500)) == {"i3", "i4"}
    everything = played + [Play(f"i{n}", "p", 3, 70, T0 + timedelta(hours=n)) for n in (3, 4)]
    repeats = picks(catalog, everything, count=500)
    assert set(repeats) == {"i0", "i1", "i2", "i3"}  # all of them, but not the one just played


def test_a_pitfall_with_unplayed_incidents_is_favoured_at_equal_rating() -> None:
    catalog = [{"id": "a1", "pitfall": "a", "difficulty": 3}, {"id": "b1", "pitfall": "b",
               "difficulty": 3}]  # fmt: skip
    counts = picks(catalog, [Play("a1", "a", 3, 50, T0)])
    assert counts["b1"] > 1.6 * counts["a1"]


def test_the_difficulty_offered_follows_the_rating() -> None:
    catalog = [Entry(f"d{level}", "p", level) for level in range(1, 6)]
    novice = history("p", [5] * 8, difficulty=1)
    expert = history("p", [100] * 12, difficulty=5)
    assert target_difficulty(rating(novice, "p")) < 1.5
    assert target_difficulty(rating(expert, "p")) > 4.5

    def mean_level(plays: list[Play]) -> float:
        counts = picks(catalog, plays, count=1000)
        return sum(int(i[1]) * n for i, n in counts.items()) / 1000

    assert mean_level(novice) < 1.9
    assert mean_level([]) < 1.9  # a newcomer starts on easy incidents
    assert mean_level(expert) > 4.1


def test_picking_is_deterministic_for_a_seed_and_accepts_numpy_generators() -> None:
    rng_a, rng_b = random.Random(9), random.Random(9)
    first = [pick_next(CATALOG, [], rng_a) for _ in range(50)]
    assert first == [pick_next(CATALOG, [], rng_b) for _ in range(50)]
    assert len(set(first)) > 3
    gen_a, gen_b = np.random.default_rng(4), np.random.default_rng(4)
    from_numpy = [pick_next(CATALOG, [], gen_a) for _ in range(50)]
    assert from_numpy == [pick_next(CATALOG, [], gen_b) for _ in range(50)]
    assert set(from_numpy) <= {entry["id"] for entry in CATALOG}


def test_an_empty_catalog_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        pick_next([], [], random.Random(0))

