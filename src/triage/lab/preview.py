"""`triage preview LAB.yaml`: a lab's dashboards as sparklines over the training window.

Without spoilers only the training window is shown (what a player studies); `--spoilers` draws
the whole history and lists the incidents, when they start and the reference rules.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from triage.lab.debrief import rule_text, span, when
from triage.lab.history import History, simulate
from triage.lab.model import Lab
from triage.lab.report import sparkline


def signal_rows(history: History, spoilers: bool) -> list[dict[str, Any]]:
    """Each visible signal's range and series over what the preview shows."""
    end = len(history.times) if spoilers else history.training_steps
    rows = []
    for signal in history.lab.signals:
        if signal.hidden:
            continue
        values = history.series[signal.id][:end]
        rows.append({"id": signal.id, "title": signal.title, "dashboard": signal.dashboard,
                     "unit": signal.unit, "min": float(values.min()),
                     "p50": float(np.median(values)), "p99": float(np.quantile(values, 0.99)),
                     "max": float(values.max()), "values": values})
    return rows


def preview_data(lab: Lab, seed: int, spoilers: bool) -> dict[str, Any]:
    """The preview as JSON data (series at the history's step)."""
    history = simulate(lab, seed)
    data: dict[str, Any] = {
        "lab": lab.id, "title": lab.title, "seed": seed, "step_minutes": lab.history.step,
        "signals": [{**{k: v for k, v in row.items() if k != "values"},
                     "values": [round(float(v), 6) for v in row["values"]]}
                    for row in signal_rows(history, spoilers)]}
    if spoilers:
        data["incidents"] = [{"id": p.id, "start_minute": p.start, "end_minute": p.end,
                              "pitfall": p.incident.pitfall} for p in history.incidents]
        data["reference"] = [rule_text(r) for g in lab.reference for r in g.rules]
    return data


def render_preview(lab: Lab, seed: int, width: int, spoilers: bool) -> str:
    """The preview as text."""
    history = simulate(lab, seed)
    shown = span(lab.minutes if spoilers else lab.history.training)
    out = [f"{lab.title}  ({lab.id}, seed {seed})", *textwrap.wrap(lab.service, width), "",
           f"Signals over {'the whole history' if spoilers else 'the training window'} "
           f"({shown}, one value every {span(lab.history.step)}):"]
    rows = signal_rows(history, spoilers)
    chart = max(10, width - 34)
    for dashboard in lab.dashboards:
        out += ["", f"{dashboard.title}" + (f"  ({dashboard.audience})"
                                            if dashboard.audience else "")]
        for row in (r for r in rows if r["dashboard"] == dashboard.id):
            out.append(f"  {row['id'][:30]:<30} {sparkline(row['values'], chart)}")
            out.append(f"  {'':<30} median {row['p50']:,.4g}, p99 {row['p99']:,.4g}, "
                       f"max {row['max']:,.4g} {row['unit']}".rstrip())
    out += ["", "Actions: " + ", ".join(a.id for a in lab.actions)]
    if spoilers:
        out += ["", "Incidents (spoilers):"]
        out += [f"  {p.id}: {when(p.start)} for {span(p.end - p.start)} ({p.incident.pitfall})"
                for p in history.incidents]
        out += ["", "Reference rules:"]
        out += [f"  {rule_text(r)}" for g in lab.reference for r in g.rules]
    else:
        out += [f"{len(lab.incidents)} incidents are scheduled after the training window "
                "(--spoilers shows them)."]
    return "\n".join(out) + "\n"
