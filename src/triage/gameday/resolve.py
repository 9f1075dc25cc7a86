"""Turn a plan's rounds into concrete incidents, and describe a run the way the store keeps it.

A round names its incident by id, by path, or by a `pick` filter. Resolving happens once, when a
run is created, and the result (incident ids, file paths, seeds, limits, weights) is stored with
the run, so every team, every browser tab and the report all see the same rounds even if the
catalog changes during the day. Picks are reproducible: the same plan and catalog always give
the same incidents, and a pick avoids incidents other rounds already play when it can.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from triage.gameday.plan import GamePlan, Pick
from triage.model.crossref import suggest
from triage.model.loader import IncidentError, LoadedIncident, load_incident
from triage.model.pack import YAML_SUFFIXES, Catalog, load_catalog, yaml_files

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class ResolvedRound:
    """A round with its incident chosen: everything a turn needs, as plain values."""

    index: int
    title: str
    incident_id: str
    incident_title: str
    pitfall: str
    difficulty: int
    path: str
    seed: int
    time_limit: float
    """Wall-clock minutes each team has."""
    weight: float
    hints: bool
    kind: str = "incident"
    """`incident`, or `lab` for a lab round (`incident_id`, `incident_title` and `path` are then
    the lab's; runs stored before lab rounds have no `kind` and are incident rounds)."""

    def as_json(self) -> dict[str, Any]:
        """The round as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ResolvedRound:
        """Read a round back from `as_json` output."""
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


@dataclass(frozen=True)
class RunInfo:
    """A game-day run: its id, title, teams, resolved rounds and scoring weights."""

    run_id: str
    title: str
    teams: tuple[str, ...]
    rounds: tuple[ResolvedRound, ...]
    weights: dict[str, float]
    description: str = ""
    source: str = ""

    def as_json(self) -> dict[str, Any]:
        """What the store keeps as the run's plan."""
        return {"format": "triage/gameday-run@1", "title": self.title,
                "description": self.description, "teams": list(self.teams),
                "rounds": [r.as_json() for r in self.rounds], "weights": dict(self.weights),
                "source": self.source}

    @classmethod
    def from_json(cls, run_id: str, data: dict[str, Any]) -> RunInfo:
        """Read a run back from the store's copy of `as_json` output."""
        return cls(run_id, data["title"], tuple(data["teams"]),
                   tuple(ResolvedRound.from_json(r) for r in data["rounds"]),
                   dict(data["weights"]), data.get("description", ""), data.get("source", ""))

    def team_order(self, round_index: int) -> list[str]:
        """The order teams play a round: the plan's order, rotated by one each round."""
        shift = round_index % len(self.teams)
        return list(self.teams[shift:] + self.teams[:shift])

    def team_named(self, name: str) -> str | None:
        """The team whose name matches `name` (ignoring case), or None."""
        return next((t for t in self.teams if t.casefold() == name.casefold()), None)


@dataclass(frozen=True)
class Finding:
    """A problem found while resolving: where in the plan, and what."""

    loc: Loc
    message: str


def _is_path(ref: str, base_dir: Path) -> bool:
    return Path(ref).suffix in YAML_SUFFIXES or "/" in ref or (base_dir / ref).is_file()


def _matches(loaded: LoadedIncident, pick: Pick) -> bool:
    incident = loaded.incident
    if pick.pitfall is not None and incident.pitfall != pick.pitfall:
        return False
    if pick.difficulty is None:
        return True
    low, high = (pick.difficulty, pick.difficulty) if isinstance(pick.difficulty, int) \
        else pick.difficulty
    return low <= incident.difficulty <= high


def _describe(pick: Pick) -> str:
    parts = [f"pitfall {pick.pitfall}"] if pick.pitfall else []
    if isinstance(pick.difficulty, int):
        parts.append(f"difficulty {pick.difficulty}")
    elif pick.difficulty is not None:
        parts.append(f"difficulty {pick.difficulty[0]}-{pick.difficulty[1]}")
    return " and ".join(parts) or "any incident"


def escapes(path: Path, base_dir: Path) -> bool:
    """True when `path`, symbolic links followed, lies outside the plan's folder `base_dir`."""
    try:
        return not path.resolve().is_relative_to(base_dir.resolve())
    except (OSError, RuntimeError):  # a link loop, or a path the system cannot resolve
        return True


def _links_out(directory: Path, base_dir: Path) -> list[str]:
    """The YAML files found under `directory` (as the catalog would find them) that are links
    leading out of `base_dir`, relative to `directory`: they would let a shared plan read any
    file the facilitator can read."""
    return [str(path.relative_to(directory)) for path in yaml_files([directory])
            if escapes(path, base_dir)]


def plan_dirs(plan: GamePlan, base_dir: Path, extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """The plan's `incident_dirs` (relative to the plan) plus any extra directories."""
    return [base_dir / d for d in plan.incident_dirs] + list(extra_dirs)


def resolve_plan(
    plan: GamePlan, base_dir: Path, extra_dirs: Sequence[Path] = (),
    catalog: Catalog | None = None,
) -> tuple[list[ResolvedRound], list[Finding]]:
    """Choose each round's incident; return the rounds (complete only without findings)."""
    findings: list[Finding] = []
    dirs = plan_dirs(plan, base_dir, extra_dirs)
    refused = []
    for index, directory in enumerate(dirs[: len(plan.incident_dirs)]):
        if escapes(directory, base_dir):
            findings.append(Finding(("incident_dirs", index), f"{plan.incident_dirs[index]} "
                                    "leads out of the plan's folder (through a link)"))
            refused.append(directory)
        elif not directory.is_dir():
            findings.append(Finding(("incident_dirs", index), f"no such directory: {directory}"))
        else:
            leaks = _links_out(directory, base_dir)
            if leaks:
                findings.append(Finding(("incident_dirs", index), (
                    f"{plan.incident_dirs[index]} holds {leaks[0]}, a link that leads out of the "
                    "plan's folder" + (f" (and {len(leaks) - 1} more)" if len(leaks) > 1 else "")
                    + "; copy the file in, or pass its folder with --dir instead")))
                refused.append(directory)
    dirs = [d for d in dirs if d not in refused]
    needs_catalog = any(r.pick is not None or (r.incident and not _is_path(r.incident, base_dir))
                        for r in plan.rounds)
    if catalog is None and needs_catalog:
        catalog = load_catalog([d for d in dirs if d.is_dir()])
    chosen: list[LoadedIncident | None] = [None] * len(plan.rounds)
    labs = _labs(plan, base_dir, dirs, findings)
    for index, spec in enumerate(plan.rounds):
        if spec.incident is not None and spec.pick is None:
            chosen[index] = _by_ref(spec.incident, base_dir, catalog, index, findings)
    for index, spec in enumerate(plan.rounds):
        if spec.pick is not None and spec.incident is None and catalog is not None:
            used = {c.incident.id for c in chosen if c is not None}
            chosen[index] = _by_pick(spec.pick, spec.seed, index, catalog, used, findings)
    rounds = []
    for index, (spec, loaded) in enumerate(zip(plan.rounds, chosen, strict=True)):
        if index in labs:
            rounds.append(labs[index])
        if loaded is None:
            continue
        rounds.append(ResolvedRound(
            index, plan.round_title(index), loaded.incident.id, loaded.incident.title,
            loaded.incident.pitfall, loaded.incident.difficulty, str(loaded.path.resolve()),
            spec.seed, float(spec.time_limit), spec.weight, plan.hints_allowed(index)))
    seen: dict[tuple[str, int], int] = {}
    for resolved in rounds:
        key = (resolved.incident_id, resolved.seed)
        if key in seen:
            findings.append(Finding(("rounds", resolved.index, "seed"), (
                f"round {resolved.index + 1} plays '{resolved.incident_id}' with the same seed "
                f"as round {seen[key] + 1}; give it another seed")))
        seen.setdefault(key, resolved.index)
    return rounds, findings


def _labs(plan: GamePlan, base_dir: Path, dirs: list[Path], findings: list[Finding]
          ) -> dict[int, ResolvedRound]:
    """The plan's lab rounds, resolved (`triage.gameday.labround`), by round index."""
    if not any(spec.lab is not None for spec in plan.rounds):
        return {}
    from triage.gameday.labround import lab_paths, lab_round, resolve_lab

    known = lab_paths(dirs)
    resolved = {}
    for index, spec in enumerate(plan.rounds):
        if spec.lab is None or spec.incident is not None or spec.pick is not None:
            continue
        found = resolve_lab(spec.lab, base_dir, dirs, index, findings, known)
        if found is not None:
            resolved[index] = lab_round(index, plan.round_title(index), *found, spec.seed,
                                        spec.time_limit, spec.weight)
    return resolved


def plan_file(ref: str, base_dir: Path, loc: Loc, findings: list[Finding],
              noun: str) -> Path | None:
    """The file a round names by path, relative to the plan; None (with the finding) when it
    leads out of the plan's folder or is not there."""
    path = base_dir / ref
    if escapes(path, base_dir):
        findings.append(Finding(loc, f"{ref} leads out of the plan's folder (through a link)"))
        return None
    if not path.is_file():
        findings.append(Finding(loc, f"no {noun} file at {path}"))
        return None
    return path


def _by_ref(ref: str, base_dir: Path, catalog: Catalog | None, index: int,
            findings: list[Finding]) -> LoadedIncident | None:
    loc: Loc = ("rounds", index, "incident")
    if _is_path(ref, base_dir):
        path = plan_file(ref, base_dir, loc, findings, "incident")
        if path is None:
            return None
        try:
            return load_incident(path)
        except IncidentError as error:
            first = error.problems[0].format() if error.problems else "it is invalid"
            findings.append(Finding(loc, f"the incident file is not valid: {first}"))
            return None
    assert catalog is not None
    found = catalog.resolve_id(ref)
    if found is not None:
        return catalog.incidents[found]
    findings.append(Finding(loc, f"no incident with id '{ref}'{suggest(ref, catalog.incidents)}"))
    return None


def _by_pick(pick: Pick, seed: int, index: int, catalog: Catalog, used: set[str],
             findings: list[Finding]) -> LoadedIncident | None:
    low_high = (pick.difficulty,) * 2 if isinstance(pick.difficulty, int) else pick.difficulty
    if low_high is not None:
        low, high = low_high
        if not (1 <= low <= 5 and 1 <= high <= 5) or low > high:
            findings.append(Finding(("rounds", index, "pick", "difficulty"),
                                    "difficulty is from 1 to 5, or a range [low, high]"))
            return None
    candidates = [x for x in catalog.sorted() if _matches(x, pick)]
    if not candidates:
        findings.append(Finding(("rounds", index, "pick"),
                                f"no incident in the catalog matches {_describe(pick)}"))
        return None
    fresh = [x for x in candidates if x.incident.id not in used] or candidates
    fresh.sort(key=lambda x: x.incident.id)
    return random.Random(seed * 100 + index).choice(fresh)
