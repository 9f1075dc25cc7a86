"""No lax coercion: a value must already have the type the schema gives it.

pydantic's default ("lax") mode turns `difficulty: "1"` into 1, `warm_start: 1` into true and
`learning_rate: "0.05"` into a number. The JSON Schema (and the editor using it) refuses those,
and so does triage: `validate_model` validates as usual, then checks the same data with a guard
validator built from the model's own core schema, in which every integer, number and boolean
first refuses a value of another JSON type:

- an integer takes a whole number (`2`, or `2.0`, which JSON Schema also calls an integer), never
  text or a boolean;
- a number takes an integer or a float, never text or a boolean;
- a boolean takes only `true` or `false`, never `1`, `0`, `"yes"` or `"true"`.

Text is already strict (pydantic never turns a number into text). Validators that parse their own
input (durations such as `15m`, `[low, high]` ranges) run before the guard, so they keep working.
The guard's result is thrown away; only its errors count, and each is reported once, beside the
ordinary validation errors, at its place in the file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError, SchemaValidator, core_schema

_GUARDS: dict[type, SchemaValidator] = {}
_NAMES = {"int": "int_type", "float": "float_type", "bool": "bool_type"}
_MESSAGES = {"int": "Input should be a valid integer", "float": "Input should be a valid number",
             "bool": "Input should be a valid boolean"}


class SchemaErrors(ValueError):
    """Validation failed: pydantic's errors plus the coercions the guard refused.

    `errors()` has the same shape as `pydantic.ValidationError.errors()`, so the positioned
    problems are made the same way (`triage.model.error_mapping`).
    """

    def __init__(self, details: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(details)} validation error(s)")
        self.details = details

    def errors(self, *, include_url: bool = False) -> list[dict[str, Any]]:
        """Every error, as `ValidationError.errors()` gives them."""
        return list(self.details)


def _refuse(kind: str) -> Any:
    def guard(value: Any) -> Any:
        wrong = not isinstance(value, bool) if kind == "bool" else isinstance(value, bool | str)
        if wrong:
            raise PydanticCustomError(_NAMES[kind], _MESSAGES[kind])
        return value

    return guard


_REFUSERS = {kind: _refuse(kind) for kind in _NAMES}


_KEPT = frozenset(("cls", "function", "metadata"))
"""Keys whose values are copied as they are, never walked."""
_UNWRAPPED = frozenset(("model", "function-after"))
_WALKED = (dict, list)


def _guarded(node: Any) -> Any:
    """A copy of a core schema in which int, float and bool refuse other JSON types first.

    Model nodes become their `model-fields` (pydantic would otherwise reuse the model's own,
    lax validator), and after-validators are dropped: they expect model instances or checked
    values, and only the type errors of this pass are kept. (Only dicts and lists are walked,
    tested by their exact class: the schema of an incident has thousands of nodes.)
    """
    if node.__class__ is list:
        return [_guarded(item) if item.__class__ in _WALKED else item for item in node]
    if node.__class__ is not dict:
        return node
    kind = node.get("type")
    if kind in _UNWRAPPED:
        inner = dict(_guarded(node["schema"]))
        if "ref" in node:
            inner["ref"] = node["ref"]
        return inner
    out = {}
    for key, value in node.items():
        if value.__class__ in _WALKED and key not in _KEPT:
            value = _guarded(value)
        out[key] = value
    if kind in _REFUSERS:
        return core_schema.no_info_before_validator_function(_REFUSERS[kind], out)
    return out


def _guard(model: type[BaseModel]) -> SchemaValidator:
    validator = _GUARDS.get(model)
    if validator is None:
        validator = _GUARDS[model] = SchemaValidator(_guarded(model.__pydantic_core_schema__))
    return validator


def coercions(model: type[BaseModel], data: Any) -> list[dict[str, Any]]:
    """The values in `data` that lax validation would coerce to another type, as errors."""
    try:
        _guard(model).validate_python(data)
    except ValidationError as error:
        return [detail for detail in error.errors(include_url=False)
                if detail.get("type") in _NAMES.values()]
    return []


def validate_model(model: type[BaseModel], data: Any) -> Any:
    """`model.model_validate(data)` without lax coercion; raises `SchemaErrors` with every error."""
    try:
        value, details = model.model_validate(data), []
    except ValidationError as error:
        value, details = None, error.errors(include_url=False)
    wrong_type = coercions(model, data)
    if wrong_type:  # a value of the wrong type says so, rather than what lax parsing made of it
        refused = {tuple(detail["loc"]) for detail in wrong_type}
        details = [d for d in details if tuple(d["loc"]) not in refused] + wrong_type
    if details:
        raise SchemaErrors(details)
    return value
