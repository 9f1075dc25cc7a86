"""`triage check`: prove that a valid incident is playable, for several seeds.

For each seed the incident's world is generated and played headless along its ideal path, and
these must hold:

- every alert rule fires within the timeline (a rule that never fires is dead weight, or a bug);
- an alert pages, early enough to leave the mitigation par before the timeline ends;
- every decisive panel really moves: after onset it leaves its pre-onset range, widened by its
  noise, for at least `movement.MOVE_MINUTES` minutes;
- the ideal path (`engine.debrief.ideal_actions`) earns the top grade, A, and so does the same
  path ending with any other option that resolves (they are alternatives);
- choosing a harmful remediation instead scores lower than the ideal path;
- each remediation does to the curves what its `effect` says (`triage.authoring.curves`): one
  that resolves or helps brings a signal back toward normal in the what-if, a harmful one makes
  a signal worse; a signal declared `expect: flat` stays inside its normal range;
- the world is deterministic: building it twice gives byte-identical series.

A failure inside a check (a bug, or a physics system that blows up) fails that check with a
one-line reason; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triage.authoring.blindcheck import blind_play_checks
from triage.authoring.checkresult import CheckReport, CheckResult, seeds_text
from triage.authoring.choices import TOP_GRADE, alternatives, harmful_lower
from triage.authoring.curves import flat_signals, remediation_curves
from triage.authoring.lessonnumbers import NAME as LESSON_NUMBERS
from triage.authoring.lessonnumbers import lesson_number_checks
from triage.authoring.loopcheck import loop_checks
from triage.authoring.movement import decisive_moves
from triage.authoring.worlds import SharedWorlds

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.incident import Incident

__all__ = ["DEFAULT_SEEDS", "CheckReport", "CheckResult", "check_incident"]

DEFAULT_SEEDS = (1, 2, 3, 4, 5)


@dataclass
class _Run:
    """What one seed produced: the ideal play, and a second build of the same world."""

    seed: int
    ideal: Session
    score: int
    grade: str


def _span(values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    return f"minute {low}" if low == high else f"minutes {low}-{high}"


def _guarded(name: str, check: Callable[[], Iterator[CheckResult]]) -> list[CheckResult]:
    try:
        return list(check())
    except Exception as error:  # noqa: BLE001 - a crashing check fails, with one line
        text = str(error).strip().splitlines()
        return [CheckResult(name, False, f"error while checking: {type(error).__name__}"
                            f"{': ' + text[0] if text else ''}")]


def check_incident(incident: Incident, seeds: Sequence[int] = DEFAULT_SEEDS, *,
                   blind: bool = True) -> list[CheckResult]:
    """Every playability check on a valid incident, over the given seeds (and, for an incident
    with root-cause variants, one more seed for each variant those seeds miss). Every play of a
    seed starts from one world built for it (`SharedWorlds`). `blind=False` leaves out the
    blind-play strategies (what the benchmark compares a full check with)."""
    from triage.model.variants import seeds_for_every_variant

    seeds = seeds_for_every_variant(incident, list(seeds))
    worlds = SharedWorlds(incident)
    runs: list[_Run] = []
    results = _guarded("ideal path plays", lambda: _play_ideal(worlds, seeds, runs))
    if not runs:
        return results or [CheckResult("ideal path plays", False, "no seeds to play")]
    if incident.variants:
        results += _guarded("every variant is played", lambda: _variants_played(incident, runs))
    results += _guarded("alerts fire", lambda: _alerts_fire(incident, runs))
    results += _guarded("an alert pages in time", lambda: _page_in_time(incident, runs))
    results += _guarded("decisive panels move", lambda: decisive_moves(runs))
    results += _guarded(f"ideal path earns {TOP_GRADE}", lambda: _ideal_grade(runs))
    results += _guarded("other resolving options earn A", lambda: alternatives(worlds, runs))
    results += _guarded("harmful remediations score lower",
                        lambda: harmful_lower(worlds, runs))
    results += _guarded("remediations change the curves", lambda: remediation_curves(runs))
    results += _guarded("flat signals stay flat", lambda: flat_signals(runs))
    results += _guarded("deterministic per seed", lambda: _deterministic(worlds, runs))
    results += _guarded(LESSON_NUMBERS, lambda: lesson_number_checks(runs))
    results += _guarded("the on-call loop", lambda: loop_checks(incident, seeds, worlds))
    if blind:
        results += _guarded("blind play fails",
                            lambda: blind_play_checks(incident, seeds, worlds))
    return results


def _play_ideal(
    worlds: SharedWorlds, seeds: Sequence[int], runs: list[_Run]
) -> Iterator[CheckResult]:
    from triage.engine.scoring import grade_for, score_lines, total_score
    from triage.engine.session import ActionError

    for seed in seeds:
        try:
            session = worlds.play(seed, worlds.ideal(seed))
        except ActionError as error:
            runs.clear()
            yield CheckResult("ideal path plays", False, f"seed {seed}: {error}")
            return
        score = total_score(score_lines(session))
        runs.append(_Run(seed, session, score, grade_for(score)))


def _variants_played(incident: Incident, runs: list[_Run]) -> Iterator[CheckResult]:
    played: dict[str, list[int]] = {}
    for run in runs:
        played.setdefault(run.ideal.variant or "", []).append(run.seed)
    missing = [v.id for v in incident.variants if v.id not in played]
    detail = "; ".join(f"{variant}: {seeds_text(seeds)}" for variant, seeds in played.items())
    public = ("every variant is played", f"{len(played)} of {len(incident.variants)} variants "
              "played (which seeds play which: --spoilers)")
    if missing:
        yield CheckResult("every variant is played", False, f"no seed in reach picks "
                          f"{', '.join(missing)} (raise its weight); {detail}", public=public)
    else:
        yield CheckResult("every variant is played", True, detail, public=public)


def _alerts_fire(incident: Incident, runs: list[_Run]) -> Iterator[CheckResult]:
    for index, alert in enumerate(incident.alerts):
        times = {run.seed: run.ideal.alerts[index].fires_at for run in runs}
        silent = [seed for seed, at in times.items() if at is None]
        name = f"alert {alert.name} fires"
        if silent:
            yield CheckResult(name, False, f"{alert.condition} never holds long enough within "
                              f"the timeline with {seeds_text(silent)}")
        else:
            fired = [at for at in times.values() if at is not None]
            yield CheckResult(name, True, f"at {_span(fired)} ({seeds_text(list(times))})")


def _page_in_time(incident: Incident, runs: list[_Run]) -> Iterator[CheckResult]:
    par = incident.timeline.par.mitigate
    late, silent, minutes = [], [], []
    for run in runs:
        page = run.ideal.page
        if page is None or page.fires_at is None:
            silent.append(run.seed)
            continue
        minutes.append(page.fires_at)
        if page.fires_at + par > run.ideal.last_minute:
            late.append(run.seed)
    name = "an alert pages in time"
    if silent:
        which = f"'{incident.page}' never fires" if incident.page else "no alert fires"
        yield CheckResult(name, False, f"{which} with {seeds_text(silent)}, so nobody is paged")
    elif late:
        yield CheckResult(name, False, f"the page comes too late with {seeds_text(late)}: "
                          f"fewer than the {par:g}m mitigation par remain before the timeline "
                          f"ends at minute {runs[0].ideal.last_minute}")
    else:
        alert = runs[0].ideal.page.alert.name if runs[0].ideal.page else "?"
        yield CheckResult(name, True, f"{alert} pages at {_span(minutes)}, leaving the "
                          f"{par:g}m mitigation par")


def _ideal_grade(runs: list[_Run]) -> Iterator[CheckResult]:
    weak = [run for run in runs if run.grade != TOP_GRADE]
    scores = [run.score for run in runs]
    name = f"ideal path earns {TOP_GRADE}"
    if weak:
        worst = min(weak, key=lambda r: r.score)
        lines = [line for line in _lines(worst.ideal) if line.points < line.maximum]
        why = "; ".join(f"{line.part}: {line.detail}" for line in lines[:3])
        yield CheckResult(name, False, f"seed {worst.seed} scores {worst.score} "
                          f"({worst.grade}): {why or worst.ideal.end_reason}")
    else:
        low, high = min(scores), max(scores)
        yield CheckResult(name, True, f"scores {low if low == high else f'{low}-{high}'}")


def _lines(session: Session) -> list[Any]:
    from triage.engine.scoring import score_lines

    return score_lines(session)


def _deterministic(worlds: SharedWorlds, runs: list[_Run]) -> Iterator[CheckResult]:
    """The shared world of each seed (the one every play started from) and a second build of
    it hold byte-identical series, logs and changes."""
    from triage.sim.world import build_world

    differing = []
    for run in runs:
        first = worlds.world(run.seed)
        second = build_world(worlds.incident, run.seed)
        for signal in worlds.incident.signals:
            a, b = first.series[signal.id], second.series[signal.id]
            if a.shape != b.shape or a.tobytes() != b.tobytes():
                differing.append(f"{signal.id} (seed {run.seed})")
        if first.logs != second.logs or first.changes != second.changes:
            differing.append(f"logs or changes (seed {run.seed})")
    name = "deterministic per seed"
    if differing:
        yield CheckResult(name, False, "building the world twice gave different values for "
                          + ", ".join(differing[:3]))
    else:
        seeds = seeds_text([r.seed for r in runs])
        yield CheckResult(name, True, f"identical series when rebuilt ({seeds})")
