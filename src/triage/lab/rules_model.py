"""A player's alerting rules in the shape of a Prometheus rules file (`groups:` of `rules:`).

The file Prometheus reads is what the lab reads: `alert`, `expr`, `for`, `labels` and
`annotations`. The lab needs two labels: `severity` (`page` or `ticket`) and `action` (an id from
the lab's action menu). `expr` is a small subset of PromQL, parsed by `triage.lab.expr`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from triage.model.types import Identifier, Minutes


class RuleLabels(BaseModel):
    """The rule's labels: `severity` and `action` are required; others are kept as written."""

    severity: Literal["page", "ticket"]
    """`page` wakes someone now; `ticket` waits for working hours."""
    action: Identifier
    """What the person who gets it should do: an id from the lab's action menu."""

    model_config = ConfigDict(extra="allow", frozen=True)


class Rule(BaseModel):
    """One alerting rule."""

    alert: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=80)
    """The alert's name, e.g. `InputDriftPSI`."""
    expr: str = Field(min_length=1, max_length=300)
    """The condition, e.g. `input_psi > 0.2` or `avg_over_time(accuracy[1d]) < 0.9`."""
    for_: Minutes = Field(default=0.0, alias="for", ge=0, le=20160)
    """How long the condition must hold before the alert fires (`15m`)."""
    labels: RuleLabels
    """`severity` and `action`."""
    annotations: dict[str, str] = {}
    """Free text (`summary`, `runbook_url`), shown in the replay."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RuleGroup(BaseModel):
    """A named group of rules (a dashboard's alerts, say)."""

    name: str = Field(min_length=1, max_length=80)
    """The group's name."""
    interval: Minutes | None = None
    """Accepted as Prometheus writes it; the lab evaluates at every history step."""
    rules: list[Rule] = Field(default=[], max_length=50)
    """The rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RulesFile(BaseModel):
    """A Prometheus alerting-rules file: `groups:` of rules."""

    groups: list[RuleGroup] = Field(default=[], max_length=20)
    """The rule groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def rules(self) -> list[Rule]:
        """Every rule, group by group."""
        return [rule for group in self.groups for rule in group.rules]
