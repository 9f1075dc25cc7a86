"""Validate actions files (`NAME.actions.yaml`) against the incident they play.

The incident is the `--incident` given on the command line, else the one whose id or file stem is
`NAME` among the files validated in the same run, beside the file (`NAME.yaml`) or in the
built-in pack. Nothing here raises: a bug becomes one positioned "internal error" line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from triage.authoring.results import DEFAULT_KIND, FileResult, internal_error
from triage.model.yamlsource import Problem, YamlError, load_yaml

ACTIONS_SUFFIXES = (".actions.yaml", ".actions.yml")


def is_actions_file(path: Path) -> bool:
    """True for `NAME.actions.yaml` / `NAME.actions.yml`."""
    return path.name.endswith(ACTIONS_SUFFIXES)


def actions_stem(path: Path) -> str:
    """`NAME` of `NAME.actions.yaml`: the incident the file plays, unless told otherwise."""
    for suffix in ACTIONS_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def validate_actions_file(path: Path, incident_ref: str | None,
                          known: Sequence[FileResult] = ()) -> FileResult:
    """Validate an actions file against the incident it plays; never raises."""
    label = str(path)
    try:
        return _validate_actions(path, label, incident_ref, known)
    except Exception as error:  # noqa: BLE001 - a bug must still be one positioned line
        return FileResult(path, "actions", [internal_error(label, error)])


def _validate_actions(path: Path, label: str, incident_ref: str | None,
                      known: Sequence[FileResult]) -> FileResult:
    from triage.engine.actionfile import ActionFileError, parse_actions

    try:
        document = load_yaml(path, expect_mapping=False)
    except YamlError as error:
        return FileResult(path, "actions", list(error.problems))
    incident, problem = _incident_for_actions(path, label, incident_ref, known)
    if incident is None:
        return FileResult(path, "actions", [problem] if problem else [])
    try:
        parse_actions(document, incident, label)
    except ActionFileError as error:
        return FileResult(path, "actions", sorted(error.problems, key=lambda p: (p.line, p.col)))
    return FileResult(path, "actions", [], incident.id)


def _incident_for_actions(path: Path, label: str, incident_ref: str | None,
                          known: Sequence[FileResult]) -> tuple[Any, Problem | None]:
    """The incident an actions file plays, or None and the problem that explains why not."""
    from triage.model.loader import IncidentError
    from triage.model.pack import find_incident

    name = incident_ref or actions_stem(path)
    for result in known:
        if result.kind == DEFAULT_KIND and name in (result.id, result.path.stem,
                                                    str(result.path)):
            if result.value is None:
                return None, Problem(label, 1, 1, "", f"cannot check these actions: the incident "
                                     f"they play ({result.path}) has errors")
            return result.value, None
    ref = name
    if incident_ref is None:
        siblings = [path.with_name(name + suffix) for suffix in (".yaml", ".yml")]
        ref = next((str(p) for p in siblings if p.is_file()), name)
    try:
        return find_incident(ref).incident, None
    except IncidentError as error:
        if incident_ref is None and ref == name:
            return None, Problem(label, 1, 1, "", f"cannot tell which incident these actions "
                                 f"play: no incident '{name}' here or in the built-in pack; name "
                                 "the file INCIDENT_ID.actions.yaml or pass --incident ID|PATH")
        first = error.problems[0].message if error.problems else "it is invalid"
        return None, Problem(label, 1, 1, "", f"cannot check these actions against incident "
                             f"'{ref}': {first}")
