"""Load incident files: YAML with positions, pydantic validation, cross-reference checks.

Every problem in a file is collected and reported with its `path:line:col`, never as a traceback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from triage.fileio import read_regular_bytes
from triage.model.crossref import check_incident
from triage.model.incident import Incident
from triage.model.yamlsource import Document, Problem, YamlError, load_yaml_text


class IncidentError(Exception):
    """An incident file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class LoadedIncident(NamedTuple):
    """A valid incident with where it came from."""

    incident: Incident
    path: Path
    sha256: str


def validate_document(
    document: Document, label: str, incident: Incident | None = None
) -> tuple[Incident | None, list[Problem]]:
    """Validate parsed YAML as an incident; returns the incident (if valid) and every problem.

    Pass `incident` when `document.data` has already passed `validate_model(Incident, ...)`, to
    check only the cross-references rather than validate the whole document a second time.
    """
    if incident is None:
        from triage.model.strictness import SchemaErrors, validate_model

        try:
            incident = validate_model(Incident, document.data)
        except SchemaErrors as error:
            from triage.model.error_mapping import problems_from_validation_error

            return None, problems_from_validation_error(error, document, label, model=Incident)
    problems = []
    for finding in check_incident(incident):
        line, col = document.position(finding.loc)
        key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in finding.loc)
        problems.append(Problem(label, line, col, key.replace(".[", "["), finding.message))
    problems.sort(key=lambda p: (p.line, p.col))
    return (incident if not problems else None), problems


def load_incident(path: Path | str) -> LoadedIncident:
    """Load and fully validate one incident file, or raise IncidentError with every problem."""
    path = Path(path)
    label = str(path)
    try:
        raw = read_regular_bytes(path)  # a FIFO or a device is refused, never read
    except OSError as error:
        problem = Problem(label, 1, 1, "", f"cannot read file: {error.strerror or error}")
        raise IncidentError([problem]) from None
    return incident_from_bytes(raw, path)


def incident_from_bytes(raw: bytes, path: Path) -> LoadedIncident:
    """Validate the bytes read from an incident file at `path`, or raise IncidentError.

    The bytes are parsed as they were read (the file is not read again), so the SHA-256 is that of
    exactly what was validated, and a catalog can validate a file it hashed earlier.
    """
    label = str(path)
    try:
        document = load_yaml_text(raw, label)
    except YamlError as error:
        raise IncidentError(error.problems) from None
    incident, problems = validate_document(document, label)
    if incident is None:
        raise IncidentError(problems)
    return LoadedIncident(incident, path, hashlib.sha256(raw).hexdigest())
