"""Pydantic validation errors rewritten as friendly problems, each at its place in the YAML.

`problems_from_validation_error` maps each pydantic error to the key or value it is about in the
YAML source. Pydantic's `loc` also holds parts that are not in the file: the tag of a discriminated
union member (`'ramp'`), the label of a smart-union member (`'Foo'`, `'int'`), and `'[key]'` for
dict keys. When the model is given, its annotations are walked alongside the loc to drop exactly
those parts and to learn the allowed keys and choices at each place (for did-you-mean; the steps of
that walk are in `triage.model.annotations`); without it, parts that are not keys or indices in the
document are dropped. The errors of a smart (undiscriminated) union are folded into one problem
unless one member got clearly further into the value, in which case that member's errors are
reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel, ValidationError

from triage.model.annotations import (
    child_type,
    literal_choices,
    member_tags,
    model_keys,
    pick_member,
    union_members,
    unwrap,
)
from triage.model.messages import friendly_message
from triage.model.problems import Problem, did_you_mean, format_loc

if TYPE_CHECKING:
    from triage.model.strictness import SchemaErrors
    from triage.model.yamlsource import Document


@dataclass
class _Walk:
    """One pydantic error, with its loc resolved against the document and the model."""

    error: Any
    clean: list[str | int] = field(default_factory=list)
    unions: list[tuple[tuple[Any, ...], str, tuple[str | int, ...]]] = field(default_factory=list)
    allowed: list[str] | None = None
    choices: list[str] | None = None


def problems_from_validation_error(
    error: ValidationError | SchemaErrors,
    document: Document,
    path_label: str,
    *,
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    """Return one friendly, positioned Problem per pydantic error, in file order."""
    walks = [_walk(detail, document, model) for detail in error.errors(include_url=False)]
    problems = _collapse(walks, 0, document, path_label)
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line, p.col, p.key, p.message))


def _walk(detail: Any, document: Document, model: Any) -> _Walk:
    raw = tuple(detail["loc"])
    walk = _Walk(detail)
    known: Any = model
    for index, part in enumerate(raw):
        known, discriminator = unwrap(known)
        members = union_members(known)
        if members is not None:  # pydantic names the member (tag or label) before going inside it
            known = pick_member(members, discriminator, part)
            if discriminator is None:
                walk.unions.append((raw[:index], str(part), tuple(walk.clean)))
            continue
        if part == "[key]":  # the key type was taken when the key itself was passed
            continue
        if known is not None:
            fields = model_keys(known)
            if fields is not None and part not in fields:
                walk.allowed = sorted(fields)
            keyed = raw[index + 1 : index + 2] == ("[key]",) and len(get_args(known)) == 2
            known = get_args(known)[0] if keyed else child_type(known, part)
            walk.clean.append(part)
        elif document.exists((*walk.clean, part)) or (
            index == len(raw) - 1 and detail["type"] in ("missing", "extra_forbidden")
        ):
            walk.clean.append(part)
        elif isinstance(part, str):  # a member tag or label we could not resolve
            walk.unions.append((raw[:index], part, tuple(walk.clean)))
    final, discriminator = unwrap(known)
    members = union_members(final)
    if members is not None and discriminator is not None:  # union_tag_* errors stop here
        walk.choices = [tag for member in members
                        for tag in sorted(member_tags(member, unwrap(member)[0], discriminator))]
    else:
        walk.choices = literal_choices(final)
    return walk


def _collapse(walks: list[_Walk], depth: int, document: Document, label: str) -> list[Problem]:
    """Turn walks into problems, folding each smart union's per-member errors into one."""
    problems: list[Problem] = []
    groups: dict[tuple[Any, ...], list[_Walk]] = {}
    for walk in walks:
        if len(walk.unions) > depth:
            groups.setdefault(walk.unions[depth][0], []).append(walk)
        else:
            problems.append(_problem(walk, document, label))
    for prefix, group in groups.items():
        by_member: dict[str, list[_Walk]] = {}
        for walk in group:
            by_member.setdefault(walk.unions[depth][1], []).append(walk)
        reach = {name: max(len(w.error["loc"]) for w in ws) for name, ws in by_member.items()}
        deepest = [name for name, n in reach.items() if n == max(reach.values())]
        if len(by_member) == 1 or (len(deepest) == 1 and reach[deepest[0]] > len(prefix) + 1):
            problems += _collapse(by_member[deepest[0]], depth + 1, document, label)
        else:
            problems.append(_union_problem(prefix, by_member, depth, document, label))
    return problems


def _union_problem(
    prefix: tuple[Any, ...], members: dict[str, list[_Walk]], depth: int, document: Any, label: str
) -> Problem:
    clean = next(iter(members.values()))[0].unions[depth][2]
    wanted: list[str] = []
    got = None
    for name, walks in members.items():
        shallow = [w for w in walks if len(w.error["loc"]) == len(prefix) + 1]
        if shallow:
            got = shallow[0].error.get("input")
            wanted.append(_expected(shallow[0]))
        else:
            wanted.append(f"a valid {name}")
    message = f"expected {' or '.join(dict.fromkeys(wanted))}"
    if got is not None:
        message += f", got {_describe(got)}"
    line, col = document.position(clean)
    return Problem(label, line, col, format_loc(clean), message)


_EXPECTED = {
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), "a mapping of keys"),
    **dict.fromkeys(("list_type", "tuple_type", "set_type"), "a list"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "a whole number"),
    **dict.fromkeys(("float_type", "float_parsing"), "a number"),
    **dict.fromkeys(("bool_type", "bool_parsing"), "true or false"),
    "string_type": "a string",
    "none_required": "nothing (an empty value)",
}


def _expected(walk: _Walk) -> str:
    kind, message = walk.error["type"], walk.error["msg"]
    if kind in ("literal_error", "enum"):
        return "one of: " + ", ".join(walk.choices or _parse_expected(_ctx(walk.error, "expected")))
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    return _strip_prefix(message).removeprefix("Input should be ")


def _problem(walk: _Walk, document: Any, label: str) -> Problem:
    detail, clean = walk.error, walk.clean
    kind, given = detail["type"], detail.get("input")
    ctx = detail.get("ctx") or {}
    at_key = kind in ("extra_forbidden", "missing") or detail["loc"][-1:] == ("[key]",)
    if kind == "extra_forbidden":
        message = f"unknown key '{clean[-1]}'" + did_you_mean(clean[-1], walk.allowed or ())
    elif kind == "missing":
        message = f"missing required key '{clean[-1]}'"
    elif kind in ("literal_error", "enum"):
        choices = walk.choices or _parse_expected(ctx.get("expected"))
        message = f"{_show(given)} is not one of: {', '.join(choices)}"
        message += did_you_mean(given, choices)
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        key = str(ctx.get("discriminator", "")).strip("'")
        choices = walk.choices or _parse_expected(ctx.get("expected_tags"))
        listed = f"one of: {', '.join(choices)}" if choices else ""
        if kind == "union_tag_not_found":
            message, at_key, clean = f"missing required key '{key}'", True, [*clean, key]
            message += f" ({listed})" if listed else ""
        else:
            message = f"{_show(ctx.get('tag'))} is not a valid {key}"
            message += f"; expected {listed}" if listed else ""
            message += did_you_mean(ctx.get("tag"), choices)
            clean = [*clean, key] if document.exists((*clean, key)) else clean
    elif (friendly := friendly_message(detail, clean, document)) is not None:
        message, at_key = friendly[0], at_key or friendly[1]
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(given)}"
    else:
        message = _strip_prefix(detail["msg"])
        message = message[:1].lower() + message[1:]
        if kind not in ("value_error", "assertion_error") and _is_scalar(given):
            message += f" (got {_show(given)})"
    line, col = document.key_position(clean) if at_key else document.position(clean)
    return Problem(label, line, col, format_loc(clean), message)


def _strip_prefix(message: str) -> str:
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _parse_expected(text: Any) -> list[str]:
    """Split pydantic's `'a', 'b' or 'c'` into its choices."""
    parts = re.split(r",\s*|\s+or\s+", str(text or ""))
    return [part.strip().strip("'\"") for part in parts if part.strip()]


def _ctx(detail: Any, name: str) -> Any:
    return (detail.get("ctx") or {}).get(name)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    text = str(value) if isinstance(value, int | float) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    kind = "boolean" if isinstance(value, bool) else "number" if _is_scalar(value) else ""
    kind = "string" if isinstance(value, str) else kind
    return f"the {kind} {_show(value)}" if value is not None and kind else _show(value)
