"""The debrief: everything the player learns once a play ends, as plain data.

Built from a finished session: the score and its breakdown, the player's timeline beside the ideal
path, the decisive panel, explanations of every option chosen, the red herrings, the incident's
lesson and its pitfall card, and a what-if view of the decisive signal (no action, the player's
choice, the ideal choice) computed by re-running the world from the moment of the decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from triage.engine.actions import Action, acknowledge, ask, diagnose, open_, remediate
from triage.engine.evidence import MAX_CITES, resolve, unseen
from triage.engine.quoting import Moments, quoted
from triage.engine.rules import RULES_VERSION
from triage.engine.scoring import (
    ScoreLine,
    cited_roles,
    grade_for,
    score_lines,
    total_score,
)
from triage.engine.session import ActionError, Session
from triage.engine.whatif import WHATIF_LEAD, WhatIf, whatifs
from triage.model.incident import Incident
from triage.model.pitfalls import PitfallCard, card_for
from triage.model.variants import for_seed

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
        }


def ideal_actions(incident: Incident, seed: int | None = None) -> list[Action]:
    """The ideal path: acknowledge, look at the evidence (open it, ask for it), diagnose
    correctly and sure citing the decisive evidence, and fix it.

    With a seed, the citations are only those the player can really make in that play (a log
    line logged after the page cannot be cited at the diagnosis); without one, entries of a
    whole `logs` or `changes` view are cited only when they surely come before the onset. With a
    seed, an incident with root-cause variants takes the path of the variant that seed plays.
    """
    if seed is not None:
        incident = for_seed(incident, seed)
    evidence = list(dict.fromkeys(incident.evidence.decisive + incident.evidence.supporting))
    looks: list[Action] = []
    refs: list[str | None] = []
    for item in evidence:
        look, ref = _look_and_ref(incident, item)
        if look is not None and look not in looks:
            looks.append(look)
        refs.append(ref)
    cites = _ideal_cites(incident, refs)
    if seed is not None:
        cites = _citable(incident, seed, [acknowledge(), *looks], cites)
    return [
        acknowledge(),
        *looks,
        diagnose(incident.correct_diagnosis.id, 1.0, cites),
        remediate(*incident.ideal_remediations),
    ]


def _citable(incident: Incident, seed: int, looks: list[Action], refs: list[str]) -> list[str]:
    """The references a player who took `looks` in this play may cite at that point."""
    session = Session(incident, seed)
    for action in looks:
        if session.ended:
            break
        try:
            session.apply(action)
        except ActionError:
            continue
    return [ref for ref in refs if unseen(session, resolve(incident, ref)) is None]


def _look_and_ref(incident: Incident, item: str) -> tuple[Action | None, str | None]:
    """How the ideal path gets to see an evidence item, and how it cites it (None when it cannot:
    a whole view with no entry there before the onset)."""
    if item in incident.openable_ids():
        if item in ("logs", "changes"):
            entries = incident.logs if item == "logs" else incident.changes
            # An entry surely there by the page: even its latest draw lands before the onset.
            there = [i for i, entry in enumerate(entries) if _latest(entry.at) <= 0]
            earliest = min(there, key=lambda i: _earliest(entries[i].at), default=None)
            return open_(item), None if earliest is None else f"{item}#{earliest + 1}"
        return open_(item), item
    question = next((q for q in incident.questions if q.id == item), None)
    if question is not None:
        return ask(question.topic or question.id), item
    view = "logs" if any(line.id == item for line in incident.logs) else "changes"
    return open_(view), item


def _earliest(at: float | tuple[float, float]) -> float:
    return at[0] if isinstance(at, tuple) else at


def _latest(at: float | tuple[float, float]) -> float:
    return at[1] if isinstance(at, tuple) else at


def _ideal_cites(incident: Incident, refs: list[str | None]) -> list[str]:
    """Up to `MAX_CITES` references in the order of the evidence lists (decisive first), with
    signals that alerts watch after the other decisive items: the one that paged proves
    nothing, so the ideal path cites what explains it."""
    watched = {alert.signal for alert in incident.alerts}
    decisive = len(incident.evidence.decisive)
    ranked = sorted(range(len(refs)), key=lambda i: (i >= decisive, refs[i] in watched, i))
    return [ref for ref in dict.fromkeys(refs[i] for i in ranked) if ref][:MAX_CITES]


def play_actions(incident: Incident, seed: int, actions: Iterable[Action],
                 variant: str | None = None) -> Session:
    """Apply actions in order to a fresh session (of `variant`, when named; else the seed's);
    raises ActionError naming the step number."""
    session = Session(incident, seed, variant)
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


def build_debrief(session: Session, rules: int = RULES_VERSION) -> Debrief:
    """The debrief of a session (normally an ended one), scored under `rules`."""
    incident = session.incident
    lines = score_lines(session, rules)
    score = total_score(lines)
    notes = []
    ideal_play: Session | None = None
    try:
        ideal_play = play_actions(incident, session.seed, ideal_actions(incident, session.seed))
        ideal = _entries(ideal_play)
    except ActionError as error:  # an incident whose ideal path cannot play (check says so)
        ideal = []
        notes.append(f"The ideal path cannot be shown: {error}.")
    chosen = whatif_signals(incident)
    whatif, side_effect = whatifs(session, chosen[0], ideal_play)
    more = [view for name in chosen[1:] if (view := whatifs(session, name, ideal_play)[0])]
    if side_effect is not None and side_effect.signal in chosen:
        side_effect = None
    if session.end_reason and session.end_reason != "remediation applied":
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
        rules=rules, cited=cited_roles(session), variant=session.variant,
    )
