"""The player's actions: what can be done in a play, and how each is written in an actions file.

An actions file is a YAML list applied in order::

    - acknowledge
    - open: grad_norm
    - ask: what-changed
    - wait: 10m
    - hint
    - diagnose: lr_too_high
      confidence: 0.8
    - remediate: [lower_lr, clip_gradients]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ActionKind = Literal[
    "acknowledge", "open", "ask", "wait", "hint", "diagnose", "remediate", "timeout"]
SIMPLE_ACTIONS = ("acknowledge", "hint", "timeout")
KEYED_ACTIONS = ("open", "ask", "wait", "diagnose", "remediate")


@dataclass(frozen=True)
class Action:
    """One step of a play."""

    kind: ActionKind
    target: str | None = None
    """The panel, report, question or diagnosis id for open, ask and diagnose."""
    minutes: float | None = None
    """How long to wait, for wait."""
    confidence: float | None = None
    """The stated confidence (0.5 to 1.0), for diagnose."""
    remediations: tuple[str, ...] = ()
    """The chosen remediation ids, for remediate."""

    def to_step(self) -> Any:
        """This action as an actions-file item (a string or a one-key mapping)."""
        if self.kind in SIMPLE_ACTIONS:
            return self.kind
        if self.kind == "wait":
            return {"wait": f"{self.minutes:g}m"}
        if self.kind == "diagnose":
            return {"diagnose": self.target, "confidence": self.confidence}
        if self.kind == "remediate":
            return {"remediate": list(self.remediations)}
        return {self.kind: self.target}

    def describe(self) -> str:
        """A short human description for timelines."""
        if self.kind == "wait":
            return f"wait {self.minutes:g}m"
        if self.kind == "diagnose":
            return f"diagnose {self.target} ({(self.confidence or 0) * 100:.0f}% sure)"
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


def hint() -> Action:
    """Buy the next hint."""
    return Action("hint")


def diagnose(target: str, confidence: float) -> Action:
    """State the root cause and a confidence between 0.5 and 1.0."""
    return Action("diagnose", target=target, confidence=float(confidence))


def remediate(*options: str) -> Action:
    """Apply one or more remediations; this ends the incident."""
    return Action("remediate", remediations=tuple(options))


def timeout() -> Action:
    """End the incident as it stands (a game-day round ran out of time)."""
    return Action("timeout")
