"""The ideal path: the one-shot one (rules 1 and 2) and the on-call loop's.

The ideal on-call loop is what a strong responder does, played on the same world as the player.

Acknowledge; declare the right severity; stop the bleeding with the incident's mitigation (an
option marked `mitigation: true`), if it has one; look at the evidence and diagnose, citing what
settles it; apply the fix; watch until the harm has stopped; tell leadership the truth; declare
resolved. The steps are played, not assumed, so how long the watching takes is whatever the world
needs, and `triage check` can prove that this path resolves the incident.
"""

from __future__ import annotations

from triage.engine.actions import (
    Action,
    acknowledge,
    ask,
    declare,
    diagnose,
    open_,
    remediate,
    resolve,
    update,
    wait,
)
from triage.engine.evidence import MAX_CITES, unseen
from triage.engine.evidence import resolve as resolve_ref
from triage.engine.session import ActionError, Session
from triage.engine.status_update import truth
from triage.model.incident import Incident
from triage.model.variants import for_seed
from triage.sim.world import World

WATCH_STEP = 5.0
"""Minutes the ideal path waits between looks while the world recovers."""
MAX_WATCH = 240.0
"""The ideal path stops watching after this long (check reports an incident that never heals)."""


def ideal_actions(incident: Incident, seed: int | None = None,
                  world: World | None = None) -> list[Action]:
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
        cites = _citable(incident, seed, [acknowledge(), *looks], cites, world)
    return [
        acknowledge(),
        *looks,
        diagnose(incident.correct_diagnosis.id, 1.0, cites),
        remediate(*incident.ideal_remediations),
    ]


def _citable(incident: Incident, seed: int, looks: list[Action], refs: list[str],
             world: World | None = None) -> list[str]:
    """The references a player who took `looks` in this play may cite at that point."""
    session = Session(incident, seed, world=world)
    for action in looks:
        if session.ended:
            break
        try:
            session.apply(action)
        except ActionError:
            continue
    return [ref for ref in refs if unseen(session, resolve_ref(incident, ref)) is None]


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


def ideal_loop_steps(incident: Incident, seed: int, world: World | None = None) -> list[Action]:
    """The ideal loop's steps before watching: the one-shot ideal path with the severity, the
    mitigation first and every fix not yet in force."""
    one_shot = ideal_actions(incident, seed, world)
    ack, looks, diagnosis = one_shot[0], one_shot[1:-2], one_shot[-2]
    severity = incident.impact.severity if incident.impact is not None else 3
    mitigations = [r.id for r in incident.remediations
                   if r.mitigation and r.effect in ("resolves", "helps")]
    fixes = [r for r in incident.ideal_remediations if r not in mitigations]
    steps = [ack, declare(severity)]
    if mitigations:
        steps.append(remediate(*mitigations))
    steps += [*looks, diagnosis]
    if fixes:
        steps.append(remediate(*fixes))
    return steps


def ideal_loop_play(incident: Incident, seed: int, variant: str | None = None,
                    world: World | None = None) -> Session | None:
    """Play the ideal loop (None when a step cannot be played: `triage check` says why)."""
    from triage.engine.scoring_loop import premature

    session = Session(incident, seed, variant, world=world, loop=True)
    try:
        for action in ideal_loop_steps(session.incident, seed, session.untouched):
            if session.ended:
                return session
            session.apply(action)
        watched = 0.0
        while not session.ended and watched < MAX_WATCH and premature(session, session.now):
            session.apply(wait(WATCH_STEP))
            watched += WATCH_STEP
        if session.ended:
            return session
        said = truth(session)
        session.apply(update(**{part: value for part, value in said.items()}))
        if not session.ended:  # the update's minute may be the timeline's last
            session.apply(resolve())
    except ActionError:
        return None
    return session

