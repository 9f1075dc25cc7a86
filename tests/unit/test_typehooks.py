"""The one-step annotations of `triage.model.typehooks` validate, refuse and export exactly as the
pydantic annotations they stand for (a pydantic upgrade that changed either would show here)."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)

from triage.model.typehooks import Check, Constrained, JsonSchema, Parse
from triage.model.types import MinutesRange, parse_minutes


def _minutes(value: Any) -> float:
    return parse_minutes(value)


def _pair(value: Any) -> Any:
    return tuple(parse_minutes(v) for v in value) if isinstance(value, list) else _minutes(value)


def _positive(value: Any) -> Any:
    if min(value if isinstance(value, tuple) else (value,)) <= 0:
        raise ValueError("must be above 0")
    return value


def _as_list(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


_JSON = {"anyOf": [{"type": "string"}, {"type": "number"}]}
_BOUND = {"type": "number", "exclusiveMinimum": 0}
_PATTERN = r"^[a-z][a-z0-9_]*$"
Span = float | tuple[float, float]


class Standard(BaseModel):
    """The fields written with pydantic's own annotations."""

    wait: Annotated[float, BeforeValidator(_minutes), WithJsonSchema(_JSON)] = Field(
        default=5.0, gt=0, le=60)
    span: Annotated[Span, BeforeValidator(_pair), WithJsonSchema(_JSON),
                    PlainSerializer(_as_list), AfterValidator(_positive),
                    WithJsonSchema(_BOUND)] = 1.0
    name: Annotated[str, Field(pattern=_PATTERN, max_length=8)] = "a"
    names: list[Annotated[str, Field(pattern=_PATTERN, max_length=8)]] = Field(default=[])


class Hooked(BaseModel):
    """The same fields with the one-step annotations."""

    wait: Annotated[float, Parse(_minutes, _JSON)] = Field(default=5.0, gt=0, le=60)
    span: Annotated[Span, Parse(_pair, _JSON, serializer=_as_list), Check(_positive),
                    JsonSchema(_BOUND)] = 1.0
    name: Annotated[str, Constrained(pattern=_PATTERN, max_length=8)] = "a"
    names: list[Annotated[str, Constrained(pattern=_PATTERN, max_length=8)]] = Field(default=[])


def _errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[Any, ...]]:
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [(e["loc"], e["type"], e["msg"]) for e in error.errors(include_url=False)]
    return []


@pytest.mark.parametrize("data", [
    {},
    {"wait": "15m", "span": ["1m", "2h"], "name": "ok_name", "names": ["a", "b1"]},
    {"wait": "2h"},                      # above the Field's le: the bound still applies
    {"wait": 0},                         # not above gt
    {"wait": "soon"},                    # the before-validator refuses
    {"span": ["5m", "-1m"]},             # the after-validator refuses
    {"span": [1, 2, 3]},
    {"name": "Bad Name"},                # the pattern
    {"name": "much_too_long"},           # the length
    {"names": ["ok", "Not ok"]},
])
def test_hooks_accept_and_refuse_what_pydantic_annotations_do(data: dict[str, Any]) -> None:
    assert _errors(Hooked, data) == _errors(Standard, data)
    if not _errors(Standard, data):
        assert Hooked.model_validate(data).model_dump() == \
            Standard.model_validate(data).model_dump()


def test_hooks_export_the_same_json_schema() -> None:
    for mode in ("validation", "serialization"):
        hooked = Hooked.model_json_schema(mode=mode)
        standard = Standard.model_json_schema(mode=mode)
        for own in ("title", "description"):  # the class's name and docstring
            hooked.pop(own), standard.pop(own)
        assert hooked == standard


def test_a_range_reads_durations_and_is_written_back_as_a_list() -> None:
    class Timed(BaseModel):
        at: MinutesRange = 1.0

    assert Timed(at=["1m", "1h"]).model_dump() == {"at": [1.0, 60.0]}
    assert Timed(at="90s").model_dump() == {"at": 1.5}
