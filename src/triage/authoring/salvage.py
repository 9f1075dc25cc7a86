"""Cross-reference errors in an incident that also has schema errors.

The cross-reference checks (`triage.model.crossref`) need a valid `Incident`. So that an author
sees every error in one run, not the schema errors first and the broken references after fixing
them, a file that fails pydantic is salvaged in two steps:

1. **Repair**: in each list item, system or section with an error, a misspelt key is renamed to
   the missing key it was meant as (`dashbord` to `dashboard`), and any other key with an error
   is removed so its default applies. A signal with a typo, or a system with one bad number,
   keeps its id, its dashboard and its kind, so what refers to it is still checked (an alert's
   signal, a remediation's parameters).
2. **Drop**: whatever still fails is dropped (a list item or system) or replaced (a broken
   section falls back to its default, a broken required scalar gets a stand-in).

The rest is validated again and cross-checked. Findings that the salvage itself could cause (a
reference to a dropped item, a check on a replaced section or a removed key) are left out, so what
remains are real errors the author would meet next. When the salvaged data still does not
validate, only the schema errors are reported.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Sequence
from typing import Any

from triage.model.crossref import Finding

# Stand-ins for required sections that are not lists; checks on them are then left out.
_STAND_INS: dict[str, Any] = {
    "schema": "triage/incident@1",
    "id": "salvaged",
    "title": "salvaged",
    "pitfall": "false_alarm",
    "difficulty": 1,
    "service": "salvaged",
    "briefing": "salvaged",
    "evidence": {"decisive": ["logs"]},
    "debrief": {"saw": "-", "meant": "-", "monitor": "-", "do": "-"},
}
_SUBJECT = re.compile(r"'([^']*)'")
Loc = tuple[Any, ...]


def _names(item: Any) -> set[str]:
    """The names a dropped item stood for: its id, and every other name it holds (such as the
    dashboard it was on, even under a misspelt key)."""
    if not isinstance(item, dict):
        return set()
    return {str(value) for value in item.values()
            if isinstance(value, str | int) and not isinstance(value, bool)}


def _item_path(data: dict[str, Any], loc: Loc) -> Loc | None:
    """The list item, system or mapping section an error is inside, or None at the top level."""
    section = data.get(loc[0])
    if len(loc) >= 2 and isinstance(section, list) and isinstance(loc[1], int):
        return loc[:2] if loc[1] < len(section) else None
    if len(loc) >= 2 and loc[0] == "systems" and isinstance(section, dict) and loc[1] in section:
        return loc[:2]
    return loc[:1] if isinstance(section, dict) and len(loc) >= 2 else None


def _get(data: Any, path: Loc) -> Any:
    for part in path:
        data = data[part]
    return data


def _repair(data: dict[str, Any], errors: Sequence[dict[str, Any]],
            renamed: dict[Loc, Loc]) -> set[Loc]:
    """Rename misspelt keys (noting each in `renamed`, new path to old), correct a misspelt
    `kind`, and remove broken keys, in place; returns the paths of the keys removed."""
    extra: dict[Loc, list[str]] = {}
    missing: dict[Loc, list[str]] = {}
    broken: dict[Loc, set[str]] = {}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        path = _item_path(data, loc) if loc else None
        if path is None or not isinstance(_get(data, path), dict):
            continue
        item = _get(data, path)
        if error.get("type") == "union_tag_invalid" and _fix_tag(item, error):
            continue
        key = loc[-1] if error.get("type") in ("extra_forbidden", "missing") else next(
            (part for part in loc[len(path):] if isinstance(part, str) and part in item), None)
        if error.get("type") == "extra_forbidden" and key in item:
            extra.setdefault(path, []).append(key)
        elif error.get("type") == "missing" and isinstance(key, str):
            missing.setdefault(path, []).append(key)
        elif key is not None:
            broken.setdefault(path, set()).add(key)
    removed: set[Loc] = set()
    for path, keys in extra.items():
        item, wanted = _get(data, path), missing.get(path, [])
        for key in keys:
            meant = difflib.get_close_matches(key, wanted, n=1, cutoff=0.6)
            if meant and meant[0] not in item:
                item[meant[0]] = item.pop(key)
                wanted.remove(meant[0])
                renamed[(*path, meant[0])] = (*path, key)
            else:
                item.pop(key, None)
    for path, keys in broken.items():
        item = _get(data, path)
        for key in keys:
            if key in item:
                del item[key]
                removed.add((*path, key))
    return removed


def _fix_tag(item: dict[str, Any], error: dict[str, Any]) -> bool:
    """Replace a misspelt `kind: trainin` by the one tag it is close to; True if it did."""
    ctx = error.get("ctx") or {}
    key = str(ctx.get("discriminator", "")).strip("'")
    tags = _SUBJECT.findall(str(ctx.get("expected_tags", "")))
    close = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1, cutoff=0.6)
    if key in item and close:
        item[key] = close[0]
        return True
    return False


def _validate(data: dict[str, Any]) -> tuple[Any, list[dict[str, Any]]]:
    from triage.model.incident import Incident
    from triage.model.strictness import SchemaErrors, validate_model

    try:
        return validate_model(Incident, data), []
    except SchemaErrors as error:
        return None, error.errors()


def salvage_findings(data: Any, errors: Sequence[dict[str, Any]]) -> list[Finding]:
    """Cross-reference findings for the parts of `data` that pydantic did not reject.

    `errors` are pydantic's raw errors (`ValidationError.errors()`); finding locations refer to
    the original data (list indices are mapped back across dropped items).
    """
    from triage.model.crossref import check_incident
    from triage.model.incident import Incident

    if not isinstance(data, dict):
        return []
    data = copy.deepcopy(data)
    renamed: dict[Loc, Loc] = {}
    removed = _repair(data, errors, renamed)
    # A key removed from a section (not a list item or system) may be one the section's own
    # checks read (the timeline's duration for its onset): leave that section's checks out.
    sections = {path[0] for path in removed if len(path) == 2 and path[0] != "systems"}
    incident, errors = _validate(data)
    dropped: dict[str, set[Any]] = {}
    replaced: set[str] = set()
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if not loc or not isinstance(loc[0], str):
            return []
        section, value = loc[0], data.get(loc[0])
        if len(loc) >= 2 and isinstance(value, list) and isinstance(loc[1], int):
            dropped.setdefault(section, set()).add(loc[1])
        elif len(loc) >= 2 and section == "systems" and isinstance(value, dict) and loc[1] in value:
            dropped.setdefault(section, set()).add(loc[1])
        else:
            replaced.add(section)

    names: set[str] = set()
    kept: dict[str, list[int]] = {}
    for section, keys in dropped.items():
        value = data[section]
        if isinstance(value, list):
            for index in keys:
                names |= _names(value[index])
            kept[section] = [i for i in range(len(value)) if i not in keys]
            data[section] = [value[i] for i in kept[section]]
        else:
            names |= {str(key) for key in keys}
            data[section] = {k: v for k, v in value.items() if k not in keys}
    fields = Incident.model_fields
    by_alias = {(info.alias or name): info for name, info in fields.items()}
    for section in replaced:
        info = by_alias.get(section)
        if section in _STAND_INS:
            data[section] = copy.deepcopy(_STAND_INS[section])
        elif info is None or not info.is_required():
            data.pop(section, None)  # an unknown key, or a section with a default
        else:
            return []

    if dropped or replaced:
        incident, errors = _validate(data)
    if incident is None:
        return []
    findings = []
    for finding in check_incident(incident):
        section = finding.loc[0] if finding.loc else ""
        if section in replaced or section in sections or (section in dropped
                                                            and len(finding.loc) == 1):
            continue
        subject = _SUBJECT.search(finding.message)
        if subject is not None and subject.group(1) in names:
            continue  # about a dropped item (its did-you-mean may still name one: that is fine)
        if any(finding.loc[:len(path)] == path or finding.loc == path[:-1] for path in removed):
            continue  # about a removed key, or its whole item (`give exactly one of ...`)
        loc = next((old + finding.loc[len(new):] for new, old in renamed.items()
                    if finding.loc[:len(new)] == new), finding.loc)
        if section in kept and len(loc) > 1 and isinstance(loc[1], int):
            loc = (section, kept[str(section)][loc[1]], *loc[2:])
        findings.append(Finding(loc, finding.message))
    return findings
