"""Cross-reference checks: the rules that tie one part of an incident to another.

Pydantic checks each section's shape; these checks make sure the sections agree: that an alert
names a signal that exists, an evidence item names something the player can open, a remediation
overrides a parameter its system really has, and so on. Each finding carries the location of the
offending value so the validator can print it as `path:line:col`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from triage.model.incident import MAX_LOG_ENTRIES, MAX_LOG_REPEATS, Incident
from triage.model.physics import MAX_SIMULATED_VALUES, MAX_SIMULATED_WORK, override_problem

Loc = tuple[str | int, ...]


class Finding(NamedTuple):
    """One cross-reference error: where it is and what is wrong."""

    loc: Loc
    message: str


def suggest(word: str, options: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a close match exists, else an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _missing(kind: str, name: str, known: Iterable[str]) -> str:
    known = list(known)
    return f"no {kind} named '{name}'{suggest(name, known)}"


def _duplicates(ids: list[str], section: str, key: str = "id") -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Finding((section, index, key), f"duplicate {key} '{item_id}' in {section}")
        seen.add(item_id)


def check_incident(incident: Incident) -> list[Finding]:
    """Every cross-reference error in one incident, in file order of sections, then in each of
    its variants (checked merged, as a seed plays them, and reported inside the variant)."""
    from triage.model.loopref import check_loop  # it imports Finding from here

    findings = list(_check(incident))
    return findings + list(_check_variants(incident, findings)) + list(check_loop(incident))


def _check_variants(incident: Incident, base: list[Finding]) -> Iterator[Finding]:
    from triage.model.variants import apply_variant, variant_location, variant_problems

    if len(incident.variants) == 1:
        yield Finding(("variants",), "a single variant is the incident itself: fold it in, or "
                      "add the other cause as a second variant")
    yield from _duplicates([v.id for v in incident.variants], "variants")
    known = {(f.loc, f.message) for f in base}
    for index, variant in enumerate(incident.variants):
        problems = variant_problems(incident, index)
        yield from (Finding(loc, message) for loc, message in problems)
        if problems:
            continue
        for finding in _check(apply_variant(incident, variant)):
            if (finding.loc, finding.message) in known:
                continue  # the incident's own problem, reported once above
            where = variant_location(incident, index, finding.loc)
            yield Finding(where or ("variants", index), finding.message
                          + ("" if where else f" (in variant '{variant.id}')"))


def _check(inc: Incident) -> Iterator[Finding]:
    dashboards = [d.id for d in inc.dashboards]
    signals = [s.id for s in inc.signals]
    yield from _duplicates(dashboards, "dashboards")
    yield from _duplicates(signals, "signals")
    yield from _duplicates([r.id for r in inc.reports], "reports")
    yield from _duplicates([q.id for q in inc.questions], "questions")
    yield from _duplicates([d.id for d in inc.diagnoses], "diagnoses")
    yield from _duplicates([r.id for r in inc.remediations], "remediations")
    yield from _duplicates([a.name for a in inc.alerts], "alerts", "name")
    yield from _check_budgets(inc)

    for index, signal in enumerate(inc.signals):
        if signal.dashboard not in dashboards:
            yield Finding(("signals", index, "dashboard"),
                          _missing("dashboard", signal.dashboard, dashboards))
        if signal.physics:
            yield from _check_physics_ref(inc, index, signal.system or "", signal.output or "")
    used = {s.dashboard for s in inc.signals}
    for index, dashboard in enumerate(inc.dashboards):
        if dashboard.id not in used:
            yield Finding(("dashboards", index, "id"),
                          f"dashboard '{dashboard.id}' has no signals on it")

    for index, alert in enumerate(inc.alerts):
        if alert.signal not in signals:
            yield Finding(("alerts", index, "signal"), _missing("signal", alert.signal, signals))
        if (alert.above is None) == (alert.below is None):
            yield Finding(("alerts", index), "give exactly one of 'above' or 'below'")
    alert_names = [a.name for a in inc.alerts]
    if inc.page is not None and inc.page not in alert_names:
        yield Finding(("page",), _missing("alert", inc.page, alert_names))

    systems = list(inc.systems)
    for index, report in enumerate(inc.reports):
        if report.system not in systems:
            yield Finding(("reports", index, "system"), _missing("system", report.system, systems))
        elif inc.systems[report.system].kind not in ("drift", "calibration", "retrieval"):
            yield Finding(("reports", index, "system"),
                          f"system '{report.system}' ({inc.systems[report.system].kind}) has no "
                          "report; reports come from drift, calibration and retrieval systems")

    openable = inc.openable_ids()
    for index, item in enumerate(openable[: len(signals)]):
        if item in ("logs", "changes"):
            yield Finding(("signals", index, "id"), f"'{item}' is reserved for the {item} view")
    for index, report in enumerate(inc.reports):
        if report.id in signals or report.id in ("logs", "changes"):
            yield Finding(("reports", index, "id"),
                          f"report id '{report.id}' is already used by a panel or view")

    correct = [i for i, d in enumerate(inc.diagnoses) if d.correct]
    if inc.variants:
        for i in correct:
            yield Finding(("diagnoses", i, "correct"), "with variants, each variant names its "
                          "right diagnosis (`correct: ID`); mark none correct here")
    elif len(correct) != 1:
        yield Finding(("diagnoses",), f"exactly one diagnosis must be correct: true "
                      f"(found {len(correct)})")
    if not inc.ideal_remediations:
        yield Finding(("remediations",), "at least one remediation must resolve or help")

    for index, option in enumerate(inc.remediations):
        for k, signal_id in enumerate(option.restores):
            if signal_id not in signals:
                yield Finding(("remediations", index, "restores", k),
                              _missing("signal", signal_id, signals))
            elif (problem := _restores_nothing(inc, signal_id)) is not None:
                yield Finding(("remediations", index, "restores", k), problem)
        for k, effect in enumerate(option.signal_effects):
            if effect.signal not in signals:
                yield Finding(("remediations", index, "signal_effects", k, "signal"),
                              _missing("signal", effect.signal, signals))
        for system, overrides in option.physics.items():
            if system not in systems:
                yield Finding(("remediations", index, "physics", system),
                              _missing("system", system, systems))
                continue
            allowed = inc.systems[system].parameters()
            rules = inc.systems[system].override_rules()
            for parameter, value in overrides.items():
                if parameter not in allowed:
                    yield Finding(("remediations", index, "physics", system, parameter),
                                  f"system '{system}' has no parameter '{parameter}'"
                                  f"{suggest(parameter, allowed)}; {_settable(inc, system)}")
                elif parameter in rules and (problem := override_problem(rules[parameter], value)):
                    yield Finding(("remediations", index, "physics", system, parameter),
                                  f"{parameter}: {problem}")

    yield from _check_evidence(inc)
    from triage.model.storyref import check_story  # it imports Finding from here

    yield from check_story(inc)
    from triage.model.quotes import check_quotes  # it imports Finding from here too

    yield from check_quotes(inc)
    from triage.model.logvary import variation_problems

    for index, line in enumerate(inc.logs):
        for problem in variation_problems(line.message):
            yield Finding(("logs", index, "message"), problem)


def _settable(inc: Incident, system: str) -> str:
    """What a remediation may set on a system, in words: `a training system takes: ...`."""
    spec = inc.systems[system]
    allowed = spec.parameters()
    if not allowed:
        return f"a {spec.kind} system has no parameters a remediation can set"
    return f"a {spec.kind} system takes: {', '.join(allowed)}"


def _restores_nothing(inc: Incident, signal_id: str) -> str | None:
    """Why `restores: [signal]` would do nothing: it fades only a signal's own shape effects,
    and a physics signal without any is computed by its system, which `restores` never touches."""
    signal = inc.signal(signal_id)
    if not signal.physics or any(e.kind != "seasonality" for e in signal.effects):
        return None
    system = signal.system or ""
    where = f"; {_settable(inc, system)}" if system in inc.systems else ""
    return (f"'{signal_id}' comes from physics ({signal.physics}), and restores only fades a "
            f"signal's own effects, so it changes nothing here: set the system's parameters "
            f"under physics: {{{system}: {{...}}}} instead{where}")


def _check_evidence(inc: Incident) -> Iterator[Finding]:
    """Questions are asked somehow; named log lines and changes have ids no one else uses; the
    evidence lists name things the player can see."""
    for index, question in enumerate(inc.questions):
        if not question.topic and not question.ask.strip():
            yield Finding(("questions", index), "give the question a 'topic' (recent-changes, "
                          "data-sources, evaluation or opinion) or its own 'ask' text")
    # Question ids predate the shared namespace, so a clash there is resolved (panels first)
    # rather than refused: files that validated before still do.
    taken = {*inc.openable_ids(), *(q.id for q in inc.questions)}
    named = [("logs", i, line.id) for i, line in enumerate(inc.logs) if line.id]
    named += [("changes", i, change.id) for i, change in enumerate(inc.changes) if change.id]
    for section, index, item_id in named:
        if item_id in taken:
            yield Finding((section, index, "id"), f"id '{item_id}' is already used by a panel, "
                          "report, view, question, log line or change; evidence ids are shared")
        taken.add(item_id)
    known = inc.evidence_ids()
    signals = [s.id for s in inc.signals]
    for k, item in enumerate(inc.debrief.whatif):
        if item not in signals:
            yield Finding(("debrief", "whatif", k), _missing("panel", item, signals))
    for section in ("decisive", "supporting", "red_herrings", "reassuring"):
        for k, item in enumerate(getattr(inc.evidence, section)):
            if item not in known:
                yield Finding(("evidence", section, k), _missing(
                    "panel, report, question, log line or change", item, known))


def _check_physics_ref(inc: Incident, index: int, system: str, output: str) -> Iterator[Finding]:
    systems = list(inc.systems)
    if system not in systems:
        yield Finding(("signals", index, "physics"), _missing("system", system, systems))
        return
    outputs = inc.systems[system].outputs()
    if output not in outputs:
        yield Finding(("signals", index, "physics"),
                      f"system '{system}' has no output '{output}'{suggest(output, outputs)}")


def _check_budgets(inc: Incident) -> Iterator[Finding]:
    """Limits that keep one play cheap: onset inside the timeline, log volume, physics cost."""
    duration = inc.timeline.duration
    onset = inc.timeline.onset
    latest = onset[1] if isinstance(onset, tuple) else onset
    if latest >= duration:
        yield Finding(("timeline", "onset"), f"the onset ({latest:g} min) must come before the "
                      f"end of the timeline ({duration:g} min)")
    entries = 0
    for line in inc.logs:
        earliest = line.at[0] if isinstance(line.at, tuple) else line.at
        span = duration + max(0.0, -earliest)
        every = line.every[0] if isinstance(line.every, tuple) else line.every
        entries += min(MAX_LOG_REPEATS, int(span // every) + 1) if every else 1
    if entries > MAX_LOG_ENTRIES:
        yield Finding(("logs",), f"the log lines repeat into about {entries:,} entries over the "
                      f"timeline (limit {MAX_LOG_ENTRIES:,}); repeat them less often")
    minutes = int(duration)
    costs = {name: spec.cost(minutes) for name, spec in inc.systems.items()}
    values = sum(cost[0] for cost in costs.values())
    work = sum(cost[1] for cost in costs.values())
    if values > MAX_SIMULATED_VALUES or work > MAX_SIMULATED_WORK:
        worst = max(costs, key=lambda name: costs[name][1] / MAX_SIMULATED_WORK
                    + costs[name][0] / MAX_SIMULATED_VALUES)
        yield Finding(("systems", worst), (
            f"the systems are too costly to simulate over {minutes:,} minutes: about "
            f"{values:,} numbers and {work:,} multiply-adds (limits {MAX_SIMULATED_VALUES:,} and "
            f"{MAX_SIMULATED_WORK:,}); '{worst}' costs most: use fewer or smaller windows, "
            "samples, features or steps, or a shorter timeline"))
