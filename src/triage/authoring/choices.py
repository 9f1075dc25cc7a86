"""`triage check`: what the other remediations score against the ideal path.

Each seed's ideal play is replayed up to its remediation and finished with another option: one
that also resolves must earn the top grade too (they are alternatives), and a harmful one must
score lower than the ideal path. Every replay starts from the seed's shared world
(`triage.authoring.worlds`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from triage.authoring.checkresult import HIDDEN, CheckResult, seeds_text
from triage.authoring.worlds import SharedWorlds

TOP_GRADE = "A"


def before_fix(run: Any) -> list[Any]:
    """The ideal play of this seed up to (not including) its remediation."""
    return [item.action for item in run.ideal.log if item.action.kind != "remediate"]


def _score_with(worlds: SharedWorlds, run: Any, option: str) -> int:
    """The score of the seed's ideal play finished with `option` instead of its own fix."""
    from triage.engine.actions import remediate
    from triage.engine.scoring import score_lines, total_score

    session = worlds.play(run.seed, [*before_fix(run), remediate(option)])
    return total_score(score_lines(session))


def alternatives(worlds: SharedWorlds, runs: Sequence[Any]) -> Iterator[CheckResult]:
    """Every other option that resolves earns the top grade on the seeds where it resolves."""
    from triage.engine.scoring import grade_for

    options = dict.fromkeys(
        option for run in runs for option in run.ideal.incident.resolving_remediations[1:])
    for option in options:
        scores = {run.seed: _score_with(worlds, run, option) for run in runs
                  if option in run.ideal.incident.resolving_remediations}
        weak = {seed: score for seed, score in scores.items() if grade_for(score) != TOP_GRADE}
        seed, score = min(weak.items(), key=lambda item: item[1], default=(None, 0))
        yield CheckResult(f"resolving {option} earns {TOP_GRADE}", not weak,
                          f"seed {seed} scores {score} ({grade_for(score)})" if weak
                          else f"as the ideal path does ({seeds_text(list(scores))})",
                          public=(f"another resolving option earns {TOP_GRADE}", HIDDEN))


def harmful_lower(worlds: SharedWorlds, runs: Sequence[Any]) -> Iterator[CheckResult]:
    """Every harmful option scores below the ideal path on the seeds where it is harmful."""
    harmful = list(dict.fromkeys(r.id for run in runs for r in run.ideal.incident.remediations
                                 if r.effect == "harmful"))
    if not harmful:
        yield CheckResult("harmful remediations score lower", True,
                          "no harmful remediation to compare (adding one makes a better game)")
        return
    for option in harmful:
        name = f"harmful {option} scores lower"
        worse = []
        for run in runs:
            if option not in {r.id for r in run.ideal.incident.remediations
                              if r.effect == "harmful"}:
                continue
            score = _score_with(worlds, run, option)
            if score >= run.score:
                worse.append(f"seed {run.seed}: {score} vs ideal {run.score}")
        public = ("a harmful option scores lower", HIDDEN)
        if worse:
            yield CheckResult(name, False, "scores as well as the ideal path: " + worse[0],
                              public=public)
        else:
            seeds = seeds_text([r.seed for r in runs])
            yield CheckResult(name, True, f"below the ideal path ({seeds})", public=public)
