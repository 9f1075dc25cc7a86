"""Load lab files and rules files: YAML with positions, pydantic, then the lab's own checks.

Every problem is a `Problem` at its `path:line:col`, with a did-you-mean where a name is close to
one that exists; nothing here raises anything but `LabError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.lab.expr import Condition, ExprError, parse_expr
from triage.lab.model import Lab
from triage.lab.rules_model import Rule, RuleGroup, RulesFile
from triage.model.problems import Problem, YamlError, did_you_mean
from triage.model.yamlsource import Document, load_yaml

_METRIC_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_LAB_HEAD = re.compile(rb"(?m)^schema:[ \t]*[\"']?triage/lab@")


class LabError(Exception):
    """A lab or rules file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class RuleSet:
    """Validated rules with their parsed conditions, in file order."""

    rules: tuple[Rule, ...]
    conditions: tuple[Condition, ...]
    source: str
    """Where they came from: a path, or `reference`."""


def builtin_labs_dir() -> Path:
    """The directory of the built-in labs (inside the wheel, else the checkout's `labs/`)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "labs"
    return installed if installed.is_dir() else package.parent.parent / "labs"


def lab_files(paths: Iterable[Path]) -> list[Path]:
    """The lab files (`schema: triage/lab@...` near the top) among `paths` and under them."""
    from triage.fileio import read_regular
    from triage.model.pack import yaml_files

    found = []
    for path in yaml_files(paths):
        try:
            head = read_regular(path, 4095)[0]  # never blocks on a FIFO, never reads a device
        except OSError:
            continue
        if _LAB_HEAD.search(head):
            found.append(path)
    return found


def _problems(document: Document, label: str, model: Any, data: Any) -> tuple[Any, list[Problem]]:
    from triage.model.error_mapping import problems_from_validation_error
    from triage.model.strictness import SchemaErrors, validate_model

    try:
        return validate_model(model, data), []
    except SchemaErrors as error:
        return None, problems_from_validation_error(error, document, label, model=model)


def _source_lines(label: str) -> list[str]:
    try:
        return Path(label).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return []


def _expr_problem(document: Document, label: str, loc: tuple[Any, ...], error: ExprError,
                  lines: list[str]) -> Problem:
    """The problem at the character of `expr` it is about (the value's start when the value
    spans lines or is a block scalar)."""
    line, col = document.position(loc)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    start = col - 1
    quoted = start < len(text) and text[start] in "'\""
    value = document.source_text(loc) or ""
    if quoted:
        start += 1
    if text[start:start + len(value)] == value:
        col = start + error.index + 1
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    return Problem(label, line, col, key, error.message)


def check_rules(groups: list[RuleGroup], lab: Lab, document: Document, label: str,
                prefix: tuple[Any, ...] = (), text: str | None = None,
                ) -> tuple[list[Condition], list[Problem]]:
    """Parse every rule's `expr` and check its names against the lab; returns the conditions (for
    valid rules) and the problems. `text` is the source (read from `label` when not given), to
    point at the character of an expression that is wrong."""
    visible = [s.id for s in lab.signals if not s.hidden]
    hidden = {s.id for s in lab.signals if s.hidden}
    actions = [a.id for a in lab.actions]
    lines = text.splitlines() if text is not None else _source_lines(label)
    conditions, problems, names = [], [], set()
    for g, group in enumerate(groups):
        for r, rule in enumerate(group.rules):
            loc = (*prefix, g, "rules", r)
            if rule.alert in names:
                problems.append(document.problem((*loc, "alert"),
                                                 f"a second alert named '{rule.alert}'"))
            names.add(rule.alert)
            if rule.labels.action not in actions:
                problems.append(document.problem(
                    (*loc, "labels", "action"), f"unknown action '{rule.labels.action}'"
                    f"{did_you_mean(rule.labels.action, actions)}; the menu has "
                    f"{', '.join(actions)}"))
            try:
                condition = parse_expr(rule.expr)
            except ExprError as error:
                problems.append(_expr_problem(document, label, (*loc, "expr"), error, lines))
                continue
            bad = False
            for ref in condition.refs:
                if ref.signal in visible:
                    continue
                bad = True
                message = (f"'{ref.signal}' is hidden: the world has it, no dashboard shows "
                           "it, so no rule can read it" if ref.signal in hidden else
                           f"unknown signal '{ref.signal}'{did_you_mean(ref.signal, visible)}")
                error = ExprError(message, ref.index)
                problems.append(_expr_problem(document, label, (*loc, "expr"), error, lines))
            if condition.looks_back >= lab.minutes - lab.history.training:
                bad = True
                error = ExprError(f"this looks back {condition.looks_back / 1440:g}d, longer "
                                  "than the scored part of the history; shorten the range or "
                                  "offset", 0)
                problems.append(_expr_problem(document, label, (*loc, "expr"), error, lines))
            if not bad:
                conditions.append(condition)
    return conditions, problems


def _iter_lab_findings(lab: Lab) -> Iterator[tuple[tuple[Any, ...], str]]:
    dashboards = [d.id for d in lab.dashboards]
    signals = [s.id for s in lab.signals]
    shapes_hidden = [s.id for s in lab.signals if s.hidden and s.measure is None]
    actions = [a.id for a in lab.actions]
    for kind, items in (("dashboards", lab.dashboards), ("signals", lab.signals),
                        ("actions", lab.actions), ("events", lab.events),
                        ("incidents", lab.incidents)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                yield (kind, i, "id"), f"a second {kind[:-1]} with id '{item.id}'"
            seen.add(item.id)
    for i, signal in enumerate(lab.signals):
        if not signal.hidden and not _METRIC_NAME.match(signal.id):
            yield (("signals", i, "id"), "a signal rules can name is a metric name: lower-case "
                   "letters, digits and '_' (no '-' or '.')")
        if signal.dashboard is None and not signal.hidden:
            yield ("signals", i), "missing required key 'dashboard' (or set hidden: true)"
        elif signal.dashboard is not None and signal.dashboard not in dashboards:
            yield (("signals", i, "dashboard"), f"unknown dashboard '{signal.dashboard}'"
                   f"{did_you_mean(signal.dashboard, dashboards)}")
        if signal.measure is not None and signal.measure.of not in shapes_hidden:
            yield (("signals", i, "measure", "of"), f"'{signal.measure.of}' is not a hidden shape "
                   f"signal{did_you_mean(signal.measure.of, shapes_hidden)}; a measure reads one "
                   "with hidden: true and a baseline")
    for kind, items in (("events", lab.events), ("incidents", lab.incidents)):
        for i, item in enumerate(items):
            for e, effect in enumerate(item.effects):
                if effect.signal not in signals:
                    yield ((kind, i, "effects", e, "signal"), f"unknown signal '{effect.signal}'"
                           f"{did_you_mean(effect.signal, signals)}")
    training = lab.history.training
    for i, incident in enumerate(lab.incidents):
        start = incident.start[0] if isinstance(incident.start, tuple) else incident.start
        latest = incident.start[-1] if isinstance(incident.start, tuple) else incident.start
        lasts = incident.lasts[-1] if isinstance(incident.lasts, tuple) else incident.lasts
        if start < training:
            yield (("incidents", i, "start"), f"starts inside the training window (the first "
                   f"{training / 1440:g}d), which players study and the replay does not score")
        if lasts <= 0:
            yield ("incidents", i, "lasts"), "an incident lasts longer than zero"
        elif latest + lasts > lab.minutes:
            yield (("incidents", i, "lasts"), f"can end after the history ({lab.history.weeks} "
                   "weeks); start it earlier or make it shorter")
        for f, fit in enumerate(incident.fits):
            if fit not in actions:
                yield (("incidents", i, "fits", f), f"unknown action '{fit}'"
                       f"{did_you_mean(fit, actions)}")


def check_lab_document(document: Document, label: str) -> tuple[Lab | None, list[Problem]]:
    """Validate a parsed lab document; returns the lab (when valid) and every problem."""
    lab, problems = _problems(document, label, Lab, document.data)
    if lab is None:
        return None, problems
    for loc, message in _iter_lab_findings(lab):
        problems.append(document.problem(loc, message))
    _, rule_problems = check_rules(list(lab.reference), lab, document, label, ("reference",))
    problems = sorted(problems + rule_problems, key=lambda p: (p.line, p.col))
    return (lab if not problems else None), problems


def load_lab(path: Path | str) -> Lab:
    """Load and fully validate a lab file, or raise LabError with every problem."""
    label = str(path)
    try:
        document = load_yaml(path)
    except YamlError as error:
        raise LabError(error.problems) from None
    lab, problems = check_lab_document(document, label)
    if lab is None:
        raise LabError(problems)
    return lab


def reference_rules(lab: Lab) -> RuleSet:
    """The lab's reference rules, parsed (a loaded lab's reference is known to be valid)."""
    rules = tuple(rule for group in lab.reference for rule in group.rules)
    return RuleSet(rules, tuple(parse_expr(rule.expr) for rule in rules), "reference")


def load_rules(path: Path | str, lab: Lab) -> RuleSet:
    """Load a player's rules file and check it against the lab, or raise LabError."""
    label = str(path)
    try:
        document = load_yaml(path)
    except YamlError as error:
        raise LabError(error.problems) from None
    return _rule_set(document, lab, label, None)


def rules_from_text(text: str, lab: Lab, label: str = "rules") -> RuleSet:
    """Rules written in the game (not in a file), checked as `load_rules` checks a file."""
    from triage.model.yamlsource import load_yaml_text

    try:
        document = load_yaml_text(text, label)
    except YamlError as error:
        raise LabError(error.problems) from None
    return _rule_set(document, lab, label, text)


def _rule_set(document: Document, lab: Lab, label: str, text: str | None) -> RuleSet:
    rules_file, problems = _problems(document, label, RulesFile, document.data)
    if rules_file is None:
        raise LabError(problems)
    conditions, problems = check_rules(rules_file.groups, lab, document, label, ("groups",),
                                       text)
    if problems:
        raise LabError(sorted(problems, key=lambda p: (p.line, p.col)))
    return RuleSet(tuple(rules_file.rules), tuple(conditions), label)


def find_lab(ref: str, dirs: Iterable[Path] = ()) -> Lab:
    """A lab by path, or by id among the built-in labs and `dirs`; LabError if it is invalid,
    KeyError (with the closest ids) if nothing has that id."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or "/" in ref or candidate.is_file():
        return load_lab(candidate)
    known = {}
    for path in lab_files([builtin_labs_dir(), *dirs]):
        try:
            lab = load_lab(path)
        except LabError:
            continue
        known.setdefault(lab.id, lab)
    if ref in known:
        return known[ref]
    raise KeyError(f"no lab with id '{ref}'{did_you_mean(ref, known)}; "
                   f"'triage lab list' shows them")
