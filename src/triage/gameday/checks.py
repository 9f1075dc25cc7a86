"""Load and validate game-day plans, with every problem at its `path:line:col`.

Plans are checked in three passes, like incidents: YAML syntax (`load_yaml`), the shape of each
key (pydantic, rewritten by `problems_from_validation_error`), then the rules that tie the plan
together: unique team names, exactly one of `incident`, `pick` and `lab` per round, and incidents
and labs that exist (ids in the built-in pack or the plan's `incident_dirs`, paths relative to the
plan).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.gameday.plan import SCHEMA_ID, GamePlan
from triage.gameday.resolve import Finding, ResolvedRound, resolve_plan
from triage.model.error_mapping import problems_from_validation_error
from triage.model.strictness import SchemaErrors, validate_model
from triage.model.yamlsource import Document, Problem, YamlError, format_loc, load_yaml


class PlanError(Exception):
    """A plan that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadedPlan:
    """A valid plan, where it came from, and its rounds resolved to incidents."""

    plan: GamePlan
    path: Path
    rounds: list[ResolvedRound]


def _structure(plan: GamePlan) -> list[Finding]:
    findings = []
    seen: dict[str, int] = {}
    for index, team in enumerate(plan.teams):
        key = team.strip().casefold()
        if key in seen:
            findings.append(Finding(("teams", index),
                                    f"team '{team}' is listed twice (also item {seen[key] + 1})"))
        seen.setdefault(key, index)
    for index, spec in enumerate(plan.rounds):
        given = [key for key in ("incident", "pick", "lab") if getattr(spec, key) is not None]
        if len(given) > 1:
            findings.append(Finding(("rounds", index, given[1]),
                                    f"give one of 'incident', 'pick' and 'lab', not "
                                    f"'{given[0]}' and '{given[1]}'"))
        elif not given:
            findings.append(Finding(("rounds", index),
                                    "a round needs 'incident: ID|PATH', 'pick: {pitfall, "
                                    "difficulty}' or 'lab: LAB_ID|PATH'"))
        elif spec.lab is not None and spec.hints is not None:
            findings.append(Finding(("rounds", index, "hints"),
                                    "a lab round has no hints; leave 'hints' out"))
    return findings


def _problems(findings: list[Finding], document: Document, label: str) -> list[Problem]:
    problems = []
    for finding in findings:
        line, col = document.position(finding.loc)
        problems.append(Problem(label, line, col, format_loc(finding.loc), finding.message))
    return problems


def check_plan_document(
    document: Document, label: str, *, base_dir: Path | None = None,
    extra_dirs: Sequence[Path] = (),
) -> tuple[GamePlan | None, list[ResolvedRound], list[Problem]]:
    """Validate a parsed plan; return the plan and its rounds (when valid) and every problem."""
    base = base_dir if base_dir is not None else Path(label).parent
    try:  # no lax coercion (`seed: "7"` is text), as in the schema and in incidents
        plan = validate_model(GamePlan, document.data)
    except SchemaErrors as error:
        return None, [], problems_from_validation_error(error, document, label, model=GamePlan)
    findings = _structure(plan)
    rounds: list[ResolvedRound] = []
    if not findings:
        rounds, findings = resolve_plan(plan, base, extra_dirs)
    problems = sorted(_problems(findings, document, label), key=lambda p: (p.line, p.col))
    return (plan, rounds, []) if not problems else (None, [], problems)


def validate_plan_document(document: Document, label: str) -> list[Problem]:
    """Every problem in a parsed plan (an empty list when it is valid)."""
    return check_plan_document(document, label)[2]


def validate_plan_kind(document: Document, label: str) -> Any:
    """The `triage validate` hook for `schema: triage/gameday@1` (returns a `KindResult`)."""
    from triage.authoring.validation import KindResult

    plan, _, problems = check_plan_document(document, label)
    return KindResult(problems, None, plan)


def load_plan(path: Path | str, extra_dirs: Sequence[Path] = ()) -> LoadedPlan:
    """Load, validate and resolve a plan file, or raise PlanError with every problem."""
    path = Path(path)
    try:
        document = load_yaml(path)
    except YamlError as error:
        raise PlanError(error.problems) from None
    schema = document.data.get("schema") if isinstance(document.data, dict) else None
    if isinstance(schema, str) and schema.startswith("triage/incident"):
        line, col = document.position(("schema",))
        raise PlanError([Problem(str(path), line, col, "schema",
                                 f"this is an incident file; a game-day plan starts with "
                                 f"'schema: {SCHEMA_ID}'")])
    plan, rounds, problems = check_plan_document(document, str(path), base_dir=path.parent,
                                                 extra_dirs=extra_dirs)
    if plan is None:
        raise PlanError(problems)
    return LoadedPlan(plan, path, rounds)
