"""The lab file format, `schema: triage/lab@1`: a service, its signals and weeks of history.

Times in a lab count from the start of the history (`at: 9d4h` is nine days and four hours in),
except effects inside an event or an incident, which count from that event or incident. Any time
or number may be a seed-varied `[low, high]` range, as in incidents.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from triage.lab.rules_model import RuleGroup
from triage.model.incident import PitfallId
from triage.model.signals import Effect, NonNegative
from triage.model.types import Identifier, Minutes, MinutesRange, NumRange

SCHEMA_ID = "triage/lab@1"
"""The `schema:` value of a lab file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class History(_Strict):
    """How much history is simulated, at what resolution, and what the player may study."""

    weeks: int = Field(default=4, ge=2, le=8)
    """Weeks of history to simulate and replay (2 to 8)."""
    step: Minutes = Field(default=5.0, ge=1, le=60)
    """The resolution: one value per signal every `step` (default `5m`; rules are evaluated at
    every step, so `for` durations shorter than a step count as one step)."""
    training: Minutes = Field(default=10080.0, ge=1440, le=20160)
    """The opening window the player studies to set thresholds (default `7d`). It holds no
    incident and is not scored."""
    page_budget: float = Field(default=3.0, gt=0, le=100)
    """Pages per week a team can live with; above it alert fatigue lowers the score."""
    harm_unit: str = Field(default="harm", min_length=1, max_length=30)
    """What harm is counted in (`USD`, `bad answers`, `GPU hours`)."""
    ticket_delay: Minutes = Field(default=240.0, ge=0, le=4320)
    """How long a ticket waits before someone acts on it (default `4h`); a page is acted on at
    once. Catching an incident with a ticket counts its detection this much later."""


class Dashboard(_Strict):
    """One of the lab's dashboards (the guide's three: operational, quality, drift)."""

    id: Identifier
    """Referenced by each signal's `dashboard`."""
    title: str = Field(min_length=1, max_length=60)
    """The tab title."""
    audience: str = Field(default="", max_length=80)
    """Who reads it (`ops/SRE`, `ML team`, `product`)."""


class PsiMeasure(_Strict):
    """A drift statistic measured for real: at each step a window of inputs is drawn around a
    hidden shift and compared with the training inputs by the Population Stability Index."""

    kind: Literal["psi"]
    of: Identifier
    """The hidden signal holding the inputs' shift, in standard deviations of the training
    inputs (0 means the inputs look like training)."""
    sample: int = Field(default=400, ge=50, le=5000)
    """Inputs drawn per step window; fewer make a noisier PSI."""
    bins: int = Field(default=10, ge=4, le=20)
    """Quantile bins of the training reference."""


class LabelsMeasure(_Strict):
    """A rate measured on labelled samples that arrive late (fraud labels, human review): the
    value at a step is the share of `sample` labelled items, from `delay` ago, that were right."""

    kind: Literal["labels"]
    of: Identifier
    """The hidden signal holding the true rate (0 to 1), e.g. the model's real accuracy."""
    delay: Minutes = Field(ge=0, le=20160)
    """How long labels take to arrive (`3d` for chargebacks)."""
    sample: int = Field(default=200, ge=10, le=100000)
    """Labelled items per step; fewer make a noisier rate."""


Measure = Annotated[PsiMeasure | LabelsMeasure, Field(discriminator="kind")]
"""A measured signal, chosen by its `kind`."""


class LabSignal(_Strict):
    """One metric: a shape (baseline, noise, effects) or a measure of a hidden signal."""

    id: Identifier
    """Unique id; rules name it in `expr`."""
    title: str = Field(min_length=1, max_length=80)
    """The panel title."""
    dashboard: Identifier | None = None
    """The dashboard it is on (required unless `hidden`)."""
    unit: str = Field(default="", max_length=20)
    """Unit shown beside values (`ms`, `%`, `USD/h`)."""
    description: str = Field(default="", max_length=400)
    """What it measures, shown beside its sparkline."""
    hidden: bool = False
    """A quantity the world has but no dashboard shows (the true accuracy, the inputs' shift);
    measures read it, incidents move it, rules cannot name it."""
    baseline: NumRange | None = None
    """Level of a shape signal before any effect. Give `baseline` or `measure`."""
    measure: Measure | None = None
    """Measure a hidden signal instead: `psi` (input drift) or `labels` (delayed labels)."""
    scale: float = Field(default=1.0, gt=0, le=1e6)
    """Multiply a measure (100 shows a rate as a percentage)."""
    noise: NonNegative = 0.0
    """Standard deviation of the normal noise added at every step."""
    effects: list[Effect] = Field(default=[], max_length=50)
    """Effects over the whole history (seasonality, a slow random walk); `at` counts from the
    start of the history."""
    clamp: tuple[float | None, float | None] = (None, None)
    """Lower and upper bound (`[0, null]` keeps a rate non-negative)."""
    decimals: int = Field(default=2, ge=0, le=6)
    """Decimal places when the value is displayed."""

    @model_validator(mode="after")
    def _one_source(self) -> LabSignal:
        if (self.baseline is None) == (self.measure is None):
            raise ValueError("give exactly one of 'baseline' (a shape) or 'measure'")
        low, high = self.clamp
        if low is not None and high is not None and low > high:
            raise ValueError(f"clamp lower bound {low:g} is above the upper bound {high:g}")
        return self


class LabEffect(_Strict):
    """An effect on one signal; its `at` counts from the event or incident it belongs to."""

    signal: Identifier
    """The signal (or hidden signal) moved."""
    effect: Effect
    """The effect: step, ramp, spike, decay, seasonality or random_walk."""


class LabEvent(_Strict):
    """Benign noise: something that moves signals but needs nobody (a deploy, a traffic spike,
    a marketing email, a slow seasonal drift). A page during it is a false page."""

    id: Identifier
    """Unique id, shown on the debrief's timeline."""
    kind: Literal["deploy", "traffic_spike", "drift", "maintenance", "batch", "other"]
    """What sort of event it is."""
    title: str = Field(min_length=1, max_length=80)
    """What happened, in a few words."""
    at: MinutesRange
    """When it happens, from the start of the history (`[2d, 3d]` varies with the seed)."""
    every: Minutes | None = Field(default=None, ge=60, le=20160)
    """Repeat it at this interval until the history ends (weekly deploys: `7d`)."""
    jitter: Minutes = Field(default=0.0, ge=0, le=10080)
    """Each repeat lands up to this much later, drawn from the seed."""
    effects: list[LabEffect] = Field(min_length=1, max_length=20)
    """What it does to the signals; `at` counts from the event."""


class LabIncident(_Strict):
    """A real problem scheduled in the history: it harms from `start` for as long as it `lasts`
    unless it is caught."""

    id: Identifier
    """Unique id, shown in the replay and the debrief."""
    title: str = Field(min_length=1, max_length=100)
    """What went wrong, as the debrief names it."""
    pitfall: PitfallId
    """The pitfall it is an instance of."""
    start: MinutesRange
    """Onset, from the start of the history; after the training window."""
    lasts: MinutesRange
    """How long after `start` it stops harming on its own (someone else noticed, a fix shipped
    anyway); it ends then, and its effects stop."""
    harm_per_minute: NumRange
    """Harm accrued each minute from `start` until detection or its end (in `harm_unit`)."""
    severity: Literal["page", "ticket"] = "page"
    """What it deserves: wake someone (`page`) or a ticket for working hours."""
    fits: list[Identifier] = Field(min_length=1, max_length=10)
    """The actions from the menu that fit it; a rule that catches it should call for one."""
    effects: list[LabEffect] = Field(min_length=1, max_length=30)
    """What it does to the signals; `at` counts from the onset."""
    lesson: str = Field(min_length=1, max_length=600)
    """What catches it early and why, shown when a player misses it or catches it late."""


class LabAction(_Strict):
    """One entry of the action menu a rule picks from."""

    id: Identifier
    """What rules write in `labels.action`."""
    title: str = Field(min_length=1, max_length=80)
    """What the action is, in a few words."""


class Lab(_Strict):
    """An alert lab: a service with weeks of history to design alerting rules against."""

    schema_: Literal["triage/lab@1"] = Field(alias="schema")
    """Format version; always `triage/lab@1`."""
    id: Identifier
    """Unique id, used by `triage lab alerts ID`."""
    title: str = Field(min_length=1, max_length=100)
    """The lab's name in `triage lab list`."""
    service: str = Field(min_length=1, max_length=400)
    """The service, in a sentence."""
    briefing: str = Field(min_length=1, max_length=2000)
    """What the player is asked to do, shown before they design rules."""
    history: History = History()
    """Length, resolution, training window and page budget."""
    dashboards: list[Dashboard] = Field(min_length=1, max_length=6)
    """The dashboards the signals live on."""
    signals: list[LabSignal] = Field(min_length=1, max_length=40)
    """The metrics, and the hidden quantities behind them."""
    events: list[LabEvent] = Field(default=[], max_length=40)
    """Benign noise: deploys, spikes and drift that need nobody."""
    incidents: list[LabIncident] = Field(min_length=1, max_length=20)
    """The real problems in the history."""
    actions: list[LabAction] = Field(min_length=2, max_length=20)
    """The action menu rules choose from."""
    reference: list[RuleGroup] = Field(min_length=1, max_length=10)
    """The author's rules (Prometheus `groups`), which must catch every incident."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)

    @property
    def minutes(self) -> float:
        """The length of the history in minutes."""
        return self.history.weeks * 10080.0

    def signal(self, signal_id: str) -> LabSignal:
        """The signal with this id (KeyError if none)."""
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)
