"""What `triage validate` and `triage check` do with a lab file.

`check` proves, for each seed, what the issue asks of every lab: the history is the same on a
second run; the reference rules catch every incident; a rule set that pages on any movement has
a precision under 0.3 and a poor score (under a third of the reference's); and no rules at all
catch nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from triage.lab.model import Lab
from triage.model.yamlsource import Document

ANY_MOVEMENT_PRECISION = 0.3
"""A rule set that pages on any movement must stay under this precision."""


def validate_lab_kind(document: Document, label: str) -> Any:
    """The `triage validate` hook for `schema: triage/lab@1` (returns a `KindResult`)."""
    from triage.authoring.results import KindResult
    from triage.lab.load import check_lab_document

    data = document.data if isinstance(document.data, dict) else {}
    lab_id = data.get("id") if isinstance(data.get("id"), str) else None
    lab, problems = check_lab_document(document, label)
    return KindResult(problems, lab_id, lab)


def check_lab(lab: Lab, seeds: list[int]) -> list[Any]:
    """The lab's checks as `CheckResult`s, one per claim, over every seed."""
    from triage.authoring.checkresult import CheckResult
    from triage.lab.baselines import any_movement_rules, empty_rules
    from triage.lab.history import simulate
    from triage.lab.load import reference_rules
    from triage.lab.replay import replay

    reference = reference_rules(lab)
    same, missed, noisy, caught_by_empty = [], [], [], []
    scores: list[tuple[float, float, float]] = []
    for seed in seeds:
        history = simulate(lab, seed)
        again = simulate(lab, seed)
        if any(not np.array_equal(history.series[k], again.series[k]) for k in history.series):
            same.append(seed)
        ours = replay(history, reference)
        missed += [f"{c.incident.id} (seed {seed})" for c in ours.catches if not c.caught]
        loud = replay(history, any_movement_rules(history)).overall
        precision = loud.precision or 0.0
        if precision >= ANY_MOVEMENT_PRECISION or loud.score >= ours.overall.score / 3:
            noisy.append(f"seed {seed}: precision {loud.precision or 0:.2f}, score "
                         f"{loud.score:.1f}")
        if replay(history, empty_rules()).overall.recall > 0:
            caught_by_empty.append(seed)
        scores.append((ours.overall.score, loud.precision or 0.0, loud.score))
    ref_scores = ", ".join(f"{s[0]:.1f}" for s in scores)
    return [
        CheckResult("deterministic", not same, "the same seed gives the same history"
                    if not same else f"seeds {same} differ between two runs"),
        CheckResult("the reference catches every incident", not missed,
                    f"{len(lab.incidents)} incidents on {len(seeds)} seeds; scores {ref_scores}"
                    if not missed else "missed: " + ", ".join(missed)),
        CheckResult("paging on any movement scores badly", not noisy,
                    "precision " + ", ".join(f"{s[1]:.2f}" for s in scores) + "; score "
                    + ", ".join(f"{s[2]:.1f}" for s in scores)
                    if not noisy else "; ".join(noisy)),
        CheckResult("no rules catch nothing", not caught_by_empty,
                    "recall 0" if not caught_by_empty else f"seeds {caught_by_empty}"),
    ]
