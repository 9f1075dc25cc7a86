"""What a pydantic model's annotations allow at each place of an error's `loc`.

`error_mapping` walks a validation error's `loc` alongside the model's annotations. These are the
steps of that walk: strip `Optional`, `Annotated`, `NewType` and type aliases (`unwrap`), find a
union's members and the member a loc part names (`union_members`, `pick_member`,
`member_tags`), the keys a model accepts (`model_keys`), the type one level down
(`child_type`), and the values a Literal or Enum allows (`literal_choices`, for did-you-mean).
"""

from __future__ import annotations

import collections.abc as abc
import enum
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Tag


def unwrap(known: Any) -> tuple[Any, Any]:
    """Strip Annotated, Optional, NewType and type aliases; return (type, discriminator)."""
    discriminator = None
    while True:
        origin = get_origin(known)
        if origin is Annotated:
            known, *metadata = get_args(known)
            for meta in metadata:
                discriminator = getattr(meta, "discriminator", None) or discriminator
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(known) if arg is not type(None)]
            if len(members) != 1:
                return known, discriminator
            known = members[0]
        elif hasattr(known, "__supertype__"):
            known = known.__supertype__
        elif hasattr(known, "__value__") and not isinstance(known, type):
            known = known.__value__
        else:
            return known, discriminator


def union_members(known: Any) -> list[Any] | None:
    """The members of a union (None left out), or None when `known` is not a union."""
    if get_origin(known) in (Union, types.UnionType):
        return [arg for arg in get_args(known) if arg is not type(None)]
    return None


def pick_member(members: list[Any], discriminator: Any, part: Any) -> Any:
    """The member a loc part names: by its tag when the union has a discriminator, else by the
    class name pydantic labels a smart-union member with (None when none matches)."""
    for member in members:
        base, _ = unwrap(member)
        if discriminator is None:
            if isinstance(base, type) and base.__name__ == part:
                return member
        elif str(part) in member_tags(member, base, discriminator):
            return member
    return None


def member_tags(member: Any, base: Any, discriminator: Any) -> set[str]:
    """The tags that select `member` (its `Tag`, or the values its discriminator field allows)."""
    tags = set()
    if get_origin(member) is Annotated:
        tags |= {str(meta.tag) for meta in get_args(member)[1:] if isinstance(meta, Tag)}
    fields = model_keys(base)
    if isinstance(discriminator, str) and fields is not None:
        named = {name: info for name, info in base.model_fields.items()} | fields
        if discriminator in named:
            tags |= set(literal_choices(unwrap(named[discriminator].annotation)[0]) or ())
    return tags


def model_keys(known: Any) -> dict[str, Any] | None:
    """Return the keys a model accepts (aliases where set), or None if `known` is not a model."""
    if not (isinstance(known, type) and issubclass(known, BaseModel)):
        return None
    keys = {}
    config = known.model_config
    by_name = config.get("populate_by_name") or config.get("validate_by_name")
    for name, info in known.model_fields.items():
        alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
        keys[alias or name] = info
        if by_name:
            keys[name] = info
    return keys


def child_type(known: Any, part: Any) -> Any:
    """The type at key or index `part` inside `known` (a model, list, tuple or mapping), or None."""
    fields = model_keys(known)
    if fields is not None:
        info = fields.get(part)
        if info is None:
            return None
        return Annotated[info.annotation, info] if info.discriminator else info.annotation
    origin, args = get_origin(known), get_args(known)
    if origin in (list, set, frozenset, abc.Sequence, abc.MutableSequence, abc.Set):
        return args[0] if args else None
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return args[part] if isinstance(part, int) and part < len(args) else None
    if origin in (dict, abc.Mapping, abc.MutableMapping) and len(args) == 2:
        return args[1]
    return None


def literal_choices(known: Any) -> list[str] | None:
    """The values a Literal or Enum allows, as text (None for any other type)."""
    if get_origin(known) is Literal:
        return [str(v.value if isinstance(v, enum.Enum) else v) for v in get_args(known)]
    if isinstance(known, type) and issubclass(known, enum.Enum):
        return [str(member.value) for member in known]
    return None
