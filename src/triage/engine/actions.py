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
    "remediate", "timeout"]
SIMPLE_ACTIONS = ("acknowledge", "hint", "timeout")
KEYED_ACTIONS = ("open", "ask", "wait", "idle", "mark", "unmark", "diagnose", "remediate")
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
        if self.target:
            return f"{self.kind} {self.target}"
        return self.kind


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
    """Apply one or more remediations; this ends the incident."""
    return Action("remediate", remediations=tuple(options))


def timeout() -> Action:
    """End the incident as it stands (a game-day round ran out of time)."""
    return Action("timeout")
