"""Scoring rules version 2 (December 2026, before the on-call loop), kept so plays replay exactly.

Plays recorded under these rules, and actions files without any of the loop's steps, are one-shot
plays: the first remediation ends them, and they are scored here. The evidence part is shared with
the current rules (`triage.engine.scoring.evidence_line`, whose points are the same 20).
"""

from __future__ import annotations

from triage.engine.scoring_parts import (
    Rule,
    ScoreLine,
    confidence_line,
    diagnosis_line,
    hints_line,
    remediation_line,
    speed_line,
)
from triage.engine.session import Session

RULES_VERSION = 2

DIAGNOSIS_POINTS = 35.0
EVIDENCE_POINTS = 20.0
DECISIVE_SHARE = 0.7
"""Each decisive item cited earns this share of the evidence points (the part tops out at 1)."""
SUPPORTING_SHARE = 0.3
RED_HERRING_COST = 7.0
EVIDENCE_FLOOR = -10.0
UNSUPPORTED_CAP = 40.0
REMEDIATION_POINTS = 20.0
PARTIAL_REMEDIATION_POINTS = 10.0
HARMFUL_COST = 12.0
NO_EFFECT_COST = 3.0
ACK_POINTS = 5.0
MITIGATE_POINTS = 10.0
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
         f"{REMEDIATION_POINTS:g} if one of your choices resolves the incident (or, where it "
         "has two causes that each need their own fix, you chose every fix that helps), else "
         f"{PARTIAL_REMEDIATION_POINTS:g} if one helps; then **-{HARMFUL_COST:g} for each "
         f"harmful choice** and -{NO_EFFECT_COST:g} for each choice that changes nothing "
         f"(down to -{HARMFUL_COST:g})"),
    Rule("Speed", f"{ACK_POINTS + MITIGATE_POINTS:g}",
         f"{ACK_POINTS:g} for acknowledging the page within its par time, "
         f"{MITIGATE_POINTS:g} for mitigating within its par (a choice that resolves or helps: "
         "a harmful or useless one is no mitigation, however quick); each falls in a straight "
         "line to 0 at three times par (simulated minutes since the page)"),
    Rule("Confidence", f"{CONFIDENCE_POINTS:g}",
         f"{CONFIDENCE_POINTS:g} x (1 - Brier score), with your confidence anywhere from 0% "
         "to 100%. The Brier score is (confidence - outcome)², the outcome 1 if the diagnosis "
         "is right and 0 if not: say what you believe"),
    Rule("Hints", "-cost", "each hint you take subtracts its cost, shown and confirmed first"),
)
"""The scoring table, as published."""




def score_lines(session: Session) -> list[ScoreLine]:
    """The breakdown of a finished (or abandoned) one-shot play under the version 2 rules."""
    from triage.engine.scoring import evidence_line  # the same 20 points in both versions

    return [
        diagnosis_line(session, DIAGNOSIS_POINTS),
        evidence_line(session),
        remediation_line(session, REMEDIATION_POINTS, PARTIAL_REMEDIATION_POINTS, HARMFUL_COST,
                         NO_EFFECT_COST, together=True),
        speed_line(session, ACK_POINTS, MITIGATE_POINTS),
        confidence_line(session, CONFIDENCE_POINTS),
        hints_line(session),
    ]
