"""A team's turn as data: the stored play it becomes, and the result read back from the store.

Game-day plays are ordinary stored plays (`mode="gameday"`) tagged with the run and the team.
Their action log is a list of `{"minute": M, "step": STEP}` items, where STEP is the action as an
actions file writes it (`"acknowledge"`, `{"open": "grad_norm"}`...) and M the simulated minutes
since the page. `summarise_actions` also reads the other shapes a play's log may take (`"action"`
instead of `"step"`, or the action's fields inline), so plays stored by `triage play --headless
--gameday RUN --team NAME` count just the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from triage.engine.actions import KEYED_ACTIONS, SIMPLE_ACTIONS, Action
from triage.engine.debrief import Debrief, plays_loop
from triage.engine.oncall import parse_severity
from triage.engine.record import finished_play
from triage.engine.session import ActionError, Session
from triage.model.incident import Incident
from triage.model.loader import LoadedIncident
from triage.store.records import PlayRecord, StoredPlay


@dataclass(frozen=True)
class TurnSummary:
    """What a team did in one turn, for the scoreboard and the retro report."""

    acknowledged: float | None = None
    diagnosed: float | None = None
    diagnosis: str | None = None
    confidence: float | None = None
    remediated: float | None = None
    remediations: tuple[str, ...] = ()
    opened: tuple[tuple[str, float], ...] = ()
    """Evidence opened (panels, reports, logs, changes), with the minute, in order."""
    asked: tuple[str, ...] = ()
    hints: int = 0
    timed_out: bool = False
    steps: tuple[tuple[float, str], ...] = ()
    """Every step as (minute since the page, description)."""
    resolved: float | None = None
    """When the team declared the incident resolved (the on-call loop)."""
    severity: int | None = None
    update: tuple[tuple[str, str], ...] = ()
    """The team's last status update, as (part, what they chose)."""


@dataclass(frozen=True)
class TurnResult:
    """One team's result in one round."""

    round_index: int
    team: str
    incident_id: str
    seed: int
    score: int
    grade: str
    breakdown: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Score parts: `{part: {"points", "max", "detail"}}`."""
    summary: TurnSummary = field(default_factory=TurnSummary)
    play_id: int | None = None
    """The stored play's id (a lab round's: the stored lab result's)."""
    lab: dict[str, Any] | None = None
    """A lab round's figures (`gameday.labround.FIGURES`, and incidents caught of how many);
    its `score` is then the lab score, to one decimal."""

    @property
    def correct(self) -> bool:
        """Whether the team named the right root cause."""
        return float(self.breakdown.get("diagnosis", {}).get("points", 0) or 0) > 0


def action_log(session: Session) -> list[dict[str, Any]]:
    """The session's applied actions in the stored form `{"minute", "step"}`."""
    return [{"minute": round(item.minute, 3), "step": item.action.to_step()}
            for item in session.log]


def play_record(
    loaded: LoadedIncident, session: Session, debrief: Debrief, *, player: str | None,
    run_id: str, team: str, started_at: datetime | None = None,
) -> PlayRecord:
    """The stored play for a finished game-day turn (the store's record, with minutes)."""
    from triage.store.recording import build_record

    record = build_record(finished_play(loaded, session, debrief), player=player,
                          gameday_run=run_id, team=team, mode="gameday", started_at=started_at)
    return replace(record, actions=action_log(session))


def step_action(step: Any) -> Action | None:
    """The Action an actions-file step stands for, or None when it cannot be read."""
    if isinstance(step, str):
        return Action(step) if step in SIMPLE_ACTIONS else None  # type: ignore[arg-type]
    if not isinstance(step, dict) or not step:
        return None
    if "kind" in step:
        remedies = tuple(step.get("remediations") or ())
        return Action(step["kind"], step.get("target"), step.get("minutes"),
                      step.get("confidence"), remedies, tuple(step.get("cites") or ()))
    # Stored JSON has sorted keys, so `confidence` may come before `diagnose`.
    kind = next((key for key in step if key in KEYED_ACTIONS), None)
    if kind is None:
        return None
    value = step[kind]
    if kind in ("wait", "idle"):
        from triage.model.types import parse_minutes

        try:
            return Action(kind, minutes=parse_minutes(value))
        except ValueError:
            return None
    if kind == "remediate":
        options = value if isinstance(value, list) else [value]
        return Action("remediate", remediations=tuple(str(o) for o in options))
    if kind == "diagnose":
        cites = step.get("cite")
        cited = [] if cites is None else cites if isinstance(cites, list) else [cites]
        return Action("diagnose", target=str(value), confidence=step.get("confidence"),
                      cites=tuple(str(c) for c in cited))
    if kind == "declare":
        level = parse_severity(value)
        return None if level is None else Action("declare", target=str(level))
    if kind == "update":
        if not isinstance(value, dict):
            return None
        return Action("update", parts=tuple(
            (str(part), tuple(str(v) for v in chosen) if isinstance(chosen, list)
             else str(chosen)) for part, chosen in value.items()))
    return Action(kind, target=str(value))  # type: ignore[arg-type]


def _item(entry: Any) -> tuple[float, Action | None]:
    if not isinstance(entry, dict):
        return 0.0, step_action(entry)
    minute = next((entry[k] for k in ("minute", "at", "elapsed") if k in entry), 0.0)
    step = entry.get("step", entry.get("action", entry))
    try:
        minute = float(minute)
    except (TypeError, ValueError):
        minute = 0.0
    return minute, step_action(step)


def summarise_actions(actions: list[Any]) -> TurnSummary:
    """Times to acknowledge, diagnose and remediate, evidence opened and every step."""
    values: dict[str, Any] = {"opened": [], "asked": [], "steps": [], "hints": 0}
    for entry in actions:
        minute, action = _item(entry)
        if action is None or not action.chosen:
            continue  # idle: time that passed while the team read, not a step of theirs
        values["steps"].append((minute, action.describe()))
        if action.kind == "acknowledge":
            values.setdefault("acknowledged", minute)
        elif action.kind == "open" and action.target:
            values["opened"].append((action.target, minute))
        elif action.kind == "ask" and action.target:
            values["asked"].append(action.target)
        elif action.kind == "hint":
            values["hints"] += 1
        elif action.kind == "diagnose":
            values.update(diagnosed=minute, diagnosis=action.target,
                          confidence=action.confidence)
        elif action.kind == "remediate":  # the first one mitigates; the loop may apply more
            values.setdefault("remediated", minute)
            values["remediations"] = tuple(dict.fromkeys(
                [*values.get("remediations", ()), *action.remediations]))
        elif action.kind == "timeout":
            values["timed_out"] = True
        elif action.kind == "resolve":
            values["resolved"] = minute
        elif action.kind == "declare" and action.target:
            values["severity"] = int(action.target)
        elif action.kind == "update":
            values["update"] = tuple((part, value if isinstance(value, str) else ", ".join(value))
                                     for part, value in action.parts)
    first_opened: dict[str, float] = {}
    for target, minute in values["opened"]:
        first_opened.setdefault(target, minute)
    values["opened"] = tuple(first_opened.items())
    for key in ("asked", "steps"):
        values[key] = tuple(values[key])
    return TurnSummary(**values)


def breakdown_parts(breakdown: Any) -> dict[str, dict[str, Any]]:
    """A stored breakdown as `{part: {"points", "max", "detail"}}` (plain numbers accepted)."""
    parts: dict[str, dict[str, Any]] = {}
    if not isinstance(breakdown, dict):
        return parts
    source = breakdown.get("breakdown", breakdown)
    for part, value in source.items():
        if isinstance(value, dict) and "points" in value:
            parts[str(part)] = {"points": float(value["points"]),
                                "max": float(value.get("max", 0) or 0),
                                "detail": str(value.get("detail", ""))}
        elif isinstance(value, int | float) and not isinstance(value, bool):
            parts[str(part)] = {"points": float(value), "max": 0.0, "detail": ""}
    return parts


def has_minutes(actions: list[Any]) -> bool:
    """Whether a stored log says when each step was taken (game-day plays do)."""
    return all(isinstance(e, dict) and "minute" in e for e in actions)


def replay_minutes(incident: Incident, seed: int, actions: list[Any]) -> list[dict[str, Any]]:
    """A log of bare steps (`triage play --headless --gameday`) with the minute of each step,
    recovered by replaying it through the engine; steps it cannot apply keep minute 0."""
    steps = [action for _, action in map(_item, actions) if action is not None]
    session = Session(incident, seed, loop=plays_loop(steps))
    out = []
    for entry in actions:
        _, action = _item(entry)
        minute = session.elapsed
        if action is not None and not session.ended:
            try:
                session.apply(action)
            except ActionError:
                pass
        out.append({"minute": round(minute, 3), "step": entry})
    return out


def result_from_play(play: StoredPlay, round_index: int, team: str,
                     incident: Incident | None = None) -> TurnResult:
    """The turn result a stored play stands for (minutes replayed when the log lacks them)."""
    actions = play.actions
    if incident is not None and not has_minutes(actions):
        actions = replay_minutes(incident, play.seed, actions)
    return TurnResult(round_index, team, play.incident_id, play.seed, play.score, play.grade,
                      breakdown_parts(play.breakdown), summarise_actions(actions), play.id)


def result_from_debrief(round_index: int, team: str, session: Session, debrief: Debrief,
                        play_id: int | None = None) -> TurnResult:
    """The turn result of a play that just ended."""
    return TurnResult(round_index, team, session.incident.id, session.seed, debrief.score,
                      debrief.grade, breakdown_parts(debrief.as_json()["breakdown"]),
                      summarise_actions(action_log(session)), play_id)
