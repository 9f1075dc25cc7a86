"""Tables of the authoring guide that are generated from the code, so the guide cannot drift.

`docs/authoring.md` holds each table between `<!-- NAME:start ... -->` and `<!-- NAME:end -->`
markers; a test compares them with these functions. `python -m triage.authoring.guidetables`
rewrites them in a guide given on the command line (or prints them with no argument):

- `list_sizes_markdown()`: every list (and mapping) of the incident format with a smallest or
  largest size, read from the pydantic models, plus the sizes only `validate` enforces;
- `pitfall_cards_markdown()`: each pitfall's card as the debrief shows it (`triage.model.pitfalls`).
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel

CROSS_FIELD_SIZES = (("variants", "2, when given", "a single variant is the incident itself"),)
"""Sizes `validate` checks across keys, which the models (and the JSON Schema) cannot say."""


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models an annotation holds (in a list, a mapping, a union, an Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _is_collection(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_collection(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin in (list, dict) or annotation in (list, dict)


def _sizes(model: type[BaseModel], path: str, seen: set[type]) -> Iterator[tuple[str, str, str]]:
    for name, info in model.model_fields.items():
        key = f"{path}{info.alias or name}"
        if _is_collection(info.annotation):
            low = next((m.min_length for m in info.metadata
                        if isinstance(m, annotated_types.MinLen)), None)
            high = next((m.max_length for m in info.metadata
                         if isinstance(m, annotated_types.MaxLen)), None)
            if low or high is not None:
                yield key, str(low or 0), "" if high is None else str(high)
        inner = "[]." if typing.get_origin(info.annotation) is list else "."
        if typing.get_origin(info.annotation) is dict:
            inner = ".NAME."
        for child in _models_in(info.annotation):
            if child in seen:
                continue
            yield from _sizes(child, f"{key}{inner}", seen | {child})


def list_sizes_markdown() -> str:
    """The list sizes table: each list with a smallest size (and its largest), then the largest
    size of every other list; a variant's lists are left out (they have the incident's sizes)."""
    from triage.model.incident import Incident

    rows = [row for row in dict.fromkeys(_sizes(Incident, "", {Incident}))
            if not row[0].startswith("variants[].")]
    largest = {key: high for key, _, high in rows}
    lines = ["| list | at least | at most |", "|---|---|---|"]
    lines += [f"| `{key}` | {low} | {high or 'no limit'} |" for key, low, high in sorted(rows)
              if low != "0"]
    lines += [f"| `{key}` | {low} | {largest[key]} |" for key, low, _ in CROSS_FIELD_SIZES]
    why = "; ".join(f"`{key}`: {reason}" for key, _, reason in CROSS_FIELD_SIZES)
    checked = {key for key, *_ in CROSS_FIELD_SIZES}
    most = ", ".join(f"`{key}` {high}" for key, low, high in sorted(rows)
                     if low == "0" and high and key not in checked)
    return ("\n".join(lines) + f"\n\nOnly `validate` checks the sizes that depend on other keys "
            f"({why}). A variant's lists have the incident's sizes. Every other list may be "
            f"empty, and holds at most: {most}.\n")


def pitfall_cards_markdown() -> str:
    """Every pitfall's card, in the order `triage new` lists the pitfalls."""
    from triage.model.pitfalls import PITFALLS

    out = []
    for card in PITFALLS.values():
        out.append(f"**{card.title}** (`{card.id}`)\n")
        out += [f"- *{label}*: {text}" for label, text in (
            ("see", card.see), ("means", card.means), ("monitor", card.monitor),
            ("do", card.do))]
        out.append("")
    return "\n".join(out)


TABLES = {"list-sizes": list_sizes_markdown, "pitfall-cards": pitfall_cards_markdown}
"""Each generated table of the guide, by its marker name."""


def section(text: str, name: str) -> str | None:
    """What `text` holds between the `name` markers (None when it has no such markers)."""
    found = re.search(rf"<!-- {name}:start[^>]*-->\n(.*?)<!-- {name}:end -->", text, re.S)
    return found.group(1) if found else None


def regenerate(text: str) -> str:
    """`text` with every generated table between its markers rewritten from the code."""
    for name, build in TABLES.items():
        text = re.sub(rf"(<!-- {name}:start[^>]*-->\n)(.*?)(<!-- {name}:end -->)",
                      lambda m, b=build: m.group(1) + b() + m.group(3), text, flags=re.S)
    return text


def main(argv: list[str]) -> int:
    """Rewrite the tables in the guide named in `argv`, or print them when none is named."""
    if not argv:
        for build in TABLES.values():
            sys.stdout.write(build() + "\n")
        return 0
    path = Path(argv[0])
    path.write_text(regenerate(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
