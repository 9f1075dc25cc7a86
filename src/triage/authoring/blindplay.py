"""Blind play: strategies that never investigate must fail, and the ideal path must earn an A.

A score that can be earned without looking at the dashboards teaches the wrong thing. For each
seed, `triage check` plays these strategies headless and fails the incident when any of them
averages a passing score (50), or when the ideal path does not earn an A every time:

- **longest-worded**: open nothing; pick the longest root cause and the longest fix, 100% sure,
  citing the signal that paged (the one thing a blind player has seen);
- **open everything**: open every panel, report, the logs and the changes, ask the ML team every
  question, read none of it; cite three of those things at random, then the longest options;
- **random**: open nothing; a random root cause and fix, 50% sure, citing the signal that paged;
- **word overlap**: open nothing; the options sharing most words with the title, the page and the
  incident id, 100% sure, citing the signal that paged.

Every strategy plays the on-call loop to the end, as a guesser would: after its fix it watches
for half an hour, sends the update its guess implies (harm ongoing, its cause, its fix, fixing
the cause next, ETA unknown: the most a blind player can honestly say) and declares the incident
resolved. The ideal path is the ideal loop (`triage.engine.ideal`).

Each failure says why, and what to change (`advice`). Random draws come from the incident id,
the seed and the strategy's name, so a check repeats exactly.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triage.engine.scoring_parts import PASSING

if TYPE_CHECKING:
    from triage.authoring.worlds import SharedWorlds
    from triage.engine.actions import Action
    from triage.engine.session import Session
    from triage.model.incident import Incident

GUESS_WATCH = 30.0
"""Minutes a blind strategy watches after its fix before it resolves."""
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an and or of to in on at for by with from is are was were be been it its this that "
    "than then so as into after before over under not no more less now has have had".split())


@dataclass(frozen=True)
class StrategyResult:
    """How one strategy did on every seed."""

    name: str
    scores: tuple[int, ...]
    grades: tuple[str, ...]

    @property
    def mean(self) -> float:
        """The mean score over the seeds."""
        return sum(self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def passes(self) -> int:
        """How many seeds scored a pass."""
        return sum(1 for score in self.scores if score >= PASSING)

    def as_dict(self) -> dict[str, object]:
        """The JSON form: name, mean, passes, scores, grades."""
        return {"strategy": self.name, "mean": round(self.mean, 1), "passes": self.passes,
                "scores": list(self.scores), "grades": list(self.grades)}


def content_words(text: str) -> set[str]:
    """The lower-cased words of `text` worth comparing (no stopwords, three letters or more)."""
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2}


def _longest(options: Sequence) -> str:
    return max(options, key=lambda option: (len(option.text), option.id)).id


def _page_cite(session: Session) -> list[str]:
    return [session.page.alert.signal] if session.page else []


def _apply_all(session: Session, actions: Sequence[Action]) -> None:
    """Apply what can be applied; a blind player does not stop for a refusal."""
    from triage.engine.session import ActionError

    for action in actions:
        if session.ended:
            return
        try:
            session.apply(action)
        except ActionError:
            continue


def _finish(session: Session, cause: str, fix: str, confidence: float,
            cites: Sequence[str]) -> None:
    from triage.engine import actions as act

    _apply_all(session, [act.diagnose(cause, confidence, list(cites)[:3]), act.remediate(fix)])
    if session.diagnosis is None:  # a citation was refused: diagnose without it
        _apply_all(session, [act.diagnose(cause, confidence), act.remediate(fix)])
    if session.oncall is not None:  # the loop: watch a while, say what a guess can, resolve
        _apply_all(session, [act.wait(GUESS_WATCH), act.update(
            impact="ongoing", cause=cause, done=[fix], next="fix-cause", eta="unknown"),
            act.resolve()])


def _longest_worded(session: Session, rng: random.Random) -> None:
    from triage.engine import actions as act

    inc = session.incident
    _apply_all(session, [act.acknowledge()])
    _finish(session, _longest(inc.diagnoses), _longest(inc.remediations), 1.0,
            _page_cite(session))


def _open_everything(session: Session, rng: random.Random) -> None:
    from triage.engine import actions as act
    from triage.engine.evidence import ref_for_change, ref_for_log
    from triage.model.colleague import menu

    inc = session.incident
    _apply_all(session, [act.acknowledge(), *(act.open_(i) for i in inc.openable_ids()),
                         *(act.ask(entry) for entry, _ in menu(inc.questions))])
    seen = [*(s.id for s in inc.signals), *(r.id for r in inc.reports), *session.asked]
    seen += sorted({ref_for_log(inc, e.index) for e in session.visible_logs()})
    seen += sorted({ref_for_change(inc, e.index) for e in session.visible_changes()})
    _finish(session, _longest(inc.diagnoses), _longest(inc.remediations), 1.0,
            rng.sample(seen, min(3, len(seen))))


def _random(session: Session, rng: random.Random) -> None:
    from triage.engine import actions as act

    inc = session.incident
    _apply_all(session, [act.acknowledge()])
    _finish(session, rng.choice(inc.diagnoses).id, rng.choice(inc.remediations).id, 0.5,
            _page_cite(session))


def overlap_words(session: Session) -> set[str]:
    """The words a player who reads only the title, the page and the id has to go on."""
    inc = session.incident
    page = session.page.alert if session.page else None
    text = f"{inc.title} {inc.id.replace('-', ' ')}"
    if page is not None:
        text += f" {page.name} {page.summary} {page.runbook}"
    return content_words(re.sub(r"([a-z])([A-Z])", r"\1 \2", text))


def _word_overlap(session: Session, rng: random.Random) -> None:
    from triage.engine import actions as act

    inc, words = session.incident, overlap_words(session)

    def best(options: Sequence) -> str:
        return max(options, key=lambda o: (
            len(content_words(o.text) & words), -len(o.text), o.id)).id

    _apply_all(session, [act.acknowledge()])
    _finish(session, best(inc.diagnoses), best(inc.remediations), 1.0, _page_cite(session))


STRATEGIES: dict[str, Callable[[Session, random.Random], None]] = {
    "longest-worded": _longest_worded,
    "open everything": _open_everything,
    "random": _random,
    "word overlap": _word_overlap,
}
"""The blind strategies, by name."""


def play_strategy(incident: Incident, name: str, seed: int,
                  worlds: SharedWorlds | None = None) -> Session:
    """A fresh session played by the named strategy (or `ideal`) with this seed, on the seed's
    world from `worlds` when given (built for this play otherwise)."""
    from triage.engine.ideal import ideal_loop_play
    from triage.engine.session import Session

    if name == "ideal":
        world = worlds.world(seed) if worlds is not None else None
        ideal = ideal_loop_play(incident, seed, world=world)
        if ideal is not None:
            return ideal
    session = worlds.session(seed, loop=True) if worlds is not None \
        else Session(incident, seed, loop=True)
    if name == "ideal":  # the ideal loop could not be played: its refused step shows here
        from triage.engine.ideal import ideal_loop_steps

        _apply_all(session, ideal_loop_steps(incident, seed))
    else:
        STRATEGIES[name](session, random.Random(f"{incident.id}:{seed}:{name}"))
    return session


def blind_results(incident: Incident, seeds: Sequence[int],
                  worlds: SharedWorlds | None = None) -> list[StrategyResult]:
    """Every blind strategy and the ideal path (last), over the seeds; every play of a seed
    starts from the one world `worlds` holds for it (a `SharedWorlds` made here if not given)."""
    from triage.authoring.worlds import SharedWorlds
    from triage.engine.scoring import grade_for, score_lines, total_score

    shared = worlds if worlds is not None else SharedWorlds(incident)
    results = []
    for name in [*STRATEGIES, "ideal"]:
        scores = tuple(total_score(score_lines(play_strategy(incident, name, seed, shared)))
                       for seed in seeds)
        results.append(StrategyResult(name, scores, tuple(grade_for(s) for s in scores)))
    return results
