"""A `triage check` report that also carries the authoring lints of `triage validate`.

The lints (wording that gives the answer away, `triage.authoring.lints`) are warnings: printed
after the checks and listed under "warnings" in JSON, they never fail a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from triage.authoring.checker import CheckReport
from triage.model.yamlsource import Problem


@dataclass
class LintedReport(CheckReport):
    """A `CheckReport` plus the file's authoring warnings."""

    warnings: list[Problem] = field(default_factory=list)
    hidden_warnings: int = 0
    """Warnings left out because they quote the answer (check without --spoilers)."""

    def as_dict(self) -> dict[str, Any]:
        """The `CheckReport` JSON form with a "warnings" list (each with "severity") and how many
        were hidden."""
        return {**super().as_dict(), "warnings": [w.as_dict() for w in self.warnings],
                "warnings_hidden": self.hidden_warnings}
