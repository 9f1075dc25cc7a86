"""The incident file format (`schema: triage/incident@1`), as pydantic models.

One YAML file holds one incident: its metadata and briefing, the simulated timeline, the systems and
signals behind the dashboards, the alert rules, logs, change history, the ML team's answers, the
diagnosis and remediation options, the decisive evidence and the debrief. Unknown keys are refused
everywhere, so a typo is an error rather than a silently ignored field. Cross-references between
sections are checked in `triage.model.crossref`.
"""


from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from triage.model.colleague import Question
from triage.model.loop import Impact, Inject, Owner
from triage.model.physics import PhysicsSpec
from triage.model.signals import Signal, SignalEffect
from triage.model.story import CardOverride, Change, DebriefText, Evidence, Hint, LogLine
from triage.model.types import WEEK, Identifier, Minutes, MinutesRange, within
from triage.model.types import StrictModel as _Strict
from triage.model.variants import Variant

SCHEMA_ID = "triage/incident@1"
MAX_LOG_REPEATS = 2000
"""A repeating log line stops after this many copies."""
MAX_LOG_ENTRIES = 20_000
"""The most log entries an incident's stream may hold over its timeline, repeats included."""

PitfallId = Literal[
    "training_divergence",
    "silent_degradation",
    "miscalibration",
    "train_prod_mismatch",
    "overfitting",
    "underfitting",
    "input_drift",
    "hallucination",
    "llm_cost_latency",
    "quantization_regression",
    "agent_retry_loop",
    "false_alarm",
]
"""The pitfalls triage teaches (cards in `triage.model.pitfalls`)."""


class Par(_Strict):
    """Target times a good responder meets, counted from the page."""

    acknowledge: Minutes = Field(default=5.0, gt=0, le=WEEK)
    """Time to acknowledge the page for full speed credit."""
    mitigate: Minutes = Field(default=60.0, gt=0, le=WEEK)
    """Time from the page to a chosen remediation for full speed credit."""


class Timeline(_Strict):
    """The simulated clock: how long the timeline runs and when the incident begins."""

    duration: Minutes = Field(default=360.0, ge=30, le=10080)
    """Total simulated time, at one-minute resolution (at most a week)."""
    onset: Annotated[MinutesRange, within(0)[0]] = 120.0
    """When the incident begins, from the start of the timeline; a range varies it by seed."""
    par: Par = Field(default_factory=Par)
    """Target times for the speed score."""
    clock: str = Field(default="00:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    """The wall-clock time at minute 0, `HH:MM` (`"09:40"` for a page that lands mid-morning):
    every time the player sees, and `triage export`'s default start, count from it."""

    @property
    def clock_minutes(self) -> int:
        """`clock` as minutes after midnight."""
        hours, minutes = self.clock.split(":")
        return int(hours) * 60 + int(minutes)


class Dashboard(_Strict):
    """A dashboard tab: a grid of panels (the signals that name it)."""

    id: Identifier
    """Referenced by each signal's `dashboard`."""
    title: str = Field(min_length=1, max_length=40)
    """Tab title (Operational, Quality, Drift, Training...)."""


class Alert(_Strict):
    """An alerting rule in the shape of a Prometheus rule: a condition held `for` a duration."""

    name: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=80)
    """Alert name, e.g. `TrainingLossSpike`."""
    signal: Identifier
    """The signal the rule watches."""
    above: float | None = None
    """Fires when the signal is above this value..."""
    below: float | None = None
    """...or below this value (give exactly one of `above` and `below`)."""
    for_: Minutes = Field(default=0.0, alias="for", ge=0, le=WEEK)
    """How long the condition must hold before the alert fires."""
    severity: Literal["page", "critical", "warning", "info"] = "page"
    """How loud the alert is."""
    summary: str = Field(min_length=1, max_length=300)
    """One line shown on the page."""
    runbook: str = Field(default="", max_length=300)
    """The runbook line or link shown on the page."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @property
    def condition(self) -> str:
        """The rule as a player reads it, e.g. `grad_norm > 5 for 3m`."""
        op, value = (">", self.above) if self.above is not None else ("<", self.below)
        held = f" for {self.for_:g}m" if self.for_ else ""
        return f"{self.signal} {op} {value:g}{held}"


class ReportRef(_Strict):
    """A report computed from a physics system: a drift report or a reliability diagram."""

    id: Identifier
    """Referenced by `open:` actions and evidence."""
    title: str = Field(min_length=1, max_length=80)
    """Shown in the reports list."""
    system: Identifier
    """The physics system that produces the report."""
    cost: Minutes = Field(default=5.0, ge=0, le=WEEK)
    """Simulated minutes it takes to pull the report."""


class Diagnosis(_Strict):
    """One root cause the player can choose."""

    id: Identifier
    """Referenced by `diagnose:` actions."""
    text: str = Field(min_length=1, max_length=200)
    """The option as the player reads it."""
    correct: bool = False
    """Exactly one option is the root cause."""
    explanation: str = Field(default="", max_length=800)
    """Why it is or is not the cause; shown in the debrief."""
    false_alarm: bool = False
    """This option says nothing needed fixing: the page was a false alarm (a healthy system, an
    alert set too tight). When it is the correct one, an on-call shift counts the page as noise
    (as it does every page of a `false_alarm` incident)."""


class Remediation(_Strict):
    """One action the player can take, with what it really does."""

    id: Identifier
    """Referenced by `remediate:` actions."""
    text: str = Field(min_length=1, max_length=200)
    """The option as the player reads it."""
    effect: Literal["resolves", "helps", "no_effect", "harmful"]
    """Resolves the incident, helps partly, changes nothing, or makes things worse."""
    explanation: str = Field(default="", max_length=800)
    """What it does and why; shown in the debrief."""
    restores: list[Identifier] = Field(default=[])
    """Shape signals whose incident effects fade away once this is applied."""
    recovery: Minutes = Field(default=15.0, gt=0)
    """Time constant of that fade."""
    signal_effects: list[SignalEffect] = Field(default=[])
    """Effects this option adds to signals, timed from the decision."""
    physics: dict[Identifier, dict[str, float | bool | str]] = Field(default={})
    """Parameter overrides per system, applied from the decision: the physics re-runs."""
    mitigation: bool = False
    """Stops the bleeding without fixing the cause (a rollback, a fallback, a flag): the ideal
    on-call path applies it first, then fixes the cause."""
    harm: float | None = Field(default=None, ge=0, le=2)
    """Extra harm while this option is in effect, as a share of the incident's `impact.per_minute`
    (a harmful option's own damage); by default 0.5 for a harmful option and 0 for any other."""


class Incident(_Strict):
    """A whole incident file."""

    schema_: Literal["triage/incident@1"] = Field(alias="schema")
    """Format and version of this file: `triage/incident@1`."""
    id: Identifier
    """Unique id across the pack; `triage play ID` uses it."""
    aliases: list[Identifier] = Field(default=[], max_length=10)
    """Former ids: `triage play OLD`, stored plays and game-day plans that name one still find
    this incident (rename an id without breaking anyone)."""
    title: str = Field(min_length=1, max_length=100)
    """Shown in the catalog and on the page."""
    pitfall: PitfallId
    """The pitfall this incident teaches."""
    difficulty: int = Field(ge=1, le=5)
    """1 pages on the decisive signal; higher levels page on symptoms and add red herrings."""
    service: str = Field(min_length=1, max_length=60)
    """The affected service."""
    tags: list[Annotated[str, Field(max_length=40)]] = Field(default=[], max_length=20)
    """Free-form tags for the catalog."""
    briefing: str = Field(min_length=1, max_length=2000)
    """The situation as the responder finds it."""
    timeline: Timeline = Field(default_factory=Timeline)
    """Clock, onset and par times."""
    systems: dict[Identifier, PhysicsSpec] = Field(default={}, max_length=8)
    """Simulated ML systems whose outputs physics signals read."""
    dashboards: list[Dashboard] = Field(min_length=1, max_length=8)
    """Dashboard tabs, in order."""
    signals: list[Signal] = Field(min_length=1, max_length=64)
    """Every metric, each on one dashboard."""
    alerts: list[Alert] = Field(min_length=1, max_length=32)
    """Alerting rules."""
    page: str | None = None
    """The alert that pages the player; by default the first alert to fire."""
    logs: list[LogLine] = Field(default=[], max_length=500)
    """The log stream."""
    changes: list[Change] = Field(default=[], max_length=100)
    """Deploy and change history."""
    questions: list[Question] = Field(default=[], max_length=30)
    """What the player can ask the ML team."""
    reports: list[ReportRef] = Field(default=[], max_length=10)
    """Reports computed from physics systems."""
    diagnoses: list[Diagnosis] = Field(min_length=2, max_length=12)
    """Root-cause options."""
    remediations: list[Remediation] = Field(min_length=2, max_length=12)
    """Remediation options."""
    evidence: Evidence
    """Decisive and supporting evidence, and the red herrings."""
    hints: list[Hint] = Field(default=[], max_length=5)
    """Hints, cheapest first."""
    debrief: DebriefText
    """The lesson."""
    pitfall_card: CardOverride | None = None
    """This incident's own wording of the pitfall card the debrief ends with (any line left out
    keeps the pitfall's); for an incident whose lesson differs from the usual card."""
    variants: list[Variant] = Field(default=[], max_length=6)
    """Root-cause variants behind the same page; the seed picks one (see docs/authoring.md)."""
    impact: Impact | None = None
    """The harm per minute while unmitigated, in its own unit (by default one unit per minute of
    the paging alert's condition, `minutes of degraded service`)."""
    injects: list[Inject] | None = Field(default=None, max_length=12)
    """What people say while the incident runs; left out, a default set; `[]` for none."""
    owners: list[Owner] = Field(default=[], max_length=6)
    """Who the player may escalate to; left out, the model owner (who brings the ML team's
    factual answers)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    def signal(self, signal_id: str) -> Signal:
        """The signal with this id (KeyError if none)."""
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)

    @property
    def correct_diagnosis(self) -> Diagnosis:
        """The option marked correct (the first, if an unchecked file marks several)."""
        return next((d for d in self.diagnoses if d.correct), self.diagnoses[0])

    @property
    def is_false_alarm(self) -> bool:
        """Nothing needed fixing: the right diagnosis is marked `false_alarm`; when no option is
        marked, every page of a `false_alarm` incident is one. (With variants, ask the played
        variant: one cause may be a false alarm and another a real fault.)"""
        if any(d.false_alarm for d in self.diagnoses):
            return self.correct_diagnosis.false_alarm
        return self.pitfall == "false_alarm"

    @property
    def resolving_remediations(self) -> list[str]:
        """The ids of every option that resolves the incident; each one is enough on its own."""
        return [r.id for r in self.remediations if r.effect == "resolves"]

    @property
    def ideal_remediations(self) -> list[str]:
        """The remediation ids of the ideal path: the first option that resolves (options that
        resolve are alternatives, and the score counts one), else every option that helps."""
        return self.resolving_remediations[:1] or [
            r.id for r in self.remediations if r.effect == "helps"]

    def openable_ids(self) -> list[str]:
        """Everything an `open:` action may name: panels, reports, `logs` and `changes`."""
        return [s.id for s in self.signals] + [r.id for r in self.reports] + ["logs", "changes"]

    def evidence_ids(self) -> list[str]:
        """Everything the `evidence:` lists may name: what can be opened, ML-team answers, and
        the log lines and change entries that have an `id`."""
        return [*self.openable_ids(), *(q.id for q in self.questions),
                *(line.id for line in self.logs if line.id),
                *(change.id for change in self.changes if change.id)]
