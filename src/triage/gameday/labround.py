"""Lab rounds: a game-day round in which every team writes alert rules for the same alert lab.

A plan's round may name a lab instead of an incident (`lab: support-bot-alerts`, or a path
relative to the plan). Every team gets the same lab and seed, studies the same training week
and submits one rules file; the history is replayed against it and the round's points are the
lab score (0-100, see `triage.lab.replay`), times the round's `weight`. The plan's per-part
weights do not apply: a lab score has no diagnosis or evidence part, so the round weighs it as
a whole.

A team's submission is stored as an ordinary lab result (`triage.store.labs`) under the team's
game-day player `TEAM@RUN`, like the team's plays, so it never counts towards anyone's own
mastery, and the board and the report read it back from the store. Only a team's first result
of the round counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.gameday.records import TurnResult, TurnSummary
from triage.gameday.resolve import Finding, Loc, ResolvedRound, RunInfo, plan_file
from triage.model.crossref import suggest

if TYPE_CHECKING:
    from triage.lab.history import History
    from triage.lab.load import RuleSet
    from triage.lab.model import Lab

LAB_KIND = "lab"
"""`ResolvedRound.kind` of a lab round."""

FIGURES = ("precision", "recall", "median_delay_minutes", "worst_delay_minutes",
           "pages_per_week", "tickets_per_week", "harm_before_detection", "action_fit", "score")
"""The lab figures a team's lab round keeps for the board and the report."""


@dataclass(frozen=True)
class LabRules:
    """A team's submission for a lab round: the rules as written and as parsed."""

    text: str
    rules: RuleSet
    source: str


def _is_path(ref: str, base_dir: Path) -> bool:
    return Path(ref).suffix in (".yaml", ".yml") or "/" in ref or (base_dir / ref).is_file()


def lab_paths(dirs: Iterable[Path] = ()) -> dict[str, Path]:
    """Every valid lab among the built-in labs and `dirs`, by id (the first of an id wins)."""
    from triage.lab.load import LabError, builtin_labs_dir, lab_files, load_lab

    found: dict[str, Path] = {}
    for path in lab_files([builtin_labs_dir(), *(d for d in dirs if d.is_dir())]):
        try:
            lab = load_lab(path)
        except LabError:
            continue
        found.setdefault(lab.id, path)
    return found


def resolve_lab(ref: str, base_dir: Path, dirs: list[Path], index: int,
                findings: list[Finding], known: dict[str, Path] | None = None
                ) -> tuple[Lab, Path] | None:
    """The lab a round names (an id among the built-in labs and the plan's folders, or a path
    relative to the plan), or None after adding why not to `findings`."""
    from triage.lab.load import LabError, load_lab

    loc: Loc = ("rounds", index, "lab")
    if _is_path(ref, base_dir):
        found = plan_file(ref, base_dir, loc, findings, "lab")
        if found is None:
            return None
        path = found
    else:
        known = known if known is not None else lab_paths(dirs)
        if ref not in known:
            findings.append(Finding(loc, f"no lab with id '{ref}'{suggest(ref, known)}; "
                                         "'triage lab list' shows them"))
            return None
        path = known[ref]
    try:
        return load_lab(path), path
    except LabError as error:
        first = error.problems[0].format() if error.problems else "it is invalid"
        findings.append(Finding(loc, f"the lab file is not valid: {first}"))
        return None


def lab_round(index: int, title: str, lab: Lab, path: Path, seed: int, time_limit: float,
              weight: float) -> ResolvedRound:
    """The resolved form of a lab round (the lab's id and title where an incident's go)."""
    return ResolvedRound(index, title, lab.id, lab.title, "", 0, str(path.resolve()), seed,
                         float(time_limit), weight, False, LAB_KIND)


def is_lab(spec: ResolvedRound) -> bool:
    """Whether a resolved round is a lab round."""
    return spec.kind == LAB_KIND


def load_round_lab(spec: ResolvedRound) -> Lab:
    """The lab of a lab round, from the path stored with the run (else by id); LabError or
    KeyError when it cannot be had."""
    from triage.lab.load import LabError, find_lab, load_lab

    try:
        return load_lab(spec.path)
    except LabError:
        return find_lab(spec.incident_id)


def rules_for(lab: Lab, text: str, label: str) -> LabRules:
    """A team's rules checked against the lab; LabError (every problem at its position)."""
    from triage.lab.load import rules_from_text

    return LabRules(text, rules_from_text(text, lab, label), label)


def no_rules(label: str = "no rules") -> LabRules:
    """A team that submitted nothing: an empty rule set (it catches nothing, scores 0)."""
    from triage.lab.load import RuleSet

    return LabRules("", RuleSet((), (), label), label)


def lab_result(spec: ResolvedRound, team: str, figures: dict[str, Any], submitted: bool,
               result_id: int | None = None) -> TurnResult:
    """The turn result of a team's lab round: the lab score as the score, the figures kept."""
    from triage.engine.scoring_parts import grade_for

    score = float(figures.get("score") or 0.0)
    summary = TurnSummary(timed_out=not submitted)
    kept = {name: figures.get(name) for name in FIGURES}
    kept["caught"] = sum(1 for i in figures.get("incidents") or () if i.get("caught"))
    kept["incidents"] = len(figures.get("incidents") or ())
    return TurnResult(spec.index, team, spec.incident_id, spec.seed, round(score, 1),
                      grade_for(int(round(score))), {}, summary, result_id, lab=kept)


def play_lab_turn(history: History, spec: ResolvedRound, team: str, rules: LabRules | None,
                  store: Any, run_id: str) -> tuple[TurnResult, Exception | None]:
    """Replay a team's rules over the round's history, store the result under the team, and
    return it (with the StoreError, if the store refused it; the result stands regardless)."""
    from triage.lab.record import lab_hash, result_figures
    from triage.lab.replay import replay
    from triage.store.recording import team_player

    submitted = rules is not None
    rules = rules if rules is not None else no_rules()
    figures = result_figures(replay(history, rules.rules))
    result_id, failure = None, None
    if store is not None:
        from triage.store.errors import StoreError
        from triage.store.labs import save_lab_result

        try:
            result_id = save_lab_result(store, team_player(run_id, team), history.lab.id,
                                        lab_hash(history.lab), spec.seed, rules.text, figures)
        except StoreError as error:
            failure = error
    return lab_result(spec, team, figures, submitted, result_id), failure


def lab_results_from_store(run: RunInfo, store: Any) -> list[TurnResult]:
    """Each team's first stored result of each lab round of the run."""
    from triage.store.labs import lab_results
    from triage.store.recording import team_player

    results = []
    for spec in (r for r in run.rounds if is_lab(r)):
        for team in run.teams:
            mine = [r for r in lab_results(store, team_player(run.run_id, team),
                                           spec.incident_id, limit=1000) if r.seed == spec.seed]
            if mine:
                first = min(mine, key=lambda r: (r.ended_at, r.id))
                results.append(lab_result(spec, team, first.figures, bool(first.rules.strip()),
                                          first.id))
    return results


def tabs_refusal(run: RunInfo) -> str | None:
    """Why browser tabs (`triage serve`, `gameday join`) cannot play this run, or None.

    A lab round needs the rules editor and the training week's sparklines, which the team tab
    does not have; rather than a tab that half works, a plan with a lab round is refused there
    and runs hot-seat (`triage gameday run PLAN`) or headless instead."""
    labs = [spec for spec in run.rounds if is_lab(spec)]
    if not labs:
        return None
    numbers = ", ".join(str(spec.index + 1) for spec in labs)
    return (f"round{'s' if len(labs) > 1 else ''} {numbers} of '{run.title}' "
            f"{'are lab rounds' if len(labs) > 1 else 'is a lab round'} "
            f"('lab: {labs[0].incident_id}'), and browser tabs cannot play lab rounds yet: "
            "run the plan hot-seat with 'triage gameday run PLAN', or headless with "
            "'triage gameday run PLAN --headless --actions-dir DIR'")


def tabs_problems(loaded: Any) -> list[Any]:
    """A `LoadedPlan`'s lab rounds as problems at their `lab:` key, for `triage serve`
    (empty when the plan has none)."""
    from triage.gameday.resolve import RunInfo
    from triage.model.yamlsource import Problem, YamlError, load_yaml

    run = RunInfo("", loaded.plan.title, (), tuple(loaded.rounds), {})
    refusal = tabs_refusal(run)
    if refusal is None:
        return []
    first = next(spec for spec in run.rounds if is_lab(spec))
    try:
        line, col = load_yaml(loaded.path).position(("rounds", first.index, "lab"))
    except YamlError:
        line, col = 1, 1
    return [Problem(str(loaded.path), line, col, f"rounds[{first.index}].lab", refusal)]


def team_in_run(run_id: str, team: str) -> str:
    """The player `TEAM@RUN` a team's lab results are stored under, for `triage lab alerts
    --gameday RUN --team NAME`; LookupError (with the closest names) for an unknown run or team,
    StoreError when the practice database cannot be read."""
    from triage.store import Store
    from triage.store.recording import team_player

    with Store(quick_check=False) as store:
        stored = store.get_gameday_run(run_id)
        known = [r.id for r in store.list_gameday_runs()] if stored is None else []
    if stored is None:
        raise LookupError(f"no game-day run '{run_id}'{suggest(run_id, known)}; "
                          "'triage gameday list' lists them")
    teams = [str(t) for t in stored.plan.get("teams", [])]
    name = next((t for t in teams if t.casefold() == team.casefold()), None)
    if name is None:
        raise LookupError(f"no team '{team}' in run {run_id}{suggest(team, teams)}; teams: "
                          f"{', '.join(teams)}")
    return team_player(run_id, name)
