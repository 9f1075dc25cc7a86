"""Shift results and schedules as plain text, for `triage shift --headless` and pipes."""

from __future__ import annotations

import textwrap

from triage.practice.shift import Shift
from triage.practice.shiftscore import ShiftScore
from triage.text.safe import clean, clean_line

WIDTH = 78


def clock(minute: float) -> str:
    """Shift time as `h:mm` since the start of the shift: `0:07`, `3:45`."""
    whole = int(round(minute))
    return f"{whole // 60}:{whole % 60:02d}"


def _wrap(text: str, indent: str = "  ", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(clean_line(text), width, initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def render_schedule_text(shift: Shift) -> str:
    """The pages of a shift as the pager would show them (what each really is stays hidden)."""
    out = [f"SHIFT  seed {shift.seed}, {shift.minutes} minutes, {len(shift.pages)} pages", ""]
    out.append(f"  {'PAGE':<5} {'AT':>5}  {'SEVERITY':<8}  {'ALERT':<28}  SERVICE")
    for page in shift.pages:
        out.append(f"  {page.id:<5} {clock(page.arrives_at):>5}  {page.severity:<8}  "
                   f"{clean_line(page.alert)[:28]:<28}  {clean_line(page.service)}")
        out += _wrap(page.summary, "        ")
        out += _wrap(f"look: {page.context}", "        ")
    out += ["", "Write a decisions file (one step per page: investigate, escalate or noise) and "
            "run: triage shift --headless --decisions FILE --seed "
            f"{shift.seed} --minutes {shift.minutes}"]
    return clean("\n".join(out)) + "\n"


def render_shift_text(result: ShiftScore, width: int = WIDTH) -> str:
    """The shift debrief: score, breakdown, every page and what it was, notes and the lesson,
    its prose wrapped to `width` columns."""
    out = [f"SHIFT DEBRIEF  seed {result.seed}, {result.minutes} minutes",
           f"Score {result.score}/100  grade {result.grade}", "", "Breakdown"]
    for line in result.lines:
        out.append(f"  {line.part:<12}{line.points:>6.1f}/{line.maximum:<4g} {line.detail}")
    out += ["", "Pages", f"  {'PAGE':<5} {'AT':>5}  {'WHAT IT WAS':<11} {'YOU':<12} "
            f"{'ACK':>6}  OUTCOME"]
    for page_result in result.pages:
        page = page_result.page
        ack = page_result.acknowledged_after
        ack_text = "-" if ack is None else f"{ack:g}m"
        out.append(f"  {page.id:<5} {clock(page.arrives_at):>5}  {page.kind:<11} "
                   f"{page_result.choice or '-':<12} {ack_text:>6}  {page_result.outcome}")
        # For noise, the tell that gave it away; for a real page, which incident it was.
        what = f"a real incident, {page.lesson}" if page.kind == "real" else page.context
        out += _wrap(f"{page.alert}: {what}", "        ", width)
    if result.notes:
        out += ["", "What happened"]
        for note in result.notes:
            out += _wrap(note, width=width)
    if result.fixes:
        out += ["", "Fix these alerts"]
        for fix in result.fixes:
            out += _wrap(fix, width=width)
    out += ["", "The lesson", *_wrap(result.lesson, width=width)]
    return clean("\n".join(out)) + "\n"
