"""Per-pitfall mastery, score trends and what to practise next: pure functions over stored plays.

**Rating.** Each pitfall has a rating from 0 to 100; a pitfall never played is *unrated* and counts
as 50. The rating is Elo-like, played against the incident's difficulty. Difficulty levels 1..5
sit on the same scale at ``D = 20 * difficulty - 10`` (1 -> 10, 3 -> 50, 5 -> 90). Taking a
player's plays of that pitfall oldest first, starting from ``R = 50``::

    expected = 1 / (1 + 10 ** ((D - R) / 40))       # the score fraction you "should" get, 0..1
    R = clamp(R + 24 * (score / 100 - expected), 0, 100)

So a play moves the rating up when you score better than expected for that difficulty and down
when worse, by at most 24 points. Beating a hard incident is worth more than acing an easy one:
steadily scoring 90 settles near 88 on difficulty 3 but only near 48 on difficulty 1. Recent plays
weigh most: every later play shrinks an earlier play's influence by roughly 12 to 35 percent, so
the rating mostly reflects your last three to ten plays of that pitfall.

**Trend.** The scores (0..100, as floats) of a pitfall's most recent plays, oldest first.

**What next** (`pick_next`), in three draws from one random source:

1. a pitfall, with weight ``(110 - rating) * (2 if it has incidents you have not played else 1)``,
   so weak and unexplored pitfalls come up more often, strong ones still now and then;
2. its incidents you have never played, if any; otherwise all of them except the one played last;
3. one of those, with weight ``exp(-(difficulty - target) ** 2 / 2)`` where
   ``target = (rating + 10) / 20`` is the level at which you are expected to score 50%; for a
   pitfall you have never played the target is level 1, so a newcomer starts gently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence, Set
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from datetime import datetime

START_RATING = 50.0
K_FACTOR = 24.0
SCALE = 40.0
MIN_DIFFICULTY, MAX_DIFFICULTY = 1, 5
FORMULA_VERSION = 1
"""Bump when the rating or the trend changes: ratings kept in the database under another
version (`triage.store.masterycache`) are then worked out again from every play."""


class PlayLike(Protocol):
    """What mastery reads from a play (`PlayRecord` and `StoredPlay` both fit)."""

    @property
    def incident_id(self) -> str: ...
    @property
    def pitfall(self) -> str: ...
    @property
    def difficulty(self) -> int: ...
    @property
    def score(self) -> int: ...
    @property
    def ended_at(self) -> datetime: ...


class RandomSource(Protocol):
    """Anything with `random() -> float` in [0, 1): `random.Random` or `numpy.random.Generator`."""

    def random(self) -> float: ...


class PitfallMastery(NamedTuple):
    """One pitfall's standing for a player: rating, number of plays and recent scores (a named
    tuple: `history profile` imports no `dataclasses`)."""

    pitfall: str
    rating: float
    plays: int
    trend: list[float]

    @property
    def rated(self) -> bool:
        """False until the player has played this pitfall at least once."""
        return self.plays > 0


def difficulty_rating(difficulty: int) -> float:
    """Where a difficulty level sits on the 0..100 rating scale: 20 * difficulty - 10."""
    level = min(max(int(difficulty), MIN_DIFFICULTY), MAX_DIFFICULTY)
    return 20.0 * level - 10.0


def expected_score(rating: float, difficulty: int) -> float:
    """The score fraction (0..1) a player with `rating` is expected to get at `difficulty`."""
    return 1.0 / (1.0 + 10.0 ** ((difficulty_rating(difficulty) - rating) / SCALE))


def update_rating(rating: float, difficulty: int, score: float) -> float:
    """The rating after one play scoring `score` (0..100) on an incident of `difficulty`."""
    result = min(max(float(score), 0.0), 100.0) / 100.0
    moved = rating + K_FACTOR * (result - expected_score(rating, difficulty))
    return min(max(moved, 0.0), 100.0)


def target_difficulty(rating: float) -> float:
    """The (fractional) difficulty level at which a player with `rating` expects to score 50%."""
    return min(max((rating + 10.0) / 20.0, float(MIN_DIFFICULTY)), float(MAX_DIFFICULTY))


def chronological(plays: Iterable[PlayLike]) -> list[PlayLike]:
    """Plays oldest first (by end time, then id), whatever order they came in."""
    plays = list(plays)
    if all(hasattr(play, "ended_ts") for play in plays):  # light rows: no datetime to build
        return sorted(plays, key=attrgetter("ended_ts", "id"))
    return sorted(plays, key=lambda play: (_ended_ts(play), getattr(play, "id", 0)))


def _ended_ts(play: PlayLike) -> float:
    """When the play ended, in POSIX seconds: a light row from the store has it as `ended_ts`
    (no datetime to build), a record as `ended_at`."""
    ended = getattr(play, "ended_ts", None)
    return float(ended) if ended is not None else play.ended_at.timestamp()


def ratings(plays: Iterable[PlayLike]) -> dict[str, float]:
    """The rating of every pitfall that appears in `plays` (one player's plays)."""
    return _ratings_in_order(chronological(plays))


def _ratings_in_order(history: Sequence[PlayLike]) -> dict[str, float]:
    """`ratings` of plays already oldest first: `update_rating` over them, written out inline
    (the same operations in the same order, so the same floats) because the "Practise" pick runs
    it over every play the player has."""
    current: dict[str, float] = {}
    get = current.get
    for play in history:
        rating = get(play.pitfall, START_RATING)
        level = 20.0 * min(max(int(play.difficulty), MIN_DIFFICULTY), MAX_DIFFICULTY) - 10.0
        result = min(max(float(play.score), 0.0), 100.0) / 100.0
        moved = rating + K_FACTOR * (result - 1.0 / (1.0 + 10.0 ** ((level - rating) / SCALE)))
        current[play.pitfall] = min(max(moved, 0.0), 100.0)
    return current


def rating(plays: Iterable[PlayLike], pitfall: str) -> float:
    """One pitfall's rating; 50 when it has never been played."""
    return ratings(play for play in plays if play.pitfall == pitfall).get(pitfall, START_RATING)


def score_trend(plays: Iterable[PlayLike], pitfall: str, limit: int = 20) -> list[float]:
    """The scores of the last `limit` plays of `pitfall`, oldest first, as plain floats."""
    scores = [float(play.score) for play in chronological(plays) if play.pitfall == pitfall]
    return scores[-limit:] if limit > 0 else []


def mastery(
    plays: Iterable[PlayLike], pitfalls: Iterable[str] = (), trend_limit: int = 20
) -> list[PitfallMastery]:
    """A row per pitfall played, plus any listed in `pitfalls` (unrated), sorted by pitfall id."""
    ordered = ((play.pitfall, play.difficulty, play.score) for play in chronological(plays))
    return mastery_of_scores(ordered, pitfalls, trend_limit)


def mastery_of_scores(
    scores: Iterable[tuple[str, int, int]], pitfalls: Iterable[str] = (), trend_limit: int = 20
) -> list[PitfallMastery]:
    """`mastery` of plays given as (pitfall, difficulty, score), already oldest first."""
    return mastery_rows(fold_scores(scores, {}, trend_limit), pitfalls)


def fold_scores(
    scores: Iterable[tuple[str, int, int]], so_far: Mapping[str, PitfallMastery],
    trend_limit: int = 20,
) -> dict[str, PitfallMastery]:
    """Each pitfall's mastery after the plays in `so_far` and then `scores` ((pitfall,
    difficulty, score), oldest first): folding plays in two goes gives the same floats as in
    one (`store.masterycache` keeps the first go in the database)."""
    by_pitfall: dict[str, list[tuple[int, int]]] = {}
    for pitfall, difficulty, score in scores:
        own = by_pitfall.get(pitfall)
        if own is None:
            own = by_pitfall[pitfall] = []
        own.append((difficulty, score))
    folded = dict(so_far)
    for pitfall, own in by_pitfall.items():
        before = folded.get(pitfall)
        start, count, trend = (before.rating, before.plays, before.trend) if before else \
            (START_RATING, 0, [])
        recent = [*trend, *(float(score) for _, score in own[-trend_limit:])][-trend_limit:] \
            if trend_limit > 0 else []
        folded[pitfall] = PitfallMastery(pitfall, _rating_of(own, start), count + len(own),
                                         recent)
    return folded


def mastery_rows(folded: Mapping[str, PitfallMastery], pitfalls: Iterable[str] = ()
                 ) -> list[PitfallMastery]:
    """The rows of `folded`, plus any pitfall in `pitfalls` not played (unrated), sorted by id."""
    rows = dict(folded)
    for pitfall in pitfalls:
        if pitfall not in rows:
            rows[pitfall] = PitfallMastery(pitfall, START_RATING, 0, [])
    return [rows[pitfall] for pitfall in sorted(rows)]


def _rating_of(plays: Sequence[tuple[int, int]], rating: float = START_RATING) -> float:
    """The rating after (difficulty, score) plays of one pitfall, oldest first, from `rating`
    (50 before the first play): the operations of `update_rating` in the same order (so the
    same floats), with each (difficulty, score) pair's level and fraction worked out once and
    the clamp written out (a first `history profile` runs this over every play)."""
    k_factor, scale = K_FACTOR, SCALE
    parts: dict[tuple[int, int], tuple[float, float]] = {}
    for play in plays:
        part = parts.get(play)
        if part is None:
            difficulty, score = play
            part = parts[play] = (difficulty_rating(difficulty),
                                  min(max(float(score), 0.0), 100.0) / 100.0)
        level, result = part
        moved = rating + k_factor * (result - 1.0 / (1.0 + 10.0 ** ((level - rating) / scale)))
        rating = 0.0 if moved < 0.0 else 100.0 if moved > 100.0 else moved
    return rating


def _field(entry: Any, name: str) -> Any:
    return entry[name] if isinstance(entry, Mapping) else getattr(entry, name)


def _draw(weights: Sequence[float], rng: RandomSource) -> int:
    """Index drawn with probability proportional to `weights` (one call to `rng.random()`)."""
    total = sum(weights)
    point = float(rng.random()) * total
    running = 0.0
    for index, weight in enumerate(weights):
        running += weight
        if point < running:
            return index
    return len(weights) - 1


def pick_next(catalog: Iterable[Any], plays: Iterable[PlayLike], rng: RandomSource) -> str:
    """The id of the incident to practise next (see the module docstring for the rules).

    `catalog` holds objects or dicts with `id`, `pitfall` and `difficulty`; `plays` are the
    player's plays in any order. Deterministic for a given `rng` state.
    """
    history = chronological(plays)
    return pick_for(catalog, _ratings_in_order(history),
                    {play.incident_id for play in history},
                    history[-1].incident_id if history else None, rng)


def pick_for(catalog: Iterable[Any], current: Mapping[str, float], seen: Set[str],
             last: str | None, rng: RandomSource) -> str:
    """`pick_next` from what it reads off the plays: each pitfall's rating (`current`), the
    incidents played (`seen`) and the one played last, as a player's kept mastery gives them."""
    entries = [
        (str(_field(e, "id")), str(_field(e, "pitfall")), int(_field(e, "difficulty")))
        for e in catalog
    ]
    if not entries:
        raise ValueError("the catalog is empty: there is nothing to pick")
    pitfalls = sorted({pitfall for _, pitfall, _ in entries})
    weights = []
    for pitfall in pitfalls:
        unexplored = any(i not in seen for i, p, _ in entries if p == pitfall)
        weights.append((110.0 - current.get(pitfall, START_RATING)) * (2.0 if unexplored else 1.0))
    chosen = pitfalls[_draw(weights, rng)]

    own = [entry for entry in entries if entry[1] == chosen]
    pool = [entry for entry in own if entry[0] not in seen]
    if not pool:
        pool = [entry for entry in own if entry[0] != last] or own
    target = target_difficulty(current[chosen]) if chosen in current else float(MIN_DIFFICULTY)
    fits = [math.exp(-((difficulty - target) ** 2) / 2.0) for _, _, difficulty in pool]
    return pool[_draw(fits, rng)][0]
