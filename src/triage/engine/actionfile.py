"""Read and write actions files: the YAML list of steps that replays a play headless.

Every malformed step and every id the incident does not have is reported with its line and
column, and nothing is played until the whole file is valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.engine.actions import KEYED_ACTIONS, SIMPLE_ACTIONS, TIMED_ACTIONS, Action
from triage.engine.evidence import MAX_CITES, CitationError, resolve
from triage.engine.oncall import parse_severity
from triage.engine.people import owners_for
from triage.engine.session import MAX_WAIT
from triage.engine.status_update import PARTS, choices
from triage.model.colleague import menu
from triage.model.crossref import suggest
from triage.model.incident import Incident
from triage.model.steps import parse_step_list
from triage.model.types import parse_minutes
from triage.model.variants import for_seed, resolved
from triage.model.yaml12 import dump_yaml
from triage.model.yamlsource import Document, Problem, YamlError, load_yaml


class ActionFileError(Exception):
    """An actions file that cannot be played; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def _parse_step(step: Any, incident: Incident) -> tuple[Action | None, str, tuple]:
    """An Action, or None with a message and the location (relative to the step) to blame."""
    kinds = SIMPLE_ACTIONS + KEYED_ACTIONS
    if isinstance(step, str):
        if step in SIMPLE_ACTIONS:
            return Action(step), "", ()  # type: ignore[arg-type]
        hint = suggest(step, kinds)
        if step in KEYED_ACTIONS:
            return None, f"'{step}' needs a value, e.g. '{step}: ...'", ()
        return None, f"unknown action '{step}'{hint}", ()
    if not isinstance(step, dict) or not step:
        return None, "a step is an action name or a one-key mapping such as 'open: grad_norm'", ()
    kind = next(iter(step))
    extra = [k for k in step
             if k != kind and not (kind == "diagnose" and k in ("confidence", "cite"))]
    if kind not in KEYED_ACTIONS:
        return None, f"unknown action '{kind}'{suggest(str(kind), kinds)}", (kind,)
    if extra:
        return None, f"unexpected key '{extra[0]}' in a '{kind}' step", (extra[0],)
    value = step[kind]
    if kind in TIMED_ACTIONS:
        try:
            minutes = parse_minutes(value)
        except ValueError as error:
            return None, str(error), (kind,)
        if kind == "wait" and not 0 < minutes <= MAX_WAIT:
            return None, f"wait between 1s and {MAX_WAIT:g}m, not {minutes:g}m", (kind,)
        if minutes <= 0:  # idle: time that passed while reading, of any length
            return None, f"idle time must be above 0m, not {minutes:g}m", (kind,)
        return Action(kind, minutes=minutes), "", ()
    if kind == "remediate":
        options = value if isinstance(value, list) else [value]
        known = [r.id for r in incident.remediations]
        for index, option in enumerate(options):
            if option not in known:
                return None, f"no remediation option '{option}'{suggest(str(option), known)}", \
                    (kind, index) if isinstance(value, list) else (kind,)
        return Action("remediate", remediations=tuple(str(o) for o in options)), "", ()
    if kind in ("revert", "escalate", "declare", "update"):
        return _parse_loop_step(kind, value, incident)
    if kind in ("mark", "unmark"):
        try:
            _resolve_any(incident, str(value))
        except CitationError as error:
            return None, str(error), (kind,)
        return Action(kind, target=str(value)), "", ()
    known = {
        "open": incident.openable_ids(),
        "ask": [entry for entry, _ in menu(incident.questions)]
        + [q.id for q in incident.questions if q.topic],
        "diagnose": [d.id for d in incident.diagnoses],
    }[kind]
    if not isinstance(value, str) or value not in known:
        noun = {"open": "panel, report or view", "ask": "question",
                "diagnose": "diagnosis option"}[kind]
        return None, f"no {noun} named '{value}'{suggest(str(value), known)}", (kind,)
    if kind == "diagnose":
        confidence = step.get("confidence", 1.0)
        if isinstance(confidence, bool) or not isinstance(confidence, int | float) \
                or not 0.0 <= confidence <= 1.0:
            return None, "confidence must be a number from 0 to 1 (0.8 is 80% sure)", \
                ("confidence",)
        cites, message, where = _parse_cites(step.get("cite", []), incident)
        if message:
            return None, message, where
        return Action("diagnose", target=value, confidence=float(confidence), cites=cites), "", ()
    return Action(kind, target=value), "", ()


def _parse_loop_step(kind: str, value: Any, incident: Incident
                     ) -> tuple[Action | None, str, tuple]:
    """A step only the on-call loop has: revert, escalate, declare or update."""
    if kind == "revert":
        known = [r.id for r in incident.remediations]
        if value not in known:
            return None, f"no remediation option '{value}'{suggest(str(value), known)}", (kind,)
        return Action("revert", target=str(value)), "", ()
    if kind == "escalate":
        known = [owner.id for owner in owners_for(incident)]
        if value not in known:
            return None, f"no one to escalate to named '{value}'{suggest(str(value), known)}" \
                f" (owners: {', '.join(known)})", (kind,)
        return Action("escalate", target=str(value)), "", ()
    if kind == "declare":
        level = parse_severity(value)
        if level is None:
            return None, f"a severity is SEV1 (worst) to SEV4, not '{value}'", (kind,)
        return Action("declare", target=str(level)), "", ()
    if not isinstance(value, dict) or not value:
        return None, "an update is a mapping of parts, e.g. {impact: stopped, cause: ...}", \
            (kind,)
    parts, menus = [], choices(incident)
    for part, chosen in value.items():
        if part not in PARTS:
            return None, f"a status update has no part '{part}'{suggest(str(part), PARTS)}", \
                (kind, part)
        if part == "done":
            chosen = tuple(str(c) for c in (chosen if isinstance(chosen, list) else [chosen]))
        known = list(menus[part])
        for choice in (chosen if isinstance(chosen, tuple) else (chosen,)):
            if choice not in known:
                return None, f"'{choice}' is not a choice for {part}" \
                    f"{suggest(str(choice), known)} (choices: {', '.join(known)})", (kind, part)
        parts.append((str(part), chosen if isinstance(chosen, tuple) else str(chosen)))
    return Action("update", parts=tuple(parts)), "", ()


def _parse_cites(value: Any, incident: Incident) -> tuple[tuple[str, ...], str, tuple]:
    """The `cite:` list of a diagnose step: references to evidence, at most `MAX_CITES`."""
    refs = value if isinstance(value, list) else [value]
    if len(refs) > MAX_CITES:
        return (), f"cite at most {MAX_CITES} things, not {len(refs)}", ("cite",)
    for index, ref in enumerate(refs):
        if not isinstance(ref, str | int | float) or isinstance(ref, bool):
            return (), "a citation is a reference such as 'grad_norm@12m' or 'logs#3'", \
                ("cite", index) if isinstance(value, list) else ("cite",)
        try:
            _resolve_any(incident, str(ref))
        except CitationError as error:
            return (), str(error), ("cite", index) if isinstance(value, list) else ("cite",)
    return tuple(str(ref) for ref in refs), "", ()


def _resolve_any(incident: Incident, ref: str) -> None:
    """Accept a reference that some variant of the incident has (the seed decides which variant
    is played, and the engine refuses, at its step, what the played one lacks); raise the
    CitationError of the incident itself when none has it."""
    try:
        resolve(incident, ref)
        return
    except CitationError as error:
        first = error
    for variant in incident.variants:
        try:
            resolve(resolved(incident, variant.id), ref)
            return
        except CitationError:
            continue
    raise first


def parse_actions(document: Document, incident: Incident, label: str,
                  seed: int | None = None) -> list[Action]:
    """Turn a loaded actions document into Actions, or raise ActionFileError with every problem.

    With `seed`, the steps are checked against the variant that seed plays; without one, a
    citation is accepted when any variant of the incident has it."""
    if seed is not None:
        incident = for_seed(incident, seed)
    actions, problems = parse_step_list(
        document, label, lambda step: _parse_step(step, incident), "an actions file")
    if problems:
        raise ActionFileError(problems)
    return actions


def load_actions(path: Path, incident: Incident, seed: int | None = None) -> list[Action]:
    """Load an actions file for an incident."""
    try:
        document = load_yaml(path, expect_mapping=False)
    except YamlError as error:
        raise ActionFileError(error.problems) from None
    return parse_actions(document, incident, str(path), seed)


def dump_actions(actions: list[Action]) -> str:
    """An actions file (YAML text) that replays these actions."""
    return dump_yaml([a.to_step() for a in actions], sort_keys=False, allow_unicode=True)
