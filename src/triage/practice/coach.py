"""What to practise next, and where a player stands on each pitfall.

A thin layer over `triage.store.mastery` (whose docstring has the formulas): it reads the player's
plays from the store, turns a loaded catalog into what `pick_next` expects, and shapes ratings and
score trends into a `Profile` that the profile screen and `triage history profile` show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from triage.practice.history import pitfall_title
from triage.practice.labmastery import (
    LabStanding,
    PitfallAlerting,
    alerting_by_pitfall,
    alerting_cell,
    lab_standings,
)
from triage.store import Store, StoreError, default_player
from triage.store.mastery import (
    PitfallMastery,
    RandomSource,
    chronological,
    fold_scores,
    mastery_rows,
    pick_for,
    pick_next,
)

if TYPE_CHECKING:
    from triage.store.summaries import ScoredPlay
from triage.text.plot import sparkline
from triage.text.safe import clean_line

WEAK_BELOW, STRONG_FROM = 45.0, 70.0
"""Rating bands for the words beside a rating: weak below 45, strong from 70."""


def catalog_entries(catalog: Any) -> list[dict[str, Any]]:
    """`{id, pitfall, difficulty}` for every incident in a `Catalog`, or in an iterable of
    `LoadedIncident`s or `Incident`s."""
    items = catalog.incidents.values() if hasattr(catalog, "incidents") else catalog
    entries = []
    for item in items:
        incident = getattr(item, "incident", item)
        entries.append({"id": incident.id, "pitfall": incident.pitfall,
                        "difficulty": incident.difficulty})
    return sorted(entries, key=lambda entry: entry["id"])


def player_plays(player: str | None, store: Store | None = None) -> list[ScoredPlay]:
    """Every play of `player` (default: the OS user) as mastery reads it, oldest first: the
    incident, pitfall, difficulty, score and end time, nothing more (`store.summaries`).

    Raises StoreError (or ValueError for a row that will not decode) when the database cannot
    be read; callers that must carry on regardless catch them."""
    from triage.store.summaries import scored_plays

    who = player or default_player()
    if store is not None:
        return scored_plays(store, who)[0]
    with Store(quick_check=False) as own:
        return scored_plays(own, who)[0]


def next_incident(
    catalog: Any,
    player: str | None,
    rng: RandomSource,
    *,
    store: Store | None = None,
    plays: Sequence[Any] | None = None,
) -> str:
    """The id of the incident `player` should practise next (what "Start" on the home screen plays).

    Weak pitfalls come up more often, unseen incidents before repeats, and the difficulty follows
    the player's rating. `catalog` is a `Catalog` (or incidents); `rng` anything with `random()`.
    Without `plays`, the ratings come from the mastery kept in the database
    (`store.masterycache`, the same floats as folding every play) and two small queries give the
    incidents played and the last one, so the pick does not read the whole history. When the
    history cannot be read the pick is made as for a new player, since a damaged database must
    not stop anyone from playing. Raises ValueError for an empty catalog.
    """
    aliases = getattr(catalog, "aliases", None) or {}
    if plays is None:
        try:
            current, seen, last = _kept_standing(player or default_player(), store)
        except (StoreError, ValueError):
            current, seen, last = {}, set(), None
        # A play stored under an incident's former id counts as a play of that incident.
        seen = {aliases.get(ident, ident) for ident in seen}
        last = aliases.get(last, last) if last is not None else None
        return pick_for(catalog_entries(catalog), current, seen, last, rng)
    if aliases:
        plays = [_renamed(p, aliases[p.incident_id]) if p.incident_id in aliases else p
                 for p in plays]
    return pick_next(catalog_entries(catalog), plays, rng)


def _kept_standing(player: str, store: Store | None
                   ) -> tuple[dict[str, float], set[str], str | None]:
    """Each pitfall's rating (kept mastery), the incidents played and the last one."""
    from triage.store.masterycache import player_mastery
    from triage.store.summaries import played_and_last

    def read(own: Store) -> tuple[dict[str, float], set[str], str | None]:
        folded, _ = player_mastery(own, player)
        seen, last = played_and_last(own, player)
        return {pitfall: kept.rating for pitfall, kept in folded.items()}, seen, last

    if store is not None:
        return read(store)
    with Store(quick_check=False) as own:
        return read(own)


def _renamed(play: Any, incident_id: str) -> Any:
    """The play as a play of `incident_id` (a light row or a record)."""
    if hasattr(play, "_replace"):
        return play._replace(incident_id=incident_id)
    from dataclasses import replace

    return replace(play, incident_id=incident_id)


class Standing(NamedTuple):
    """One pitfall for one player: rating (0..100, 50 when unrated), plays, recent scores."""

    pitfall: str
    title: str
    rating: float
    plays: int
    trend: list[float] = []  # never changed: shared safely
    """Scores of the most recent plays, oldest first (plain floats, ready for a Sparkline)."""
    alerting: PitfallAlerting | None = None
    """How the player's alert rules did on this pitfall's lab incidents (beside the rating,
    not in it: see `triage.practice.labmastery`)."""

    @property
    def rated(self) -> bool:
        """False until the pitfall has been played."""
        return self.plays > 0

    @property
    def band(self) -> str:
        """`new`, `weak`, `fair` or `strong`."""
        if not self.rated:
            return "new"
        if self.rating < WEAK_BELOW:
            return "weak"
        return "strong" if self.rating >= STRONG_FROM else "fair"

    def as_json(self) -> dict[str, Any]:
        """The standing as a JSON object."""
        return {"pitfall": self.pitfall, "title": self.title, "rating": round(self.rating, 1),
                "rated": self.rated, "band": self.band, "plays": self.plays,
                "trend": list(self.trend),
                "alert_labs": self.alerting.as_json() if self.alerting else None}


class Profile(NamedTuple):
    """A player's standing on every pitfall, weakest first among the rated ones."""

    player: str
    standings: list[Standing]
    labs: list[LabStanding] = []  # never changed: shared safely
    """The player's alert-lab results, a row per lab."""

    @property
    def total_plays(self) -> int:
        """How many plays the profile is built from."""
        return sum(standing.plays for standing in self.standings)

    @property
    def missed_in_labs(self) -> list[Standing]:
        """Pitfalls whose lab incidents the player's alert rules keep missing."""
        return [s for s in self.standings if s.alerting is not None and s.alerting.keeps_missing]

    @property
    def weakest(self) -> Standing | None:
        """The rated pitfall with the lowest rating, if any has been played."""
        rated = [standing for standing in self.standings if standing.rated]
        return min(rated, key=lambda standing: standing.rating) if rated else None

    def as_json(self) -> dict[str, Any]:
        """The profile as a JSON object."""
        weakest = self.weakest
        return {"player": self.player, "plays": self.total_plays,
                "weakest": weakest.pitfall if weakest else None,
                "pitfalls": [standing.as_json() for standing in self.standings],
                "labs": [lab.as_json() for lab in self.labs]}


def build_profile(
    player: str, plays: Iterable[Any], pitfalls: Iterable[str] = (),
    lab_results: Iterable[Any] = (),
) -> Profile:
    """The profile from a player's plays; `pitfalls` adds unrated rows (e.g. the catalog's);
    `lab_results` (`triage.store.labs.LabResult`s) add the labs and, beside each pitfall, how
    the player's alert rules did on its lab incidents."""
    ordered = ((play.pitfall, play.difficulty, play.score) for play in chronological(plays))
    return profile_of_mastery(player, fold_scores(ordered, {}), pitfalls, lab_results)


def profile_of_mastery(
    player: str, folded: Mapping[str, PitfallMastery], pitfalls: Iterable[str] = (),
    lab_results: Iterable[Any] = (),
) -> Profile:
    """`build_profile` from each played pitfall's mastery (`store.masterycache` keeps it)."""
    results = list(lab_results)
    alerting = alerting_by_pitfall(results)
    rows = mastery_rows(folded, [*pitfalls, *alerting])
    standings = [Standing(row.pitfall, pitfall_title(row.pitfall), row.rating, row.plays,
                          list(row.trend), alerting.get(row.pitfall)) for row in rows]
    # Played pitfalls first, weakest first, so the eye lands on what needs work.
    standings.sort(key=lambda s: (not s.rated, s.rating if s.rated else 0.0, s.title))
    return Profile(player, standings, lab_standings(results))


def render_profile_text(profile: Profile) -> str:
    """The profile as a terminal table with a sparkline of recent scores per pitfall; with lab
    results, a column of the pitfall's lab incidents caught and a table of the labs (80
    columns either way)."""
    count = profile.total_plays
    lines = [f"Mastery of {clean_line(profile.player)} ({count} play{'s' if count != 1 else ''})",
             ""]
    labs = any(standing.alerting for standing in profile.standings)
    title, spark = (28, 14) if labs else (30, 20)
    column = f"{'ALERT LABS':<11}  " if labs else ""
    lines.append(f"{'PITFALL':<{title}} {'RATING':>6}  {'BAND':<6} {'PLAYS':>5}  {column}"
                 "RECENT SCORES")
    for standing in profile.standings:
        rating = f"{standing.rating:.0f}" if standing.rated else "-"
        trend = sparkline(standing.trend, spark, 0.0, 100.0) if standing.trend else ""
        cell = f"{alerting_cell(standing.alerting):<11}  " if labs else ""
        lines.append(f"{standing.title[:title]:<{title}} {rating:>6}  {standing.band:<6} "
                     f"{standing.plays:>5}  {cell}{trend}".rstrip())
    weakest = profile.weakest
    if weakest is not None:
        lines += ["", f"Weakest: {weakest.title} ({weakest.rating:.0f}). Start, on the game's "
                  "home screen, picks weak pitfalls more often."]
    lines += lab_lines(profile)
    return "\n".join(lines) + "\n"


def lab_lines(profile: Profile) -> list[str]:
    """The alert-lab part of the text profile: the pitfalls the player's rules keep missing,
    and a row per lab (best, replays, last score and recall); empty without lab results."""
    if not profile.labs:
        return []
    import textwrap

    lines = []
    missing = profile.missed_in_labs
    if missing:
        named = ", ".join(f"{s.title} ({alerting_cell(s.alerting).rstrip('!')})"
                          for s in missing)
        lines += ["", *textwrap.wrap(clean_line(
            f"Your alert rules keep missing: {named} (over each lab's last 3 replays). "
            "Ratings are for diagnosing; a lab's misses are listed beside them, not counted "
            "in them."), 80)]
    lines += ["", f"{'ALERT LAB':<30} {'BEST':>6} {'REPLAYS':>8} {'LAST':>6} {'RECALL':>7}"]
    for lab in profile.labs:
        recall = "-" if lab.last_recall is None else f"{lab.last_recall:.2f}"
        lines.append(clean_line(f"{lab.lab_id[:30]:<30} {lab.best:>6.1f} {lab.replays:>8} "
                                f"{lab.last:>6.1f} {recall:>7}"))
    return lines
