"""Authored parameters of the ML "physics" systems an incident can declare under `systems:`.

Each system is a small simulated ML component whose series are computed, not drawn: a training run,
feature drift, and (in `physics_serving`) a classifier's calibration, accuracy measured on delayed
labels, and a retrieval-augmented LLM answering questions. Times are durations
relative to the incident's onset; any number written `[low, high]` is drawn per play from the seed.
The recipes in each class docstring give the curve shapes of the observability guide's pitfalls.
"""


from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from triage.model.physics_base import (
    _STEP_OVERHEAD,
    MAX_SIMULATED_VALUES,
    MAX_SIMULATED_WORK,
    Duration,
    FeatureName,
    NoiseShare,
    Rate,
    Share,
    Spread,
    _Spec,
    _windows,
    override_problem,
)
from triage.model.physics_serving import (
    CalibrationPhysics,
    DelayedAccuracyPhysics,
    RetrievalPhysics,
)
from triage.model.types import Minutes, MinutesRange, NumRange, within

__all__ = ["MAX_SIMULATED_VALUES", "MAX_SIMULATED_WORK", "CalibrationPhysics",
           "DelayedAccuracyPhysics", "RetrievalPhysics", "override_problem"]


class TrainingPhysics(_Spec):
    """A logistic-regression classifier trained by mini-batch SGD, one or more steps per minute.

    Column 0 is an un-normalised informative feature (std `raw_scale`): it makes the loss surface
    steep in one direction, so a learning rate past the stability limit makes the weights thrash
    across it. Loss and gradient norm then spike and stay erratic (a linear model's loss grows
    only linearly with its weights, so it thrashes rather than overflowing). Recipes:

    - Divergence after a config push: defaults plus `onset_learning_rate: 0.5` (10x). Loss spikes
      about 10x, gradient norm 10-20x; overriding `learning_rate: 0.05` or `clip: 0.3` settles it.
    - Scenario A, healthy: defaults with `warm_start: false`. Both curves fall smoothly and plateau
      near 0.15, validation a touch higher.
    - Scenario B, overfitting: `warm_start: false, features: 64, informative: 2, signal: 4.5,
      label_noise: 0.02, noise_scale: 0.3, raw_scale: 1, learning_rate: 3`. Train falls to about
      0.03; validation bottoms near 0.15 around minute 30, then climbs to about 0.25. Override
      `stop: true` (restore the best checkpoint) or `l2: 0.02` to stop the climb.
    - Scenario C, unstable: defaults plus `learning_rate: 0.4`: noisy, spiking, never settling.
    """

    kind: Literal["training"]
    """Selects the training simulator."""
    learning_rate: Rate = 0.05
    """SGD learning rate at the start of the timeline."""
    onset_learning_rate: Rate | None = None
    """Learning rate from the onset on (a bad config push); empty keeps `learning_rate`."""
    change_after: Minutes = Field(0.0, ge=0)
    """Delay from the onset to the learning-rate change."""
    batch_size: int = Field(64, ge=1, le=1024)
    """Training examples per SGD step."""
    steps_per_minute: int = Field(1, ge=1, le=20)
    """SGD steps per simulated minute; series report the minute's last step (gradient: mean)."""
    clip: float | None = Field(None, gt=0)
    """Clip each step's gradient to this L2 norm; empty means no clipping."""
    l2: float = Field(0.0, ge=0, le=10)
    """Weight decay (decoupled L2 regularisation) per unit of learning rate."""
    warm_start: bool = True
    """Resume from a converged checkpoint (true) or start a fresh run from zero weights (false)."""
    train_size: int = Field(256, ge=8, le=20_000)
    """Training examples; a small set with many features lets the model memorise."""
    val_size: int = Field(256, ge=16, le=4096)
    """Held-out validation examples."""
    features: int = Field(16, ge=1, le=256)
    """Input features in total."""
    informative: int = Field(4, ge=1)
    """Features that carry class signal; the rest are noise."""
    signal: Spread = 3.1
    """Distance between the two class means, in standard deviations; sets the best reachable
    loss (2: 0.36, 2.5: 0.25, 3: 0.17, 3.5: 0.10, 4: 0.06, 5: 0.02)."""
    label_noise: NoiseShare = 0.0
    """Share of labels flipped at random, in training and validation alike."""
    raw_scale: float = Field(10.0, ge=1, le=100)
    """Standard deviation of the un-normalised informative column 0 (1 = all standardised)."""
    noise_scale: float = Field(1.0, gt=0, le=10)
    """Standard deviation of the uninformative features; small values with many features let a
    long run slowly memorise label noise (overfitting)."""

    @model_validator(mode="after")
    def _informative_fits(self) -> "TrainingPhysics":
        if self.informative > self.features:
            raise ValueError("informative must not exceed features")
        return self

    def outputs(self) -> list[str]:
        """Names of the series this system emits."""
        return ["train_loss", "val_loss", "gap", "val_accuracy", "grad_norm", "learning_rate"]

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return ["learning_rate", "clip", "l2", "stop"]

    def override_rules(self) -> dict[str, tuple[str, float, float]]:
        """What each parameter a remediation may override accepts (see `override_problem`)."""
        return {"learning_rate": ("number", 0.0, 100.0), "clip": ("clip", 0.0, 1e6),
                "l2": ("number0", 0.0, 10.0), "stop": ("flag", 0.0, 1.0)}

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly."""
        steps = minutes * self.steps_per_minute
        rows = min(256, self.train_size) + self.val_size
        data = (self.train_size + self.val_size) * self.features
        # batch indices (int64, drawn as a temporary too), margins, weights and the data
        values = 2 * steps * self.batch_size + minutes * (rows + self.features) + data
        work = steps * (2 * self.batch_size * self.features + _STEP_OVERHEAD)
        return values, work + minutes * rows * self.features


Factor = Annotated[NumRange, *within(0, 1e6, open_low=True)]
"""A positive multiplier up to a million, or a `[low, high]` range of them."""


class NumericFeature(_Spec):
    """A numeric input feature: normal in training, shifted in mean and spread when drifting."""

    name: FeatureName
    """Feature name, used in outputs `psi.<name>`, `ks.<name>`, `js.<name>`, `mean.<name>`,
    `median.<name>` and `missing.<name>`."""
    mean: float = 0.0
    """Mean in the training reference."""
    std: float = Field(1.0, gt=0)
    """Standard deviation in the training reference."""
    shift: NumRange = 1.0
    """Mean shift at full drift, in reference standard deviations (PSI about 0.3 at 0.5, 1 at 1)."""
    scale: Spread = 1.0
    """Spread multiplier at full drift (1 keeps the spread)."""
    multiply: Factor = 1.0
    """Values multiplied by this at full drift: a unit change (100 for metres now sent as
    centimetres, 0.01 the other way). Over a `ramp` the factor grows geometrically (x10 halfway
    to x100); `ramp: 0m` makes the change land at once."""
    missing: Share = 0.0
    """Share of values missing (null) in the training reference."""
    drifted_missing: Share | None = None
    """Share missing at full drift (an upstream field going null); empty keeps `missing`."""


class CategoricalFeature(_Spec):
    """A categorical input feature: a category mix that moves to another mix when drifting."""

    name: FeatureName
    """Feature name, used in outputs `psi.<name>`, `js.<name>` and `missing.<name>` (KS, mean
    and median need an order, so none)."""
    categories: dict[str, float] = Field(min_length=1, max_length=100)
    """Category weights in the training reference (normalised)."""
    drifted: dict[str, float] | None = Field(default=None, max_length=100)
    """Category weights at full drift; may add categories unseen in training."""
    missing: Share = 0.0
    """Share of values missing (null) in the training reference."""
    drifted_missing: Share | None = None
    """Share missing at full drift (an upstream field going null); empty keeps `missing`."""

    @model_validator(mode="after")
    def _weights_positive(self) -> "CategoricalFeature":
        for label, mix in (("categories", self.categories), ("drifted", self.drifted or {})):
            if any(weight < 0 for weight in mix.values()):
                raise ValueError(f"{label} weights must not be negative")
            if mix and sum(mix.values()) <= 0:
                raise ValueError(f"{label} weights must not all be zero")
        return self


def _feature_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "categorical" if "categories" in value else "numeric"
    return "categorical" if isinstance(value, CategoricalFeature) else "numeric"


Feature = Annotated[
    Annotated[NumericFeature, Tag("numeric")] | Annotated[CategoricalFeature, Tag("categorical")],
    Discriminator(_feature_kind),
]
"""A numeric feature, or a categorical one (recognised by its `categories`)."""


class DriftPhysics(_Spec):
    """Production feature samples compared each window with the training reference.

    Each window (`every` minutes, held between updates) draws `window` values per feature from
    production; before the drift they come from the training distribution, afterwards the chosen
    features move towards their drifted distribution over `ramp`. PSI, KS and JS come from
    `triage.stats`. Recipes: production-training mismatch: one numeric feature with `shift: 1.5`,
    `ramp: 0m` (PSI jumps past 0.25); slow drift: `shift: 1`, `ramp: 3h`; a new market: a
    categorical feature whose `drifted` mix adds a category. Remedies: `retrain: true` (the
    reference becomes current production) or `revert: true` (the upstream change is undone).
    """

    kind: Literal["drift"]
    """Selects the drift simulator."""
    features: list[Feature] = Field(min_length=1, max_length=20)
    """Input features monitored for drift."""
    drifting: list[FeatureName] | None = None
    """Features that may drift this play; empty means every feature."""
    choose: int = Field(1, ge=1)
    """How many of `drifting` actually drift, chosen per play from the seed."""
    start: MinutesRange = 0.0
    """Delay from the onset to the start of the drift; negative starts it before the onset (a slow
    drift already under way when the incident begins)."""
    ramp: Duration = 60.0
    """Time from the start of the drift to the full shift (0 = a step change)."""
    window: int = Field(500, ge=20, le=20_000)
    """Production values sampled per window and feature."""
    every: Minutes = Field(10.0, ge=1, le=240)
    """Window length: statistics are recomputed every this many minutes."""
    reference_size: int = Field(2000, ge=50, le=50_000)
    """Size of the training reference sample."""
    bins: int = Field(10, ge=2, le=50)
    """Quantile bins for PSI and JS on numeric features."""

    @model_validator(mode="after")
    def _names(self) -> "DriftPhysics":
        names = [feature.name for feature in self.features]
        if len(set(names)) != len(names):
            raise ValueError("feature names must be unique")
        unknown = sorted(set(self.drifting or []) - set(names))
        if unknown:
            raise ValueError(f"drifting names unknown features: {', '.join(unknown)}")
        if self.choose > len(self.drifting or names):
            raise ValueError("choose exceeds the number of features that may drift")
        return self

    def outputs(self) -> list[str]:
        """Names of the series this system emits."""
        names: list[str] = []
        for feature in self.features:
            names += [f"psi.{feature.name}", f"js.{feature.name}"]
            if isinstance(feature, NumericFeature):
                names += [f"ks.{feature.name}", f"mean.{feature.name}",
                          f"median.{feature.name}"]
            names.append(f"missing.{feature.name}")
        return names + ["psi_max", "js_max", "ks_max", "drifted_features"]

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return ["retrain", "revert"]

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly."""
        samples = _windows(minutes, self.every) * self.window + 2 * self.reference_size
        values = 6 * samples * len(self.features)  # the samples, their values and statistics
        return values, values * max(8, self.bins)


PhysicsSpec = Annotated[
    TrainingPhysics | DriftPhysics | CalibrationPhysics | DelayedAccuracyPhysics
    | RetrievalPhysics,
    Field(discriminator="kind"),
]
"""One simulated ML system, selected by its `kind`."""
