"""Read a directory of actions files for a headless game day (`gameday run --headless`).

The layout is one folder per team and one actions file per round, numbered from 1::

    plays/
      red/round-1.yaml
      red/round-2.yaml
      blue/round-1.yaml

A missing file is a team that let the clock run out. Every file is checked against its round's
incident before anything is played, and every problem is reported with its position; a folder or
file name that matches no team or round is a problem too, so a typo never silently scores zero.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from triage.engine.actionfile import ActionFileError, load_actions
from triage.engine.actions import Action
from triage.gameday.resolve import ResolvedRound
from triage.model.crossref import suggest
from triage.model.loader import load_incident
from triage.model.yamlsource import Problem

_ROUND_FILE = re.compile(r"^round-(\d+)\.ya?ml$")


def load_actions_dir(
    directory: Path, teams: Sequence[str], rounds: Sequence[ResolvedRound],
) -> dict[tuple[str, int], list[Action]]:
    """Actions by (team, 0-based round), or ActionFileError carrying every problem."""
    problems: list[Problem] = []
    found: dict[tuple[str, int], list[Action]] = {}
    by_folded = {team.casefold(): team for team in teams}
    incidents = {r.index: load_incident(r.path).incident for r in rounds}
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
            try:
                found[(team, number - 1)] = load_actions(path, incidents[number - 1],
                                                         rounds[number - 1].seed)
            except ActionFileError as error:
                problems.extend(error.problems)
    if problems:
        raise ActionFileError(problems)
    return found
