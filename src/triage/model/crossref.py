"""Cross-reference checks: the rules that tie one part of an incident to another.

Pydantic checks each section's shape; these checks make sure the sections agree: that an alert
names a signal that exists, an evidence item names something the player can open, a remediation
overrides a parameter its system really has, and so on. Each finding carries the location of the
offending value so the validator can print it as `path:line:col`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from triage.model.incident import Incident

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
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
    """Every cross-reference error in one incident, in file order of sections."""
    return list(_check(incident))


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
        elif inc.systems[report.system].kind not in ("drift", "calibration"):
            yield Finding(("reports", index, "system"),
                          f"system '{report.system}' ({inc.systems[report.system].kind}) has no "
                          "report; reports come from drift and calibration systems")

    openable = inc.openable_ids()
    for index, item in enumerate(openable[: len(signals)]):
        if item in ("logs", "changes"):
            yield Finding(("signals", index, "id"), f"'{item}' is reserved for the {item} view")
    for index, report in enumerate(inc.reports):
        if report.id in signals or report.id in ("logs", "changes"):
            yield Finding(("reports", index, "id"),
                          f"report id '{report.id}' is already used by a panel or view")

    correct = [i for i, d in enumerate(inc.diagnoses) if d.correct]
    if len(correct) != 1:
        yield Finding(("diagnoses",), f"exactly one diagnosis must be correct: true "
                      f"(found {len(correct)})")
    if not inc.ideal_remediations:
        yield Finding(("remediations",), "at least one remediation must resolve or help")

    for index, option in enumerate(inc.remediations):
        for k, signal_id in enumerate(option.restores):
            if signal_id not in signals:
                yield Finding(("remediations", index, "restores", k),
                              _missing("signal", signal_id, signals))
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
            for parameter in overrides:
                if parameter not in allowed:
                    yield Finding(("remediations", index, "physics", system, parameter),
                                  f"system '{system}' has no parameter '{parameter}'"
                                  f"{suggest(parameter, allowed)}")

    for section in ("decisive", "supporting", "red_herrings"):
        for k, item in enumerate(getattr(inc.evidence, section)):
            if item not in openable:
                yield Finding(("evidence", section, k), _missing("panel or report", item, openable))


def _check_physics_ref(inc: Incident, index: int, system: str, output: str) -> Iterator[Finding]:
    systems = list(inc.systems)
    if system not in systems:
        yield Finding(("signals", index, "physics"), _missing("system", system, systems))
        return
    outputs = inc.systems[system].outputs()
    if output not in outputs:
        yield Finding(("signals", index, "physics"),
                      f"system '{system}' has no output '{output}'{suggest(output, outputs)}")
