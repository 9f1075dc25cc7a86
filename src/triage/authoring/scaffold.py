"""Scaffolds for `triage new`: a commented incident for each pitfall, valid and checked as written.

Each pitfall has a template in `triage/authoring/templates/<pitfall>.yaml` (package data). A
template is a complete incident with `{{id}}`, `{{title}}` and `{{file}}` placeholders; the rest is
ordinary YAML with comments that explain what to change. The test suite runs `new`, `validate`
and `check` on every template, so an author starts from something that already works.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

_ID_CHARS = re.compile(r"[^a-z0-9_.-]+")


def pitfall_ids() -> list[str]:
    """The pitfalls that have a template, sorted (cheap: lists the templates folder)."""
    folder = resources.files("triage.authoring") / "templates"
    return sorted(entry.name[: -len(".yaml")] for entry in folder.iterdir()
                  if entry.name.endswith(".yaml"))


def template_text(pitfall: str) -> str:
    """The raw template of one pitfall (KeyError if there is none)."""
    entry = resources.files("triage.authoring") / "templates" / f"{pitfall}.yaml"
    if not entry.is_file():
        raise KeyError(pitfall)
    return entry.read_text(encoding="utf-8")


def incident_id_for(path: Path) -> str:
    """An incident id made from a file name: `Loss Spike.yaml` becomes `loss-spike`."""
    stem = path.name
    for suffix in (".yaml", ".yml"):
        stem = stem.removesuffix(suffix)
    slug = _ID_CHARS.sub("-", stem.lower()).strip("-_.")
    return slug[:80] or "new-incident"


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON's quoting is valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def default_title(pitfall: str) -> str:
    """A placeholder title naming the pitfall's card."""
    from triage.model.pitfalls import PITFALLS

    card = PITFALLS.get(pitfall)
    return f"{card.title if card else pitfall.replace('_', ' ').capitalize()} (draft)"


def render_scaffold(pitfall: str, incident_id: str, title: str | None = None,
                    file_name: str | None = None) -> str:
    """The scaffold text for a pitfall, with its id, title and file name filled in."""
    text = template_text(pitfall)
    return (text.replace("{{id}}", incident_id)
            .replace("{{file}}", file_name or f"{incident_id}.yaml")
            .replace("{{title}}", yaml_string(title or default_title(pitfall))))
