"""What validating files produces: a result per file, and the whole run.

Kept apart from `triage.authoring.validation` so the actions-file checks
(`triage.authoring.actions_validation`) can build results without importing the dispatcher.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.model.yamlsource import Problem

DEFAULT_KIND = "triage/incident@1"
"""The `schema:` of incidents, and the kind of a file that has no `schema:`."""


# Plain classes, not dataclasses: a dataclass compiles its generated methods when the module is
# imported, a cost every `triage validate` paid for three classes that need none of them.


class KindResult:
    """What a kind validator found in one document: its id (if it has one) and its problems.

    `value` is the validated object (an `Incident`...) when the document is valid, else None.
    `warnings` are authoring lints (`severity="warning"`): printed, but the document is valid.
    """

    __slots__ = ("problems", "id", "value", "warnings")

    def __init__(self, problems: list[Problem], id: str | None = None, value: Any = None,
                 warnings: list[Problem] | None = None) -> None:
        self.problems, self.id, self.value = problems, id, value
        self.warnings: list[Problem] = [] if warnings is None else warnings


class FileResult:
    """The outcome for one file.

    `id_position` is where the `id:` value is, for a duplicate-id problem. (The parsed document
    is not kept: a thousand node trees held until the end made the garbage collector half the
    run.) `warnings` are the authoring lints of a valid file; they never make it invalid.
    `yaml_warnings` are those of `warnings` that come from reading the YAML (a value YAML 1.1
    read otherwise, a value a comment cuts short): they name no answer, so `check` shows them
    without spoilers.
    """

    __slots__ = ("path", "kind", "problems", "id", "value", "id_position", "warnings",
                 "yaml_warnings")

    def __init__(self, path: Path, kind: str, problems: list[Problem] | None = None,
                 id: str | None = None, value: Any = None,
                 id_position: tuple[int, int] = (1, 1), warnings: list[Problem] | None = None,
                 yaml_warnings: list[Problem] | None = None) -> None:
        self.path, self.kind, self.id, self.value = path, kind, id, value
        self.problems: list[Problem] = [] if problems is None else problems
        self.id_position = id_position
        self.warnings: list[Problem] = [] if warnings is None else warnings
        self.yaml_warnings: list[Problem] = [] if yaml_warnings is None else yaml_warnings

    @property
    def ok(self) -> bool:
        """True when the file has no problems (warnings do not count)."""
        return not self.problems

    @property
    def findings(self) -> list[Problem]:
        """The problems, then the warnings (a file with problems is not linted, so in practice
        one or the other)."""
        return self.problems + self.warnings


class Validation:
    """Every file validated in one run, in the order they were given."""

    __slots__ = ("results",)

    def __init__(self, results: list[FileResult]) -> None:
        self.results = results

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file, each file's in line order."""
        return [p for r in self.results for p in r.problems]

    @property
    def warnings(self) -> list[Problem]:
        """Every warning, file by file, each file's in line order."""
        return [p for r in self.results for p in r.warnings]

    @property
    def findings(self) -> list[Problem]:
        """Every problem and warning, file by file, each file's in line order."""
        return [p for r in self.results for p in r.findings]

    @property
    def ok(self) -> bool:
        """True when no file has a problem (warnings do not count)."""
        return all(r.ok for r in self.results)


def internal_error(label: str, error: BaseException) -> Problem:
    """A one-line problem standing for a bug in triage itself, never a traceback."""
    text = str(error).strip().splitlines()
    detail = f": {text[0]}" if text else ""
    return Problem(label, 1, 1, "", f"internal error in triage ({type(error).__name__}{detail}); "
                   "please report it")

