"""Cross-reference errors in an incident that also has schema errors.

The cross-reference checks (`triage.model.crossref`) need a valid `Incident`. So that an author
sees every error in one run, not the schema errors first and the broken references after fixing
them, a file that fails pydantic is salvaged: the list items and systems with errors are dropped,
broken optional sections fall back to their defaults, broken required scalars get a stand-in, and
the rest is validated again and cross-checked. Findings that could be caused by the salvage itself
(a reference to a dropped item, a section that was replaced) are left out, so what remains are
real errors the author would meet next. When the salvaged data still does not validate, only the
schema errors are reported.
"""

from __future__ import annotations

import copy
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


def _names(item: Any) -> set[str]:
    """The names a dropped item stood for: its id, and every other name it holds (such as the
    dashboard it was on, even under a misspelt key)."""
    if not isinstance(item, dict):
        return set()
    return {str(value) for value in item.values()
            if isinstance(value, str | int) and not isinstance(value, bool)}


def salvage_findings(data: Any, errors: Sequence[dict[str, Any]]) -> list[Finding]:
    """Cross-reference findings for the parts of `data` that pydantic did not reject.

    `errors` are pydantic's raw errors (`ValidationError.errors()`); finding locations refer to
    the original data (list indices are mapped back across dropped items).
    """
    from pydantic import ValidationError

    from triage.model.crossref import check_incident
    from triage.model.incident import Incident

    if not isinstance(data, dict):
        return []
    data = copy.deepcopy(data)
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

    try:
        incident = Incident.model_validate(data)
    except ValidationError:
        return []
    findings = []
    for finding in check_incident(incident):
        section = finding.loc[0] if finding.loc else ""
        if section in replaced or (section in dropped and len(finding.loc) == 1):
            continue
        if any(f"'{name}'" in finding.message for name in names):
            continue
        loc = finding.loc
        if section in kept and len(loc) > 1 and isinstance(loc[1], int):
            loc = (section, kept[str(section)][loc[1]], *loc[2:])
        findings.append(Finding(loc, finding.message))
    return findings
