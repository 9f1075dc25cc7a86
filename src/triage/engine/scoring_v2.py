"""Scoring rules version 2 (December 2026, before the on-call loop), kept so plays replay exactly.

Plays recorded under these rules, and actions files without any of the loop's steps, are one-shot
plays: the first remediation ends them, and they are scored here. The evidence part is shared with
the current rules (`triage.engine.scoring.evidence_line`: the same 20 points, shares, red-herring
cost and cap). The published table is the current one (`triage.engine.scoring.RULES`); version 2's
differences are in docs/scoring.md, "Rules versions".
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

RULES_VERSION = 2

DIAGNOSIS_POINTS = 35.0
REMEDIATION_POINTS = 20.0
PARTIAL_REMEDIATION_POINTS = 10.0
HARMFUL_COST = 12.0
NO_EFFECT_COST = 3.0
ACK_POINTS = 5.0
MITIGATE_POINTS = 10.0
CONFIDENCE_POINTS = 10.0


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
