"""Pure renderables for a game day's lab rounds: the intro, the round's results, the answer.

A lab round (`triage.gameday.labround`) has no incident, diagnosis or fix: each team writes
alert rules for the same lab and seed, and the round shows each team's lab figures. All
authored text goes through `plain`, never through markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from triage.gameday.resolve import ResolvedRound, RunInfo
from triage.gameday.scoreboard import Standings
from triage.model.types import format_minutes
from triage.tui.render.text import label, plain

if TYPE_CHECKING:
    from triage.lab.model import Lab


def render_lab_intro(run: RunInfo, spec: ResolvedRound, order: list[str] | None
                     ) -> RenderableType:
    """A lab round's intro: the lab, the clock, how it is scored, and the team order."""
    from triage.tui.gameday.render import minutes_text, round_heading

    text = round_heading(run, spec)
    text.append("\n\nAlert lab: ")
    text.append_text(plain(spec.incident_title, "bold"))
    text.append(f"   seed {spec.seed}")
    if spec.weight != 1:
        text.append(f"   points x{spec.weight:g}", "bold")
    text.append(f"\nEach team has {minutes_text(spec.time_limit)} on the clock to study the "
                "training week and write alert rules; ctrl+r submits them. When the clock runs "
                "out, the rules in the editor are submitted if they are valid (else none are).\n")
    text.append("The weeks after the training week are replayed against each team's rules: "
                "the points are the lab score (catching early, paging rarely and truly).")
    if order is None:
        return text
    text.append("\n\nOrder: ")
    text.append_text(plain(" -> ".join(order), "bold"))
    text.append("\n\nEveryone writes rules for the same weeks: the replay stays hidden until "
                "every team has submitted.", "dim")
    return text


def _share(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "-"


def _delay(value: object) -> str:
    return format_minutes(round(value)) if isinstance(value, int | float) else "-"


def render_lab_results(standings: Standings, index: int) -> RenderableType:
    """A lab round's results, team by team: the lab score and its figures (precision,
    recall, incidents caught, median detection delay, pages a week), in 80 columns."""
    table = Table(box=None, padding=(0, 2), header_style="bold")
    for column in ("Team", "Score", "Prec.", "Recall", "Caught", "Delay", "Pages/wk"):
        table.add_column(column, no_wrap=True)
    for team in standings.teams:
        result = team.results[index]
        if result is None:
            table.add_row(plain(team.team), "-", "", "", "", "", "not played")
            continue
        lab = result.lab or {}
        caught = f"{lab.get('caught', 0)}/{lab.get('incidents', 0)}"
        if result.summary.timed_out:
            caught = "no rules"
        table.add_row(plain(team.team), f"{result.score:g} ({result.grade})",
                      _share(lab.get("precision")), _share(lab.get("recall")), caught,
                      _delay(lab.get("median_delay_minutes")),
                      f"{lab.get('pages_per_week') or 0:g}")
    return table


def render_lab_answer(lab: Lab) -> RenderableType:
    """The answer of a lab round: the author's reference rules, and what each incident
    teaches."""
    text = Text()
    text.append("The author's rules\n", "bold underline")
    for group in lab.reference:
        for rule in group.rules:
            text.append_text(plain(f"{rule.alert}: {rule.expr}", "bold"))
            text.append("  ")
            text.append_text(plain(f"for {format_minutes(rule.for_)}, "
                                   f"{rule.labels.severity}, {rule.labels.action}", "dim"))
            text.append("\n")
    lessons = Text()
    lessons.append("\nThe incidents\n", "bold underline")
    for incident in lab.incidents:
        lessons.append_text(plain(incident.title, "bold"))
        lessons.append(f"  ({label(incident.pitfall)})\n", "dim")
        lessons.append_text(plain(incident.lesson, multiline=True))
        lessons.append("\n")
    return Group(text, lessons)
