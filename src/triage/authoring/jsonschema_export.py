"""JSON Schema (draft 2020-12) of the authored file formats, for editors and other validators.

The schema is pydantic's (`model_json_schema(by_alias=True)`, descriptions from field docstrings,
read here by `field_docstrings`) with the draft declared and a title, polished by
`triage.authoring.schema_polish`: the bounds `validate` enforces, durations as the loader parses
them (`1h 30m`, `- 30m`), patterns explained in words, hover text without doubled titles. It
describes the shape of one file; the cross-field rules (an alert names a signal that exists...)
are beyond JSON Schema and are left to `triage validate` (docs/authoring.md lists them).

Each kind in `SCHEMA_KINDS` is `"module:Model"` (a pydantic model, exported here) or
`"module:function"` (a function returning a finished schema, as game-day plans provide).
"""

from __future__ import annotations

import ast
import copy
import importlib
import inspect
import textwrap
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from triage.authoring.schema_polish import apply_bounds, field_bounds, polish

DRAFT = "https://json-schema.org/draft/2020-12/schema"

SCHEMA_KINDS: dict[str, str] = {
    "incident": "triage.model.incident:Incident",
    "gameday": "triage.gameday.plan:plan_json_schema",
    "lab": "triage.lab.model:Lab",
    "lab-rules": "triage.lab.rules_model:RulesFile",
}
"""The models `triage schema --kind` can export, imported only when asked for."""



def json_schema(kind: str = "incident") -> dict[str, Any]:
    """The JSON Schema of one file kind, with `$schema` first."""
    module, _, name = SCHEMA_KINDS[kind].partition(":")
    model = getattr(importlib.import_module(module), name)
    if not hasattr(model, "model_json_schema"):
        return polish(dict(model()))
    body = polish(model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=DocumentedSchema))
    schema_id = _schema_const(body)
    title = f"triage {kind} ({schema_id})" if schema_id else f"triage {kind}"
    head: dict[str, Any] = {"$schema": DRAFT, "title": title}
    body.pop("title", None)
    return {**head, **body}


def _schema_const(body: dict[str, Any]) -> str | None:
    prop = body.get("properties", {}).get("schema", {})
    value = prop.get("const")
    if value is None and len(prop.get("enum", [])) == 1:
        value = prop["enum"][0]
    return value if isinstance(value, str) else None


class DocumentedSchema(GenerateJsonSchema):
    """pydantic's generator, with each field's description taken from the docstring under it.

    The models do not set `use_attribute_docstrings`: pydantic would then parse every model's
    source when the model module is imported, which cost `triage validate` and `triage list`
    about a fifth of their start-up for descriptions that only this export shows.
    """

    def model_schema(self, schema: Any) -> Any:
        """The model's schema, with a description on every documented field that lacks one."""
        json_schema = super().model_schema(schema)
        properties = json_schema.get("properties", {})
        cls = schema["cls"]
        for name, doc in field_docstrings(cls).items():
            field = cls.model_fields.get(name)
            key = (field.alias or name) if field is not None else None
            if key in properties:
                properties[key].setdefault("description", doc)
        for name, field in cls.model_fields.items():
            key = field.alias or name
            bounds = field_bounds(field)
            if bounds is not None and key in properties:
                # a copy: pydantic shares one dict between every field of the same type
                properties[key] = copy.deepcopy(properties[key])
                apply_bounds(properties[key], bounds)
        return json_schema


def field_docstrings(cls: type) -> dict[str, str]:
    """The docstring under each annotated attribute of `cls` and its bases (nearest wins)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ in ("builtins", "typing") or klass.__module__.startswith("pydantic"):
            continue
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):  # no source (a frozen or dynamically made class)
            continue
        body = ast.parse(source).body[0]
        statements = body.body if isinstance(body, ast.ClassDef) else []
        for previous, statement in zip(statements, statements[1:], strict=False):
            if (isinstance(previous, ast.AnnAssign) and isinstance(previous.target, ast.Name)
                    and isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)):
                docs[previous.target.id] = inspect.cleandoc(statement.value.value)
    return docs
