"""The debrief: everything the player learns once a play ends, as plain data.

Built from a finished session: the score and its breakdown, the player's timeline beside the ideal
path, the decisive panel, explanations of every option chosen, the red herrings, the incident's
lesson and its pitfall card, and a what-if view of the decisive signal (no action, the player's
choice, the ideal choice) computed by re-running the world from the moment of the decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from triage.engine.actions import LOOP_ACTIONS, Action
from triage.engine.ideal import ideal_actions
from triage.engine.loopdebrief import LoopReport, loop_report
from triage.engine.quoting import Moments, quoted
from triage.engine.rules import RULES_VERSION
from triage.engine.scoring import (
    ScoreLine,
    cited_roles,
    grade_for,
    rules_for,
    score_lines,
    total_score,
)
from triage.engine.scoring_loop import ideal_loop
from triage.engine.session import ActionError, Session
from triage.engine.whatif import WHATIF_LEAD, WhatIf, whatifs
from triage.model.incident import Incident
from triage.model.pitfalls import PitfallCard, card_for
from triage.sim.world import World

__all__ = ["WHATIF_LEAD", "Debrief", "TimelineEntry", "WhatIf", "build_debrief",
           "ideal_actions", "play_actions"]


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a play: minutes since the page and what was done."""

    minute: float
    text: str


@dataclass(frozen=True)
class Debrief:
    """The result of a play, ready to render as text, JSON or in the TUI."""

    incident: Incident
    seed: int
    score: int
    grade: str
    lines: list[ScoreLine]
    timeline: list[TimelineEntry]
    ideal: list[TimelineEntry]
    decisive: str
    chosen_diagnosis: str | None
    confidence: float | None
    chosen_remediations: tuple[str, ...]
    card: PitfallCard
    end_reason: str
    whatif: WhatIf | None = None
    more_whatifs: list[WhatIf] = field(default_factory=list)
    """The other panels the author chose for the what-if (`debrief.whatif`), in order."""
    side_effect: WhatIf | None = None
    """Another panel your choice moved away from the ideal outcome (e.g. a harmful fix's damage)."""
    opened: frozenset[str] = frozenset()
    """Everything the player opened during the play (panels, reports, logs, changes)."""
    notes: list[str] = field(default_factory=list)
    rules: int = RULES_VERSION
    """The version of the scoring rules that scored this play."""
    cited: list[tuple[str, str]] = field(default_factory=list)
    """Each cited reference with its role: decisive, supporting, red herring, not evidence."""
    variant: str | None = None
    """The root-cause variant this seed played (None for an incident without variants)."""
    loop: LoopReport | None = None
    """The on-call loop's part: impact beside the ideal, resolution, severity, status update,
    what people said (None for a debrief built without it)."""

    def as_json(self) -> dict:
        """The machine-readable result used by `--format json` and replays."""
        return {
            "incident": self.incident.id,
            "seed": self.seed,
            "score": self.score,
            "grade": self.grade,
            "breakdown": {
                line.part: {"points": round(line.points, 2), "max": line.maximum,
                            "detail": line.detail,
                            **({"cap": line.cap} if line.cap is not None else {})}
                for line in self.lines
            },
            "timeline": [{"minute": round(e.minute, 2), "action": e.text} for e in self.timeline],
            "ideal": [{"minute": round(e.minute, 2), "action": e.text} for e in self.ideal],
            "diagnosis": self.chosen_diagnosis,
            "confidence": self.confidence,
            "remediations": list(self.chosen_remediations),
            "decisive": self.decisive,
            "cited": [{"ref": ref, "role": role} for ref, role in self.cited],
            "variant": self.variant,
            "rules": self.rules,
            "ended": self.end_reason,
            **(self.loop.as_json() if self.loop is not None else {}),
        }


def plays_loop(actions: Iterable[Action]) -> bool:
    """Whether a list of steps plays the on-call loop: it has a step only the loop has (an
    actions file written before the loop has none, and plays as it always did)."""
    return any(action.kind in LOOP_ACTIONS for action in actions)


def play_actions(incident: Incident, seed: int, actions: Iterable[Action],
                 variant: str | None = None, loop: bool | None = None,
                 world: World | None = None) -> Session:
    """Apply actions in order to a fresh session (of `variant`, when named; else the seed's;
    on `world` when given); raises ActionError naming the step number. `loop` chooses the
    on-call loop; left out, the steps decide (`plays_loop`)."""
    actions = list(actions)
    session = Session(incident, seed, variant, world=world,
                      loop=plays_loop(actions) if loop is None else loop)
    for number, action in enumerate(actions, start=1):
        try:
            session.apply(action)
        except ActionError as error:
            raise ActionError(f"step {number} ({action.describe()}): {error}", number) from None
        if session.ended:
            break
    return session


def whatif_signals(incident: Incident) -> list[str]:
    """The panels the what-if shows: the author's `debrief.whatif`, else the first decisive panel
    that is expected to move (a decisive report or log line listed first does not hide it), else
    a panel of a decisive report's system, else the signal the first alert watches."""
    if incident.debrief.whatif:
        return list(incident.debrief.whatif)
    signals = {s.id: s for s in incident.signals}
    panels = [e for e in incident.evidence.decisive if e in signals]
    moving = [e for e in panels if signals[e].expect != "flat"]
    if moving or panels:
        return [(moving or panels)[0]]
    reports = {r.id: r.system for r in incident.reports}
    systems = [reports[e] for e in incident.evidence.decisive if e in reports]
    fed = [s.id for system in systems for s in incident.signals if s.system == system]
    return fed[:1] or [incident.alerts[0].signal]


def decisive_signal(incident: Incident) -> str:
    """The panel the debrief's what-if shows first (see `whatif_signals`)."""
    return whatif_signals(incident)[0]


def _entries(session: Session) -> list[TimelineEntry]:
    entries = [TimelineEntry(0.0, f"paged: {session.page.alert.name}")] if session.page else []
    entries += [TimelineEntry(item.minute, item.action.describe()) for item in session.log
                if item.action.chosen]  # time that passed while reading is no step of theirs
    return entries


def build_debrief(session: Session, rules: int | None = None) -> Debrief:
    """The debrief of a session (normally an ended one), scored under `rules` (by default the
    rules its kind of play is scored under: the loop's, or the last one-shot rules)."""
    incident = session.incident
    rules = rules_for(session) if rules is None else rules
    lines = score_lines(session, rules)
    score = total_score(lines)
    notes = []
    ideal_play: Session | None = None
    try:
        if session.oncall is not None:
            ideal_play = ideal_loop(session)
            if ideal_play is None:
                raise ActionError("a step of the ideal loop was refused")
        else:
            world = session.untouched  # the same world: no second build of it
            ideal_play = play_actions(incident, session.seed,
                                      ideal_actions(incident, session.seed, world),
                                      session.variant, world=world)
        ideal = _entries(ideal_play)
    except ActionError as error:  # an incident whose ideal path cannot play (check says so)
        ideal = []
        notes.append(f"The ideal path cannot be shown: {error}.")
    report = loop_report(session)
    notes += report.notes
    chosen = whatif_signals(incident)
    whatif, side_effect = whatifs(session, chosen[0], ideal_play)
    more = [view for name in chosen[1:] if (view := whatifs(session, name, ideal_play)[0])]
    if side_effect is not None and side_effect.signal in chosen:
        side_effect = None
    if session.end_reason and session.end_reason not in ("remediation applied",
                                                          "declared resolved"):
        notes.append(f"The incident ended because {session.end_reason}.")
    elif not session.ended:
        notes.append("The play stopped before a remediation was chosen.")
    return Debrief(
        # The lesson's `{signal@moment}` placeholders quote this play's values.
        incident=quoted(incident, Moments.of(session)), seed=session.seed, score=score,
        grade=grade_for(score), lines=lines,
        timeline=_entries(session), ideal=ideal,
        decisive=decisive_signal(incident), chosen_diagnosis=session.diagnosis,
        confidence=session.confidence, chosen_remediations=session.remediations,
        card=card_for(incident), end_reason=session.end_reason,
        whatif=whatif, more_whatifs=more, side_effect=side_effect,
        opened=frozenset(session.opened), notes=notes,
        rules=rules, cited=cited_roles(session), variant=session.variant, loop=report,
    )
