"""The debrief as plain text, for headless plays, replays and pipes."""

from __future__ import annotations

import textwrap

from triage.engine.debrief import Debrief
from triage.safetext import clean, clean_line
from triage.textplot import sparkline

WIDTH = 78


def _wrap(label: str, text: str) -> list[str]:
    body = textwrap.wrap(clean_line(text), WIDTH - 12) or [""]
    return [f"  {label:<9} {body[0]}"] + [f"  {'':<9} {line}" for line in body[1:]]


def render_debrief_text(debrief: Debrief) -> str:
    """The whole debrief: score, breakdown, timelines, what-if, lesson and pitfall card."""
    inc = debrief.incident
    out = [
        f"DEBRIEF  {clean_line(inc.title)}  ({inc.id}, seed {debrief.seed})",
        f"Score {debrief.score}/100  grade {debrief.grade}  (scoring rules v{debrief.rules})",
        *[f"  {note}" for note in debrief.notes],
        "",
        "Breakdown",
    ]
    for line in debrief.lines:
        maximum = f"/{line.maximum:g}" if line.maximum else ""
        out.append(f"  {line.part:<14}{line.points:>6.1f}{maximum:<5} {line.detail}")
    out += _loop_lines(debrief)
    out += ["", "Your diagnosis and remediation"]
    for option in inc.diagnoses:
        if option.id == debrief.chosen_diagnosis:
            mark = "right" if option.correct else "wrong"
            out += _wrap(mark, f"{option.text}. {option.explanation}")
    if debrief.chosen_diagnosis != inc.correct_diagnosis.id:
        out += _wrap("answer", f"{inc.correct_diagnosis.text}. {inc.correct_diagnosis.explanation}")
    for option in inc.remediations:
        if option.id in debrief.chosen_remediations:
            out += _wrap(option.effect.replace("_", " "), f"{option.text}. {option.explanation}")
    if debrief.rules >= 2:
        out += ["", "Evidence you cited"]
        out += [f"  {role:<13}{clean_line(ref)}" for ref, role in debrief.cited] or [
            "  nothing: a diagnosis that cites no decisive evidence cannot pass"]
    out += ["", f"{'Your timeline':<38}Ideal path"]
    rows = max(len(debrief.timeline), len(debrief.ideal))
    for i in range(rows):
        left = debrief.timeline[i] if i < len(debrief.timeline) else None
        right = debrief.ideal[i] if i < len(debrief.ideal) else None
        ltext = f"+{left.minute:>5.1f}m {left.text}"[:36] if left else ""
        rtext = f"+{right.minute:>5.1f}m {right.text}"[:38] if right else ""
        out.append(f"  {ltext:<36}{rtext}")
    out += ["", f"Decisive evidence: {', '.join(inc.evidence.decisive)}"]
    if inc.evidence.red_herrings:
        out.append(f"Red herrings: {', '.join(inc.evidence.red_herrings)}")
    if inc.evidence.reassuring:
        out.append(f"Reassuring but misleading: {', '.join(inc.evidence.reassuring)}")
    for heading, w in (("What if", debrief.whatif),
                       *(("What if", more) for more in debrief.more_whatifs),
                       ("Your choice also moved", debrief.side_effect)):
        if w is None:
            continue
        low = min(w.no_action + w.yours + w.ideal)
        high = max(w.no_action + w.yours + w.ideal)
        ideal_at = ("" if w.ideal_minute is None else
                    f"; the ideal path's fix at minute {w.ideal_minute}")
        if w.actual:
            heading = "What happened" if heading == "What if" else "Furthest from the ideal loop"
            acted = ", ".join(str(m) for m in w.marks) or "none"
            out += ["", f"{heading}: {w.signal} from minute {w.start_minute} (you acted at "
                    f"minute {acted}{ideal_at})"]
        else:
            out += ["", f"{heading}: {w.signal} from minute {w.start_minute} (your decision at "
                    f"minute {w.decision_minute}{ideal_at})"]
        labels = ("nothing", "this play", "ideal") if w.actual else ("no action", "yours",
                                                                     "ideal")
        for label, values in zip(labels, (w.no_action, w.yours, w.ideal), strict=True):
            out.append(f"  {label:<10}{sparkline(values, 60, low, high)}")
    text = inc.debrief
    out += ["", "The lesson", *_wrap("saw", text.saw), *_wrap("meant", text.meant),
            *_wrap("monitor", text.monitor), *_wrap("do", text.do)]
    if text.ask:
        out += _wrap("ask", text.ask)
    card = debrief.card
    out += ["", f"Pitfall card: {card.title}", *_wrap("see", card.see), *_wrap("means", card.means),
            *_wrap("monitor", card.monitor), *_wrap("do", card.do)]
    return clean("\n".join(out)) + "\n"


def _loop_lines(debrief: Debrief) -> list[str]:
    """The on-call loop's part: harm beside the ideal, resolution, severity, the status update
    checked part by part, and what people said."""
    loop = debrief.loop
    if loop is None:
        return []
    out = ["", "The incident",
           f"  harm      {loop.accrued:,.0f} {clean_line(loop.unit)} in the first "
           f"{loop.window_minutes}m (the ideal loop: {loop.ideal:,.0f}; doing nothing: "
           f"{loop.nothing:,.0f})"]
    if debrief.rules < 3:
        return out
    out.append("  resolved  " + (f"declared at +{loop.resolved_at:g}m" if loop.resolved
                                  else "never declared"))
    out.append("  severity  " + (f"SEV{loop.severity}" if loop.severity else "none declared")
               + f" (this was a SEV{loop.right_severity})")
    if loop.checks:
        out += ["", "Your status update"]
        for check in loop.checks:
            verdict = "right" if check.correct else f"wrong (true: {check.truth})"
            out += _wrap(check.part, f"{check.said}: {verdict}")
    if loop.said:
        out += ["", "What people said"]
        for said in loop.said:
            out += _wrap(f"+{said.minute:g}m", f"{said.who}: {said.text} ({said.lesson})")
    return out
