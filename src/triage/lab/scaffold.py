"""`triage lab new`: a small, commented lab that validates and whose reference catches both
of its incidents, ready to edit."""

from __future__ import annotations

import re
from pathlib import Path

SCAFFOLD = """\
# An alert lab: docs/labs.md explains every key. Check it with:
#   triage validate {file} && triage check {file} && triage lab alerts {file}
schema: triage/lab@1
id: {id}
title: "{title}"
service: A model behind an HTTP API that scores about 500 requests a minute.
briefing: >-
  Design the alerts for this service. A week of history is yours to study; three more are
  replayed against your rules.
history:
  weeks: 4            # simulated and replayed
  step: 5m            # one value per signal every 5 minutes
  training: 7d        # studied by the player, not scored; no incident starts in it
  page_budget: 3      # pages a week the team can live with
  harm_unit: bad predictions
dashboards:
  - {{id: operational, title: Operational, audience: ops/SRE}}
  - {{id: drift, title: Drift, audience: ML team}}
signals:
  - id: p95_latency_ms
    title: p95 latency
    dashboard: operational
    unit: ms
    baseline: 120
    noise: 6
    clamp: [0, null]
    effects:
      - {{kind: seasonality, period: 1d, amplitude: 15}}   # busier afternoons
  - id: error_rate_pct
    title: Errors
    dashboard: operational
    unit: "%"
    baseline: 0.4
    noise: 0.1
    clamp: [0, 100]
  - id: input_psi
    title: Input drift (PSI)
    dashboard: drift
    measure: {{kind: psi, of: input_shift, sample: 300}}   # really computed, per window
    decimals: 3
  - id: input_shift           # hidden: the world has it, no dashboard shows it
    title: Shift of the inputs from training, in standard deviations
    hidden: true
    baseline: 0
events:                       # benign: a page during one of these is a false page
  - id: weekly-deploy
    kind: deploy
    title: Weekly release
    at: [1d10h, 1d14h]        # drawn from the seed
    every: 7d
    effects:
      - signal: p95_latency_ms
        effect: {{kind: decay, by: 40, half_life: 15m}}
incidents:
  - id: bad-dependency
    title: A dependency upgrade makes one request in ten fail
    pitfall: false_alarm
    start: [9d, 11d]          # after the training window
    lasts: 3h
    harm_per_minute: 50
    severity: page
    fits: [rollback]
    effects:                  # `at` counts from the incident's start; they stop when it ends
      - signal: error_rate_pct
        effect: {{kind: step, by: 10}}
    lesson: >-
      Errors jumped at once and stayed up; a threshold well above the normal 0.4% with a short
      'for' pages within minutes and never on an ordinary day.
  - id: new-traffic-source
    title: A partner starts sending requests unlike anything in training
    pitfall: input_drift
    start: [16d, 20d]
    lasts: 2d
    harm_per_minute: 5
    severity: ticket
    fits: [retrain]
    effects:
      - signal: input_shift
        effect: {{kind: ramp, over: 6h, by: 0.8}}
    lesson: >-
      Latency and errors stayed normal; only the input PSI showed that the model was now
      answering questions it was never trained for.
actions:
  - {{id: rollback, title: Roll back the last release}}
  - {{id: retrain, title: Retrain on recent inputs}}
  - {{id: scale_out, title: Add capacity}}
reference:                    # the author's rules: `triage check` proves they catch everything
  - name: service
    rules:
      - alert: ErrorsHigh
        expr: error_rate_pct > 3
        for: 10m
        labels: {{severity: page, action: rollback}}
      - alert: InputDrift
        expr: avg_over_time(input_psi[1h]) > 0.25
        for: 30m
        labels: {{severity: ticket, action: retrain}}
"""


def lab_id_for(path: Path) -> str:
    """A lab id made from a file name: `My Lab.yaml` becomes `my-lab`."""
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    slug = re.sub(r"[^a-z0-9_.-]+", "-", stem.lower()).strip("-_.")
    return slug or "my-lab"


def render_lab_scaffold(path: Path, title: str | None = None) -> str:
    """The scaffold for a new lab at `path`."""
    lab_id = lab_id_for(path)
    title = (title or lab_id.replace("-", " ").capitalize()).replace('"', "'")
    return SCAFFOLD.format(id=lab_id, title=title, file=path.name)
