"""Standings: round points from play scores, team totals, ranks, and a plain-text board.

A round's points are the play's score with the plan's weights applied to its parts, scaled so
that a perfect play is still worth 100, then multiplied by the round's weight. With every weight
at 1 the points equal the score. Only a team's first play of a round counts; teams that have not
played a round yet show a dash. Teams on equal points share a rank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from triage.gameday.labround import is_lab, lab_results_from_store
from triage.gameday.records import TurnResult, result_from_play
from triage.gameday.resolve import RunInfo
from triage.model.incident import Incident
from triage.text.safe import clean_line


def weighted_points(result: TurnResult, weights: Mapping[str, float], round_weight: float) -> float:
    """The points a result earns on the scoreboard (one decimal)."""
    parts = result.breakdown
    if not parts or all(float(w) == 1.0 for w in weights.values()):
        return round(result.score * round_weight, 1)
    earned = sum(weights.get(p, 1.0) * v["points"] for p, v in parts.items())
    best = sum(weights.get(p, 1.0) * v["max"] for p, v in parts.items())
    share = min(1.0, max(0.0, earned / best)) if best > 0 else 0.0
    # An unsupported diagnosis stays capped whatever the weights (the cap is a score out of 100).
    caps = [float(v["cap"]) for v in parts.values() if isinstance(v, dict) and "cap" in v]
    share = min([share, *(cap / 100.0 for cap in caps)])
    return round(100.0 * share * round_weight, 1)


@dataclass
class TeamStanding:
    """A team's place: rank, total points, and its result (or None) in every round."""

    team: str
    rank: int = 0
    total: float = 0.0
    points: list[float | None] = field(default_factory=list)
    results: list[TurnResult | None] = field(default_factory=list)

    @property
    def played(self) -> int:
        """How many rounds the team has played."""
        return sum(1 for r in self.results if r is not None)


@dataclass(frozen=True)
class TabPresence:
    """Whether a team has a live browser tab (`triage serve`), and the turn it is playing."""

    team: str
    connected: bool
    round_index: int | None = None
    """The round of the team's started, unfinished turn, if any."""
    seconds_left: float | None = None


@dataclass
class Standings:
    """The scoreboard of a run at one moment."""

    run: RunInfo
    teams: list[TeamStanding]
    tabs: tuple[TabPresence, ...] = ()
    """The teams' browser tabs, for a run served to tabs (the board shows who is connected)."""

    @property
    def complete(self) -> bool:
        """Whether every team has played every round."""
        return all(t.played == len(self.run.rounds) for t in self.teams)

    def round_complete(self, index: int) -> bool:
        """Whether every team has played round `index`."""
        return all(t.results[index] is not None for t in self.teams)

    def as_json(self) -> dict[str, Any]:
        """The standings as JSON-ready data."""
        return {
            "run": self.run.run_id, "title": self.run.title, "complete": self.complete,
            "rounds": [{"index": r.index + 1, "title": r.title, "kind": r.kind,
                        "incident": r.incident_id, "seed": r.seed, "weight": r.weight}
                       for r in self.run.rounds],
            "standings": [{"rank": t.rank, "team": t.team, "total": t.total,
                           "played": t.played, "points": t.points} for t in self.teams],
        }


def compute_standings(run: RunInfo, results: Iterable[TurnResult]) -> Standings:
    """Rank the teams from their results (the first result per team and round counts)."""
    by_team = {team: TeamStanding(team, points=[None] * len(run.rounds),
                                  results=[None] * len(run.rounds)) for team in run.teams}
    for result in results:
        standing = by_team.get(result.team)
        if standing is None or not 0 <= result.round_index < len(run.rounds):
            continue
        if standing.results[result.round_index] is not None:
            continue
        spec = run.rounds[result.round_index]
        standing.results[result.round_index] = result
        standing.points[result.round_index] = weighted_points(result, run.weights, spec.weight)
    for standing in by_team.values():
        standing.total = round(sum(p for p in standing.points if p is not None), 1)
    ordered = sorted(by_team.values(), key=lambda t: (-t.total, t.team.casefold()))
    for position, standing in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        standing.rank = previous.rank if previous and previous.total == standing.total \
            else position
    return Standings(run, ordered)


def results_from_store(run: RunInfo, store: Any,
                       incident_for: Callable[[int], Incident | None] | None = None,
                       cache: dict[int, TurnResult] | None = None) -> list[TurnResult]:
    """Every stored play of the run that belongs to one of its rounds, oldest first, then each
    team's first stored result of each lab round.

    `incident_for(round_index)` lets logs without minutes be replayed for their timeline;
    `cache` (by play id) keeps a live board from redoing that work on every refresh."""
    rounds = {(r.incident_id, r.seed): r.index for r in run.rounds}
    cache = cache if cache is not None else {}
    results = []
    for play in sorted(store.list_plays(gameday_run=run.run_id), key=lambda p: p.id):
        index = rounds.get((play.incident_id, play.seed))
        team = run.team_named(play.team or "")
        if index is None or team is None:
            continue
        if play.id not in cache:
            incident = incident_for(index) if incident_for is not None else None
            cache[play.id] = result_from_play(play, index, team, incident)
        results.append(cache[play.id])
    if any(is_lab(spec) for spec in run.rounds):
        results += lab_results_from_store(run, store)
    return results


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def render_board(standings: Standings) -> str:
    """The standings as a plain-text table, one column per round, and what each round is."""
    run = standings.run
    width = max([4] + [len(t.team) for t in standings.teams])
    heads = "".join(f"{'R' + str(r.index + 1):>7}" for r in run.rounds)
    lines = [f"{clean_line(run.title)}  (run {run.run_id})", "",
             f"{'#':>2}  {'TEAM':<{width}}  {heads}{'TOTAL':>8}"]
    for team in standings.teams:
        cells = "".join(f"{_cell(points):>7}" for points in team.points)
        lines.append(f"{team.rank:>2}  {team.team:<{width}}  {cells}{team.total:>8g}")
    lines.append("")
    for spec in run.rounds:
        done = sum(1 for t in standings.teams if t.results[spec.index] is not None)
        weight = f", x{spec.weight:g}" if spec.weight != 1 else ""
        kind = "alert lab: " if is_lab(spec) else ""
        lines.append(f"R{spec.index + 1} {clean_line(spec.title)}: {kind}"
                     f"{clean_line(spec.incident_title)} "
                     f"(seed {spec.seed}{weight}; {done}/{len(standings.teams)} played)")
    if standings.tabs:
        lines += ["", "Tabs: " + "; ".join(render_presence(t) for t in standings.tabs)]
    if standings.complete:
        leaders = [t.team for t in standings.teams if t.rank == 1]
        lines += ["", f"Final: {leaders[0]} wins." if len(leaders) == 1
                  else f"Final: a tie between {', '.join(leaders)}."]
    return "\n".join(lines) + "\n"


def render_presence(tab: TabPresence) -> str:
    """`red connected, round 2 in play (07:41 left)`, or `blue not connected`."""
    text = f"{tab.team} {'connected' if tab.connected else 'not connected'}"
    if tab.round_index is not None and tab.seconds_left is not None:
        left = int(-(-tab.seconds_left // 1))
        text += f", round {tab.round_index + 1} in play ({left // 60:02d}:{left % 60:02d} left)"
    return text
