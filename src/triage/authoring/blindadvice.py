"""Why a blind strategy passes an incident, and what the author should change.

`triage check` fails an incident whose score can be earned without investigating; the author needs
to know which cue the strategy used. Each function looks at the incident (and one played session)
for the cues that strategy relies on and says what to rewrite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.authoring.blindplay import content_words, overlap_words

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident

PARALLEL_FORM = ("write options in parallel form: similar length, a mechanism clause in every "
                 "option, one action per fix (docs/authoring.md)")


def _longest_cues(incident: Incident) -> list[str]:
    cues = []
    right = incident.correct_diagnosis
    others = [d for d in incident.diagnoses if d.id != right.id]
    if others and len(right.text) >= max(len(d.text) for d in others):
        longest_other = max(len(d.text) for d in others)
        cues.append(f"the right root cause is the longest option ({len(right.text)} characters; "
                    f"the longest other has {longest_other})")
    fixes = sorted(incident.remediations, key=lambda r: (len(r.text), r.id))
    if fixes and fixes[-1].effect in ("resolves", "helps"):
        cues.append(f"the longest fix ({fixes[-1].id}) {fixes[-1].effect.replace('_', ' ')}")
    return cues


def _support_cues(session: Session) -> list[str]:
    from triage.engine.scoring import evidence_roles

    decisive, _, _ = evidence_roles(session)
    page = session.page.alert.signal if session.page else None
    cues = []
    if page is not None and decisive == {page}:
        cues.append(f"the signal that paged ({page}) is the only decisive evidence, so a "
                    "player who read nothing can cite it: name the evidence that explains the "
                    "page (the change, the log line, the report or the answer) as decisive")
    for view in ("logs", "changes"):
        if view in decisive:
            cues.append(f"the evidence lists name the whole {view} view as decisive, so citing "
                        f"any entry of it counts: give the decisive entry an `id:` and name it")
    return cues


def _random_hits(session: Session) -> str:
    """How often three citations drawn at random from what an open-everything player has seen
    hit decisive evidence."""
    from math import comb

    from triage.engine.evidence import ref_for_change, ref_for_log, resolve
    from triage.engine.scoring import evidence_roles

    inc = session.incident
    decisive, _, _ = evidence_roles(session)
    seen = {*(s.id for s in inc.signals), *(r.id for r in inc.reports), *session.asked,
            *(ref_for_log(inc, e.index) for e in session.visible_logs()),
            *(ref_for_change(inc, e.index) for e in session.visible_changes())}
    hits = sum(1 for ref in seen if resolve(inc, ref).covers & decisive)
    n = len(seen)
    chance = 1 - comb(n - hits, 3) / comb(n, 3) if n >= 3 else 1.0
    return (f"{hits} of the {n} things a player can cite are decisive, so three cited at random "
            f"hit one {chance:.0%} of the time: give the dashboards, logs and answers more to look "
            "at, name fewer but more telling decisive items, and make the red herrings tempting")


def advice(incident: Incident, strategy: str, session: Session) -> str:
    """One sentence: the cues that let `strategy` pass, and how to remove them."""
    cues = _support_cues(session)
    if strategy in ("longest-worded", "open everything"):
        cues += _longest_cues(incident)
        if strategy == "open everything":
            cues.append(_random_hits(session))
        fix = PARALLEL_FORM
    elif strategy == "word overlap":
        words = overlap_words(session)
        right = incident.correct_diagnosis
        shared = sorted(content_words(right.text) & words)
        if shared:
            cues.append(f"the right root cause shares {', '.join(shared[:5])} with the title, "
                        "the page or the id")
        fix = ("title the incident by what paged and where, and keep the cause's words out of "
               "the id, the alert summary and the runbook line")
    else:
        cues.append(f"there are only {len(incident.diagnoses)} root causes and "
                    f"{len(incident.remediations)} fixes to guess from")
        fix = "add plausible options (the right answer to a neighbouring pitfall works best)"
    return f"{'; '.join(cues) or 'no single cue found'}. To fix: {fix}"
