"""The retro report of a run: standings, per-round scores and each team's timeline.

Three formats from one set of rows: Markdown for the retro document, CSV (one row per team and
round) for a spreadsheet, and JSON for scripts. Times are simulated minutes since the page.

Titles, team names and action text come from plans and incidents, which are not trusted, so the
reports are inert: a CSV cell that a spreadsheet would read as a formula (one starting with `=`,
`+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, and Markdown text has its HTML
(`<`, `>`, `&`) and link and image syntax escaped, so it renders as the words written.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from triage.gameday.records import TurnResult
from triage.gameday.scoreboard import Standings
from triage.text.safe import clean_line, inert_json

CSV_COLUMNS = (
    "run", "round", "round_title", "incident", "seed", "team", "rank", "total", "points",
    "score", "grade", "time_to_acknowledge", "time_to_diagnose", "diagnosis", "correct",
    "confidence", "time_to_remediate", "remediations", "evidence_opened", "hints", "ended",
    "precision", "recall", "median_delay_minutes", "pages_per_week",
)
"""The last four are a lab round's figures (empty for an incident round)."""

LAB_COLUMNS = ("precision", "recall", "median_delay_minutes", "pages_per_week")


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def turn_row(standings: Standings, result: TurnResult, points: float | None) -> dict[str, Any]:
    """The report row of one team's play of one round."""
    spec = standings.run.rounds[result.round_index]
    team = next(t for t in standings.teams if t.team == result.team)
    summary = result.summary
    ended = ("time ran out" if summary.timed_out
             else "resolved" if summary.resolved is not None
             else "remediated" if summary.remediations else "ended")
    if result.lab is not None:
        ended = "no rules submitted" if summary.timed_out else "rules submitted"
    return {
        "run": standings.run.run_id, "round": spec.index + 1, "round_title": spec.title,
        "incident": spec.incident_id, "seed": spec.seed, "team": result.team,
        "rank": team.rank, "total": team.total, "points": points, "score": result.score,
        "grade": result.grade, "time_to_acknowledge": _minutes(summary.acknowledged),
        "time_to_diagnose": _minutes(summary.diagnosed), "diagnosis": summary.diagnosis,
        "correct": None if result.lab is not None else result.correct,
        "confidence": summary.confidence,
        "time_to_remediate": _minutes(summary.remediated),
        "remediations": list(summary.remediations),
        "evidence_opened": [{"item": item, "minute": _minutes(minute)}
                            for item, minute in summary.opened],
        "hints": summary.hints, "ended": ended,
        "time_to_resolve": _minutes(summary.resolved), "severity": summary.severity,
        "status_update": dict(summary.update),
        "breakdown": result.breakdown,
        "timeline": [{"minute": _minutes(m), "action": text} for m, text in summary.steps],
        "kind": spec.kind, "lab": result.lab,
    }


def report_rows(standings: Standings) -> list[dict[str, Any]]:
    """One row per team and played round, by round then by rank."""
    rows = []
    for spec in standings.run.rounds:
        for team in standings.teams:
            result = team.results[spec.index]
            if result is not None:
                rows.append(turn_row(standings, result, team.points[spec.index]))
    return rows


def report_json(standings: Standings) -> str:
    """The report as JSON: the standings plus every row with its full timeline."""
    data = standings.as_json()
    data["plays"] = report_rows(standings)
    return inert_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def report_csv(standings: Standings) -> str:
    """The report as CSV, one row per team and round (lists joined with `;`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in report_rows(standings):
        flat = dict(row)
        flat["remediations"] = ";".join(row["remediations"])
        flat["evidence_opened"] = ";".join(e["item"] for e in row["evidence_opened"])
        flat["correct"] = "" if row["correct"] is None else "yes" if row["correct"] else "no"
        flat.update({name: (row["lab"] or {}).get(name) for name in LAB_COLUMNS})
        writer.writerow({k: "" if v is None else csv_cell(v) if isinstance(v, str) else v
                         for k, v in flat.items()})
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes for the start of a formula (OWASP's CSV injection list)."""


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading `'` before anything that would start a
    formula (checked on the raw text, before control characters are made visible)."""
    cell = clean_line(text)
    return "'" + cell if text.startswith(FORMULA_STARTS) or cell.startswith(FORMULA_STARTS) \
        else cell


_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {char: "\\" + char for char in "\\`[]|"}
"""HTML becomes entities; the backslash, code, link/image brackets and the table bar are
backslash-escaped. (Emphasis is left alone: `prompt_bloat` stays readable, and it hides nothing.
A bare URL stays a visible URL; what must not happen is a link whose text hides its target.)"""


def _md(text: object) -> str:
    """Authored text for a Markdown report: control characters made visible, then HTML, link
    and image syntax escaped, so no tag, hidden link, image or extra table cell gets in."""
    return "".join(_MD_ESCAPES.get(char, char) for char in clean_line(str(text)))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}m"


def report_markdown(standings: Standings) -> str:
    """The report as Markdown: standings, then each round's results and timelines."""
    run = standings.run
    lines = [f"# Game day: {_md(run.title)}", "",
             f"Run `{run.run_id}`, {len(run.teams)} teams, {len(run.rounds)} rounds.", "",
             "## Standings", "",
             "| Rank | Team | " + " | ".join(f"R{r.index + 1}" for r in run.rounds)
             + " | Total |",
             "|---:|---|" + "---:|" * len(run.rounds) + "---:|"]
    for team in standings.teams:
        cells = " | ".join("-" if p is None else f"{p:g}" for p in team.points)
        lines.append(f"| {team.rank} | {_md(team.team)} | {cells} | {team.total:g} |")
    rows = report_rows(standings)
    for spec in run.rounds:
        named = "" if spec.title == f"Round {spec.index + 1}" else f": {_md(spec.title)}"
        if spec.kind == "lab":
            lines += ["", f"## Round {spec.index + 1}{named}", ""]
            lines += lab_round_markdown(spec, [r for r in rows if r["round"] == spec.index + 1])
            continue
        lines += ["", f"## Round {spec.index + 1}{named}", "",
                  f"Incident `{spec.incident_id}` ({_md(spec.incident_title)}), seed "
                  f"{spec.seed}, {spec.time_limit:g} minutes per team"
                  + (f", weight {spec.weight:g}" if spec.weight != 1 else "") + ".", "",
                  "| Team | Points | Score | Ack | Diagnosis | Diagnosed | Remediations "
                  "| Fixed | Evidence opened | Hints |",
                  "|---|---:|---:|---:|---|---:|---|---:|---|---:|"]
        mine = [r for r in rows if r["round"] == spec.index + 1]
        for row in mine:
            diagnosis = row["diagnosis"] or "-"
            mark = " (right)" if row["correct"] else " (wrong)" if row["diagnosis"] else ""
            lines.append(
                f"| {_md(row['team'])} | {row['points']:g} | {row['score']} ({row['grade']}) "
                f"| {_fmt(row['time_to_acknowledge'])} | {_md(diagnosis)}{mark} "
                f"| {_fmt(row['time_to_diagnose'])} | {_md(', '.join(row['remediations']) or '-')} "
                f"| {_fmt(row['time_to_remediate'])} "
                f"| {_md(', '.join(e['item'] for e in row['evidence_opened']) or '-')} "
                f"| {row['hints']} |")
        for row in mine:
            lines += ["", f"### {_md(row['team'])}, round {spec.index + 1} "
                          f"(ended: {row['ended']})", ""]
            lines += [f"- {step['minute']:g}m: {_md(step['action'])}" for step in row["timeline"]]
            if not row["timeline"]:
                lines.append("- no actions")
            if row["status_update"]:
                said = "; ".join(f"{part}: {_md(words)}"
                                 for part, words in row["status_update"].items())
                verdict = row["breakdown"].get("communication", {}).get("detail", "")
                lines += ["", f"Status update: {said}" + (f" ({_md(verdict)})" if verdict
                                                          else "")]
    return "\n".join(lines) + "\n"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _delay(minutes: float | None) -> str:
    """A detection delay as a duration (`2h38m`, `3d6h22m`), to the minute."""
    from triage.model.types import format_minutes

    return "-" if minutes is None else format_minutes(round(minutes))


def lab_round_markdown(spec: Any, rows: list[dict[str, Any]]) -> list[str]:
    """A lab round's part of the Markdown report: the lab, then each team's figures."""
    lines = [f"Alert lab `{spec.incident_id}` ({_md(spec.incident_title)}), seed {spec.seed}, "
             f"{spec.time_limit:g} minutes per team"
             + (f", weight {spec.weight:g}" if spec.weight != 1 else "")
             + ". Points are the lab score (0-100) times the round's weight.", "",
             "| Team | Points | Score | Precision | Recall | Caught | Median delay "
             "| Worst delay | Pages/week | Tickets/week |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lab = row["lab"] or {}
        caught = f"{lab.get('caught', 0)}/{lab.get('incidents', 0)}"
        lines.append(
            f"| {_md(row['team'])} | {row['points']:g} | {row['score']:g} ({row['grade']}) "
            f"| {_share(lab.get('precision'))} | {_share(lab.get('recall'))} | {caught} "
            f"| {_delay(lab.get('median_delay_minutes'))} "
            f"| {_delay(lab.get('worst_delay_minutes'))} "
            f"| {lab.get('pages_per_week') or 0:g} | {lab.get('tickets_per_week') or 0:g} |")
    missing = [row["team"] for row in rows if row["ended"] == "no rules submitted"]
    if missing:
        lines += ["", "No rules submitted (scored as an empty rule set): "
                  + ", ".join(_md(team) for team in missing) + "."]
    return lines


FORMATS = {"md": report_markdown, "csv": report_csv, "json": report_json}
