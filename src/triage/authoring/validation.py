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

Nothing here raises: an unexpected failure while validating a file becomes one problem for that
file ("internal error ..."), so a bug in triage never shows a traceback to an author.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage.model.yamlsource import Document, Problem, YamlError, did_you_mean, load_yaml

KindValidator = Callable[[Document, str], "KindResult"]
DEFAULT_KIND = "triage/incident@1"
ACTIONS_SUFFIXES = (".actions.yaml", ".actions.yml")


@dataclass
class KindResult:
    """What a kind validator found in one document: its id (if it has one) and its problems.

    `value` is the validated object (an `Incident`...) when the document is valid, else None.
    """

    problems: list[Problem]
    id: str | None = None
    value: Any = None


KINDS: dict[str, str | KindValidator] = {
    DEFAULT_KIND: "triage.authoring.validation:validate_incident_document",
    "triage/gameday@1": "triage.gameday.checks:validate_plan_kind",
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


@dataclass
class FileResult:
    """The outcome for one file."""

    path: Path
    kind: str
    problems: list[Problem] = field(default_factory=list)
    id: str | None = None
    value: Any = None
    id_position: tuple[int, int] = (1, 1)
    """Where the `id:` value is, for a duplicate-id problem. (The parsed document is not kept:
    a thousand node trees held until the end made the garbage collector half the run.)"""

    @property
    def ok(self) -> bool:
        """True when the file has no problems."""
        return not self.problems


def validate_incident_document(document: Document, label: str) -> KindResult:
    """Validate an incident document: its schema, then its cross-references.

    When the schema fails, the cross-references of the parts that passed are still checked
    (`triage.authoring.salvage`), so one run reports both kinds of error.
    """
    from pydantic import ValidationError

    from triage.model.incident import Incident
    from triage.model.loader import validate_document

    data = document.data if isinstance(document.data, dict) else {}
    incident_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        incident = Incident.model_validate(document.data)
    except ValidationError as error:
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
    return KindResult(problems, incident_id, valid)


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


def is_actions_file(path: Path) -> bool:
    """True for `NAME.actions.yaml` / `NAME.actions.yml`."""
    return path.name.endswith(ACTIONS_SUFFIXES)


def _actions_stem(path: Path) -> str:
    for suffix in ACTIONS_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def internal_error(label: str, error: BaseException) -> Problem:
    """A one-line problem standing for a bug in triage itself, never a traceback."""
    text = str(error).strip().splitlines()
    detail = f": {text[0]}" if text else ""
    return Problem(label, 1, 1, "", f"internal error in triage ({type(error).__name__}{detail}); "
                   "please report it")


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
    return FileResult(path, schema, problems, result.id,
                      result.value if not problems else None, document.position(("id",)))


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


@dataclass
class Validation:
    """Every file validated in one run, in the order they were given."""

    results: list[FileResult]

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file, each file's in line order."""
        return [p for r in self.results for p in r.problems]

    @property
    def ok(self) -> bool:
        """True when no file has a problem."""
        return all(r.ok for r in self.results)


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

    name = incident_ref or _actions_stem(path)
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


def as_github(problem: Problem) -> str:
    """A GitHub Actions error annotation for one problem."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    title = f",title={prop(problem.key)}" if problem.key else ""
    return (f"::error file={prop(problem.path)},line={problem.line},col={problem.col}{title}"
            f"::{data(problem.message)}")


def as_json(problem: Problem) -> dict[str, Any]:
    """The JSON object for one problem: path, line, col, key and message."""
    return {"path": problem.path, "line": problem.line, "col": problem.col,
            "key": problem.key, "message": problem.message}
