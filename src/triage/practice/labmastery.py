"""Alert-lab results beside mastery: best score per lab, and what a lab's incidents say about
each pitfall.

A lab result (`triage.store.labs`) is one replay of a player's rules. Each stored replay since
lab results record their incidents carries, per incident, its pitfall and whether the rules
caught it while it was on. Two views are drawn from them:

- **Per lab**: the best score, how many replays, the last score and the last recall.
- **Per pitfall**: over each lab's most recent `RECENT` replays, how many of the incidents of
  that pitfall the player's rules caught. A pitfall whose lab incidents are caught less than
  half the time (over at least two incidents) is one the player's alerts *keep missing*.

These figures are listed beside the pitfall's rating, never folded into it. The rating measures
diagnosing and fixing an incident that has already paged (an Elo against its difficulty, and it
steers what "Practise" picks); a lab measures whether the player's rules page at all, and has no
difficulty to rate against. Folding a missed drift alert into the input-drift rating would send
the player to diagnose drift incidents, which does not train writing the rule that would have
caught it. Listing both side by side shows the gap where it is: "diagnoses input drift well,
never alerts on it".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

RECENT = 3
"""How many of a lab's most recent replays count towards the per-pitfall view."""

KEEP_MISSING_BELOW = 0.5
"""A pitfall whose lab incidents are caught less often than this (over at least two) is one the
player's alert rules keep missing."""


class LabStanding(NamedTuple):
    """One lab for one player: best score, number of replays, the last replay's score and
    recall."""

    lab_id: str
    best: float
    replays: int
    last: float
    last_recall: float | None

    def as_json(self) -> dict[str, Any]:
        """The standing as a JSON object."""
        return {"lab": self.lab_id, "best": round(self.best, 1), "replays": self.replays,
                "last": round(self.last, 1), "last_recall": self.last_recall}


class PitfallAlerting(NamedTuple):
    """How a player's alert rules did on one pitfall's lab incidents (recent replays)."""

    pitfall: str
    caught: int
    incidents: int
    labs: tuple[str, ...]

    @property
    def share(self) -> float:
        """The share of those incidents caught while on."""
        return self.caught / self.incidents if self.incidents else 0.0

    @property
    def keeps_missing(self) -> bool:
        """True when the rules caught under half of at least two such incidents."""
        return self.incidents >= 2 and self.share < KEEP_MISSING_BELOW

    def as_json(self) -> dict[str, Any]:
        """The figures as a JSON object."""
        return {"caught": self.caught, "incidents": self.incidents, "labs": list(self.labs),
                "keeps_missing": self.keeps_missing}


def incident_fates(figures: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """`(pitfall, caught)` for each incident a stored result's figures record; empty for a
    result stored before results recorded their incidents, or for damaged figures."""
    fates = []
    for entry in figures.get("incidents") or ():
        if isinstance(entry, Mapping) and isinstance(entry.get("pitfall"), str):
            fates.append((entry["pitfall"], bool(entry.get("caught"))))
    return fates


def _by_lab(results: Iterable[Any]) -> dict[str, list[Any]]:
    """Results grouped by lab, each group newest first (results arrive in any order)."""
    groups: dict[str, list[Any]] = {}
    for result in results:
        groups.setdefault(result.lab_id, []).append(result)
    for group in groups.values():
        group.sort(key=lambda r: (str(r.ended_at), r.id), reverse=True)
    return groups


def lab_standings(results: Iterable[Any]) -> list[LabStanding]:
    """A row per lab the player has replayed rules against, by lab id. `results` are
    `LabResult`s (anything with `id`, `lab_id`, `score`, `figures` and `ended_at`)."""
    rows = []
    for lab_id, group in sorted(_by_lab(results).items()):
        recall = group[0].figures.get("recall")
        rows.append(LabStanding(lab_id, max(r.score for r in group), len(group), group[0].score,
                                recall if isinstance(recall, int | float) else None))
    return rows


def alerting_by_pitfall(results: Iterable[Any], recent: int = RECENT
                        ) -> dict[str, PitfallAlerting]:
    """Per pitfall, how many of its lab incidents the rules caught over each lab's `recent`
    newest replays that record their incidents."""
    caught: dict[str, int] = {}
    seen: dict[str, int] = {}
    labs: dict[str, set[str]] = {}
    for lab_id, group in _by_lab(results).items():
        recorded = [r for r in group if incident_fates(r.figures)][:max(recent, 1)]
        for result in recorded:
            for pitfall, hit in incident_fates(result.figures):
                seen[pitfall] = seen.get(pitfall, 0) + 1
                caught[pitfall] = caught.get(pitfall, 0) + int(hit)
                labs.setdefault(pitfall, set()).add(lab_id)
    return {pitfall: PitfallAlerting(pitfall, caught[pitfall], seen[pitfall],
                                     tuple(sorted(labs[pitfall])))
            for pitfall in sorted(seen)}


def player_lab_results(store: Any, player: str) -> list[Any]:
    """Every lab result of `player` (newest first); raises StoreError like any store read."""
    from triage.store.labs import lab_results

    return lab_results(store, player, None, limit=1_000_000)


def alerting_cell(alerting: PitfallAlerting | None) -> str:
    """`caught 1/4` (with `!` when the rules keep missing it), or an empty string."""
    if alerting is None:
        return ""
    mark = "!" if alerting.keeps_missing else ""
    return f"caught {alerting.caught}/{alerting.incidents}{mark}"
