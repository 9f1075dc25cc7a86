"""Scoring rules version 1 (until triage 0.x, December 2026), kept so stored plays replay exactly.

Plays stored under these rules keep the score they were given; `triage replay` re-scores them with
this module. New plays use `triage.engine.scoring` (version 2). The rules were:

- **Diagnosis, 35**: the right root cause earns 35, any other 0.
- **Remediation, 25**: 25 if a chosen option resolves the incident, else 12 if one helps; then each
  harmful choice costs 15 and each choice that changes nothing costs 3. This part can go negative
  (down to -15), so a harmful fix is worse than no fix.
- **Evidence, 15**: the share of the decisive evidence (worth 2 each) and supporting evidence (1
  each) that was opened *before* the diagnosis was stated.
- **Speed, 15**: 5 for acknowledging within the par time and 10 for remediating within its par,
  each falling linearly to 0 at three times par.
- **Confidence, 10**: 10 x (1 - Brier score), where the Brier score is (confidence - outcome)^2
  and the outcome is 1 for a right diagnosis, 0 for a wrong one.
- **Hints**: each hint taken subtracts its cost.

The total is clamped to 0..100. Grades: A 90+, B 80+, C 65+, D 50+, else F.
"""

from __future__ import annotations

from triage.engine.scoring_parts import (
    ScoreLine,
    confidence_line,
    diagnosis_line,
    hints_line,
    remediation_line,
    speed_line,
)
from triage.engine.session import Session

RULES_VERSION = 1

DIAGNOSIS_POINTS = 35.0
REMEDIATION_POINTS = 25.0
PARTIAL_REMEDIATION_POINTS = 12.0
HARMFUL_COST = 15.0
NO_EFFECT_COST = 3.0
EVIDENCE_POINTS = 15.0
ACK_POINTS = 5.0
MITIGATE_POINTS = 10.0
CONFIDENCE_POINTS = 10.0


def score_lines(session: Session) -> list[ScoreLine]:
    """The breakdown of a finished (or abandoned) play under the version 1 rules."""
    return [
        diagnosis_line(session, DIAGNOSIS_POINTS),
        remediation_line(session, REMEDIATION_POINTS, PARTIAL_REMEDIATION_POINTS, HARMFUL_COST,
                         NO_EFFECT_COST),
        _evidence_line(session),
        speed_line(session, ACK_POINTS, MITIGATE_POINTS, mitigation_only=False),
        confidence_line(session, CONFIDENCE_POINTS),
        hints_line(session),
    ]


def _evidence_line(session: Session) -> ScoreLine:
    evidence = session.incident.evidence
    seen = (session.evidence_before_diagnosis if session.diagnosis is not None
            else frozenset(session.opened))
    weights = {item: 1.0 for item in evidence.supporting}
    weights.update({item: 2.0 for item in evidence.decisive})
    earned = sum(w for item, w in weights.items() if item in seen)
    total = sum(weights.values())
    points = EVIDENCE_POINTS * earned / total if total else EVIDENCE_POINTS
    decisive_seen = sum(1 for item in evidence.decisive if item in seen)
    return ScoreLine("evidence", points, EVIDENCE_POINTS,
                     f"opened {decisive_seen}/{len(evidence.decisive)} decisive and "
                     f"{sum(1 for i in evidence.supporting if i in seen)}/"
                     f"{len(evidence.supporting)} supporting before diagnosing")
