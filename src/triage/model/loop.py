"""The on-call loop's authored parts: what the incident costs per minute, who can be called, and
what people say while it runs.

All optional. An incident without `impact:` gets one from its paging alert (see
`triage.engine.impact`); an incident without `injects:` gets the default set (a stakeholder asks
for an ETA, a colleague pushes a tempting wrong fix, another team reports something); an incident
without `owners:` can escalate to its model owner, who walks the player through the facts the ML
team would give.
"""

# Real annotations (no `from __future__ import annotations`): pydantic would evaluate each
# field's annotation text when the models are built, in every `triage validate`.

from typing import Literal

from pydantic import Field

from triage.model.types import WEEK, Identifier, Minutes
from triage.model.types import StrictModel as _Strict

Severity = Literal[1, 2, 3, 4]
"""SEV1 (worst: customers badly hurt, all hands) to SEV4 (minor, handle in hours)."""

SEVERITY_TEXT: dict[int, str] = {
    1: "SEV1: severe harm to many users or money, all hands now",
    2: "SEV2: real harm to users or money, needs a fix within the hour",
    3: "SEV3: limited harm, fix today",
    4: "SEV4: no user harm yet, handle in working hours",
}
"""What each severity means, as the declare menu shows it."""


class Impact(_Strict):
    """The harm the incident does per minute while nobody has stopped it, in its own unit."""

    unit: str = Field(min_length=1, max_length=60)
    """What is counted, in plain words and plural: `wrong fraud decisions`, `dollars`, `users
    given a wrong answer`, `minutes of error budget`."""
    per_minute: float = Field(ge=0, le=1e9)
    """How many `unit` accrue each minute at the level the page fired at (the harm scales with
    how far `signal` has moved from healthy, up to twice this). 0 for a false alarm."""
    signal: Identifier | None = None
    """The signal whose distance from healthy measures the harm; by default the paging alert's."""
    severity: Severity = 2
    """The severity a responder should declare (1 worst to 4); within one level earns the points."""
    healthy: float | None = None
    """The impact signal's healthy level, in its own unit; by default its median over the hour
    before the onset (set it when that hour is not healthy: a run trained from scratch)."""


InjectKind = Literal["eta_request", "wrong_fix", "report"]
Trigger = Literal["page", "acknowledged", "remediated", "diagnosed"]


class Inject(_Strict):
    """Something a person says during the incident: at a set minute after the page, or minutes
    after a trigger (the first remediation, the diagnosis, the acknowledgement)."""

    at: Minutes = Field(default=0.0, ge=0, le=WEEK)
    """Minutes after the trigger."""
    after: Trigger = "page"
    """What starts the count: the page (default), the acknowledgement, the first remediation
    applied, or the diagnosis."""
    who: str = Field(min_length=1, max_length=60)
    """Who says it, with their role: `Dana (support lead)`."""
    text: str = Field(min_length=1, max_length=400)
    """What they say, shown as a notification and in the debrief's timeline."""
    kind: InjectKind = "report"
    """`eta_request` (answered by a status update), `wrong_fix` (a confident push for a fix
    that is wrong; the debrief says so) or `report` (another team's news, relevant or not)."""
    relevant: bool = False
    """Whether a `report` bears on the cause (the debrief says which were noise)."""


class Owner(_Strict):
    """Someone the player can escalate to: they join after `cost` minutes and bring facts."""

    id: Identifier
    """Named by `escalate:` steps."""
    who: str = Field(min_length=1, max_length=60)
    """Their name and role."""
    cost: Minutes = Field(default=10.0, gt=0, le=240)
    """Minutes until they have joined and said what they know."""
    facts: list[str] = Field(min_length=1, max_length=6)
    """What they tell the player, one fact per line."""
