"""The player's actions: what can be done in a play, and how each is written in an actions file.

An actions file is a YAML list applied in order::

    - acknowledge
    - open: grad_norm
    - ask: what-changed
    - wait: 10m
    - hint
    - mark: learning_rate@4m
    - diagnose: lr_too_high
      confidence: 0.8
      cite: [grad_norm@3m, learning_rate@4m, what-changed]
    - remediate: [lower_lr, clip_gradients]

In the on-call loop (scoring rules version 3) a remediation acts on the running world and the
play goes on until `resolve`; the loop adds `revert: OPTION`, `escalate: OWNER`, `declare: SEV2`
and `update: {impact: ..., cause: ..., done: [...], next: ..., eta: ...}`. A file with none of
the loop's steps is a one-shot play, as files written before the loop are: its first remediation
ends it.

`mark` and `unmark` keep a short list of evidence while investigating (the TUI's marks); `cite`
on the diagnosis is what the score reads (`triage.engine.evidence` says what may be cited).

`idle: 7m` is not an action: it is the time that passed in the TUI while the player read without
acting (the real-time clock's ticks). A stored play keeps it so that a replay runs the clock the
same way and scores the same; timelines leave it out. `wait` is the player's choice to let the
clock run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ActionKind = Literal[
    "acknowledge", "open", "ask", "wait", "idle", "hint", "mark", "unmark", "diagnose",
    "remediate", "timeout", "resolve", "revert", "escalate", "declare", "update"]
SIMPLE_ACTIONS = ("acknowledge", "hint", "timeout", "resolve")
KEYED_ACTIONS = ("open", "ask", "wait", "idle", "mark", "unmark", "diagnose", "remediate",
                 "revert", "escalate", "declare", "update")
LOOP_ACTIONS = ("resolve", "revert", "escalate", "declare", "update")
"""Steps only the on-call loop has: an actions file with any of them plays the loop."""
TIMED_ACTIONS = ("wait", "idle")
"""Steps whose value is a duration."""


@dataclass(frozen=True)
class Action:
    """One step of a play."""

    kind: ActionKind
    target: str | None = None
    """The panel, report, question or diagnosis id for open, ask and diagnose."""
    minutes: float | None = None
    """How long the clock runs, for wait and idle."""
    confidence: float | None = None
    """The stated confidence (0.0 to 1.0), for diagnose."""
    remediations: tuple[str, ...] = ()
    """The chosen remediation ids, for remediate."""
    cites: tuple[str, ...] = ()
    """The evidence cited with a diagnosis (references such as `grad_norm@12m`)."""
    parts: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    """The chosen parts of a status update, as (part, choice id or ids) pairs."""

    def to_step(self) -> Any:
        """This action as an actions-file item (a string or a one-key mapping)."""
        if self.kind in SIMPLE_ACTIONS:
            return self.kind
        if self.kind in TIMED_ACTIONS:
            return {self.kind: f"{self.minutes:g}m"}
        if self.kind == "diagnose":
            step = {"diagnose": self.target, "confidence": self.confidence}
            return {**step, "cite": list(self.cites)} if self.cites else step
        if self.kind == "remediate":
            return {"remediate": list(self.remediations)}
        if self.kind == "declare":
            return {"declare": f"SEV{self.target}"}
        if self.kind == "update":
            return {"update": {part: list(value) if isinstance(value, tuple) else value
                               for part, value in self.parts}}
        return {self.kind: self.target}

    @property
    def chosen(self) -> bool:
        """Whether the player took this step (everything but `idle`, the clock's own time)."""
        return self.kind != "idle"

    def describe(self) -> str:
        """A short human description for timelines."""
        if self.kind == "wait":
            return f"wait {self.minutes:g}m"
        if self.kind == "idle":
            return f"{self.minutes:g}m passed"
        if self.kind == "diagnose":
            cited = f", citing {', '.join(self.cites)}" if self.cites else ", citing nothing"
            return f"diagnose {self.target} ({(self.confidence or 0) * 100:.0f}% sure{cited})"
        if self.kind == "remediate":
            return "remediate " + ", ".join(self.remediations)
        if self.kind == "update":
            return "status update sent"
        if self.kind == "declare":
            return f"declare SEV{self.target}"
        if self.target:
            return f"{self.kind} {self.target}"
        return self.kind


class ActionError(ValueError):
    """An action the current play cannot take (unknown id, wrong order, play over).

    `step` is the 1-based number of the refused step when the action came from a list of steps
    (an actions file), so the refusal can be shown at that step's line.
    """

    def __init__(self, message: str, step: int | None = None) -> None:
        super().__init__(message)
        self.step = step


@dataclass(frozen=True)
class LoggedAction:
    """An applied action and the simulated minute (since the page) at which it was taken."""

    action: Action
    minute: float


def acknowledge() -> Action:
    """Acknowledge the page."""
    return Action("acknowledge")


def open_(target: str) -> Action:
    """Open a panel full-size, a report, the logs or the change history."""
    return Action("open", target=target)


def ask(question: str) -> Action:
    """Ask the ML team a scripted question."""
    return Action("ask", target=question)


def wait(minutes: float) -> Action:
    """Let the simulated clock run."""
    return Action("wait", minutes=float(minutes))


def idle(minutes: float) -> Action:
    """Time passing while the player reads (the TUI's clock), not a choice of theirs."""
    return Action("idle", minutes=float(minutes))


def hint() -> Action:
    """Buy the next hint."""
    return Action("hint")


def mark(ref: str) -> Action:
    """Mark something seen as possible evidence (free; at most a few marks are kept)."""
    return Action("mark", target=ref)


def unmark(ref: str) -> Action:
    """Drop a mark."""
    return Action("unmark", target=ref)


def diagnose(target: str, confidence: float, cites: tuple[str, ...] | list[str] = ()) -> Action:
    """State the root cause, a confidence from 0 to 1, and up to three pieces of cited evidence."""
    return Action("diagnose", target=target, confidence=float(confidence), cites=tuple(cites))


def remediate(*options: str) -> Action:
    """Apply one or more remediations (in a one-shot play, this ends the incident)."""
    return Action("remediate", remediations=tuple(options))


def revert(option: str) -> Action:
    """Undo an option in effect, from now on (the on-call loop)."""
    return Action("revert", target=option)


def resolve() -> Action:
    """Declare the incident resolved; this ends it (the on-call loop)."""
    return Action("resolve")


def escalate(owner: str) -> Action:
    """Call an owner in: it costs their time to join, and they bring facts."""
    return Action("escalate", target=owner)


def declare(severity: int) -> Action:
    """Declare the incident's severity, 1 (worst) to 4."""
    return Action("declare", target=str(severity))


def update(**parts: str | list[str] | tuple[str, ...]) -> Action:
    """Send a status update made of chosen parts (impact, cause, done, next, eta)."""
    return Action("update", parts=tuple(
        (part, value if isinstance(value, str) else tuple(value)) for part, value in parts.items()))


def timeout() -> Action:
    """End the incident as it stands (a game-day round ran out of time)."""
    return Action("timeout")
