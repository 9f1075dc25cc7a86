"""Physics systems of models serving predictions: a classifier's calibration, accuracy measured
on delayed labels, and a retrieval-augmented LLM answering questions.

Part of the `systems:` section (`triage.model.physics` holds the training and drift systems and
the union of every kind). Times are durations relative to the incident's onset; any number
written `[low, high]` is drawn per play from the seed.
"""

from typing import Literal

from pydantic import Field, model_validator

from triage.model.physics_base import (
    Duration,
    NoiseShare,
    Share,
    Spread,
    _high,
    _low,
    _Spec,
    _windows,
)
from triage.model.types import Minutes, MinutesRange


class CalibrationPhysics(_Spec):
    """A binary classifier's confidence against how often it is right, per window of predictions.

    True log-odds are `separation * z` with `z` standard normal; the model predicts the right side
    of zero with confidence `sigmoid(|log-odds| / temperature)`. Temperature 1 is calibrated, below
    1 overconfident, above 1 underconfident; it never changes which class is predicted, so
    temperature scaling fixes calibration without moving accuracy. Recipes: "95% confident, right
    60% of the time": `separation: 0.5`, `onset_temperature: 0.04`; an overconfident model push:
    `separation: 4`, `onset_temperature: 0.2` (ECE about 0.1); concept change: `onset_separation`.
    Accuracy by separation: 0.5: 0.60, 1: 0.68, 2: 0.78, 4: 0.87, 8: 0.93.
    """

    kind: Literal["calibration"]
    """Selects the calibration simulator."""
    separation: Spread = 4.0
    """Spread of the true log-odds; higher means a more accurate model."""
    onset_separation: Spread | None = None
    """Separation from the onset on (the world changed); empty keeps `separation`."""
    temperature: Spread = 1.0
    """Confidence temperature at the start (1 = calibrated, below 1 = overconfident)."""
    onset_temperature: Spread | None = None
    """Temperature from the onset on (e.g. an overconfident model push); empty keeps it."""
    change_after: Minutes = Field(0.0, ge=0)
    """Delay from the onset to the change."""
    window: int = Field(1000, ge=20, le=20_000)
    """Predictions per window."""
    every: Minutes = Field(10.0, ge=1, le=240)
    """Window length: statistics are recomputed every this many minutes."""
    bins: int = Field(15, ge=2, le=50)
    """Equal-width confidence bins for ECE and the reliability diagram."""

    def outputs(self) -> list[str]:
        """Names of the series this system emits."""
        return ["ece", "mce", "accuracy", "mean_confidence", "overconfidence", "brier"]

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return ["temperature", "retrain"]

    def override_rules(self) -> dict[str, tuple[str, float, float]]:
        """What each parameter a remediation may override accepts (see `override_problem`)."""
        return {"temperature": ("number", 0.0, 50.0), "retrain": ("flag", 0.0, 1.0)}

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly."""
        values = 6 * _windows(minutes, self.every) * self.window  # draws and their temporaries
        return values, values * 4


class DelayedAccuracyPhysics(_Spec):
    """Accuracy that decays under concept drift, measured only on labels that arrive late.

    True accuracy ramps from `accuracy` to `degraded_accuracy` over `degrade_over` after the onset.
    Each minute's predictions get a label for a share `label_rate` of them, `label_delay` later;
    the `accuracy` output is computed over the labels received for the last `window` of labelled
    traffic, so it lags the truth by the delay and is noisier with fewer labels. Recipe for silent
    degradation: defaults (92% to 78% over 4h, labels 1h late) while latency and volume stay flat.
    `retrain: true` brings true accuracy back over `recovery`; the measured curve follows a delay
    later.

    The label feed itself can change: `onset_label_delay` slows it (or stalls it), and
    `onset_label_rate` loses labels. A job with `unlabelled: negative` counts the missing labels as
    wrong answers, so a stalled feed looks like a model collapse while `true_accuracy` stays put:
    a false alarm. Remedies: `restore_feed: true` (labels flow at the old delay and rate again; the
    backlog arrives at once) and `skip_unlabelled: true` (the job leaves missing labels out).
    """

    kind: Literal["delayed_accuracy"]
    """Selects the delayed-label accuracy simulator."""
    accuracy: Share = 0.92
    """True accuracy before the degradation."""
    degraded_accuracy: Share = 0.78
    """True accuracy once the degradation is complete."""
    start: Duration = 0.0
    """Delay from the onset to the start of the degradation."""
    degrade_over: Duration = 240.0
    """Time the degradation takes to complete (a week of drift compressed into the timeline)."""
    label_delay: Duration = 60.0
    """How long a label takes to arrive after its prediction (rounded to whole minutes)."""
    label_rate: Share = 0.25
    """Share of predictions that ever receive a ground-truth label."""
    predictions_per_minute: float = Field(200.0, gt=0, le=100_000)
    """Mean prediction volume per minute (Poisson)."""
    window: Minutes = Field(60.0, ge=1, le=1440)
    """Span of labelled traffic the measured accuracy is computed over."""
    recovery: Minutes = Field(60.0, ge=0)
    """After `retrain`, time for true accuracy to climb back to `accuracy`."""
    onset_label_delay: Duration | None = None
    """Label delay for predictions made from the feed change on: a slow label feed (a delay
    longer than the timeline is a stalled one); empty keeps `label_delay`."""
    onset_label_rate: Share | None = None
    """Share of predictions labelled from the feed change on (a lossy feed), at most
    `label_rate`; empty keeps `label_rate`."""
    feed_change_after: MinutesRange = 0.0
    """Delay from the onset to the label feed's change; negative changes it before the onset."""
    unlabelled: Literal["skip", "negative"] = "skip"
    """How the accuracy job treats a decision sampled for labelling whose label has not arrived
    within `label_delay`: `skip` leaves it out; `negative` counts it as wrong, so a stalled feed
    reads as a collapsing model."""

    @model_validator(mode="after")
    def _feed_loses_labels(self) -> "DelayedAccuracyPhysics":
        if self.onset_label_rate is not None and (
                _high(self.onset_label_rate) > _low(self.label_rate)):
            raise ValueError("onset_label_rate must not exceed label_rate (a feed change can "
                             "only lose labels)")
        return self

    def outputs(self) -> list[str]:
        """Names of the series this system emits."""
        return ["accuracy", "true_accuracy", "labels", "labelled_window", "predictions",
                "awaiting_labels"]

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return ["retrain", "restore_feed", "skip_unlabelled"]

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly."""
        delay = min(max(_high(self.label_delay), _high(self.onset_label_delay or 0.0)), 20_000)
        values = 12 * (minutes + int(delay) + int(self.window))
        return values, values


class RetrievalPhysics(_Spec):
    """A retrieval-augmented LLM answering questions, one window of questions at a time.

    Each question's answer is in an indexed document with chance `coverage`; when it is, its
    passage ranks first with chance `precision`, second with the same chance again, and so on, so
    it reaches the prompt's `top_k` passages with chance `1 - (1 - precision)^top_k`. A question
    whose passage was retrieved is answered from it (right with `grounded_accuracy`, a little
    less for every extra passage: `distraction`); otherwise the model declines with chance
    `abstain` or answers from memory (right with `parametric_accuracy`). Stated confidence barely
    drops without support, but resampled answers stop agreeing: consistency is the tell. An LLM
    judge labels a share `judge_rate` of the answers, wrong with chance `judge_error`. `ece`
    compares stated confidence with being right over the answered questions, and a `reports:`
    entry gives their reliability diagram.

    Recipes: an index rebuild that lost documents: `onset_coverage: 0.4` (hit rate and
    grounding fall, consistency and judged correctness follow, confidence stays high); a new
    embedding model that ranks badly: `onset_precision: 0.15` (raising `top_k` recovers much of
    it). Remedies: `restore_index: true` (coverage and precision as before the onset), `top_k: N`
    (more passages: a higher hit rate when ranking is the problem, more `context_tokens`, more
    distraction) and `abstain: 0.8` (a prompt that tells the model to decline without a source:
    fewer hallucinations, more unanswered questions).
    """

    kind: Literal["retrieval"]
    """Selects the retrieval-augmented answering simulator."""
    coverage: Share = 0.97
    """Share of questions whose answer is in an indexed document."""
    onset_coverage: Share | None = None
    """Coverage from the onset on (an index rebuild that dropped documents); empty keeps it."""
    precision: Share = 0.6
    """Chance the right passage ranks first when it is indexed (and each lower rank in turn)."""
    onset_precision: Share | None = None
    """Precision from the onset on (a query encoder that no longer matches the index); empty
    keeps it."""
    change_after: Minutes = Field(0.0, ge=0)
    """Delay from the onset to the change."""
    top_k: int = Field(4, ge=1, le=50)
    """Passages put into the prompt."""
    passage_tokens: int = Field(250, ge=1, le=5000)
    """Tokens per passage (the `context_tokens` output is `top_k` times this)."""
    grounded_accuracy: Share = 0.93
    """Chance an answer built on the retrieved passage is right."""
    distraction: NoiseShare = 0.005
    """Accuracy lost for each passage beyond the first (long contexts distract)."""
    parametric_accuracy: Share = 0.3
    """Chance the model answers right from memory, without the passage."""
    abstain: Share = 0.05
    """Share of questions without a retrieved passage that the model declines to answer."""
    confidence: Share = 0.9
    """Mean stated confidence of answers built on a retrieved passage."""
    unsupported_confidence: Share = 0.86
    """Mean stated confidence of answers without one (barely lower: that is the trap)."""
    agreement: Share = 0.95
    """Chance a resampled answer agrees with the first, when the passage was retrieved."""
    unsupported_agreement: Share = 0.45
    """The same chance without the passage (answers from memory wander)."""
    samples: int = Field(5, ge=2, le=10)
    """Answers sampled per question to measure consistency."""
    judge_rate: Share = 0.1
    """Share of answers an LLM judge labels right or wrong."""
    judge_error: NoiseShare = 0.05
    """Chance the judge's label is wrong."""
    window: int = Field(400, ge=20, le=5000)
    """Questions per window."""
    every: Minutes = Field(10.0, ge=1, le=240)
    """Window length: statistics are recomputed every this many minutes."""

    def outputs(self) -> list[str]:
        """Names of the series this system emits."""
        return ["hit_rate", "grounded", "confidence", "consistency", "judged_correct",
                "accuracy", "abstained", "hallucinated", "context_tokens", "ece"]

    def parameters(self) -> list[str]:
        """Parameters a remediation may override from the moment it takes effect."""
        return ["restore_index", "top_k", "abstain"]

    def override_rules(self) -> dict[str, tuple[str, float, float]]:
        """What each parameter a remediation may override accepts (see `override_problem`)."""
        return {"restore_index": ("flag", 0.0, 1.0), "top_k": ("count", 0.0, 50.0),
                "abstain": ("number0", 0.0, 1.0)}

    def cost(self, minutes: int) -> tuple[int, int]:
        """(numbers held, multiply-adds) to simulate `minutes` minutes, roughly."""
        values = (12 + self.samples) * _windows(minutes, self.every) * self.window
        return values, values * 4
