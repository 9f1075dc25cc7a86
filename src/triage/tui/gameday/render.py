"""Pure renderables for the game-day screens: round intro, hand-off, scoreboard, the answer.

Widgets only display what these functions return, so the text is testable without an app. All
authored text goes through `plain`, never through markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from triage.gameday.records import TurnResult
from triage.gameday.resolve import ResolvedRound, RunInfo
from triage.gameday.scoreboard import Standings
from triage.model.incident import Incident
from triage.tui.render.text import label, plain, stars


def minutes_text(minutes: float) -> str:
    """A wall-clock limit as `10:00`."""
    seconds = int(round(minutes * 60))
    return f"{seconds // 60}:{seconds % 60:02d}"


def round_heading(run: RunInfo, spec: ResolvedRound) -> Text:
    """The game day's title and which round this is (with its own title, if it has one)."""
    text = Text()
    text.append_text(plain(run.title, "dim"))
    text.append("\n")
    text.append(f"Round {spec.index + 1} of {len(run.rounds)}", "bold")
    if spec.title != f"Round {spec.index + 1}":
        text.append_text(plain(f": {spec.title}", "bold"))
    return text


def render_intro(run: RunInfo, spec: ResolvedRound, order: list[str] | None) -> RenderableType:
    """The round intro: which round, how hard, the clock, and the team order (hot-seat) or
    the prompt to start (a team's own tab, `order=None`)."""
    if spec.kind == "lab":
        from triage.tui.gameday.labrender import render_lab_intro

        return render_lab_intro(run, spec, order)
    text = round_heading(run, spec)
    text.append("\n\n")
    text.append("Difficulty ")
    text.append(stars(spec.difficulty), "yellow")
    text.append(f"   seed {spec.seed}")
    if spec.weight != 1:
        text.append(f"   points x{spec.weight:g}", "bold")
    text.append("\n")
    text.append(f"Each team has {minutes_text(spec.time_limit)} on the clock; ")
    text.append("when it runs out the incident ends as it stands.\n")
    text.append("Hints are " + ("allowed (each costs points)." if spec.hints else "off."))
    if order is None:
        text.append("\n\nEvery team plays the same incident with the same seed.", "dim")
        text.append("\n\nPress ")
        text.append(" Enter ", "bold reverse")
        text.append(" to start your clock.")
        return text
    text.append("\n\nOrder: ")
    text.append_text(plain(" -> ".join(order), "bold"))
    text.append("\n\nEveryone plays the same incident with the same seed: no spoilers between "
                "turns.", "dim")
    return text


def render_handoff(spec: ResolvedRound, team: str, previous: TurnResult | None) -> RenderableType:
    """The hand-off between turns: who plays next, and that the last turn is in."""
    text = Text()
    if previous is not None:
        text.append_text(plain(f"Team {previous.team} is done", "green"))
        text.append(" (score hidden until the round ends).\n\n", "dim")
    text.append("Next: team ")
    text.append_text(plain(team, "bold reverse"))
    text.append(f"\nRound {spec.index + 1}, {minutes_text(spec.time_limit)} on the clock.")
    text.append("\n\nTake the keyboard, then press ")
    text.append(" Enter ", "bold reverse")
    text.append(" to start the clock.")
    return text


def render_standings(standings: Standings, highlight: str | None = None,
                     round_index: int | None = None) -> RenderableType:
    """The scoreboard table; with `round_index`, that round's points are shown in bold."""
    run = standings.run
    table = Table(expand=False, box=None, padding=(0, 2), header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Team")
    for spec in run.rounds:
        table.add_column(f"R{spec.index + 1}", justify="right")
    table.add_column("Total", justify="right", style="bold")
    for team in standings.teams:
        cells = []
        for index, points in enumerate(team.points):
            cell = "-" if points is None else f"{points:g}"
            cells.append(Text(cell, "bold cyan" if index == round_index else ""))
        name = plain(team.team, "reverse" if team.team == highlight else "")
        table.add_row(str(team.rank), name, *cells, f"{team.total:g}")
    return table


def render_round_results(standings: Standings, index: int) -> RenderableType:
    """One round's results, team by team: score, grade and what they did (in a lab round,
    the lab figures)."""
    if standings.run.rounds[index].kind == "lab":
        from triage.tui.gameday.labrender import render_lab_results

        return render_lab_results(standings, index)
    table = Table(box=None, padding=(0, 2), header_style="bold")
    for column in ("Team", "Score", "Diagnosis", "Fix", "Ended"):
        table.add_column(column)
    for team in standings.teams:
        result = team.results[index]
        if result is None:
            table.add_row(plain(team.team), "-", "", "", "not played")
            continue
        summary = result.summary
        verdict = ("right" if result.correct else "wrong") if summary.diagnosis else "none"
        ended = "time ran out" if summary.timed_out else "remediated"
        table.add_row(plain(team.team), f"{result.score} ({result.grade})", verdict,
                      f"at {summary.remediated:g}m" if summary.remediated is not None else "-",
                      ended)
    return table


def render_answer(incident: Incident, seed: int | None = None) -> RenderableType:
    """The answer, for the facilitator to reveal once every team has played the round; with the
    round's seed, as that seed plays it (its variant, the lesson's numbers along its ideal
    path)."""
    if seed is not None:
        from triage.engine.quoting import ideal_quoted

        incident = ideal_quoted(incident, seed)
    fixing = incident.resolving_remediations or incident.ideal_remediations
    fixes = [r for r in incident.remediations if r.id in fixing]
    text = Text()
    text.append("The answer\n", "bold underline")
    text.append("Root cause: ", "bold")
    text.append_text(plain(incident.correct_diagnosis.text))
    text.append("\nFix: ", "bold")
    text.append_text(plain("; or ".join(r.text for r in fixes) or "-"))
    text.append("\nDecisive evidence: ", "bold")
    text.append_text(plain(", ".join(incident.evidence.decisive)))
    text.append(f"\nPitfall: {label(incident.pitfall)}\n\n")
    text.append_text(plain(incident.debrief.meant, multiline=True))
    text.append("\n")
    text.append_text(plain(incident.debrief.do, "italic", multiline=True))
    return text


def render_final(standings: Standings) -> RenderableType:
    """The final standing with the per-round breakdown."""
    leaders = [t.team for t in standings.teams if t.rank == 1]
    title = Text()
    if standings.complete and len(leaders) == 1:
        title.append_text(plain(f"{leaders[0]} wins {standings.run.title}!", "bold green"))
    elif standings.complete:
        title.append_text(plain(f"A tie at the top: {', '.join(leaders)}", "bold green"))
    else:
        title.append("Standings so far", "bold")
    rounds = plain("\n".join(f"R{r.index + 1}  {r.title}: {r.incident_title}"
                             for r in standings.run.rounds), "dim", multiline=True)
    return Group(title, Text(""), render_standings(standings), Text(""), rounds)
