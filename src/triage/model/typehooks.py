"""Annotations that build a value type's pydantic schema in one step (`triage.model.types`).

`Parse(func, json_schema, serializer)` stands for pydantic's `BeforeValidator(func)`,
`WithJsonSchema(json_schema)` and `PlainSerializer(serializer)` together, `Check(func)` for
`AfterValidator(func)`, `JsonSchema(json_schema)` for a lone `WithJsonSchema`, and
`Constrained(pattern=..., max_length=...)` for a `Field(pattern=..., max_length=...)` on an
`Annotated` type (`Identifier`: a pattern and a length, set on the text's schema). Each builds the
very core schema and JSON Schema those build (the same dictionaries, the same functions in them),
but in one call: pydantic inspects the signature of a validator or serializer function, and runs
a handler per annotation, at every field that uses the type, again each time a model is built.
Durations and seed-varied numbers appear at about 80 fields of an incident; building the
incident's validator spent a quarter of its time on them.

The functions must take the value alone (no `ValidationInfo`), as every one in `types` does.
`func` is kept as an attribute, where `triage.authoring.schema_polish` reads its `bounds`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic_core import core_schema


class JsonSchema:
    """The JSON Schema a type shows the editor, in place of the one pydantic would derive
    (`WithJsonSchema(json_schema)`)."""

    __slots__ = ("json_schema",)

    def __init__(self, json_schema: dict[str, Any]) -> None:
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """The inner type's schema, unchanged."""
        return handler(source)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        """A copy of `json_schema` (shallow, as `WithJsonSchema` gives it)."""
        return self.json_schema.copy()

    def __repr__(self) -> str:
        return f"JsonSchema({self.json_schema!r})"


class Parse(JsonSchema):
    """`func` reads the author's value before pydantic checks the type (a before-validator);
    `json_schema` is what the editor sees; `serializer`, if given, writes the value back."""

    __slots__ = ("func", "serializer")

    def __init__(self, func: Callable[[Any], Any], json_schema: dict[str, Any],
                 serializer: Callable[[Any], Any] | None = None) -> None:
        super().__init__(json_schema)
        self.func, self.serializer = func, serializer

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """`func` before the inner type's schema, with the serializer if there is one."""
        schema = core_schema.no_info_before_validator_function(self.func, handler(source))
        if self.serializer is not None:
            schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
                function=self.serializer, info_arg=False, return_schema=None, when_used="always")
        return schema

    def __repr__(self) -> str:
        return f"Parse({self.func.__qualname__})"


class Check:
    """`func` checks the value once the type is checked (an after-validator)."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """The inner type's schema, then `func`."""
        return core_schema.no_info_after_validator_function(self.func, handler(source))

    def __repr__(self) -> str:
        return f"Check({self.func.__qualname__})"


class Constrained:
    """Constraints set on a simple type's schema (`pattern`, `max_length`...), as a
    `Field(pattern=..., max_length=...)` inside `Annotated` sets them there."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """The inner type's schema with the constraints set."""
        return {**handler(source), **self.constraints}

    def __repr__(self) -> str:
        return f"Constrained({self.constraints!r})"
