"""The blind-play results as `triage check` lines: one per strategy, and the table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from triage.authoring.checkresult import CheckResult, seeds_text

if TYPE_CHECKING:
    from triage.authoring.worlds import SharedWorlds
    from triage.model.incident import Incident


def blind_play_checks(incident: Incident, seeds: Sequence[int],
                      worlds: SharedWorlds | None = None) -> Iterator[CheckResult]:
    """Each blind strategy must average below a pass; the failing ones say which cue let them
    pass (with spoilers) and what to change; the last line is the table. Every play of a seed
    starts from its one world in `worlds` (made here when not given)."""
    from triage.authoring.blindadvice import advice
    from triage.authoring.blindplay import blind_results, play_strategy
    from triage.authoring.worlds import SharedWorlds
    from triage.engine.scoring import PASSING

    worlds = worlds if worlds is not None else SharedWorlds(incident)
    results = blind_results(incident, seeds, worlds)
    for result in results[:-1]:
        grades = " ".join(result.grades)
        detail = (f"mean {result.mean:.0f}, {result.passes} of {len(seeds)} pass ({grades}; "
                  f"{seeds_text(seeds)})")
        ok = result.mean < PASSING
        public = None
        if not ok:
            worst = max(range(len(seeds)), key=lambda i: result.scores[i])
            why = advice(incident, result.name, play_strategy(incident, result.name,
                                                              seeds[worst], worlds))
            detail = f"averages a pass without investigating: {detail}"
            public = (f"blind play: {result.name} fails",
                      f"{detail}; --spoilers says which cue let it pass")
            detail = f"{detail}. {why}"
        yield CheckResult(f"blind play: {result.name} fails", ok, detail, result.as_dict(),
                          public)
    yield CheckResult("blind play: table", True, "; ".join(
        f"{r.name} {r.mean:.0f}" for r in results), {"strategies": [r.as_dict() for r in results]})
