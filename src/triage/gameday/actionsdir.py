"""Read a directory of actions files for a headless game day (`gameday run --headless`).

The layout is one folder per team and one actions file per round, numbered from 1::

    plays/
      red/round-1.yaml
      red/round-2.yaml
      blue/round-1.yaml

In a lab round (`lab:` in the plan) the team's file for that round is its alert rules, a
Prometheus rules file as `triage lab alerts LAB --rules FILE` reads it, checked against the
round's lab. A missing file is a team that let the clock run out (in a lab round: no rules).
Every file is checked against its round's incident or lab before anything is played, and every
problem is reported with its position; a folder or file name that matches no team or round is a
problem too, so a typo never silently scores zero.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from triage.engine.actionfile import ActionFileError, load_actions
from triage.engine.actions import Action
from triage.gameday.labround import LabRules, is_lab, load_round_lab, rules_for
from triage.gameday.resolve import ResolvedRound
from triage.lab.load import LabError
from triage.model.crossref import suggest
from triage.model.loader import load_incident
from triage.model.yamlsource import Problem

if TYPE_CHECKING:
    from triage.lab.model import Lab

_ROUND_FILE = re.compile(r"^round-(\d+)\.ya?ml$")


def load_actions_dir(
    directory: Path, teams: Sequence[str], rounds: Sequence[ResolvedRound],
) -> dict[tuple[str, int], list[Action] | LabRules]:
    """Actions (in a lab round, rules) by (team, 0-based round), or ActionFileError carrying
    every problem."""
    problems: list[Problem] = []
    found: dict[tuple[str, int], list[Action] | LabRules] = {}
    by_folded = {team.casefold(): team for team in teams}
    incidents = {r.index: load_incident(r.path).incident for r in rounds if not is_lab(r)}
    labs = {r.index: load_round_lab(r) for r in rounds if is_lab(r)}
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        team = by_folded.get(folder.name.casefold())
        if team is None:
            problems.append(Problem(str(folder), 1, 1, "", f"no team named '{folder.name}' in "
                                    f"the plan{suggest(folder.name, teams)}"))
            continue
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            match = _ROUND_FILE.match(path.name)
            number = int(match.group(1)) if match else 0
            if not 1 <= number <= len(rounds):
                problems.append(Problem(str(path), 1, 1, "", (
                    f"expected files named round-1.yaml to round-{len(rounds)}.yaml, one per "
                    "round of the plan")))
                continue
            if number - 1 in labs:
                try:
                    found[(team, number - 1)] = rules_file(path, labs[number - 1])
                except LabError as error:
                    problems.extend(error.problems)
                continue
            try:
                found[(team, number - 1)] = load_actions(path, incidents[number - 1],
                                                         rounds[number - 1].seed)
            except ActionFileError as error:
                problems.extend(error.problems)
    if problems:
        raise ActionFileError(problems)
    return found


def rules_file(path: Path, lab: Lab) -> LabRules:
    """A team's rules file for a lab round, checked against the lab; LabError with positions
    (an unreadable file is one problem at line 1)."""
    from triage.fileio import read_regular

    try:
        data = read_regular(path, 1_000_000)[0]
    except OSError as error:
        raise LabError([Problem(str(path), 1, 1, "", f"cannot read it: "
                                f"{error.strerror or error}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LabError([Problem(str(path), 1, 1, "", "not UTF-8 text")]) from None
    return rules_for(lab, text, str(path))
