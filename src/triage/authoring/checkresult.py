"""What `triage check` reports: one result per claim, and a report per file.

A result that would give the answer away (it names a decisive panel or what a fix does) carries a
public form, shown unless the author asks for spoilers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage.model.yamlsource import Problem

HIDDEN = "answer key hidden (--spoilers shows it)"
"""The detail shown in place of one that names the answer."""


@dataclass(frozen=True)
class CheckResult:
    """One claim about an incident and whether it held."""

    name: str
    ok: bool
    detail: str = ""
    data: dict[str, Any] | None = None
    """Structured results for `--format json` (the blind-play table)."""
    public: tuple[str, str] | None = None
    """When the name or detail gives the answer away (a decisive panel, what a fix does): the
    name and detail to show instead, unless the author asks for spoilers."""

    def without_spoilers(self) -> CheckResult:
        """This result as a player may read it: the public name and detail, no data."""
        if self.public is None:
            return self
        name, detail = self.public
        return CheckResult(name, self.ok, detail, None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: name, ok, detail (and data, when the check has any)."""
        out = {"name": self.name, "ok": self.ok, "detail": self.detail}
        return {**out, "data": self.data} if self.data is not None else out


@dataclass
class CheckReport:
    """Everything `triage check` found about one file."""

    path: Path
    id: str | None
    problems: list[Problem] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file is valid and every check held."""
        return not self.problems and all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by `triage check --format json`."""
        return {"path": str(self.path), "id": self.id, "ok": self.ok,
                "problems": [p.as_dict() for p in self.problems],
                "checks": [c.as_dict() for c in self.checks]}


def seeds_text(seeds: Sequence[int]) -> str:
    """`seeds 1-5`, `seed 3` or `seeds 1, 4`: the seeds a result speaks for."""
    seeds = list(seeds)
    if len(seeds) > 2 and seeds == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"seeds {seeds[0]}-{seeds[-1]}"
    return ("seed " if len(seeds) == 1 else "seeds ") + ", ".join(str(s) for s in seeds)
