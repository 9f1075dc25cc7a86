"""Root-cause variants: one page, several possible causes, the seed picks which one is true.

An incident may list `variants:`. Each variant says only what differs from the incident around it:
which diagnosis is right, what each remediation does, and whatever signals, systems, questions,
logs, changes, evidence, hints and lesson the other cause needs. The page, the title, the briefing
and the menus of options are the same in every variant, so nothing before the investigation tells
them apart; the seed chooses one (weighted), reproducibly, from its own random stream.

Merging rules (docs/authoring.md, "Variants"):

- `systems` merge by name, `signals` and `questions` by id: an entry replaces the incident's entry
  with the same name or id, or adds a new one;
- `diagnoses` and `remediations` patch the incident's options by id (never add one: every variant
  shows the same menus); `correct: ID` names the right diagnosis;
- `logs`, `changes`, `evidence`, `hints` and `debrief`, when given, replace the incident's (a
  variant's `debrief` without an `ask` keeps the incident's).
"""

# Real annotations (no `from __future__ import annotations`): pydantic would evaluate each
# field's annotation text when the models are built, in every `triage validate`.

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from triage.model.colleague import Question
from triage.model.physics import PhysicsSpec
from triage.model.signals import Signal, SignalEffect
from triage.model.story import Change, DebriefText, Evidence, Hint, LogLine
from triage.model.types import Identifier, Minutes
from triage.model.types import StrictModel as _Strict

if TYPE_CHECKING:
    from triage.model.incident import Incident

VARIANT_STREAM = 0x7A12
"""The key of the random stream that picks a variant (apart from every draw of the world)."""


class DiagnosisPatch(_Strict):
    """What a variant says about one diagnosis option (its text stays as the incident has it)."""

    id: Identifier
    """The diagnosis this patches."""
    explanation: str = Field(default="", max_length=800)
    """Why it is or is not the cause in this variant; shown in the debrief."""


class RemediationPatch(_Strict):
    """What one remediation does in a variant (its text stays as the incident has it)."""

    id: Identifier
    """The remediation this patches."""
    effect: Literal["resolves", "helps", "no_effect", "harmful"] | None = None
    """Its effect in this variant (the incident's when left out)."""
    explanation: str | None = Field(default=None, max_length=800)
    """What it does in this variant; shown in the debrief."""
    restores: list[Identifier] | None = None
    """Shape signals whose incident effects fade once this is applied, in this variant."""
    recovery: Minutes | None = Field(default=None, gt=0)
    """Time constant of that fade."""
    signal_effects: list[SignalEffect] | None = None
    """Effects this option adds to signals in this variant, timed from the decision."""
    physics: dict[Identifier, dict[str, float | bool | str]] | None = None
    """Parameter overrides per system in this variant, applied from the decision."""


class Variant(_Strict):
    """One possible cause behind the incident's page, chosen by the seed."""

    id: Identifier
    """Named in the debrief and in `check`; never shown before the debrief."""
    weight: float = Field(default=1.0, gt=0, le=1000)
    """How often the seed picks this variant, relative to the others."""
    correct: Identifier
    """The diagnosis that is right in this variant."""
    diagnoses: list[DiagnosisPatch] = Field(default=[], max_length=12)
    """Explanations of diagnosis options as they read in this variant."""
    remediations: list[RemediationPatch] = Field(default=[], max_length=12)
    """What the remediations do in this variant."""
    systems: dict[Identifier, PhysicsSpec] = Field(default={}, max_length=8)
    """Systems added or replaced (by name)."""
    signals: list[Signal] = Field(default=[], max_length=64)
    """Signals added or replaced (by id)."""
    questions: list[Question] = Field(default=[], max_length=30)
    """ML-team answers added or replaced (by id)."""
    logs: list[LogLine] | None = Field(default=None, max_length=500)
    """The log stream of this variant, replacing the incident's (same form as `logs`)."""
    changes: list[Change] | None = Field(default=None, max_length=100)
    """The change history of this variant, replacing the incident's (same form as `changes`)."""
    evidence: Evidence | None = None
    """The evidence of this variant, replacing the incident's (same form as `evidence`)."""
    hints: list[Hint] | None = Field(default=None, max_length=5)
    """The hints of this variant, replacing the incident's."""
    debrief: DebriefText | None = None
    """The lesson of this variant, replacing the incident's (same form as `debrief`)."""


def _by_id(base: list[Any], extra: list[Any]) -> list[Any]:
    replaced = {item.id: item for item in extra}
    merged = [replaced.pop(item.id, item) for item in base]
    return merged + list(replaced.values())


def _patched(option: Any, patch: Any) -> Any:
    update = {name: value for name, value in patch if name != "id" and value is not None
              and not (name == "explanation" and value == "")}
    return option.model_copy(update=update)


def apply_variant(incident: "Incident", variant: Variant) -> "Incident":
    """The incident as it is when `variant` is the cause: merged, with no variants left."""
    diagnoses = {p.id: p for p in variant.diagnoses}
    remediations = {p.id: p for p in variant.remediations}
    update: dict[str, Any] = {
        "variants": [],
        "systems": {**incident.systems, **variant.systems},
        "signals": _by_id(incident.signals, variant.signals),
        "questions": _by_id(incident.questions, variant.questions),
        "diagnoses": [
            _patched(d, diagnoses[d.id]) if d.id in diagnoses else d
            for d in (d.model_copy(update={"correct": d.id == variant.correct})
                      for d in incident.diagnoses)],
        "remediations": [_patched(r, remediations[r.id]) if r.id in remediations else r
                         for r in incident.remediations],
    }
    for key in ("logs", "changes", "evidence", "hints", "debrief"):
        value = getattr(variant, key)
        if value is not None:
            update[key] = value
    if variant.debrief is not None and not variant.debrief.ask:
        # The question to put to the ML team is usually the same whatever the cause.
        update["debrief"] = variant.debrief.model_copy(update={"ask": incident.debrief.ask})
    return incident.model_copy(update=update)


def pick_variant(incident: "Incident", seed: int) -> Variant | None:
    """The variant this seed plays (None for an incident without variants)."""
    if not incident.variants:
        return None
    import numpy as np  # only when an incident has variants: validate never needs it

    weights = np.array([v.weight for v in incident.variants], dtype=float)
    rng = np.random.default_rng([seed & 0xFFFFFFFFFFFFFFFF, VARIANT_STREAM])
    return incident.variants[int(rng.choice(len(weights), p=weights / weights.sum()))]


def for_seed(incident: "Incident", seed: int) -> "Incident":
    """The incident as this seed plays it: its variant applied, or the incident itself."""
    variant = pick_variant(incident, seed)
    return incident if variant is None else resolved(incident, variant.id)


def resolved(incident: "Incident", variant_id: str) -> "Incident":
    """The incident with the named variant applied (the last few are kept, per incident)."""
    key = (id(incident), variant_id)
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not incident:  # an id can be reused by a new object
        variant = next(v for v in incident.variants if v.id == variant_id)
        cached = _CACHE[key] = (incident, apply_variant(incident, variant))
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
    return cached[1]


def seeds_for_every_variant(incident: "Incident", seeds: list[int], limit: int = 500) -> list[int]:
    """`seeds`, plus the first seed after them that picks each variant they miss."""
    if not incident.variants:
        return list(seeds)
    picked = {seed: pick_variant(incident, seed).id for seed in seeds}  # type: ignore[union-attr]
    seen, extra = set(picked.values()), []
    first = max(seeds, default=0) + 1
    for seed in range(first, first + limit):
        if len(seen) == len(incident.variants):
            break
        variant = pick_variant(incident, seed).id  # type: ignore[union-attr]
        if variant not in seen:
            seen.add(variant)
            extra.append(seed)
    return [*seeds, *extra]


_CACHE_SIZE = 64
_CACHE: dict[tuple[int, str], tuple["Incident", "Incident"]] = {}


def variant_problems(incident: "Incident", index: int) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with variant `index` on its own terms: (location, message) pairs whose
    locations point into the variant's block."""
    variant = incident.variants[index]
    here: tuple[str | int, ...] = ("variants", index)
    found: list[tuple[tuple[str | int, ...], str]] = []
    options = [d.id for d in incident.diagnoses]
    if variant.correct not in options:
        found.append(((*here, "correct"), f"no diagnosis named '{variant.correct}'"))
    for section, patches, known in (("diagnoses", variant.diagnoses, options),
                                    ("remediations", variant.remediations,
                                     [r.id for r in incident.remediations])):
        for k, patch in enumerate(patches):
            if patch.id not in known:
                found.append(((*here, section, k, "id"),
                              f"no {section[:-1]} named '{patch.id}' (a variant patches the "
                              f"incident's options and cannot add one: every variant shows the "
                              "same menus)"))
    return found


def variant_location(incident: "Incident", index: int,
                     loc: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """Where, in variant `index`'s block, a problem found in the merged incident at `loc` comes
    from; None when it comes from the incident itself."""
    variant = incident.variants[index]
    here: tuple[str | int, ...] = ("variants", index)
    if not loc:
        return None
    section, rest = loc[0], loc[1:]
    if section in ("logs", "changes", "evidence", "hints", "debrief") \
            and getattr(variant, str(section)) is not None:
        return (*here, *loc)
    if section == "systems" and rest and rest[0] in variant.systems:
        return (*here, *loc)
    if section in ("signals", "questions") and rest and isinstance(rest[0], int):
        merged = getattr(apply_variant(incident, variant), str(section))
        own = [item.id for item in getattr(variant, str(section))]
        item_id = merged[rest[0]].id if rest[0] < len(merged) else None
        if item_id in own:
            return (*here, section, own.index(item_id), *rest[1:])
    if section in ("diagnoses", "remediations") and rest and isinstance(rest[0], int):
        option_id = getattr(incident, str(section))[rest[0]].id
        patches = [p.id for p in getattr(variant, str(section))]
        if option_id in patches:
            return (*here, section, patches.index(option_id), *rest[1:])
    return None
