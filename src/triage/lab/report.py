"""A replay as JSON data and as terminal text: figures beside the reference, per rule, the
timeline and the debrief."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from triage.lab.debrief import Finding, findings, rule_text, span, when
from triage.lab.replay import Figures, Replay

BLOCKS = "▁▂▃▄▅▆▇█"
"""The sparkline's eight levels."""
_COLUMNS = (("recall", "recall", "{:.2f}"), ("precision", "precision", "{:.2f}"),
            ("median_delay_minutes", "median delay", "span"),
            ("worst_delay_minutes", "worst delay", "span"),
            ("pages_per_week", "pages/wk", "{:.1f}"), ("tickets_per_week", "tickets/wk", "{:.1f}"),
            ("action_fit", "action fit", "{:.2f}"), ("score", "score", "{:.1f}"))


def report_data(mine: Replay, reference: Replay) -> dict[str, Any]:
    """The JSON document of `triage lab alerts --format json`."""
    history = mine.history
    overall = mine.overall.as_dict()
    return {
        "lab": history.lab.id, "seed": history.seed, "rules": mine.rules.source,
        **overall,
        "overall": overall,
        "per_rule": [
            {"alert": rule.alert, "expr": rule.expr, "for_minutes": rule.for_,
             "severity": rule.labels.severity, "action": rule.labels.action,
             **mine.per_rule[rule.alert].as_dict()} for rule in mine.rules.rules],
        "incidents": [
            {"id": c.incident.id, "pitfall": c.incident.incident.pitfall,
             "start_minute": round(c.incident.start, 1), "end_minute": round(c.incident.end, 1),
             "caught": c.caught, "by": c.rule.alert if c.rule else None,
             "delay_minutes": None if c.delay is None else round(c.delay, 1),
             "harm": round(c.harm, 1), "action_fits": c.action_fits if c.caught else None}
            for c in mine.catches],
        "notifications": [
            {"alert": n.rule.alert, "minute": round(n.minute, 1), "severity": n.severity,
             "incident": n.incident} for n in mine.notifications],
        "reference": reference.overall.as_dict(),
    }


def _cell(value: float | None, style: str) -> str:
    if value is None:
        return "-"
    return span(value) if style == "span" else style.format(value)


_SHORT = ("recall", "prec.", "median", "worst", "pages/wk", "tix/wk", "fit", "score")


def figures_table(rows: list[tuple[str, Figures]], width: int = 100) -> list[str]:
    """The figures of several rule sets, one line each, under a header (short titles when
    `width` is narrow)."""
    cell = 12 if width >= 108 else 9
    titles = [title for _, title, _ in _COLUMNS] if cell == 12 else list(_SHORT)
    lines = [f"{'':<10}" + "".join(f"{title:>{cell}}" for title in titles)]
    for name, figures in rows:
        data = {key: getattr(figures, key) for key, _, _ in _COLUMNS}
        lines.append(f"{name[:10]:<10}" + "".join(f"{_cell(data[key], style):>{cell}}"
                                                  for key, _, style in _COLUMNS))
    return lines


def timeline_row(replay: Replay, start: float, end: float, width: int) -> str:
    """One character per slice of [start, end): `^` a real notification, `!` a false page,
    `t` a false ticket, `.` nothing."""
    row = ["."] * width
    scale = width / (end - start)
    for note in replay.notifications:
        column = min(width - 1, int((note.minute - start) * scale))
        if note.incident is not None:
            row[column] = "^"
        elif row[column] not in "^!":
            row[column] = "!" if note.severity == "page" else "t"
    return "".join(row)


def incidents_row(replay: Replay, start: float, end: float, width: int) -> str:
    """`=` where an incident is on, `.` elsewhere."""
    row = ["."] * width
    scale = width / (end - start)
    for placed in replay.history.incidents:
        first = max(0, int((placed.start - start) * scale))
        last = min(width - 1, int((placed.end - start) * scale))
        for column in range(first, last + 1):
            row[column] = "="
    return "".join(row)


def sparkline(values: np.ndarray, width: int) -> str:
    """Bucket means drawn with eight levels (a dip shows, unlike with bucket maxima)."""
    buckets = [b for b in np.array_split(values, min(width, len(values))) if len(b)]
    means = np.array([b.mean() for b in buckets])
    low, high = float(means.min()), float(means.max())
    top = len(BLOCKS) - 1
    if high <= low:
        return BLOCKS[3] * len(means)
    return "".join(BLOCKS[int(round((m - low) / (high - low) * top))] for m in means)


def finding_lines(finding: Finding, replay: Replay, width: int) -> list[str]:
    """A finding: its headline, a sparkline of its signal around it with marks, and why."""
    lines = textwrap.wrap(finding.headline, width, subsequent_indent="  ")
    history = replay.history
    if finding.signal and finding.kind != "false":
        before = max(0.0, finding.start - 1440)
        after = min(history.times[-1], finding.end + 1440)
        first, last = int(before / history.step), int(after / history.step) + 1
        chart = sparkline(history.series[finding.signal][first:last], width - 4)
        marks = [" "] * len(chart)
        for minute, label in finding.marks:
            column = int((minute - before) / (after - before) * (len(chart) - 1))
            if 0 <= column < len(marks):
                marks[column] = label
        lines += [f"    {chart}", f"    {''.join(marks)}   ({finding.signal}, {when(before)} to "
                  f"{when(after)}; | onset, ^ you, R reference)"]
    for line in finding.lines:
        lines += textwrap.wrap(line, width, initial_indent="    ", subsequent_indent="    ")
    return lines


def report_text(mine: Replay, reference: Replay, width: int = 100) -> str:
    """The whole text report: figures, per rule, timeline, debrief."""
    history = mine.history
    lab = history.lab
    out = [f"{lab.title}  ({lab.id}, seed {history.seed}, rules: {mine.rules.source})",
           f"Replayed {span(lab.minutes - lab.history.training)} after a "
           f"{span(lab.history.training)} training window, every {span(history.step)}; "
           f"page budget {lab.history.page_budget:g}/week.", ""]
    rows = [("yours", mine.overall), ("reference", reference.overall)]
    out += figures_table(rows[1:] if mine.rules is reference.rules else rows, width)
    out += ["", "Per rule (as if it were alone):"]
    if not mine.rules.rules:
        out.append("  (no rules: nothing pages, and every incident runs its course)")
    for rule in mine.rules.rules:
        figures = mine.per_rule[rule.alert]
        caught = sum(1 for c in mine.catches if c.rule is rule)
        precision = "-" if figures.precision is None else f"{figures.precision:.2f}"
        out.append(f"  {rule_text(rule)}")
        out.append(f"      catches {figures.recall:.0%} alone, first to catch {caught}; precision "
                   f"{precision}; {figures.pages_per_week:.1f} pages and "
                   f"{figures.tickets_per_week:.1f} tickets a week")
    start, end = lab.history.training, lab.minutes
    bar = max(20, width - 14)
    out += ["", f"Timeline, {when(start)} to {when(end)} (each column about "
            f"{span((end - start) / bar)}):",
            f"  incidents {incidents_row(mine, start, end, bar)}",
            *([] if mine.rules is reference.rules else
              [f"  yours     {timeline_row(mine, start, end, bar)}"]),
            f"  reference {timeline_row(reference, start, end, bar)}",
            "  (= incident, ^ real alert, ! false page, t false ticket)", ""]
    learned = findings(mine, reference)
    if not learned:
        out.append("Nothing missed, nothing late, no false alerts.")
    for finding in learned:
        out += finding_lines(finding, mine, width)
    return "\n".join(out) + "\n"
