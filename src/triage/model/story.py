"""The story around the signals: log lines, the change history, hints, evidence and the lesson.

Part of the incident file format (`triage.model.incident`); kept here so that root-cause variants
(`triage.model.variants`) can carry their own versions of these sections.
"""

# Real annotations (no `from __future__ import annotations`): pydantic would evaluate each
# field's annotation text when the models are built, in every `triage validate`.

from typing import Annotated, Literal

from pydantic import Field

from triage.model.types import Identifier, MinutesRange, within
from triage.model.types import StrictModel as _Strict


class LogLine(_Strict):
    """A log line that appears in the stream once the clock reaches it."""

    at: MinutesRange
    """When it is logged, relative to onset."""
    level: Literal["DEBUG", "INFO", "WARN", "ERROR"] = "INFO"
    """Log level."""
    source: str = Field(default="", max_length=40)
    """The emitting service or component."""
    message: str = Field(min_length=1, max_length=400)
    """The log message, shown as plain text. `{signal_id}` quotes that signal's value at the
    line's minute, with the signal's decimals (`p95 {p95_duration} ms`); `{{` and `}}` are
    literal braces."""
    every: Annotated[MinutesRange, within(1)[0]] | None = None
    """Repeat the line at this interval after `at` (for chatty noise); at least `1m`, a tick.
    A `[shortest, longest]` range draws one interval per play."""
    id: Identifier | None = None
    """Names the line so the `evidence:` lists can say it matters (players cite the line)."""
    until: MinutesRange | None = None
    """Stop repeating at this time, relative to onset (a heartbeat that dies at the outage); empty
    repeats to the end of the timeline."""


class Change(_Strict):
    """An entry in the deploy and change history."""

    at: MinutesRange
    """When the change landed, relative to onset (usually negative or zero)."""
    kind: Literal["deploy", "config", "data", "feature_flag", "infra", "model"] = "deploy"
    """What sort of change it was."""
    service: str = Field(default="", max_length=60)
    """What was changed."""
    author: str = Field(default="", max_length=40)
    """Who made the change."""
    summary: str = Field(min_length=1, max_length=300)
    """What the change says it does."""
    id: Identifier | None = None
    """Names the entry so the `evidence:` lists can say it matters (players cite the entry)."""


class Hint(_Strict):
    """A nudge the player may buy; its cost is shown and confirmed before it is charged."""

    text: str = Field(min_length=1, max_length=400)
    """The hint."""
    cost: int = Field(default=5, ge=0, le=50)
    """Points taken off the score."""


class Evidence(_Strict):
    """What a careful responder looks at before deciding."""

    decisive: list[str] = Field(min_length=1)
    """What settles the diagnosis: panels, reports, ML-team answers (question ids), log lines
    and change entries (by their `id`), or the whole `logs` or `changes` view. Citing one earns
    the evidence points."""
    supporting: list[str] = Field(default=[])
    """Other useful evidence; citing it earns a little."""
    red_herrings: list[str] = Field(default=[])
    """Things that look alarming but are not the cause; citing one costs (named in the
    debrief)."""
    reassuring: list[str] = Field(default=[])
    """Things that look healthy and tempt the player to rule the real cause out, though they do
    not measure what failed (a flat latency panel while answers are wrong). Citing one costs, as
    a red herring does; the debrief names each as reassuring but misleading."""


class DebriefText(_Strict):
    """The lesson, in the incident's own terms."""

    saw: str = Field(min_length=1, max_length=800)
    """What the responder could see."""
    meant: str = Field(min_length=1, max_length=800)
    """What it meant."""
    monitor: str = Field(min_length=1, max_length=800)
    """What to monitor so it is caught next time."""
    do: str = Field(min_length=1, max_length=800)
    """What to do about it."""
    ask: str = Field(default="", max_length=400)
    """The question to put to the ML team."""
    whatif: list[Identifier] = Field(default=[], max_length=3)
    """The panels the debrief's what-if shows (no action, your choice, the ideal choice), in
    order; empty shows the first decisive panel that is expected to move. `triage check` proves
    that an option that resolves brings one of them back toward normal."""


class CardOverride(_Strict):
    """An incident's own wording of its pitfall card; each line left out keeps the pitfall's."""

    title: str | None = Field(default=None, min_length=1, max_length=60)
    """The card's heading."""
    see: str | None = Field(default=None, min_length=1, max_length=300)
    """What you see."""
    means: str | None = Field(default=None, min_length=1, max_length=300)
    """What it means."""
    monitor: str | None = Field(default=None, min_length=1, max_length=300)
    """What to monitor."""
    do: str | None = Field(default=None, min_length=1, max_length=300)
    """What to do."""
