"""Signals: the curves on the dashboards, and the effects that shape them.

A signal is either a **shape** (a baseline, noise and a list of composable effects) or a **physics**
output (a series computed by one of the incident's simulated ML systems, optionally with noise
added). Effect times are durations relative to the incident's onset, so a seed that moves the onset
moves every effect with it.
"""


from typing import Annotated, Literal

from pydantic import Field, model_validator

from triage.model.types import Identifier, Minutes, MinutesRange, NumRange, within
from triage.model.types import StrictModel as _Strict

_POSITIVE, _NON_NEGATIVE = within(0, open_low=True)[0], within(0)[0]
PositiveMinutes = Annotated[MinutesRange, _POSITIVE]
"""A duration above zero, or a range of them (a period, width or half-life of zero is nonsense)."""
NonNegativeMinutes = Annotated[MinutesRange, _NON_NEGATIVE]
"""A duration of zero or more, or a range of them."""
NonNegative = Annotated[NumRange, _NON_NEGATIVE]
"""A number of zero or more, or a range of them (a standard deviation)."""


class StepEffect(_Strict):
    """A lasting jump: from `at` on, the signal sits `by` higher (negative for lower)."""

    kind: Literal["step"]
    at: MinutesRange = 0.0
    """When the step happens, relative to onset (e.g. `0m`, `-2h`, `[10m, 40m]`)."""
    by: NumRange
    """How far the signal moves, in the signal's unit."""


class RampEffect(_Strict):
    """A gradual change: rises linearly by `by` over `over`, then holds."""

    kind: Literal["ramp"]
    at: MinutesRange = 0.0
    """When the ramp starts, relative to onset."""
    over: NonNegativeMinutes
    """How long the ramp takes to reach its full size."""
    by: NumRange
    """The total change once the ramp is complete."""


class SpikeEffect(_Strict):
    """A brief bump that rises and falls back, shaped like a triangle `width` wide."""

    kind: Literal["spike"]
    at: MinutesRange = 0.0
    """When the spike peaks, relative to onset."""
    by: NumRange
    """The height of the peak above the signal."""
    width: PositiveMinutes = 10.0
    """The full width of the spike."""
    every: Minutes | None = Field(default=None, ge=1)
    """Repeat the spike at this interval from `at` on (recurring spikes); at least `1m`."""


class DecayEffect(_Strict):
    """A sudden jump of `by` that fades away with the given half-life."""

    kind: Literal["decay"]
    at: MinutesRange = 0.0
    """When the jump happens, relative to onset."""
    by: NumRange
    """The size of the jump."""
    half_life: PositiveMinutes = 30.0
    """Time for the jump to fade to half its size."""


class SeasonalityEffect(_Strict):
    """A repeating wave (daily traffic, hourly batch jobs), across the whole timeline."""

    kind: Literal["seasonality"]
    period: PositiveMinutes = 1440.0
    """The length of one cycle."""
    amplitude: NumRange
    """Half the peak-to-trough swing."""
    phase: MinutesRange = 0.0
    """Shift of the wave along the timeline."""


class RandomWalkEffect(_Strict):
    """A wandering drift: from `at` on, each minute adds a normal step with this deviation."""

    kind: Literal["random_walk"]
    at: MinutesRange = 0.0
    """When the wandering starts, relative to onset (use a large negative value for always)."""
    sd: NonNegative
    """Standard deviation of each one-minute step."""


Effect = Annotated[
    StepEffect | RampEffect | SpikeEffect | DecayEffect | SeasonalityEffect | RandomWalkEffect,
    Field(discriminator="kind"),
]
"""One composable effect on a shape signal, chosen by its `kind`."""


class Signal(_Strict):
    """One metric on a dashboard panel."""

    id: Identifier
    """Unique id; actions and evidence refer to the panel by it."""
    title: str = Field(min_length=1, max_length=80)
    """The panel title the player sees."""
    dashboard: Identifier
    """The id of the dashboard (tab) the panel lives on."""
    unit: str = Field(default="", max_length=20)
    """Unit shown beside values (`ms`, `%`, `req/s`, `$`...)."""
    description: str = Field(default="", max_length=400)
    """What this metric measures; shown when the panel is opened."""
    baseline: NumRange | None = None
    """Level of a shape signal before any effect. Give either `baseline` or `physics`."""
    physics: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_-]*\.[A-Za-z0-9_.-]+$")
    """`system.output`: take the series from a simulated system (e.g. `trainer.grad_norm`)."""
    scale: NumRange = 1.0
    """Multiply a physics output (e.g. 100 to show a fraction as a percentage)."""
    noise: NonNegative = 0.0
    """Standard deviation of the normal noise added at every minute."""
    effects: list[Effect] = Field(default=[], max_length=50)
    """Effects applied on top of the baseline or physics output, in order."""
    clamp: tuple[float | None, float | None] = (None, None)
    """Lower and upper bound (`[0, null]` keeps a rate non-negative)."""
    decimals: int = Field(default=2, ge=0, le=6)
    """Decimal places when the value is displayed."""
    expect: Literal["moves", "flat"] | None = None
    """What the panel does after the onset, for `triage check`: `flat` stays inside its normal
    range (an independent audit sample in a false alarm, decisive because it does not move);
    empty or `moves`: a decisive panel must move."""
    y_range: tuple[float | None, float | None] = (None, None)
    """The panel's fixed vertical scale, `[low, high]` in the signal's unit (`[0, 100]` for a
    percentage); `null` at either end follows the data. Values outside are drawn at the edge."""
    metric: str | None = Field(default=None, pattern=r"^[a-zA-Z_][a-zA-Z0-9_]*$", max_length=100)
    """The metric family's name in `triage export --format openmetrics`; empty uses the id."""

    @model_validator(mode="after")
    def _one_source(self) -> "Signal":
        if (self.baseline is None) == (self.physics is None):
            raise ValueError(
                "give exactly one of 'baseline' (a shape) or 'physics' (system.output)")
        low, high = self.clamp
        if low is not None and high is not None and low > high:
            raise ValueError(f"clamp lower bound {low:g} is above the upper bound {high:g}")
        low, high = self.y_range
        if low is not None and high is not None and low >= high:
            raise ValueError(f"y_range low {low:g} must be below its high {high:g}")
        return self

    @property
    def system(self) -> str | None:
        """The physics system this signal reads, if any."""
        return self.physics.split(".", 1)[0] if self.physics else None

    @property
    def output(self) -> str | None:
        """The physics output this signal reads, if any."""
        return self.physics.split(".", 1)[1] if self.physics else None


class SignalEffect(_Strict):
    """An effect a remediation has on one signal; `at` counts from the decision, not the onset."""

    signal: Identifier
    """The signal affected."""
    effect: Effect
    """The effect added from the moment the remediation is applied."""
