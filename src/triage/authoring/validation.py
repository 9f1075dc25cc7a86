"""Validate authored files: every problem in every file, each at its `path:line:col`.

A file is recognised by its name and its `schema:` value:

- `NAME.actions.yaml` (or `.yml`) is an actions file, a YAML list of steps. It is checked against
  the incident it plays: the `--incident` given on the command line, else the incident whose id or
  file stem is `NAME` among the files being validated, beside it (`NAME.yaml`) or in the built-in
  pack.
- Any other file is a mapping whose `schema:` picks the validator (`triage/incident@1` today). A
  file without `schema:` is validated as an incident, so a missing key is reported like any other.

New document kinds (game-day plans, `triage/gameday@1`) plug in with `register_kind`, or by adding
a `"module:function"` entry to `KINDS`, imported only when a file of that kind is met.

A valid incident is also linted for wording that gives the answer away
(`triage.authoring.lints`); those findings are warnings, kept apart from the problems, and never
make a file invalid.

Nothing here raises: an unexpected failure while validating a file becomes one problem for that
file ("internal error ..."), so a bug in triage never shows a traceback to an author.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from triage.authoring.actions_validation import (
    ACTIONS_SUFFIXES,
    is_actions_file,
    validate_actions_file,
)
from triage.authoring.problem_format import as_github, as_json
from triage.authoring.results import (
    DEFAULT_KIND,
    FileResult,
    KindResult,
    Validation,
    internal_error,
)
from triage.model.yamlsource import Document, Problem, YamlError, did_you_mean, load_yaml

__all__ = [
    "ACTIONS_SUFFIXES", "DEFAULT_KIND", "KINDS", "FileResult", "KindResult", "Validation",
    "as_github", "as_json", "duplicate_id_problems", "internal_error", "is_actions_file",
    "merge_key_typos", "register_kind", "validate_actions_file", "validate_file",
    "validate_incident_document", "validate_paths",
]

if TYPE_CHECKING:
    from triage.model.incident import Incident

KindValidator = Callable[[Document, str], KindResult]

KINDS: dict[str, str | KindValidator] = {
    DEFAULT_KIND: "triage.authoring.validation:validate_incident_document",
    "triage/gameday@1": "triage.gameday.checks:validate_plan_kind",
    "triage/lab@1": "triage.lab.checks:validate_lab_kind",
}
"""Validators by `schema:` value: a callable, or `"module:function"` imported on first use."""


def register_kind(schema_id: str, validator: str | KindValidator) -> None:
    """Add (or replace) the validator for documents whose `schema:` is `schema_id`."""
    KINDS[schema_id] = validator


def _kind_validator(schema_id: str) -> KindValidator:
    target = KINDS[schema_id]
    if isinstance(target, str):
        module, _, name = target.partition(":")
        target = getattr(importlib.import_module(module), name)
        KINDS[schema_id] = target
    return target


def validate_incident_document(document: Document, label: str) -> KindResult:
    """Validate an incident document: its schema, then its cross-references.

    When the schema fails, the cross-references of the parts that passed are still checked
    (`triage.authoring.salvage`), so one run reports both kinds of error.
    """
    from triage.model.incident import Incident
    from triage.model.loader import validate_document
    from triage.model.strictness import SchemaErrors, validate_model

    data = document.data if isinstance(document.data, dict) else {}
    incident_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        incident = validate_model(Incident, document.data)
    except SchemaErrors as error:
        from triage.authoring.salvage import salvage_findings
        from triage.model.error_mapping import problems_from_validation_error
        from triage.model.yamlsource import format_loc

        problems = problems_from_validation_error(error, document, label, model=Incident)
        try:
            findings = salvage_findings(document.data, error.errors(include_url=False))
        except Exception:  # noqa: BLE001 - the salvage is a bonus; the schema errors stand
            findings = []
        for finding in findings:
            line, col = document.position(finding.loc)
            problems.append(Problem(label, line, col, format_loc(finding.loc), finding.message))
        return KindResult(merge_key_typos(problems), incident_id, None)
    valid, problems = validate_document(document, label, incident)
    warnings = lint_warnings(valid, document, label) if valid is not None else []
    return KindResult(problems, incident_id, valid, warnings)


def lint_warnings(incident: Incident, document: Document, label: str) -> list[Problem]:
    """The authoring lints of a valid incident; a bug in a lint is one warning, not a crash."""
    from triage.authoring.lints import lint_incident

    try:
        return lint_incident(incident, document)
    except Exception as error:  # noqa: BLE001 - the file is valid; the lint is a bonus
        return [internal_error(label, error)._replace(severity="warning")]


_UNKNOWN = re.compile(r"^unknown key '(?P<key>[^']*)' \(did you mean '(?P<meant>[^']*)'\?\)$")
_MISSING = re.compile(r"^missing required key '(?P<key>[^']*)'$")


def merge_key_typos(problems: list[Problem]) -> list[Problem]:
    """Drop "missing required key 'x'" where the same mapping has an unknown key meant as 'x'.

    The typo (`dashbord:`) already says "did you mean 'dashboard'?"; the missing key is the
    same mistake seen from the other side.
    """
    meant = set()
    for problem in problems:
        match = _UNKNOWN.match(problem.message)
        if match:
            parent = problem.key[: len(problem.key) - len(match["key"])]
            meant.add(parent + match["meant"])
    kept = [p for p in problems if not (_MISSING.match(p.message) and p.key in meant)]
    return sorted(kept, key=lambda p: (p.line, p.col))


def validate_file(path: Path) -> FileResult:
    """Validate one non-actions file by its `schema:`; never raises."""
    label = str(path)
    try:
        return _validate_file(path, label)
    except Exception as error:  # noqa: BLE001 - a bug must still be one positioned line
        return FileResult(path, "unknown", [internal_error(label, error)])


def _validate_file(path: Path, label: str) -> FileResult:
    try:
        document = load_yaml(path, expect_mapping=False)
    except YamlError as error:
        return FileResult(path, "unknown", list(error.problems))
    data = document.data
    if isinstance(data, list):
        return FileResult(path, "actions", [Problem(
            label, 1, 1, "", "this file is a YAML list, like an actions file; name it "
            "INCIDENT_ID.actions.yaml so triage knows which incident it plays")])
    if not isinstance(data, dict):
        return FileResult(path, "unknown", [Problem(
            label, *document.position(()), "",
            "expected a mapping of keys at the top level (an incident starts with "
            f"'schema: {DEFAULT_KIND}')")])
    schema = data.get("schema", DEFAULT_KIND)
    extra: list[Problem] = []
    if not isinstance(schema, str) or schema not in KINDS:
        known = list(KINDS)
        close = did_you_mean(str(schema), known) if isinstance(schema, str) else ""
        extra.append(document.problem(
            ("schema",), f"unknown schema {schema!r}; expected one of: {', '.join(known)}"
            f"{close}"))
        guess = _closest(str(schema), known)
        if guess is None:
            return FileResult(path, "unknown", extra)
        schema = guess
    result = _kind_validator(schema)(document, label)
    problems = [p for p in result.problems if not (extra and p.key == "schema")]
    problems = sorted(extra + problems, key=lambda p: (p.line, p.col))
    warnings = document.warnings + (result.warnings if not problems else [])
    return FileResult(path, schema, problems, result.id,
                      result.value if not problems else None, document.position(("id",)),
                      sorted(warnings, key=lambda p: (p.line, p.col)), list(document.warnings))


def _closest(word: str, options: Sequence[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def duplicate_id_problems(results: Iterable[FileResult]) -> None:
    """Mark a second file of the same kind and id as a problem (added to that file's result)."""
    seen: dict[tuple[str, str], FileResult] = {}
    for result in results:
        if result.id is None or result.kind == "actions":
            continue
        key = (result.kind, result.id)
        first = seen.get(key)
        if first is None:
            seen[key] = result
            continue
        line, col = result.id_position
        first_line, _ = first.id_position
        result.problems.append(Problem(
            str(result.path), line, col, "id",
            f"duplicate id '{result.id}': also used in {first.path}:{first_line}"))
        result.value = None
        result.warnings = []


def validate_paths(files: Sequence[Path], incident_ref: str | None = None, *,
                   keep_values: bool = True) -> Validation:
    """Validate every file; actions files are checked against the incident they play.

    With `keep_values=False` the results hold no validated objects (`value` is None) unless an
    actions file needs them: a thousand incidents kept alive until the end make each of the
    garbage collector's full passes longer, a fifth of `triage validate` over a large pack.
    """
    keep = keep_values or any(is_actions_file(path) for path in files)
    results: dict[Path, FileResult] = {}
    for path in files:
        if not is_actions_file(path):
            results[path] = validate_file(path)
            if not keep:
                results[path].value = None
    duplicate_id_problems(results.values())
    for path in files:
        if is_actions_file(path):
            results[path] = validate_actions_file(path, incident_ref, list(results.values()))
    return Validation([results[p] for p in files])
