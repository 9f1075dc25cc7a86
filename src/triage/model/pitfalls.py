"""The pitfalls triage teaches, each with the card the debrief shows.

A pitfall id names the failure an incident is built around. Its card is the four-line lesson from
the reference guide, restated in our own words: what you see, what it means, what you monitor,
what you do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from triage.model.incident import Incident


class PitfallCard(NamedTuple):
    """The lesson for one pitfall, shown at the end of every debrief for it.

    A named tuple rather than a dataclass: `triage history` shows pitfall titles, and importing
    `dataclasses` costs a listing a tenth of its start-up."""

    id: str
    title: str
    see: str
    means: str
    monitor: str
    do: str


PITFALLS: dict[str, PitfallCard] = {
    card.id: card
    for card in (
        PitfallCard(
            "training_divergence",
            "Training divergence",
            "Loss jumps to five or ten times its recent level and training turns erratic.",
            "Gradients are exploding, almost always because the learning rate is too high.",
            "Gradient norm (spikes come first) and training loss (erratic, climbing).",
            "Cut the learning rate by about 10x and turn on gradient clipping.",
        ),
        PitfallCard(
            "silent_degradation",
            "Silent accuracy degradation",
            "Latency, errors and traffic look perfect while accuracy slides over days or weeks.",
            "The model has drifted: its inputs changed, or what the right label is changed.",
            "Accuracy on a labelled sample (mind the label delay) and input distribution stats.",
            "Limit the harm first (roll back, fall back, hold risky decisions for review); find "
            "what changed, in the world or in the pipeline; retrain on recent data only after.",
        ),
        PitfallCard(
            "miscalibration",
            "Confidence miscalibration",
            "The model says 95% sure and is right about 60% of the time.",
            "It learned to be overconfident: nothing in training punished false certainty.",
            "Confidence against observed accuracy: a reliability diagram, ECE, a histogram.",
            "Recalibrate (temperature scaling) or retrain with a confidence penalty; "
            "fix any alert thresholds that trust the raw confidence.",
        ),
        PitfallCard(
            "train_prod_mismatch",
            "Production-training mismatch",
            "Offline tests said 94%; production delivers about 71%.",
            "The validation set never looked like production traffic.",
            "Input distributions in production against the training data (PSI, KS, JS).",
            "Stop the harm (roll back or fall back), then restore parity between the training and "
            "serving pipelines and validate on a representative production sample.",
        ),
        PitfallCard(
            "overfitting",
            "Overfitting",
            "Training loss keeps falling while validation loss turns around and climbs.",
            "The model is memorising its training set instead of learning the pattern.",
            "The gap between training and validation loss, epoch by epoch.",
            "Stop early at the best validation checkpoint; add regularisation or data.",
        ),
        PitfallCard(
            "underfitting",
            "Underfitting",
            "Training and validation loss both stay high, close together, and barely move.",
            "The model cannot fit even its training data: too little capacity, too much "
            "regularisation, or a learning rate too small to get anywhere.",
            "Training loss against a previous good run, the gap (small here), and the settings "
            "that limit what the model can learn.",
            "Keep the last good model in place; undo the setting that starved the run, then "
            "retrain. More data or early stopping will not help.",
        ),
        PitfallCard(
            "input_drift",
            "Input drift",
            "Quality erodes while the inputs look different from what the model trained on.",
            "Users or upstream systems changed what they send; the model is off its map.",
            "Per-feature PSI, KS and Jensen-Shannon distance against the training reference. "
            "(The study guide calls KL divergence 'Jensen-Shannon'; they differ: JS is symmetric "
            "and bounded, 0 to 1 in base 2, KL is neither.)",
            "Confirm which inputs moved and why: fix an upstream bug at its source (never retrain "
            "on broken inputs); for a real shift, protect users first, then retrain or extend "
            "coverage.",
        ),
        PitfallCard(
            "hallucination",
            "Hallucination risk",
            "Answers stay fluent and confident but disagree with each other and with the facts.",
            "The model is generating beyond what it knows; retrieval may have stopped helping.",
            "Consistency across samples, confidence against accuracy, retrieval success rate.",
            "Restore grounding (fix retrieval), gate low-consistency answers, recalibrate.",
        ),
        PitfallCard(
            "llm_cost_latency",
            "LLM cost and latency",
            "Tokens and cost per request climb and the latency SLO starts to burn.",
            "Requests got longer or more numerous: prompts, context or retries grew.",
            "gen_ai.client.token.usage, gen_ai.client.operation.duration, cost per request, "
            "error budget burn rate. (The study guide's gen_ai.request.duration and "
            "gen_ai.model.name are not OpenTelemetry names: the conventions have "
            "gen_ai.client.operation.duration, in seconds, and gen_ai.request.model or "
            "gen_ai.response.model.)",
            "Find what inflated the tokens and roll it back or cap it; protect the SLO first.",
        ),
        PitfallCard(
            "quantization_regression",
            "Quantization regression",
            "After a rollout the service is faster and cheaper, and quietly less accurate.",
            "Lower precision costs a few points of accuracy, more on some slices. Expect it to "
            "be about 1.5-3x faster (weight-only int4 mostly speeds up decoding), not the 4-10x "
            "the study guide quotes.",
            "Accuracy on labelled samples per model version, beside latency and cost.",
            "Roll back to full precision first; compare both on the same traffic, then "
            "re-quantize with calibration data and a per-slice gate.",
        ),
        PitfallCard(
            "agent_retry_loop",
            "Agent retry loop",
            "An agent workflow's tool calls and tokens climb while completions stall.",
            "A tool keeps failing and the agent keeps retrying without a stopping rule.",
            "Tool calls per task, retries per span in traces, steps per completed task.",
            "Fix or disable the failing tool and cap retries and steps per task.",
        ),
        PitfallCard(
            "false_alarm",
            "False alarm",
            "An alert fires, yet the user-facing signals that matter are healthy.",
            "The alert's rule or threshold is wrong for this signal, not the system.",
            "Whether the alert predicts real user harm: its precision over past pages.",
            "Tune or silence the alert and change nothing else in production.",
        ),
    )
}
"""Every known pitfall, by id."""


def card_for(incident: Incident) -> PitfallCard:
    """The card an incident's debrief ends with: its pitfall's, with the lines its
    `pitfall_card:` rewrites."""
    card = PITFALLS[incident.pitfall]
    override = incident.pitfall_card
    if override is None:
        return card
    changes = {name: value for name, value in override.model_dump().items() if value is not None}
    return card._replace(**changes)
