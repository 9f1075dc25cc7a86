"""Issue 17 over the built-in pack: every incident defines its impact, the ideal on-call loop
resolves it, its first harmful option (then the fix) costs more and shows on the curves, and a
play that declares resolved right after a wrong fix scores below one that watches, fixes and
resolves once the harm has stopped, with a debrief that says why.

One computation per incident (seed 1, which also picks its variant), shared by every test here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest

from triage.authoring.loopcheck import VISIBLE, HarmfulPlay, LoopFigures, harmful_play, loop_figures
from triage.engine import actions as A
from triage.engine.debrief import build_debrief
from triage.engine.ideal import MAX_WATCH, WATCH_STEP
from triage.engine.scoring import score_lines, total_score
from triage.engine.scoring_loop import premature
from triage.engine.session import Session
from triage.engine.status_update import truth
from triage.model.loader import load_incident
from triage.model.pack import builtin_dir, yaml_files

FILES = yaml_files([builtin_dir()])
SEED = 1


@dataclass
class Played:
    """What one incident's plays gave (seed 1)."""

    figures: LoopFigures
    first_harmful: HarmfulPlay | None
    wrong: str
    """The wrong fix both comparison plays apply (the first harmful option, else a dud)."""
    premature: Session
    watched: Session


def _finish(session: Session) -> Session:
    """Send a truthful status update and declare resolved (unless the play has ended)."""
    for action in (A.update(**truth(session)), A.resolve()):
        if not session.ended:
            session.apply(action)
    return session


@cache
def played(stem: str) -> Played:
    """The ideal loop, the first harmful option's play and the two comparison plays."""
    incident = load_incident(builtin_dir() / f"{stem}.yaml").incident
    figures = loop_figures(incident, SEED, harmful=False)
    ideal = figures.ideal
    assert ideal is not None, figures.refused
    options = ideal.incident.remediations
    harmful = next((r.id for r in options if r.effect == "harmful"), None)
    first = harmful_play(ideal, harmful, figures.ideal_accrued) if harmful else None
    wrong = harmful or next(r.id for r in options if r.effect == "no_effect")
    # Both plays investigate as the ideal loop does, then apply the wrong fix.
    before = [e.action for e in ideal.log if e.action.kind not in (
        "remediate", "wait", "update", "resolve")]

    def start() -> Session:
        session = Session(incident, SEED, world=ideal.untouched, loop=True)
        for action in [*before, A.remediate(wrong)]:
            session.apply(action)
        return session

    early = _finish(start())
    watched = start()
    watched.apply(A.wait(10))
    if wrong == harmful:
        watched.apply(A.revert(wrong))
    assert ideal.oncall is not None
    for entry in ideal.oncall.applied:  # what the ideal loop applied: mitigation, then fix
        watched.apply(A.remediate(entry.option))
    waited = 0.0
    while not watched.ended and waited < MAX_WATCH and premature(watched, watched.now):
        watched.apply(A.wait(WATCH_STEP))
        waited += WATCH_STEP
    return Played(figures, first, wrong, early, _finish(watched))


STEMS = [path.stem for path in FILES]


@pytest.mark.parametrize("stem", STEMS)
def test_every_incident_defines_its_impact(stem: str) -> None:
    incident = load_incident(builtin_dir() / f"{stem}.yaml").incident
    assert incident.impact is not None, "define impact: (docs/authoring.md, The on-call loop)"
    assert incident.impact.unit.strip() and incident.impact.unit != "minutes of degraded service"
    if incident.pitfall == "false_alarm" and not incident.variants:
        assert incident.impact.per_minute == 0, "a false alarm harms nobody"


@pytest.mark.parametrize("stem", STEMS)
def test_the_ideal_loop_resolves_with_an_a(stem: str) -> None:
    figures = played(stem).figures
    assert figures.ideal is not None and figures.ideal.end_reason == "declared resolved"
    assert figures.grade == "A", figures.score
    assert figures.resolved, "the ideal loop's world never recovered within its watch"
    if figures.counts_harm:
        assert figures.ideal_accrued < figures.nothing_accrued
        assert figures.heals_at is None, "doing nothing healed the incident"


@pytest.mark.parametrize("stem", STEMS)
def test_the_first_harmful_option_then_the_fix_costs_more_and_shows(stem: str) -> None:
    run = played(stem)
    first = run.first_harmful
    if first is None:
        pytest.skip("this seed's variant has no harmful option")
    if run.figures.counts_harm:
        assert first.accrued > first.ideal, (first.accrued, first.ideal)
    assert first.harm_share >= VISIBLE, (first.harm_signal, first.harm_share)
    if not run.figures.false_alarm:
        assert first.fix_share >= VISIBLE, (first.fix_signal, first.fix_share)


def test_over_the_pack_resolving_right_after_a_wrong_fix_scores_below_watching() -> None:
    flagged = 0
    for stem in STEMS:
        run = played(stem)
        early = total_score(score_lines(run.premature))
        watched = total_score(score_lines(run.watched))
        assert early < watched, f"{stem}: {early} after {run.wrong} vs {watched} watching"
        assert run.watched.oncall is not None and run.watched.oncall.resolved_at is not None
        assert premature(run.watched, run.watched.page_minute
                         + run.watched.oncall.resolved_at) == ""
        if premature(run.premature, run.premature.now):
            flagged += 1
    # A wrong fix leaves the harm going, or is harm of its own, nearly everywhere.
    assert flagged >= len(STEMS) - 2


@pytest.mark.parametrize("stem", ["fraud-scorer-accuracy-slo", "listing-guard-scam-reports",
                                  "eta-predictor-feature-drift"])
def test_the_debrief_says_why_declaring_resolved_then_was_too_early(stem: str) -> None:
    run = played(stem)
    debrief = build_debrief(run.premature)
    too_early = [note for note in debrief.notes if "too early" in note]
    assert too_early, debrief.notes
    assert any(why in too_early[0] for why in ("still", "in effect"))
    resolution = next(line for line in debrief.lines if line.part == "resolution")
    assert resolution.points == 0 and "too early" in resolution.detail
    assert not [n for n in build_debrief(run.watched).notes if "too early" in n]
