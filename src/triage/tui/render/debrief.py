"""The debrief's sections as text: score, breakdown, choices, timelines, what-if, lesson, card."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from triage.engine.debrief import Debrief, TimelineEntry, WhatIf
from triage.model.colleague import TOPICS
from triage.model.incident import Incident
from triage.text.plot import sparkline
from triage.tui.render.chart import resample
from triage.tui.render.citations import cap_note
from triage.tui.render.evidence_labels import short_label
from triage.tui.render.text import plain, since

GRADE_STYLE = {"A": "bold #87d787", "B": "bold #87d787", "C": "bold #d7af5f",
               "D": "bold #ff8787", "F": "bold #ff5f5f"}
EFFECT_STYLE = {"resolves": "#87d787", "helps": "#afd787", "no_effect": "#8a8a8a",
                "harmful": "bold #ff5f5f"}
WHATIF_STYLE = (("no action", "#ff5f5f"), ("yours", "#5fafd7"), ("ideal", "#87d787"))
ACTUAL_STYLE = (("nothing", "#ff5f5f"), ("this play", "#5fafd7"), ("ideal loop", "#87d787"))


def labelled(rows: list[tuple[str, Text]], label_style: str = "bold #87afd7") -> Table:
    """Label / text rows where long text wraps under itself, not under the label."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True, style=label_style)
    grid.add_column(ratio=1)
    for name, text in rows:
        grid.add_row(name, text)
    return grid


def item_title(incident: Incident, item: str) -> str:
    """A readable name for an evidence item: a signal's or report's title, or the id."""
    for signal in incident.signals:
        if signal.id == item:
            return signal.title
    for report in incident.reports:
        if report.id == item:
            return report.title
    return {"logs": "the log stream", "changes": "the change history"}.get(item, item)


def render_evidence(incident: Incident, decisive: str, opened: frozenset[str]) -> Text:
    """Decisive and supporting evidence (ticked when the player opened it) and red herrings."""
    out = Text()
    evidence = incident.evidence
    first = [decisive] if decisive in evidence.decisive else []
    order = first + [item for item in evidence.decisive if item != decisive]
    for heading, items, style in (("decisive", order, "bold #87d787"),
                                  ("supporting", evidence.supporting, "bold"),
                                  ("red herrings", evidence.red_herrings, "bold #d7af5f"),
                                  ("reassuring", evidence.reassuring, "bold #d7af5f")):
        if not items:
            continue
        out.append(f"{heading:>12}  ", style)
        for index, item in enumerate(items):
            if index:
                out.append(", ")
            if heading not in ("red herrings", "reassuring"):
                out.append("✓ " if item in opened else "✗ ",
                           "#87d787" if item in opened else "#ff5f5f")
            out.append_text(plain(item_title(incident, item)))
        out.append("\n")
    out.rstrip()
    return out


def render_score(debrief: Debrief) -> Text:
    """The headline: score, grade, incident and seed."""
    out = Text()
    out.append(f" {debrief.score}/100 ", "bold reverse")
    out.append("  grade ")
    out.append(debrief.grade, GRADE_STYLE.get(debrief.grade, "bold"))
    out.append("   ")
    out.append_text(plain(debrief.incident.title, "bold"))
    out.append(f"\n{debrief.incident.id} · seed {debrief.seed}", "dim")
    capped = cap_note(debrief)
    if capped is not None:
        out.append("\n")
        out.append_text(capped)
    for note in debrief.notes:  # notes and details can quote authored text: never markup
        out.append("\n")
        out.append_text(plain(note, "italic #d7af5f", multiline=True))
    return out


def render_breakdown(debrief: Debrief, bar_width: int = 15) -> Table:
    """One row per part of the score: points, a bar of points earned, and why."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, style="dim")
    for line in debrief.lines:
        maximum = f"/{line.maximum:g}" if line.maximum else ""
        bar = Text()
        if line.maximum:
            filled = max(0, min(bar_width, round(line.points / line.maximum * bar_width)))
            style = "#87d787" if line.points >= line.maximum * 0.8 else (
                "#d7af5f" if line.points > 0 else "#ff5f5f")
            bar.append("█" * filled, style)
            bar.append("░" * (bar_width - filled), "#444444")
        grid.add_row(line.part, f"{line.points + 0.0:.1f}{maximum}", bar,
                     plain(line.detail, multiline=True))
    return grid


def render_choices(debrief: Debrief) -> Text:
    """What the player chose, whether it was right, and why; the answer when it was not."""
    inc = debrief.incident
    out = Text()
    chosen = next((d for d in inc.diagnoses if d.id == debrief.chosen_diagnosis), None)
    if chosen is None:
        out.append("No diagnosis stated.\n", "dim")
    else:
        out.append("✓ right  " if chosen.correct else "✗ wrong  ",
                   "bold #87d787" if chosen.correct else "bold #ff5f5f")
        out.append_text(plain(chosen.text, "bold"))
        if debrief.confidence is not None:
            out.append(f"  ({debrief.confidence:.0%} sure)", "dim")
        out.append("\n")
        if chosen.explanation:
            out.append_text(plain(chosen.explanation, multiline=True))
            out.append("\n")
    if chosen is None or not chosen.correct:
        answer = inc.correct_diagnosis
        out.append("the answer  ", "bold #87d787")
        out.append_text(plain(answer.text, "bold"))
        out.append("\n")
        if answer.explanation:
            out.append_text(plain(answer.explanation, multiline=True))
            out.append("\n")
    for option in inc.remediations:
        if option.id not in debrief.chosen_remediations:
            continue
        out.append("\n")
        out.append(f"{option.effect.replace('_', ' '):<10}", EFFECT_STYLE.get(option.effect, ""))
        out.append_text(plain(option.text, "bold"))
        out.append("\n")
        if option.explanation:
            out.append_text(plain(option.explanation, multiline=True))
            out.append("\n")
    return out


def collapse_waits(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Consecutive waits (the clock ticking) merged into one `waited Nm` entry."""
    merged: list[TimelineEntry] = []
    total, start = 0.0, 0.0
    for entry in entries:
        if entry.text.startswith("wait ") and entry.text.endswith("m"):
            if total == 0:
                start = entry.minute
            total += float(entry.text[5:-1])
            continue
        if total:
            merged.append(TimelineEntry(start, f"waited {total:g}m"))
            total = 0.0
        merged.append(entry)
    if total:
        merged.append(TimelineEntry(start, f"waited {total:g}m"))
    return merged


def describe(incident: Incident, text: str) -> str:
    """A timeline step with ids replaced by what the player saw (`open feature_psi` ->
    `opened Feature PSI`, `ask what-changed` -> `asked "Did anything change?"`)."""
    verb, _, rest = text.partition(" ")
    if verb == "open" and rest:
        return f"opened {item_title(incident, rest)}"
    if verb == "ask" and rest:
        question = next((q.asked_as for q in incident.questions if q.id == rest), None)
        question = question or TOPICS.get(rest)
        return f"asked: {question}" if question else text
    if verb in ("mark", "unmark") and rest:
        return f"{verb}ed {short_label(incident, rest, 60)}"
    if verb == "diagnose" and rest:
        ident, _, sure = rest.partition(" ")
        option = next((d for d in incident.diagnoses if d.id == ident), None)
        sure, _, cited = sure.partition(", citing ")
        if cited:  # the references are listed, as labels, under "what you cited"
            refs = cited.removesuffix(")")
            count = 0 if refs == "nothing" else len(refs.split(", "))
            sure += f", {count or 'nothing'} cited)"
        return f"diagnosed: {option.text} {sure}" if option else text
    if verb == "remediate" and rest:
        chosen = [r.text for r in incident.remediations if r.id in rest.split(", ")]
        return "applied: " + "; ".join(chosen) if chosen else text
    if verb == "hint":
        return "took a hint"
    if verb == "acknowledge":
        return "acknowledged"
    return text


def render_timeline(entries: list[TimelineEntry], incident: Incident) -> Table:
    """A timeline as `+minutes  action` rows."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True, style="dim")
    grid.add_column(ratio=1)
    for entry in collapse_waits(entries):
        grid.add_row(since(entry.minute), plain(describe(incident, entry.text)))
    return grid


def render_whatif(whatif: WhatIf, incident: Incident, width: int) -> Text:
    """The decisive signal three ways, on one shared scale, with the decision marked."""
    out = Text()
    out.append_text(plain(item_title(incident, whatif.signal), "bold"))
    lead = since(whatif.decision_minute - whatif.start_minute).lstrip("+")
    if whatif.actual:
        out.append(f"  what this play's world did, beside the ideal loop's, from {lead} "
                   "before you first acted\n", "dim")
    else:
        out.append(f"  from {lead} before your decision to the end of the timeline\n", "dim")
    chart_width = max(10, width - 12)
    series = [whatif.no_action, whatif.yours, whatif.ideal]
    points = [resample(values, chart_width) for values in series]
    flat = [v for values in points for v in values]
    low, high = (min(flat), max(flat)) if flat else (0.0, 1.0)
    styles = ACTUAL_STYLE if whatif.actual else WHATIF_STYLE
    for (name, style), values in zip(styles, points, strict=True):
        out.append(f"{name:<11}", style)
        out.append(sparkline(values, chart_width, low, high), style)
        out.append("\n")
    length = max(1, len(whatif.no_action))
    marks = [(whatif.decision_minute, "your decision", "you", "#d7af5f")]
    if whatif.actual:
        marks = [(minute, "you acted", "you", "#d7af5f") for minute in whatif.marks[:4]]
    if whatif.ideal_minute is not None and whatif.ideal_minute != whatif.decision_minute:
        marks.append((whatif.ideal_minute, "ideal fix", "ideal", "#87d787"))
    placed = sorted((11 + int((minute - whatif.start_minute) / length * chart_width), long,
                     short, style) for minute, long, short, style in marks)
    placed = [mark for mark in placed if 11 <= mark[0] < 11 + chart_width]
    out.append_text(_marker_row(placed))
    return out


def _marker_row(placed: list[tuple[int, str, str, str]]) -> Text:
    """One row of `▲ label` marks at their columns: full labels when they fit apart, short ones
    when not, and one shared label after the glyphs when the marks nearly touch."""
    for pick in (1, 2):
        row, column = Text(), 0
        for at, *labels, style in placed:
            if at < column + 1 and column:
                break
            text = f"▲ {labels[pick - 1]}"
            row.append(" " * (at - column) + text, style)
            column = at + len(text)
        else:
            return row
    row, column = Text(), 0
    for at, _, _, style in placed:
        row.append(" " * max(0, at - column) + "▲", style)
        column = max(column, at) + 1
    row.append(" " + ", ".join(short for _, _, short, _ in placed), "dim")
    return row


def render_lesson(debrief: Debrief) -> Table:
    """The incident's lesson: saw, meant, monitor, do (and the question to ask)."""
    text = debrief.incident.debrief
    rows = [("saw", text.saw), ("meant", text.meant), ("monitor", text.monitor), ("do", text.do)]
    if text.ask:
        rows.append(("ask", text.ask))
    return labelled([(name, plain(value)) for name, value in rows])


def render_card(debrief: Debrief) -> Group:
    """The pitfall card: see, means, monitor, do."""
    card = debrief.card
    rows = [("see", card.see), ("means", card.means), ("monitor", card.monitor), ("do", card.do)]
    return Group(Text(card.title, "bold #d787d7"),
                 labelled([(name, Text(value)) for name, value in rows], "bold"))
