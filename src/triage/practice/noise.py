"""Noise pages for shift mode: alerts that fire, look urgent enough, and need nothing.

Each template is a kind of page an ML on-call really gets: thresholds set just under a normal
peak, flapping sensors, cold starts paged before warm-up, retryable failures paged on the first
attempt, tickets routed as pages. `context` is what a quick look at the alert's history and
neighbouring dashboards shows (the tell); `lesson` is what the debrief says to fix in the alert.
`clears_after` is how long until it resolves by itself (None: it stays until someone handles it);
`flaps` is how many more times it fires during a shift, `flap_every` minutes apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoiseTemplate:
    """A benign page: what it says, what looking at it shows, and what to fix afterwards."""

    alert: str
    severity: str
    service: str
    summary: str
    context: str
    lesson: str
    clears_after: float | None = None
    flaps: int = 0
    flap_every: float = 40.0


NOISE: tuple[NoiseTemplate, ...] = (
    NoiseTemplate(
        "FeatureStoreDiskWarning", "warning", "feature-store",
        "Disk /data on feature-store-2 at 81% (threshold 80%)",
        "Usage reaches about 82% every night before the 02:00 compaction and drops to 50% "
        "after it. This alert fired on 23 of the last 30 nights.",
        "The threshold sits just under a normal nightly peak. Alert on the forecast time until "
        "the disk is full instead of a fixed percentage.",
        clears_after=35,
    ),
    NoiseTemplate(
        "GPUTemperatureHigh", "warning", "inference-gpu",
        "gpu-node-7: GPU temperature 84 C for 2m",
        "Fired and cleared 5 times in the last 6 hours. Throughput and p99 latency on "
        "gpu-node-7 are flat; the fans ramp up and it cools within minutes.",
        "A flapping alert trains people to ignore pages. Lengthen its 'for:' window or alert "
        "only when the GPU actually throttles.",
        clears_after=6, flaps=2, flap_every=35,
    ),
    NoiseTemplate(
        "CanaryLatencyHigh", "page", "ranker-canary",
        "Canary p99 latency 780 ms for 3m (SLO 500 ms)",
        "The autoscaler added two replicas 4 minutes ago; fresh replicas load the model and "
        "serve their first requests slowly. The canary's error rate is 0% and its latency is "
        "already falling.",
        "Cold starts after a scale-out. Send traffic only to replicas that report ready, or make "
        "the 'for:' window longer than the warm-up.",
        clears_after=8,
    ),
    NoiseTemplate(
        "LabelJoinLag", "warning", "label-pipeline",
        "Delayed-label join 45 minutes behind real time",
        "The data platform calendar shows the monthly label backfill running now, as it does "
        "on the first night of every month; the lag chart matches last month's exactly.",
        "Known maintenance should silence its own alerts. Add the backfill window as a silence.",
        clears_after=50,
    ),
    NoiseTemplate(
        "NightlyEvalFailed", "page", "eval-runner",
        "Nightly offline evaluation failed (attempt 1 of 3)",
        "The spot instance running attempt 1 was preempted. Attempt 2 started by itself and is "
        "40% done; the last 60 nights all finished by attempt 2.",
        "Page when the last retry fails, not the first: a retryable failure is not an incident.",
        clears_after=20,
    ),
    NoiseTemplate(
        "TLSCertificateExpiring", "warning", "model-gateway",
        "TLS certificate for api.model-gateway expires in 21 days",
        "Automatic renewal runs 14 days before expiry and has succeeded every time this year.",
        "Three weeks of runway is a ticket for the team's queue, not a page at night.",
    ),
    NoiseTemplate(
        "TokenBudgetAt80", "warning", "llm-gateway",
        "Monthly LLM token spend at 80% of budget",
        "It is day 24 of 30: 80% of the month is gone and spend is exactly on the forecast "
        "line. Tokens per request and request volume are both flat.",
        "Spend that tracks the calendar is not news. Alert on a burn rate above forecast.",
    ),
    NoiseTemplate(
        "DriftMonitorHeartbeatMissed", "page", "drift-monitor",
        "Drift monitor missed a heartbeat (no report for 5m)",
        "The next run started on time and finished in 3 minutes. PSI and KS for every feature "
        "are inside their usual ranges.",
        "One missed heartbeat is jitter. Alert after two or three in a row.",
        clears_after=5, flaps=1, flap_every=60,
    ),
    NoiseTemplate(
        "EmbeddingCacheEvictions", "warning", "retrieval",
        "Embedding cache eviction rate 3x baseline",
        "A scheduled re-index is warming the new index: hit rate is back to 91% and climbing, "
        "and retrieval latency never moved.",
        "Expected during a re-index. Tie the alert to hit rate and latency, not evictions alone.",
        clears_after=15,
    ),
)
"""Every noise template a shift can draw from."""
