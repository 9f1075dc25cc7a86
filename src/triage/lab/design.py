"""What the lab screen shows while a player designs rules, computed without Textual: each
signal's training window summarised, a starter rules file, and the replay of rules typed in the
game. Plain lists and strings cross to the TUI, never numpy arrays."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from triage.lab.history import History
from triage.lab.load import reference_rules, rules_from_text
from triage.lab.model import Lab
from triage.lab.replay import Replay, replay
from triage.lab.report import report_text

POINTS = 96
"""Points per sparkline: a training week at 5-minute steps, in 105-minute buckets."""


@dataclass(frozen=True)
class SignalSummary:
    """One visible signal over the training window, for setting a threshold against."""

    id: str
    title: str
    dashboard: str
    unit: str
    description: str
    points: list[float]
    low: float
    median: float
    p99: float
    high: float
    decimals: int

    def figures(self) -> str:
        """`min 1,610  median 1,802  p99 2,090  max 2,210 ms`."""
        def show(value: float) -> str:
            return f"{value:,.{self.decimals}f}"

        text = (f"min {show(self.low)}  median {show(self.median)}  p99 {show(self.p99)}  "
                f"max {show(self.high)}")
        return f"{text} {self.unit}".rstrip()


def training_summaries(history: History, points: int = POINTS) -> list[SignalSummary]:
    """Every visible signal over the training window, bucket means for the sparkline."""
    end = history.training_steps
    found = []
    for signal in history.lab.signals:
        if signal.hidden:
            continue
        values = history.series[signal.id][:end]
        buckets = [b for b in np.array_split(values, min(points, len(values))) if len(b)]
        found.append(SignalSummary(
            signal.id, signal.title, signal.dashboard or "", signal.unit, signal.description,
            [float(b.mean()) for b in buckets], float(values.min()), float(np.median(values)),
            float(np.quantile(values, 0.99)), float(values.max()), signal.decimals))
    return found


def starter_rules(lab: Lab) -> str:
    """A rules file to start from: the signals and the action menu as comments, one rule to
    copy, in the shape `triage lab alerts --rules` reads."""
    lines = [f"# Rules for {lab.id}: Prometheus alerting rules, replayed over "
             f"{lab.history.weeks - lab.history.training / 10080:g} weeks.",
             "# Signals: " + ", ".join(s.id for s in lab.signals if not s.hidden),
             "# Actions: " + ", ".join(a.id for a in lab.actions),
             "# expr: signal > 3 | avg_over_time(signal[1h]) < 0.9 | delta(signal[6h]) > 5",
             "#       | signal > 1.5 * avg_over_time(signal[6h] offset 7d)",
             "groups:", "  - name: mine", "    rules:"]
    first = next(s for s in lab.signals if not s.hidden)
    lines += [f"      - alert: {''.join(w.title() for w in first.id.split('_'))}High",
              f"        expr: {first.id} > 0   # set the threshold from the Signals tab",
              "        for: 10m",
              f"        labels: {{severity: page, action: {lab.actions[0].id}}}"]
    return "\n".join(lines) + "\n"


def replay_text(history: History, text: str, width: int) -> tuple[Replay | None, str]:
    """Replay rules typed in the game: (the replay, its report) or (None, the rules' problems,
    one per line as `rules:line:col: message`)."""
    from triage.lab.load import LabError

    try:
        rules = rules_from_text(text, history.lab)
    except LabError as error:
        return None, "\n".join(problem.format() for problem in error.problems)
    mine = replay(history, dataclasses.replace(rules, source="written in the game"))
    return mine, report_text(mine, replay(history, reference_rules(history.lab)), width)
