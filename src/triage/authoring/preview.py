"""A static preview of an incident: what the world looks like for one seed, without playing it.

`preview_data` is the machine-readable form (`triage preview --format json`): every series rounded
to six significant digits, so the output is byte-identical for a seed. `render_preview` is the
plain-text form: the briefing, every dashboard with full-timeline sparklines, where each alert
fires, the on-call loop (the impact, what people will say, who can be called) and the options.
Both build the world once, with `triage.sim.world`.

A preview is something a player may run too, so the answer key (the pitfall, the correct
diagnosis, each remediation's effect and which option is a mitigation, the evidence roles, the
impact signal, what each inject is for, what an owner would say, the JSON "answer") is left out
unless `spoilers` is set (`triage preview --spoilers`), and the options are then listed by id rather
than in the authored order, which tends to put the right answer first.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from triage.model.variants import for_seed, pick_variant, resolved
from triage.text.plot import format_value, sparkline
from triage.text.safe import clean, clean_line

if TYPE_CHECKING:
    from triage.engine.alerts import AlertState
    from triage.model.incident import Incident
    from triage.sim.world import World

SIGNIFICANT_DIGITS = 6
MAX_LOG_LINES = 12


def round_value(value: float) -> float | None:
    """A value to six significant digits; None for NaN or infinity (not valid JSON)."""
    if not math.isfinite(value):
        return None
    rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return rounded + 0.0  # turns -0.0 into 0.0


def _world(incident: Incident, seed: int) -> tuple[World, list[AlertState], AlertState | None]:
    from triage.engine.alerts import evaluate_alerts, paging_alert
    from triage.sim.world import build_world

    world = build_world(incident, seed)
    states = evaluate_alerts(incident, world.series)
    return world, states, paging_alert(incident, states)


SPOILER_NOTE = "Answer key hidden: --spoilers shows it (diagnosis, effects, evidence)."
"""The line a preview without spoilers ends with."""


def preview_data(incident: Incident, seed: int, spoilers: bool = False) -> dict[str, Any]:
    """The JSON preview: id, seed, every series, alert firing minutes and, with `spoilers`, the
    answer (the correct diagnosis and the ideal remediations)."""
    world, states, _ = _world(incident, seed)
    data: dict[str, Any] = {
        "id": incident.id,
        "seed": seed,
        "signals": {s.id: [round_value(float(v)) for v in world.series[s.id]]
                    for s in incident.signals},
        "alerts": [{"name": st.alert.name, "signal": st.alert.signal, "fires_at": st.fires_at}
                   for st in states],
        "loop": loop_data(for_seed(incident, seed)),
    }
    if spoilers:
        played = for_seed(incident, seed)
        data["answer"] = {"diagnosis": played.correct_diagnosis.id,
                          "remediations": list(played.ideal_remediations)}
        if incident.variants:
            chosen = pick_variant(incident, seed)
            data["variant"] = chosen.id if chosen else None
            data["variants"] = {
                v.id: {"diagnosis": (each := resolved(incident, v.id)).correct_diagnosis.id,
                       "remediations": list(each.ideal_remediations)}
                for v in incident.variants}
    return data


def _wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for paragraph in clean(text).strip().split("\n\n"):
        lines += textwrap.wrap(" ".join(paragraph.split()), width - len(indent),
                               initial_indent=indent, subsequent_indent=indent) or [""]
        lines.append("")
    return lines[:-1]


def _ruler(minutes: int, width: int, marks: dict[int, str]) -> str:
    """A line under the sparklines marking minutes (onset, page) at their columns."""
    columns = min(width, minutes)
    line = ["─"] * columns
    for minute, mark in sorted(marks.items()):
        column = min(columns - 1, max(0, int(minute * columns / max(minutes, 1))))
        line[column] = mark
    return "".join(line)


def _fixed(y_range: tuple[float | None, float | None],
           values: list[float]) -> tuple[float | None, float | None]:
    """A panel's `y_range` for its sparkline, unless the data lies wholly beyond a fixed end."""
    low, high = y_range
    if (min(values) if low is None else low) >= (max(values) if high is None else high):
        return None, None
    return low, high


def render_preview(incident: Incident, seed: int, width: int = 72, spoilers: bool = False) -> str:
    """The plain-text preview of one incident for one seed (as the seed plays it, variant
    included); the answer key, and every variant's answer, only with `spoilers`."""
    variants = incident
    incident = for_seed(incident, seed)
    world, states, page = _world(incident, seed)
    onset = int(world.onset)
    out: list[str] = []
    out.append(f"{incident.id}: {clean_line(incident.title)}")
    pitfall = f"pitfall {incident.pitfall} · " if spoilers else ""
    out.append(f"{pitfall}difficulty {incident.difficulty} · service "
               f"{clean_line(incident.service)} · seed {seed}")
    par = incident.timeline.par
    paged = (f"page: {page.alert.name} at minute {page.fires_at}" if page and page.fires_at
             is not None else "page: no alert fires")
    out.append(f"timeline {world.minutes} min · onset at minute {onset} · {paged} · par: "
               f"acknowledge {par.acknowledge:g}m, mitigate {par.mitigate:g}m")
    out += ["", "BRIEFING", *_wrap(incident.briefing, width)]

    spark_width = min(width - 4, world.minutes)
    marks = {onset: "o"}
    if page and page.fires_at is not None:
        marks[page.fires_at] = "P"
    ruler = _ruler(world.minutes, spark_width, marks)
    for dashboard in incident.dashboards:
        out += ["", f"DASHBOARD {clean_line(dashboard.title)} ({dashboard.id})"]
        for signal in [s for s in incident.signals if s.dashboard == dashboard.id]:
            values = [float(v) for v in world.series[signal.id]]
            finite = [v for v in values if math.isfinite(v)] or [0.0]
            unit = f" [{clean_line(signal.unit)}]" if signal.unit else ""
            out.append(f"  {signal.id}: {clean_line(signal.title)}{unit}")
            out.append(f"    {sparkline(finite, spark_width, *_fixed(signal.y_range, finite))}")
            out.append(f"    {ruler}")
            low, high = (format_value(v, signal.decimals) for v in (min(finite), max(finite)))
            at_onset = format_value(finite[min(onset, len(finite) - 1)], signal.decimals)
            out.append(f"    min {low}  max {high}  at onset {at_onset}  "
                       f"end {format_value(finite[-1], signal.decimals)}")
    out.append("")
    out.append("    o = onset, P = page; each sparkline spans the whole timeline")

    out += ["", "ALERTS"]
    for state in states:
        alert = state.alert
        when = ("never fires" if state.fires_at is None else
                f"fires at minute {state.fires_at} (onset {state.fires_at - onset:+d}m)")
        tag = "  <- pages" if page is not None and page.alert.name == alert.name else ""
        out.append(f"  {alert.name} [{alert.severity}] {alert.condition}: {when}{tag}")

    if world.changes:
        out += ["", "CHANGES"]
        for change in world.changes:
            out.append(f"  minute {change.minute:6.0f}  {change.kind:<12} "
                       f"{clean_line(change.service)}: {clean_line(change.summary)}")
    if world.logs:
        nearby = [e for e in world.logs if e.minute >= onset - 30]
        out += ["", f"LOGS ({len(world.logs)} lines; from 30 minutes before onset)"]
        for entry in nearby[:MAX_LOG_LINES]:
            out.append(f"  minute {entry.minute:6.0f}  {entry.level:<5} "
                       f"{clean_line(entry.source)}: {clean_line(entry.message)}")
        if len(nearby) > MAX_LOG_LINES:
            out.append(f"  ... {len(nearby) - MAX_LOG_LINES} more")
    if incident.reports:
        from triage.sim.physics.reports import render_text

        # Reports as the player would pull them at the page (or the onset, when nothing pages).
        minute = page.fires_at if page and page.fires_at is not None else onset
        out += ["", f"REPORTS (as of minute {minute})"]
        for report in incident.reports:
            out.append(f"  {report.id}: {clean_line(report.title)} (system {report.system}, "
                       f"{report.cost:g}m)")
            rendered = world.systems[report.system].report(minute)
            if rendered is not None:
                out += ["    " + clean_line(line)
                        for line in render_text(rendered, minute,
                                                incident.timeline.clock_minutes).splitlines()]
    if incident.questions:
        out += ["", "QUESTIONS"]
        for question in incident.questions:
            out.append(f"  {question.id}: {clean_line(question.asked_as)}")

    out += _loop_lines(incident, width, spoilers)
    out += _answer_key(incident) if spoilers else _options(incident)
    if spoilers and variants.variants:
        chosen = pick_variant(variants, seed)
        out += ["", f"VARIANTS (this seed plays {chosen.id if chosen else '-'})"]
        for variant in variants.variants:
            each = resolved(variants, variant.id)
            out.append(f"  {variant.id} (weight {variant.weight:g}): "
                       f"{each.correct_diagnosis.id}; fix {', '.join(each.ideal_remediations)}")
    return "\n".join(out) + "\n"


def _options(incident: Incident) -> list[str]:
    """The options by id, with nothing that tells the right one from the others."""
    out = ["", "DIAGNOSES"]
    out += [f"  {option.id}: {clean_line(option.text)}"
            for option in sorted(incident.diagnoses, key=lambda option: option.id)]
    out += ["", "REMEDIATIONS"]
    out += [f"  {remedy.id}: {clean_line(remedy.text)}"
            for remedy in sorted(incident.remediations, key=lambda remedy: remedy.id)]
    return [*out, "", SPOILER_NOTE]


def _answer_key(incident: Incident) -> list[str]:
    """The options in the authored order, the correct diagnosis marked `*`, each remediation's
    effect, and the evidence roles."""
    out = ["", "DIAGNOSES"]
    for option in incident.diagnoses:
        mark = "*" if option.id == incident.correct_diagnosis.id else " "
        out.append(f"  {mark} {option.id}: {clean_line(option.text)}")
    out += ["", "REMEDIATIONS"]
    for remedy in incident.remediations:
        extra = " (mitigation)" if remedy.mitigation else ""
        if remedy.harm is not None:
            extra += f" (harm {remedy.harm:g} x per minute)"
        out.append(f"  {remedy.effect:<9} {remedy.id}: {clean_line(remedy.text)}{extra}")
    evidence = incident.evidence
    out += ["", "EVIDENCE",
            f"  decisive: {', '.join(evidence.decisive)}",
            f"  supporting: {', '.join(evidence.supporting) or '-'}",
            f"  red herrings: {', '.join(evidence.red_herrings) or '-'}"]
    if evidence.reassuring:
        out.append(f"  reassuring but misleading: {', '.join(evidence.reassuring)}")
    return out


def loop_data(incident: Incident, spoilers: bool = False) -> dict[str, Any]:
    """The on-call loop's authored parts as the play gets them (defaults filled in): the impact,
    the injects and the owners; what each inject is for, the impact signal, the owners' facts and
    the mitigations only with `spoilers` (the text preview's; the JSON keeps its answer key in
    "answer" and shows only what a player sees)."""
    from triage.engine.impact import DEFAULT_UNIT
    from triage.engine.people import injects_for, owners_for

    impact = incident.impact
    data: dict[str, Any] = {
        "impact": {"unit": impact.unit if impact else DEFAULT_UNIT,
                   "per_minute": impact.per_minute if impact else 1.0,
                   "severity": impact.severity if impact else 3,
                   "authored": impact is not None},
        "injects": [{"at": i.at, "after": i.after, "who": i.who, "text": i.text,
                     **({"kind": i.kind, "relevant": i.relevant} if spoilers else {})}
                    for i in injects_for(incident)],
        "injects_authored": incident.injects is not None,
        "owners": [{"id": o.id, "who": o.who, "cost": o.cost,
                    **({"facts": list(o.facts)} if spoilers else {})}
                   for o in owners_for(incident)],
    }
    if spoilers:
        data["impact"]["signal"] = impact.signal if impact else None
        data["mitigations"] = [r.id for r in incident.remediations if r.mitigation]
    return data


def _loop_lines(incident: Incident, width: int, spoilers: bool) -> list[str]:
    """The ON-CALL LOOP section of the text preview."""
    data = loop_data(incident, spoilers)
    impact = data["impact"]
    source = "" if impact["authored"] else " (the default: the incident defines no impact)"
    out = ["", "ON-CALL LOOP"]
    out += _wrap(f"impact: {impact['per_minute']:g} {impact['unit']} a minute at the level the "
                 f"page fired at; severity SEV{impact['severity']}{source}", width)
    if spoilers:
        out.append(f"  harm read from: {impact['signal'] or 'the paging alert signal'}")
    authored = "" if data["injects_authored"] else " (the default set)"
    out.append(f"  injects{authored}:" if data["injects"] else "  injects: none")
    for inject in data["injects"]:
        kind = f" [{inject['kind']}{', relevant' if inject['relevant'] else ''}]" \
            if spoilers else ""
        out.append(f"    {inject['at']:g}m after {inject['after']}, "
                   f"{clean_line(inject['who'])}{kind}:")
        out += _wrap(inject["text"], width, "      ")
    out.append("  owners to escalate to:")
    for owner in data["owners"]:
        out.append(f"    {owner['id']}: {clean_line(owner['who'])}, joins after "
                   f"{owner['cost']:g}m")
        for fact in owner.get("facts", []):
            out += ["      -" + line[7:] if i == 0 else line
                    for i, line in enumerate(_wrap(fact, width, "        "))]
    return out
