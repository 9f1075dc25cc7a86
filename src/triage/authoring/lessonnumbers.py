"""`triage check`: the percentages the lesson quotes match what the player can see.

The debrief's texts (the incident's `debrief:` and every option's `explanation:`) are read after
a play, so a number in them must be one the player could have seen. For every seed the check
plays, each percentage written in those texts (`about 71%`) must come within `TOLERANCE` of a
reading of some `%` panel between an hour before the onset and the ideal path's decision; `over
80%` needs a reading at least that high, `under 1%` one at least that low. A number the player
only meets later, or never, fails the check: quote the play instead with a placeholder (`fell to
{accuracy@decision:0}`, `triage.model.quotes`), which the debrief fills with the play's own value.

A percentage that is not a panel's reading (a 2%% review sample) is written with `%%` and shown
with one `%`; the check leaves it alone, as it does the placeholders, which quote the play
itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from triage.authoring.checkresult import HIDDEN, CheckResult

if TYPE_CHECKING:
    from triage.engine.session import Session

NAME = "lesson numbers match the play"
PERCENT = re.compile(r"(?<![\w.])(?:(over|above|under|below)\s+)?(\d+(?:\.\d+)?)\s?%(?!%)")
"""A written percentage and the word before it that bounds it."""
ESCAPED = re.compile(r"\d(?:\.\d+)?\s?%%")
LEAD = 60
"""Minutes before the onset whose readings count."""


def tolerance(number: float) -> float:
    """How far a reading may be from a quoted percentage: 1.5 points, or 5% of it."""
    return max(1.5, 0.05 * number)


def _readable(session: Session) -> list[tuple[str, np.ndarray]]:
    """Each `%` panel's finite readings from an hour before the onset to the decision."""
    from triage.engine.whatif import decision_minute

    world = session.world
    start = max(0, int(world.onset) - LEAD)
    end = int(decision_minute(session)) + 1
    out = []
    for signal in session.incident.signals:
        if signal.unit.strip() != "%" or signal.id not in world.series:
            continue
        values = world.series[signal.id][start:end]
        values = values[np.isfinite(values)]
        if values.size:
            out.append((signal.id, values))
    return out


def _seen(number: float, bound: str | None, readings: list[tuple[str, np.ndarray]]) -> bool:
    slack = tolerance(number)
    for _, values in readings:
        low, high = float(values.min()), float(values.max())
        if bound in ("over", "above"):
            if high >= number - slack:
                return True
        elif bound in ("under", "below"):
            if low <= number + slack:
                return True
        elif low - slack <= number <= high + slack:
            return True
    return False


def unseen_percentages(session: Session) -> list[tuple[str, str, str]]:
    """`(where, the number as written, what the % panels read)` for every percentage in the
    play's filled lesson that no `%` panel showed before the decision."""
    from triage.model.quotes import PLACEHOLDER, filled_texts

    readings = _readable(session)
    if not readings:
        return []
    out = []
    for loc, raw in filled_texts(session.incident):
        # A placeholder quotes the play itself, so only numbers written by hand are checked.
        text = ESCAPED.sub("", PLACEHOLDER.sub("", raw))
        for match in PERCENT.finditer(text):
            if not _seen(float(match.group(2)), match.group(1), readings):
                number = float(match.group(2))
                nearest = sorted(readings, key=lambda item: min(
                    abs(float(item[1].min()) - number), abs(float(item[1].max()) - number)))
                spans = ", ".join(f"{name} {values.min():.1f}-{values.max():.1f}%"
                                  for name, values in nearest[:2])
                out.append((".".join(str(part) for part in loc), match.group(0).strip(), spans))
    return out


def lesson_number_checks(runs: Sequence[Any]) -> Iterator[CheckResult]:
    """One result: every percentage in the lesson was on a panel, seed by seed (`runs` hold
    each seed's ideal play as `.ideal` and its seed as `.seed`)."""
    problems: dict[tuple[str, str], tuple[list[int], str]] = {}
    for run in runs:
        for where, written, spans in unseen_percentages(run.ideal):
            seeds, _ = problems.setdefault((where, written), ([], spans))
            seeds.append(run.seed)
    if not problems:
        yield CheckResult(NAME, True, "every percentage the lesson quotes is on a % panel by the "
                          "ideal path's decision (or quoted from the play)")
        return
    (where, written), (seeds, spans) = next(iter(problems.items()))
    detail = (f"{where} says '{written}', but by the ideal path's decision (seed {seeds[0]}) "
              f"the % panels read {spans}; quote the play with a placeholder such as "
              "{SIGNAL@decision:0} (docs/authoring.md, 'Numbers in the lesson')")
    if len(problems) > 1:
        detail += f"; {len(problems) - 1} more like it"
    yield CheckResult(NAME, False, detail, public=(
        NAME, f"{len(problems)} percentage(s) in the lesson match no panel ({HIDDEN})"))
