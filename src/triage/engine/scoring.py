"""Scoring, rules version 3: the on-call loop, scored on the investigation and on the harm.

A diagnosis is worth what its evidence supports. The player cites up to three things they have
seen; citing the evidence that settles the incident earns the evidence points, citing a red
herring costs, and a diagnosis that cites nothing decisive is *unsupported*: the score is capped
below a pass. The time part of earlier rules became **impact**: the harm this play let accrue,
between doing nothing and the ideal loop. Declaring resolved while the harm goes on, and telling
leadership something untrue, each cost (`triage.engine.scoring_loop`).

`RULES` is the table players read (docs/scoring.md and the home screen both render
`rules_markdown()`). One-shot plays (recorded before the loop, or actions files without its
steps) replay under their own rules: `triage.engine.scoring_v1` and `scoring_v2`.
"""

from __future__ import annotations

from triage.engine.evidence import paging_signal, resolve
from triage.engine.rules import ONE_SHOT_RULES, RULES_VERSION
from triage.engine.scoring_loop import communication_line, impact_line, resolution_line
from triage.engine.scoring_parts import (
    GRADES,
    PASSING,
    Rule,
    ScoreLine,
    confidence_line,
    diagnosis_line,
    grade_for,
    hints_line,
    remediation_line,
    total_score,
)
from triage.engine.session import Session

__all__ = ["GRADES", "PASSING", "RULES", "RULES_VERSION", "ScoreLine", "grade_for",
           "rules_for", "rules_markdown", "score_lines", "total_score"]

DIAGNOSIS_POINTS = 25.0
EVIDENCE_POINTS = 20.0
DECISIVE_SHARE = 0.7
"""Each decisive item cited earns this share of the evidence points (the part tops out at 1)."""
SUPPORTING_SHARE = 0.3
RED_HERRING_COST = 7.0
EVIDENCE_FLOOR = -10.0
UNSUPPORTED_CAP = 40.0
REMEDIATION_POINTS = 15.0
PARTIAL_REMEDIATION_POINTS = 8.0
HARMFUL_COST = 10.0
NO_EFFECT_COST = 3.0
IMPACT_POINTS = 15.0
RESOLUTION_POINTS = 5.0
UPDATE_POINTS = 8.0
SEVERITY_POINTS = 2.0
CONFIDENCE_POINTS = 10.0


RULES: tuple[Rule, ...] = (
    Rule("Diagnosis", f"{DIAGNOSIS_POINTS:g}",
         f"the right root cause earns all {DIAGNOSIS_POINTS:g}; any other option earns 0"),
    Rule("Evidence", f"{EVIDENCE_POINTS:g}",
         f"what you **cite** with the diagnosis (up to 3 things you have seen): each decisive "
         f"item earns {DECISIVE_SHARE:.0%} of the part and each supporting item "
         f"{SUPPORTING_SHARE:.0%}, up to {EVIDENCE_POINTS:g}; **-{RED_HERRING_COST:g} for each "
         f"red herring** cited (down to {EVIDENCE_FLOOR:g}). Opening things earns nothing by "
         "itself, and the signal that paged counts as supporting only"),
    Rule("Remediation", f"{REMEDIATION_POINTS:g}",
         f"over everything you applied: {REMEDIATION_POINTS:g} if one option resolves the "
         "incident (or, where it has two causes that each need their own fix, you applied "
         f"every fix that helps), else {PARTIAL_REMEDIATION_POINTS:g} if one helps; then "
         f"**-{HARMFUL_COST:g} for each harmful option** and -{NO_EFFECT_COST:g} for each that "
         f"changes nothing (down to -{HARMFUL_COST:g})"),
    Rule("Impact", f"{IMPACT_POINTS:g}",
         "the harm (in the incident's own unit) your play let accrue, from the page to twice "
         "the ideal loop's resolution (at least an hour): all the points for the ideal loop's "
         "harm, none for the harm of doing nothing, in a straight line between. Harm goes on "
         "after a premature \"resolved\", and a harmful option adds its own"),
    Rule("Resolution", f"{RESOLUTION_POINTS:g}",
         f"{RESOLUTION_POINTS:g} for declaring the incident resolved once the harm had stopped "
         "(and nothing harmful was left in effect); 0 for declaring early, or never"),
    Rule("Communication", f"{UPDATE_POINTS + SEVERITY_POINTS:g}",
         f"your last status update, checked against what was true when you sent it: impact "
         f"2, cause 2, what was done 2, next step 1, ETA 1; and {SEVERITY_POINTS:g} for "
         "declaring a severity within one level of the right one"),
    Rule("Confidence", f"{CONFIDENCE_POINTS:g}",
         f"{CONFIDENCE_POINTS:g} x (1 - Brier score), with your confidence anywhere from 0% "
         "to 100%. The Brier score is (confidence - outcome)², the outcome 1 if the diagnosis "
         "is right and 0 if not: say what you believe"),
    Rule("Hints", "-cost", "each hint you take subtracts its cost, shown and confirmed first"),
)
"""The scoring table, as published."""


def rules_markdown() -> str:
    """The scoring table, the cap and the grades as Markdown (the docs and the home screen)."""
    rows = "\n".join(f"| {rule.part} | {rule.points} | {rule.how} |" for rule in RULES)
    grades = ", ".join(f"**{letter}** {floor}+" for floor, letter in GRADES[:-1])
    return (
        "| part | points | how it is earned |\n|---|---|---|\n" + rows + "\n\n"
        f"**Unsupported diagnoses cannot pass.** If nothing you cite is decisive evidence, the "
        f"total is capped at {UNSUPPORTED_CAP:g}, whatever the other parts earn: recognising "
        "the answer is not the same as showing it.\n\n"
        f"The total is clamped to 0..100. Grades: {grades}, **F** below {PASSING}. "
        f"These are scoring rules version {RULES_VERSION}; every play is stored with the "
        "version that scored it, and a replay uses the same rules."
    )


def rules_for(session: Session) -> int:
    """The rules a session is scored under when nobody says: the loop's, or for a one-shot play
    the last one-shot rules."""
    return RULES_VERSION if session.oncall is not None else ONE_SHOT_RULES


def score_lines(session: Session, rules: int | None = None) -> list[ScoreLine]:
    """The breakdown of a finished (or abandoned) play under the given rules version (by
    default, the version its kind of play is scored under: see `rules_for`)."""
    rules = rules_for(session) if rules is None else rules
    if rules == 1:
        from triage.engine import scoring_v1

        return scoring_v1.score_lines(session)
    if rules == 2:
        from triage.engine import scoring_v2

        return scoring_v2.score_lines(session)
    if rules != RULES_VERSION:
        raise ValueError(f"unknown scoring rules version {rules}")
    if session.oncall is None:
        raise ValueError("rules version 3 scores the on-call loop; this is a one-shot play")
    return [
        diagnosis_line(session, DIAGNOSIS_POINTS),
        evidence_line(session),
        remediation_line(session, REMEDIATION_POINTS, PARTIAL_REMEDIATION_POINTS, HARMFUL_COST,
                         NO_EFFECT_COST, together=True),
        impact_line(session, IMPACT_POINTS),
        resolution_line(session, RESOLUTION_POINTS),
        communication_line(session, UPDATE_POINTS, SEVERITY_POINTS),
        confidence_line(session, CONFIDENCE_POINTS),
        hints_line(session),
    ]


def evidence_roles(session: Session) -> tuple[set[str], set[str], set[str]]:
    """The incident's decisive, supporting and red-herring evidence ids as this play scores them
    (the signal that paged moves from decisive to supporting, unless it is all there is; the
    reassuring-but-misleading items score as red herrings)."""
    evidence = session.incident.evidence
    decisive, supporting = set(evidence.decisive), set(evidence.supporting)
    page = paging_signal(session)
    if page in decisive and len(decisive) > 1:
        decisive.discard(page)
        supporting.add(page)
    misleading = set(evidence.red_herrings) | set(evidence.reassuring)  # both cost when cited
    return decisive, supporting, misleading - decisive - supporting


def cited_roles(session: Session) -> list[tuple[str, str]]:
    """Each cited reference with what it turned out to be: decisive, supporting, reassuring but
    misleading, red herring or not evidence (as this play scored it)."""
    decisive, supporting, herrings = evidence_roles(session)
    reassuring = herrings & set(session.incident.evidence.reassuring)
    roles = []
    for ref in session.cites:
        covers = resolve(session.incident, ref).covers
        role = ("decisive" if covers & decisive else "supporting" if covers & supporting
                else "reassuring but misleading" if covers & reassuring
                else "red herring" if covers & herrings else "not evidence")
        roles.append((ref, role))
    return roles


MISLEADING = ("red herring", "reassuring but misleading")
"""The roles of a citation that cost points."""


def evidence_line(session: Session) -> ScoreLine:
    """What the cited evidence earns, and the cap when nothing decisive was cited."""
    decisive, supporting, _ = evidence_roles(session)
    covered = {item for ref in session.cites for item in resolve(session.incident, ref).covers}
    herring_refs = [ref for ref, role in cited_roles(session) if role in MISLEADING]
    hit_decisive, hit_supporting = covered & decisive, covered & supporting
    share = min(1.0, DECISIVE_SHARE * len(hit_decisive) + SUPPORTING_SHARE * len(hit_supporting))
    points = max(EVIDENCE_FLOOR, EVIDENCE_POINTS * share - RED_HERRING_COST * len(herring_refs))
    if session.diagnosis is None:
        detail = "no diagnosis, so nothing cited"
    elif not session.cites:
        detail = "cited nothing"
    else:
        detail = (f"cited {len(hit_decisive)} decisive and {len(hit_supporting)} supporting "
                  f"item(s)")
        if herring_refs:
            detail += f" and {len(herring_refs)} red herring(s) ({', '.join(herring_refs)})"
    cap = None
    if not hit_decisive:
        cap = UNSUPPORTED_CAP
        detail += f"; unsupported: nothing decisive cited, so the score is capped at " \
                  f"{UNSUPPORTED_CAP:g}"
    return ScoreLine("evidence", points, EVIDENCE_POINTS, detail, cap)
