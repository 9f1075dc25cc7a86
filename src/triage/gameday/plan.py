"""The game-day plan format (`schema: triage/gameday@1`), as pydantic models.

A facilitator writes one plan per game day: a title, the teams, and the rounds. Each round names
an incident (by id, or by a path relative to the plan), asks for one by pitfall and difficulty,
or names an alert lab (a lab round: each team submits alert rules, scored by the lab), fixes the
seed every team plays, and gives the time each team has on the clock. Unknown keys are refused
everywhere, like in incident files. Checks that tie parts of the plan together (unique team
names, exactly one of `incident`, `pick` and `lab`, incidents and labs that exist) live in
`triage.gameday.checks`.
"""

from __future__ import annotations

import posixpath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from triage.model.incident import PitfallId
from triage.model.types import Minutes

SCHEMA_ID = "triage/gameday@1"
SCORE_PARTS = ("diagnosis", "remediation", "evidence", "speed", "confidence", "hints", "impact",
               "resolution", "communication")



def inside_plan_folder(ref: str) -> str:
    """Refuse a path that is absolute or climbs out of the plan's folder with `..`.

    A plan is shared as a folder (the plan, its incidents and their actions); the files it names
    must come with it, so a plan can never make triage read `/etc` or a neighbour's home.
    """
    path = ref.replace("\\", "/")
    if path.startswith("/") or path.startswith("~") or (len(path) > 1 and path[1] == ":"):
        raise ValueError(f"'{ref}' is an absolute path; name files relative to the plan's folder")
    if posixpath.normpath(path).split("/")[0] == "..":
        raise ValueError(f"'{ref}' leads out of the plan's folder ('..'); keep the incidents "
                         "in the plan's folder or below it")
    return ref


PlanPath = Annotated[str, AfterValidator(inside_plan_folder)]
"""A path relative to the plan's folder that stays inside it."""

TeamName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$", max_length=40)]
"""A team name: letters, digits, spaces, `_`, `.` and `-`, starting with a letter or digit."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Pick(_Strict):
    """Let triage choose the round's incident from the catalog, by pitfall and difficulty."""

    pitfall: PitfallId | None = None
    """Only incidents teaching this pitfall (any pitfall when left out)."""
    difficulty: int | tuple[int, int] | None = None
    """A difficulty (1-5) or a range `[low, high]` (any difficulty when left out)."""


class Round(_Strict):
    """One round: every team plays the same incident with the same seed, one after another."""

    title: str = Field(default="", max_length=80)
    """A label for the round on the scoreboard (default: `Round N`)."""
    incident: PlanPath | None = Field(default=None, min_length=1, max_length=300)
    """The incident's id (built-in pack or `incident_dirs`) or a path relative to the plan."""
    pick: Pick | None = None
    """Or: let triage choose an incident matching this filter, reproducibly from the seed."""
    lab: PlanPath | None = Field(default=None, min_length=1, max_length=300)
    """Or: a lab round. An alert lab's id (built-in, or in `incident_dirs`) or a path relative
    to the plan: every team submits alert rules for it, and the round's points are the lab
    score (0-100) times the round's `weight`."""
    seed: int = Field(ge=0, le=2**53)
    """The seed every team plays with, so all teams see the same curves (in a lab round, the
    same history)."""
    time_limit: Minutes = Field(ge=0.25, le=240)
    """Wall-clock time each team has (`15m`, `90s`); when it runs out the incident ends as it
    stands."""
    weight: float = Field(default=1.0, ge=0, le=10)
    """Multiplies the round's points on the scoreboard (a finale can count double)."""
    hints: bool | None = None
    """Override the plan's `hints` for this round."""


class Weights(_Strict):
    """How much each part of the score counts; 1 keeps the normal scoring, 0 ignores the part."""

    diagnosis: float = Field(default=1.0, ge=0, le=10)
    """The right root cause (35 points normally)."""
    remediation: float = Field(default=1.0, ge=0, le=10)
    """The fix chosen (20 points normally; harmful choices cost)."""
    evidence: float = Field(default=1.0, ge=0, le=10)
    """Decisive and supporting evidence cited with the diagnosis (20 points normally; an
    unsupported diagnosis stays capped below a pass whatever the weights)."""
    speed: float = Field(default=1.0, ge=0, le=10)
    """Time to acknowledge and to mitigate against par (15 points normally)."""
    confidence: float = Field(default=1.0, ge=0, le=10)
    """Calibration of the stated confidence, via the Brier score (10 points normally)."""
    hints: float = Field(default=1.0, ge=0, le=10)
    """Scales the cost of hints taken."""
    impact: float | None = Field(default=None, ge=0, le=10)
    """The harm the team let accrue against the ideal loop (15 points, scoring rules 3); left
    out, the `speed` weight applies (impact is what the time part became)."""
    resolution: float = Field(default=1.0, ge=0, le=10)
    """Declaring resolved once the harm had stopped (5 points, scoring rules 3)."""
    communication: float = Field(default=1.0, ge=0, le=10)
    """The status update and the severity declared (10 points, scoring rules 3)."""

    def as_dict(self) -> dict[str, float]:
        """The weights by score part (a plan that weighs `speed` weighs `impact` the same)."""
        weights = {part: getattr(self, part) for part in SCORE_PARTS}
        weights["impact"] = self.speed if self.impact is None else self.impact
        return {part: float(value) for part, value in weights.items()}


class GamePlan(_Strict):
    """A whole game-day plan file."""

    schema_: Literal["triage/gameday@1"] = Field(alias="schema")
    """Format and version of this file: `triage/gameday@1`."""
    title: str = Field(min_length=1, max_length=100)
    """The game day's name, shown on the scoreboard and in the report."""
    description: str = Field(default="", max_length=2000)
    """Notes for the facilitator and the teams, shown before the first round."""
    teams: list[TeamName] = Field(min_length=1, max_length=12)
    """The teams, in the order they play the first round (the order rotates every round)."""
    rounds: list[Round] = Field(min_length=1, max_length=20)
    """The rounds, in order."""
    hints: bool = True
    """Whether teams may buy hints (each still costs points)."""
    scoring: Weights = Field(default_factory=Weights)
    """Optional weights for the parts of the score."""
    incident_dirs: list[Annotated[PlanPath, Field(max_length=300)]] = Field(
        default_factory=list, max_length=10)
    """Extra directories (relative to the plan) to find incident ids in."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, frozen=True, populate_by_name=True
    )

    def round_title(self, index: int) -> str:
        """The label of round `index` (0-based)."""
        return self.rounds[index].title or f"Round {index + 1}"

    def hints_allowed(self, index: int) -> bool:
        """Whether hints may be bought in round `index`."""
        override = self.rounds[index].hints
        return self.hints if override is None else override


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the plan format, for editors and `triage schema`."""
    schema = GamePlan.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://triage.dev/schema/gameday-1.json",
        **schema,
        "title": "triage game-day plan (triage/gameday@1)",
    }
